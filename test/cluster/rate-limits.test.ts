/**
 * Rate limits with `REDIS_URL` hold across instances: failed logins spread over two instances are
 * throttled together, web chat messages of one customer over two instances are refused with
 * `rate_limited` past the limit, link-code attempts are counted once for all instances; while
 * Redis cannot be reached each instance still limits in memory.
 */
import path from 'node:path';
import { createClient } from 'redis';
import { LIMITS } from '../../src/channels/web/protocol';
import { AccountLinker, LINK_ATTEMPTS } from '../../src/identity/link-codes';
import { memoryRateLimits, redisRateLimits } from '../../src/rate-limits';
import { SqliteStore } from '../../src/store/sqlite';
import { ADMIN, ApiClient } from '../helpers/agent-api';
import { useSharedInstances } from '../helpers/instances';
import { REDIS_URL } from '../helpers/redis';

const t = useSharedInstances('limits', { loginThrottle: { perEmail: 4, perIp: 100, windowSeconds: 900 } });
const { instance, connect } = t;

it('throttles failed logins spread over two instances together', async () => {
  const [a, b] = [await instance(), await instance()];
  for (let i = 0; i < 4; i++) {
    const res = await new ApiClient((i % 2 ? b : a).url).login(ADMIN.email, 'wrong password, attempt ' + i);
    expect(res.status).toBe(401);
  }
  // Two failures per instance: only the shared count reaches the limit of 4.
  for (const c of [a, b]) {
    const res = await new ApiClient(c.url).login(ADMIN.email, ADMIN.password);
    expect(res.status).toBe(429);
    expect(res.body.error).toBe('too_many_attempts');
  }
  expect((await new ApiClient(a.url).login('someone-else@example.com', 'wrong password')).status).toBe(401);
});

it("refuses a customer's web chat messages over the limit across two instances with rate_limited", async () => {
  const [a, b] = [await instance(), await instance()];
  const onA = await connect(a);
  const onB = await connect(b, onA.session.token);
  for (let i = 0; i < LIMITS.rateLimitMessages; i++) {
    const client = i % 2 ? onB : onA;
    const id = client.send('hello', undefined, `m${i}`);
    const answer = await client.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.id === id);
    expect(answer.type).toBe('ack');
  }
  for (const client of [onA, onB]) {
    const id = client.send('hello again', undefined, `over-${client === onA ? 'a' : 'b'}`);
    const refused = await client.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.id === id);
    expect(refused).toMatchObject({ type: 'error', code: 'rate_limited', retryAfterMs: expect.any(Number) });
  }
  await Promise.all([a.idle(), b.idle()]);
  const stored = await a.store.listMessages(onA.session.conversationId, { limit: 500 });
  expect(stored.filter((m) => m.direction === 'in')).toHaveLength(LIMITS.rateLimitMessages);
  // Another customer is not affected.
  const other = await connect(b);
  const id = other.send('hello');
  expect(await other.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.id === id)).toMatchObject({ type: 'ack' });
});

describe('link-code attempts', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = new SqliteStore({ file: path.join(t.dataDir, 'concord.db') });
    await store.init();
  });
  afterEach(async () => store.close());

  async function issueUntilRefused(linkers: AccountLinker[]): Promise<number> {
    const customer = await store.resolveCustomer('web', 'customer-1', 0);
    for (let i = 0; i < 20; i++) {
      const result = await linkers[i % linkers.length].issue({ channel: 'web', channelUserId: 'customer-1' }, customer.id, 0);
      if (!result.ok) {
        expect(result.reason).toBe('rate_limited');
        return i;
      }
    }
    return -1;
  }

  it('counts them once for every instance sharing Redis', async () => {
    const redis = [createClient({ url: REDIS_URL }), createClient({ url: REDIS_URL })];
    await Promise.all(redis.map((r) => r.connect()));
    try {
      const linkers = redis.map((r) => new AccountLinker(store, redisRateLimits(r, t.prefix)));
      expect(await issueUntilRefused(linkers)).toBe(LINK_ATTEMPTS.points);
    } finally {
      await Promise.all(redis.map((r) => r.close()));
    }
  });

  it('still limits each instance in memory while Redis cannot be reached', async () => {
    const unreachable = createClient({ url: 'redis://127.0.0.1:1', disableOfflineQueue: true });
    expect(await issueUntilRefused([new AccountLinker(store, redisRateLimits(unreachable, t.prefix))])).toBe(LINK_ATTEMPTS.points);
    // Without Redis, two instances are two memories: twice the attempts (why Redis is needed).
    expect(await issueUntilRefused([new AccountLinker(store, memoryRateLimits), new AccountLinker(store, memoryRateLimits)])).toBe(2 * LINK_ATTEMPTS.points);
  });
});
