/**
 * The Redis bus (`REDIS_URL`): events go to this instance's subscribers at once and, as JSON on
 * one Redis channel per deployment, to every other instance. Each instance tags what it publishes
 * with its id and ignores its own echoes, so local subscribers see each event exactly once.
 *
 * Two connections: one for commands (publish, and the conversation leases, so a turn's events
 * reach Redis before its lease is released) and one subscribed to the channel. Both reconnect by
 * themselves; while Redis is away, events still reach this instance's own subscribers (its own
 * sockets keep working) and `ready()` is false so the load balancer can route elsewhere.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { Logger } from '../logger';
import { InProcessBus, type Bus, type BusEvent, type BusHandler } from './bus';

/** A connected node-redis client (the command connection, shared with the conversation lease). */
export type RedisClient = ReturnType<typeof createClient>;

export interface RedisBusOptions {
  url: string;
  /** The Redis pub/sub channel; one per deployment (and per test). */
  channel?: string;
  log: Logger;
  /** How long `start()` waits for Redis before going on not ready (it keeps reconnecting). */
  connectTimeoutMs?: number;
}

interface Envelope {
  from: string;
  event: BusEvent;
}

/** Default channel for a deployment. */
export const DEFAULT_BUS_CHANNEL = 'concord:bus';
const PING_TIMEOUT_MS = 1000;

/** `Bus` over Redis pub/sub; see the file comment. Call `start()` before use. */
export class RedisBus implements Bus {
  /** This instance's id; events carrying it are our own echoes. */
  readonly instanceId = randomUUID();
  readonly channel: string;
  /** Commands (publish, leases). Offline queue disabled: while Redis is away commands fail fast. */
  readonly commands: RedisClient;
  private readonly subscriber: RedisClient;
  private readonly local: InProcessBus;
  private closed = false;
  private lastWarnAt = 0;

  constructor(private readonly options: RedisBusOptions) {
    this.channel = options.channel ?? DEFAULT_BUS_CHANNEL;
    this.local = new InProcessBus((err) => options.log.error({ err: errText(err) }, 'bus handler failed'));
    const socket = { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) };
    this.commands = createClient({ url: options.url, socket, disableOfflineQueue: true });
    this.subscriber = createClient({ url: options.url, socket });
    this.commands.on('error', (err: unknown) => this.warn('redis command connection error', err));
    this.subscriber.on('error', (err: unknown) => this.warn('redis subscriber connection error', err));
    this.commands.on('ready', () => options.log.info({ channel: this.channel }, 'redis bus connected'));
  }

  /** Connects and subscribes; resolves when ready or after `connectTimeoutMs` (then not ready). */
  async start(): Promise<void> {
    const connected = Promise.all([
      this.commands.connect(),
      this.subscriber.connect().then(() => this.subscriber.subscribe(this.channel, (raw: string) => this.receive(raw))),
    ]).then(() => true, (err: unknown) => {
      this.warn('redis bus could not connect', err);
      return false;
    });
    const ok = await Promise.race([connected, delay(this.options.connectTimeoutMs ?? 3000).then(() => false)]);
    if (!ok) this.options.log.warn({ channel: this.channel }, 'redis bus not connected yet; serving this instance only until it is');
  }

  publish(event: BusEvent): void {
    this.local.publish(event);
    if (!this.commands.isReady) return this.warn('redis unreachable; events reach this instance only', 'not connected');
    const envelope: Envelope = { from: this.instanceId, event };
    this.commands.publish(this.channel, JSON.stringify(envelope)).catch((err: unknown) => this.warn('redis publish failed', err));
  }

  subscribe(handler: BusHandler): () => void {
    return this.local.subscribe(handler);
  }

  /** Both connections are up and Redis answers a PING in time. */
  async ready(): Promise<boolean> {
    if (!this.commands.isReady || !this.subscriber.isReady) return false;
    const pong = this.commands.ping().then((r: string) => r === 'PONG', () => false);
    return Promise.race([pong, delay(PING_TIMEOUT_MS).then(() => false)]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.local.close();
    for (const client of [this.subscriber, this.commands]) {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    }
  }

  private receive(raw: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      this.options.log.warn({ channel: this.channel }, 'ignored a bus message that is not JSON');
      return;
    }
    if (envelope.from === this.instanceId || !envelope.event?.type) return;
    this.local.dispatch(envelope.event, 'remote');
  }

  /** Connection errors repeat on every reconnect attempt; log at most one every 5 s. */
  private warn(message: string, err: unknown): void {
    if (this.closed) return;
    const now = Date.now();
    if (now - this.lastWarnAt < 5000) return;
    this.lastWarnAt = now;
    this.options.log.warn({ err: errText(err) }, message);
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
