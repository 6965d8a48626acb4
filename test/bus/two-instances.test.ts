/**
 * Two Concord instances in one process sharing one SQLite data directory and the real Redis: an
 * agent on B reaches the customer's socket on A; one conversation's messages sent alternately to
 * both are stored once and answered in order; `/readyz` follows Redis.
 */
import { type RunningConcord } from '../../src/main';
import { useSharedInstances } from '../helpers/instances';
import { eventually, RedisProxy } from '../helpers/redis';

const { instance, connect } = useSharedInstances('scale');

async function readyz(c: RunningConcord): Promise<{ status: number; body: { checks: { store: boolean; bus: boolean } } }> {
  const res = await fetch(`${c.url}/readyz`);
  return { status: res.status, body: await res.json() };
}

it("delivers an agent's typing and reply on instance B to the customer's socket on A", async () => {
  const a = await instance();
  const b = await instance();
  const customer = await connect(a);
  customer.send('I want to talk to a real person');
  await customer.waitFor((f) => f.type === 'status' && f.status === 'queued');
  await a.idle();
  const conversationId = customer.session.conversationId;

  await b.control.assign(conversationId, 'a1', { kind: 'agent', id: 'a1' });
  await customer.waitFor((f) => f.type === 'status' && f.status === 'agent');
  b.control.agentTyping(conversationId, 'a1');
  await customer.waitFor((f) => f.type === 'typing' && f.from === 'agent');
  const before = customer.frames.length;
  const reply = await b.control.agentReply(conversationId, 'a1', 'Hello, I am Ana from support.');
  const frame = await customer.waitFor((f) => f.type === 'message' && f.from === 'agent', 5000, before);
  expect(frame).toMatchObject({ id: reply.id, text: 'Hello, I am Ana from support.' });
  await new Promise((r) => setTimeout(r, 200));
  expect(customer.messagesSince(before).filter((m) => m.id === reply.id)).toHaveLength(1);
  await eventually(async () => Boolean((await a.store.listMessages(conversationId)).find((m) => m.id === reply.id)?.deliveredAt));
});

it('stores and answers 20 messages sent alternately to both instances once each, in order', async () => {
  const a = await instance();
  const b = await instance();
  const onA = await connect(a);
  const onB = await connect(b, onA.session.token);
  const sent: string[] = [];
  for (let i = 0; i < 20; i++) {
    const client = i % 2 ? onB : onA;
    const id = client.send(i % 2 ? 'thank you' : 'hello', undefined, `m${i + 1}`);
    sent.push(id);
    await client.waitFor((f) => f.type === 'ack' && f.id === id);
  }
  await eventually(async () => {
    await Promise.all([a.idle(), b.idle()]);
    const msgs = await a.store.listMessages(onA.session.conversationId, { limit: 500 });
    const last = msgs.filter((m) => m.direction === 'in').pop();
    return last?.channelMessageId === 'm20' && msgs[msgs.length - 1].direction === 'out';
  });
  await new Promise((r) => setTimeout(r, 300));

  const stored = await a.store.listMessages(onA.session.conversationId, { limit: 500 });
  const inbound = stored.filter((m) => m.direction === 'in');
  expect(inbound.map((m) => m.channelMessageId)).toEqual(sent);
  // Each turn's replies come between its message and the next one: answered in order.
  const turns = stored.reduce<number[]>((acc, m) => (m.direction === 'in' ? [...acc, 0] : (acc[acc.length - 1]++, acc)), []);
  expect(turns).toHaveLength(20);
  for (const replies of turns) expect(replies).toBeGreaterThan(0);
  // Both sockets got every reply exactly once, in stored order.
  const outIds = stored.filter((m) => m.direction === 'out').map((m) => m.id);
  for (const client of [onA, onB]) expect(client.messagesSince(0).map((m) => m.id)).toEqual(outIds);
});

it('reports the bus in /readyz: 503 while Redis cannot be reached, 200 again once it is back', async () => {
  const proxy = new RedisProxy();
  await proxy.up();
  const healthy = await instance();
  const cutOff = await instance(proxy.url);
  expect(await readyz(healthy)).toEqual({ status: 200, body: { status: 'ready', checks: { store: true, bus: true } } });
  expect((await readyz(cutOff)).status).toBe(200);

  await proxy.down();
  await eventually(async () => (await readyz(cutOff)).status === 503);
  expect((await readyz(cutOff)).body.checks).toEqual({ store: true, bus: false });
  expect((await readyz(healthy)).status).toBe(200);
  // Its own customers are still answered meanwhile.
  const customer = await connect(cutOff);
  customer.send('hello');
  await customer.waitFor((f) => f.type === 'message');

  await proxy.up();
  await eventually(async () => (await readyz(cutOff)).status === 200, 15_000);
  await proxy.down();
});

it('starts not ready when Redis is unreachable from the start', async () => {
  const c = await instance('redis://127.0.0.1:1');
  expect(await readyz(c)).toMatchObject({ status: 503, body: { checks: { store: true, bus: false } } });
});
