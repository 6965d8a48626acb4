/**
 * The Slack channel (DESIGN.md section 1): direct messages and app mentions in, replies out in
 * the thread they came from, over the Events API (`POST /channels/slack/events`) or Socket Mode
 * when `SLACK_APP_TOKEN` is set. Enabled when `SLACK_BOT_TOKEN` and `SLACK_SIGNING_SECRET` are.
 */
import type { App, SocketModeReceiver } from '@slack/bolt';
import { ConcordError } from '../../errors';
import type { ChannelName } from '../../engine/messages';
import type { Logger } from '../../logger';
import type { Config } from '../../config';
import type { Conversation, StoredMessage } from '../../store/port';
import { type Channel, type ChannelContext, RateLimitedError } from '../channel';
import { parseThreadKey } from './payloads';
import { renderMessage } from './render';
import { statusNoticeFor, type NoticeKind, type QueueInfo } from '../status-text';
import { registerSlackRoute } from './route';
import { createSlackApp } from './slack-app';

type SlackSettings = NonNullable<Config['slack']>;

/** The Slack adapter; see docs/channels.md for the app's setup. */
export class SlackChannel implements Channel {
  readonly name: ChannelName = 'slack';
  private app?: App;
  private socket?: SocketModeReceiver;
  private log?: Logger;
  private queueInfo?: QueueInfo;

  constructor(private readonly settings: SlackSettings) {}

  async register(ctx: ChannelContext): Promise<void> {
    this.log = ctx.log.child({ channel: 'slack' });
    this.queueInfo = ctx.queueInfo;
    const built = createSlackApp({
      botToken: this.settings.botToken,
      appToken: this.settings.appToken,
      apiUrl: this.settings.apiUrl,
      engine: ctx.engine,
      clock: ctx.clock,
      log: this.log,
    });
    this.app = built.app;
    this.socket = built.socket;
    try {
      await this.app.init();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new ConcordError('slack_auth_failed', `Slack rejected SLACK_BOT_TOKEN (auth.test: ${reason}); copy the Bot User OAuth Token (xoxb-...) from your app's "OAuth & Permissions" page`);
    }
    await registerSlackRoute(ctx.app, { signingSecret: this.settings.signingSecret, clock: ctx.clock, log: this.log, dispatch: built.dispatch });
  }

  /** Connects Socket Mode when an app-level token is configured. */
  async start(): Promise<void> {
    if (this.socket) await this.socket.start();
  }

  /** Closes the Socket Mode connection, waiting (at most 2 s) for the close handshake. */
  async stop(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    let timer: NodeJS.Timeout | undefined;
    const closed = new Promise<void>((resolve) => {
      socket.client.once('disconnected', () => resolve());
      timer = setTimeout(resolve, 2000);
    });
    await socket.stop().catch(() => undefined);
    await closed;
    clearTimeout(timer);
  }

  /** Posts one stored message in its thread; a 429 becomes `RateLimitedError` for the outbox. */
  async deliver(conversation: Conversation, message: StoredMessage): Promise<boolean> {
    await this.post(conversation.channelKey, renderMessage(message, conversation.language));
    return true;
  }

  /**
   * Status changes become one short message. Not stored and not retried: the stored replies
   * already tell the story; this is a courtesy. (Slack bots cannot show typing: no `typing`.)
   */
  status(conversation: Conversation, kind?: NoticeKind): void {
    void statusNoticeFor(conversation, this.queueInfo, kind)
      .then((text) => (text ? this.post(conversation.channelKey, { text }) : undefined))
      .catch((err: Error) => this.log?.warn({ conversationId: conversation.id, err: err.message }, 'slack status message not sent'));
  }

  private async post(channelKey: string, message: { text: string; blocks?: object[] }): Promise<void> {
    if (!this.app) throw new ConcordError('slack_not_ready', 'the Slack channel is used before register()');
    const { channel, threadTs } = parseThreadKey(channelKey);
    try {
      await this.app.client.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks as never } : {}), ...(threadTs ? { thread_ts: threadTs } : {}) });
    } catch (err) {
      throw asDeliveryError(err);
    }
  }
}

/** Turns the Web API client's errors into the outbox's terms (429 -> wait `Retry-After`). */
function asDeliveryError(err: unknown): Error {
  const e = err as { code?: string; retryAfter?: number; message?: string; data?: { error?: string } };
  if (e.code === 'slack_webapi_rate_limited_error') return new RateLimitedError(Math.max(1, e.retryAfter ?? 1) * 1000, `slack rate limited; retry after ${e.retryAfter ?? 1} s`);
  if (e.code === 'slack_webapi_platform_error') return new ConcordError('slack_api_error', `slack refused chat.postMessage: ${e.data?.error ?? 'unknown error'}`);
  return err instanceof Error ? err : new Error(String(err));
}
