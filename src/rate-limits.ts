/**
 * The one place rate limiters are made (web chat messages, login throttling, link-code
 * attempts). Without Redis each limit lives in this process's memory; with `REDIS_URL` it lives
 * in Redis, so a limit holds across every instance behind the load balancer (an attacker cannot
 * multiply it by spreading requests), with an in-memory insurance limiter that takes over per
 * instance while Redis cannot be reached.
 *
 * Keys can be emails, IP addresses or phone numbers: in Redis they are stored only as hashes.
 */
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClient } from './bus/redis-bus';

/** What a refused `consume` rejects with (`msBeforeNext`: when to try again). */
export { RateLimiterRes };

/** One limit: at most `points` per `durationSeconds` for each key. */
export interface LimitSpec {
  /** Names the limit (and its Redis keys); unique per kind of limit. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * A limit shared by whoever built it from the same factory (and, with Redis, by every instance).
 * `consume` rejects with a `RateLimiterRes` (see `msBeforeNext`) once the key is over the limit.
 */
export interface RateLimit {
  consume(key: string): Promise<RateLimiterRes>;
  /** The key's current counter, or null when it has none. */
  get(key: string): Promise<RateLimiterRes | null>;
  delete(key: string): Promise<void>;
}

/** Builds the limits; one factory per process (`memoryRateLimits` or `redisRateLimits`). */
export type RateLimits = (spec: LimitSpec) => RateLimit;

/** Limits in this process's memory: the default for one instance. */
export const memoryRateLimits: RateLimits = (spec) => wrap(memory(spec), (key) => key);

/**
 * Limits in Redis under `<prefix>:rl:<name>:`, on the bus's command connection (node-redis;
 * its offline queue is off, so while Redis is away calls fail at once and the in-memory
 * insurance limiter answers).
 */
export function redisRateLimits(client: RedisClient, prefix: string): RateLimits {
  return (spec) => {
    const limiter = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `${prefix}:rl:${spec.name}`,
      points: spec.points,
      duration: spec.durationSeconds,
      insuranceLimiter: memory(spec),
    });
    return wrap(limiter, hashKey);
  };
}

function memory(spec: LimitSpec): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds });
}

function wrap(limiter: Pick<RateLimiterAbstract, 'consume' | 'get' | 'delete'>, toKey: (key: string) => string): RateLimit {
  return {
    consume: (key) => limiter.consume(toKey(key)),
    get: (key) => limiter.get(toKey(key)),
    delete: async (key) => {
      await limiter.delete(toKey(key));
    },
  };
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
