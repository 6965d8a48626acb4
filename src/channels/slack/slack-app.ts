/**
 * The bolt `App` behind the Slack channel. Payloads reach it from our Fastify route (Events API
 * and interactivity) or from bolt's `SocketModeReceiver`; its listeners map them to
 * `InboundMessage`s and hand them to the engine. Bolt acknowledges events as soon as it sees
 * them; Concord must acknowledge only once the message is stored, so bolt gets a no-op `ack`
 * and the real acknowledgement travels in `customProperties.concord` (see {@link Dispatch}).
 */
import { App, LogLevel, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/logger';
import type { Engine } from '../../engine/engine';
import { receiveUntilStored } from '../receive';
import type { InboundMessage } from '../../engine/messages';
import type { Logger } from '../../logger';
import type { Clock } from '../../clock';
import { ACTION_PREFIX } from './render';
import { mapBlockAction, mapMessageEvent } from './payloads';

/** What one dispatched payload reports back to the transport that carried it. */
export interface Dispatch {
  /** The message is durably stored: acknowledge Slack now. */
  stored(): void;
  /** Storing failed: do not acknowledge, so Slack retries. */
  failed(err: unknown): void;
}

export interface SlackAppOptions {
  botToken: string;
  appToken?: string;
  apiUrl?: string;
  engine: Engine;
  clock: Clock;
  log: Logger;
}

/** Receiver for the HTTP mode: our Fastify route calls `processEvent` itself. */
class RouteReceiver implements Receiver {
  init(): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

/** Builds the bolt app (not yet initialised: call `init()`, which runs `auth.test`). */
export function createSlackApp(o: SlackAppOptions): { app: App; socket?: SocketModeReceiver; dispatch: (body: Record<string, unknown>, retryNum: number | undefined, d: Dispatch) => Promise<void> } {
  const logger = boltLogger(o.log);
  const clientOptions = { slackApiUrl: normalizeApiUrl(o.apiUrl), rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: 10_000 };
  const socket = o.appToken
    ? new SocketModeReceiver({ appToken: o.appToken, logger, logLevel: LogLevel.WARN, installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } } })
    : undefined;
  const app = new App({ token: o.botToken, receiver: socket ?? new RouteReceiver(), clientOptions, logger, deferInitialization: true, ...(socket ? { socketMode: true } : {}) });
  app.error(async (err) => o.log.error({ code: err.code, err: err.message }, 'slack listener failed'));
  const receive = async (inbound: InboundMessage, d: Dispatch) => {
    await receiveUntilStored(o.engine, inbound, o.log).then(() => d.stored(), (err: unknown) => d.failed(err));
  };
  app.event(/^(message|app_mention)$/, async ({ body, context }) => {
    const d = context.concord as Dispatch;
    const mapped = mapMessageEvent(body, context.botUserId, o.clock.now());
    if (mapped.kind === 'message') return receive(mapped.inbound, d);
    d.stored();
  });
  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ body, context, ack }) => {
    await ack();
    const inbound = mapBlockAction(body, o.clock.now());
    if (inbound) await receive(inbound, context.concord as Dispatch);
  });
  const dispatch = async (body: Record<string, unknown>, retryNum: number | undefined, d: Dispatch) => {
    await app.processEvent({ body, retryNum, ack: async () => undefined, customProperties: { concord: d } });
  };
  if (socket) routeSocketEvents(socket, dispatch, o.log);
  return { app, socket, dispatch };
}

/**
 * Replaces the receiver's own `slack_event` handler (which lets bolt ack before we store) with
 * one that acknowledges the envelope only once the message is stored.
 */
function routeSocketEvents(socket: SocketModeReceiver, dispatch: ReturnType<typeof createSlackApp>['dispatch'], log: Logger): void {
  socket.client.removeAllListeners('slack_event');
  socket.client.on('slack_event', async (args: { body: Record<string, unknown>; retry_num?: number; ack: () => Promise<void> }) => {
    let acked = false;
    let failed = false;
    const ack = () => {
      if (acked || failed) return;
      acked = true;
      void args.ack().catch((err: Error) => log.warn({ err: err.message }, 'slack socket ack failed'));
    };
    await dispatch(args.body, args.retry_num, { stored: ack, failed: (err) => {
      failed = true;
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'slack message not stored; Slack will retry');
    } })
      .catch((err: Error) => log.error({ err: err.message }, 'slack socket event failed'));
    ack();
  });
}

/** The Web API base URL must end with `/` (bolt appends method names). */
export function normalizeApiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/** Bolt's logger, forwarding warnings and errors (never payloads) to ours. */
function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ module: 'slack' });
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : '')).join(' ').slice(0, 300);
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    setLevel: (l: LogLevel) => (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
