/**
 * The Redis bus and the conversation lease against the real Redis at 127.0.0.1:6379: events reach
 * the other instance once and never echo back; leases exclude each other and are released.
 */
import type { BusEvent, BusOrigin } from '../../src/bus/bus';
import { RedisBus } from '../../src/bus/redis-bus';
import { RedisLease } from '../../src/engine/conversation-lease';
import { cleanRedis, eventually, REDIS_URL, silentLog, uniquePrefix } from '../helpers/redis';

let prefix: string;
let buses: RedisBus[];

beforeEach(() => {
  prefix = uniquePrefix();
  buses = [];
});

afterEach(async () => {
  await Promise.all(buses.map((b) => b.close()));
  await cleanRedis(prefix);
});

async function bus(url = REDIS_URL, connectTimeoutMs?: number): Promise<RedisBus> {
  const b = new RedisBus({ url, channel: `${prefix}:bus`, log: silentLog, connectTimeoutMs });
  buses.push(b);
  await b.start();
  return b;
}

function record(b: RedisBus): [BusEvent, BusOrigin][] {
  const seen: [BusEvent, BusOrigin][] = [];
  b.subscribe((e, origin) => seen.push([e, origin]));
  return seen;
}

it('delivers to local subscribers at once and to the other instance once, without echoes', async () => {
  const a = await bus();
  const b = await bus();
  const onA = record(a);
  const onB = record(b);
  a.publish({ type: 'typing', conversationId: 'c1', from: 'agent', agentId: 'a1' });
  expect(onA).toEqual([[{ type: 'typing', conversationId: 'c1', from: 'agent', agentId: 'a1' }, 'local']]);
  await eventually(async () => onB.length === 1);
  b.publish({ type: 'queue', at: 42 });
  await eventually(async () => onB.length === 2 && onA.length === 2);
  await new Promise((r) => setTimeout(r, 100));
  expect(onB).toEqual([[{ type: 'typing', conversationId: 'c1', from: 'agent', agentId: 'a1' }, 'remote'], [{ type: 'queue', at: 42 }, 'local']]);
  expect(onA).toEqual([[{ type: 'typing', conversationId: 'c1', from: 'agent', agentId: 'a1' }, 'local'], [{ type: 'queue', at: 42 }, 'remote']]);
  await expect(a.ready()).resolves.toBe(true);
});

it('keeps local delivery and reports not ready while Redis cannot be reached', async () => {
  const b = await bus('redis://127.0.0.1:1', 200);
  const seen = record(b);
  b.publish({ type: 'queue', at: 1 });
  expect(seen).toEqual([[{ type: 'queue', at: 1 }, 'local']]);
  await expect(b.ready()).resolves.toBe(false);
});

it('lets one holder of a conversation lease run at a time and releases it', async () => {
  const a = await bus();
  const b = await bus();
  const leaseA = new RedisLease({ client: a.commands, prefix: `${prefix}:lease:`, log: silentLog, ttlMs: 300 });
  const leaseB = new RedisLease({ client: b.commands, prefix: `${prefix}:lease:`, log: silentLog, ttlMs: 300 });
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const task = (n: number) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 400)); // longer than the TTL: renewal keeps it
    order.push(n);
    running--;
    return n;
  };
  const results = await Promise.all([1, 2, 3, 4].map((n) => (n % 2 ? leaseA : leaseB).hold('web:k1', task(n))));
  expect(results).toEqual([1, 2, 3, 4]);
  expect(most).toBe(1);
  expect(order).toHaveLength(4);
  const left = (await a.commands.sendCommand(['KEYS', `${prefix}:lease:*`])) as unknown as string[];
  expect(left).toEqual([]);
});
