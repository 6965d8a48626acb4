/**
 * The cross-instance half of "one turn per conversation at a time": a Redis lease around each
 * per-conversation task (the in-process half is `KeyedQueue`). Taken with `SET key token NX PX`,
 * renewed while the task runs, released with a compare-and-delete script so an instance never
 * frees a lease that expired and went to someone else. Waiters retry with short backoff.
 *
 * While Redis cannot be reached the task runs under the in-process queue only (this instance keeps
 * answering its own customers; `/readyz` is 503 so the load balancer stops sending it new ones,
 * and the store's optimistic versions and inbound deduplication still prevent lost or doubled
 * messages).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { RedisClient } from '../bus/redis-bus';

/** Runs a task while holding a cluster-wide lease on a key. */
export interface ConversationLease {
  hold<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export interface RedisLeaseOptions {
  client: RedisClient;
  log: Logger;
  /** Key prefix; one per deployment (tests use their own). */
  prefix?: string;
  /** Lease lifetime; renewed every third of it while the task runs. */
  ttlMs?: number;
}

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const MIN_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 50;

/** `ConversationLease` on Redis; see the file comment. */
export class RedisLease implements ConversationLease {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private lastWarnAt = 0;

  constructor(private readonly options: RedisLeaseOptions) {
    this.prefix = options.prefix ?? 'concord:lease:';
    this.ttlMs = options.ttlMs ?? 15_000;
  }

  async hold<T>(key: string, task: () => Promise<T>): Promise<T> {
    // Hashed: channel keys can be phone numbers, which do not belong in Redis.
    const redisKey = this.prefix + createHash('sha256').update(key).digest('base64url');
    const token = await this.acquire(redisKey);
    if (!token) return task();
    const renew = setInterval(() => void this.renew(redisKey, token), Math.max(10, Math.floor(this.ttlMs / 3)));
    renew.unref();
    try {
      return await task();
    } finally {
      clearInterval(renew);
      await this.release(redisKey, token);
    }
  }

  /** Waits for the lease; null when Redis is unreachable (the caller runs in process only). */
  private async acquire(redisKey: string): Promise<string | null> {
    const token = randomUUID();
    const { client } = this.options;
    for (let attempt = 0; ; attempt++) {
      if (!client.isReady) return this.degraded();
      try {
        const reply = await client.sendCommand(['SET', redisKey, token, 'NX', 'PX', String(this.ttlMs)]);
        if ((reply as unknown) === 'OK') return token;
      } catch (err) {
        if (!client.isReady) return this.degraded(err);
        throw err;
      }
      const ceiling = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** attempt);
      await delay(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }

  private async renew(redisKey: string, token: string): Promise<void> {
    try {
      const kept = await this.options.client.eval(RENEW, { keys: [redisKey], arguments: [token, String(this.ttlMs)] });
      if (kept !== 1) this.warn('a conversation lease expired while its turn was running');
    } catch (err) {
      this.warn('could not renew a conversation lease', err);
    }
  }

  private async release(redisKey: string, token: string): Promise<void> {
    try {
      await this.options.client.eval(RELEASE, { keys: [redisKey], arguments: [token] });
    } catch (err) {
      this.warn('could not release a conversation lease (it expires by itself)', err);
    }
  }

  private degraded(err?: unknown): null {
    this.warn('redis unreachable; ordering conversations in this instance only', err);
    return null;
  }

  /** Logs at most one warning every 5 s (no keys: they identify customers). */
  private warn(message: string, err?: unknown): void {
    const now = Date.now();
    if (now - this.lastWarnAt < 5000) return;
    this.lastWarnAt = now;
    this.options.log.warn(err === undefined ? {} : { err: err instanceof Error ? err.message : String(err) }, message);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
