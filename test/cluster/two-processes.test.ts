/**
 * Two Concord processes (`node dist/cli/index.js start`, as an operator runs them) sharing one
 * SQLite data directory and one Redis, as behind a load balancer: a full handoff with the
 * customer on A and the agent on B; one conversation's 50 messages sent alternately to both,
 * each stored once and answered in order; Redis going away and coming back.
 * Runs the built `dist/` (built first when stale) and needs the Redis at 127.0.0.1:6379.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { type ServerFrame, WebChatClient } from '../../src/channels/web/client';
import { ADMIN, ApiClient } from '../helpers/agent-api';
import { type AgentConsole, agentAt } from '../helpers/agent-console';
import { type ConcordProcess, startConcordProcess } from '../helpers/concord-process';
import { useSharedRedisDir } from '../helpers/instances';
import { eventually, REDIS_URL, RedisProxy } from '../helpers/redis';

jest.setTimeout(180_000);

const shared = useSharedRedisDir('cluster');

/** Instances A and B on one data directory and Redis; B starts once A has set the store up. */
async function twoInstances(redisUrl = REDIS_URL): Promise<[ConcordProcess, ConcordProcess]> {
  const env = { DATA_DIR: shared.dataDir, REDIS_URL: redisUrl, REDIS_PREFIX: shared.prefix, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
  const started: ConcordProcess[] = [];
  shared.server(() => Promise.all(started.map((p) => p.stop())));
  for (let i = 0; i < 2; i++) started.push(await startConcordProcess(env));
  return [started[0], started[1]];
}

async function customerAt(p: ConcordProcess, token?: string): Promise<WebChatClient> {
  return shared.client(await WebChatClient.connect(p.url, { token }));
}

async function agentOn(p: ConcordProcess) {
  const agent = await agentAt(p.url);
  shared.client(agent.console);
  return agent;
}

/** Sends until acknowledged; after `rate_limited` resends the same id later, as the protocol says. */
async function sendAcked(client: WebChatClient, text: string, id: string): Promise<void> {
  for (;;) {
    const since = client.frames.length;
    client.send(text, undefined, id);
    const answer = await client.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.id === id, 15_000, since);
    if (answer.type === 'ack') return;
    if (answer.type === 'error' && answer.code === 'rate_limited') await new Promise((r) => setTimeout(r, answer.retryAfterMs ?? 1000));
    else throw new Error(`message ${id} refused: ${JSON.stringify(answer)}`);
  }
}

function isStatus(status: string) {
  return (f: ServerFrame) => f.type === 'status' && f.status === status;
}

function count<T>(items: T[], test: (item: T) => boolean): number {
  return items.filter(test).length;
}

async function readyz(p: ConcordProcess): Promise<{ status: number; checks: { store: boolean; bus: boolean } }> {
  const res = await fetch(`${p.url}/readyz`);
  return { status: res.status, checks: ((await res.json()) as { checks: { store: boolean; bus: boolean } }).checks };
}

type Row = { id: string; direction: 'in' | 'out'; author: string; channel_message_id: string | null };

/** The stored transcript, read from the shared SQLite file (read-only, as a third process). */
function transcript(conversationId: string): Row[] {
  const db = new Database(path.join(shared.dataDir, 'concord.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, direction, author, channel_message_id FROM messages WHERE conversation_id = ? ORDER BY seq').all(conversationId) as Row[];
  } finally {
    db.close();
  }
}

/** Escalation on A, claim and reply on B; the reply reaches the customer's socket on A. */
async function handOver(customer: WebChatClient, agent: Awaited<ReturnType<typeof agentOn>>, text: string) {
  customer.send('I want to talk to a real person');
  await customer.waitFor(isStatus('queued'));
  const conversationId = customer.session.conversationId;
  const claim = await agent.client.call('POST', `/api/conversations/${conversationId}/claim`);
  expect(claim.status).toBe(200);
  await customer.waitFor(isStatus('agent'));
  const sent = await agent.client.call('POST', `/api/conversations/${conversationId}/reply`, { text });
  expect(sent.status).toBe(201);
  const replyId = (sent.body.message as unknown as { id: string }).id;
  expect(await customer.waitFor((f) => f.type === 'message' && f.id === replyId, 15_000)).toMatchObject({ from: 'agent', text });
  return { conversationId, replyId };
}

it('hands a customer on instance A to an agent on instance B and back to the bot, each message once', async () => {
  const [a, b] = await twoInstances();
  const agent = await agentOn(b);
  const customer = await customerAt(a);
  const { conversationId, replyId } = await handOver(customer, agent, 'Hello, I am Ana from support.');
  await agent.console.waitFor((f) => f.type === 'status' && f.conversationId === conversationId && f.status === 'agent');

  // The customer's answer on A reaches the agent's console on B; the bot stays silent.
  const botBefore = count(customer.frames, (f) => f.type === 'message' && f.from === 'bot');
  const answerId = customer.send('My order 12345 still has not arrived');
  await customer.waitFor((f) => f.type === 'ack' && f.id === answerId);
  const relayed = await agent.console.waitFor((f) => f.type === 'message' && f.conversationId === conversationId && (f.message as { author: string }).author === 'customer' && (f.message as { text: string }).text.includes('12345'));
  const answerStoredId = (relayed.message as { id: string }).id;

  // Back to the bot (resolve on B): it resumes on A and answers the next message.
  const resumedAt = customer.frames.length;
  expect((await agent.client.call('POST', `/api/conversations/${conversationId}/resolve`)).status).toBe(200);
  await customer.waitFor(isStatus('bot'), 15_000, resumedAt);
  const survey = await customer.waitFor((f) => f.type === 'message' && f.from === 'bot', 15_000, resumedAt);
  expect(survey).toMatchObject({ quickReplies: expect.arrayContaining([expect.objectContaining({ value: '5' })]) });
  const lastAt = customer.frames.length;
  const lastId = customer.send('5', '5');
  await customer.waitFor((f) => f.type === 'ack' && f.id === lastId, 15_000, lastAt);
  await customer.waitFor((f) => f.type === 'message' && f.from === 'bot', 15_000, lastAt);
  expect(count(customer.frames.slice(0, resumedAt), (f) => f.type === 'message' && f.from === 'bot')).toBe(botBefore);

  // Exactly once: in the store, on the customer's socket, on the agent's console.
  const rows = transcript(conversationId);
  expect(rows.filter((r) => r.direction === 'in').map((r) => r.channel_message_id)).toEqual([expect.any(String), answerId, lastId]);
  expect(count(rows, (r) => r.id === replyId)).toBe(1);
  await eventually(async () => rows.filter((r) => r.direction === 'out').every((r) => customer.frames.some((f) => f.type === 'message' && f.id === r.id)));
  for (const out of rows.filter((r) => r.direction === 'out')) expect(count(customer.frames, (f) => f.type === 'message' && f.id === out.id)).toBe(1);
  expect(count(agent.console.frames, (f) => f.type === 'message' && (f.message as { id: string }).id === answerStoredId)).toBe(1);
  const admin = new ApiClient(b.url);
  await admin.login(ADMIN.email, ADMIN.password);
  const api = await admin.call('GET', `/api/conversations/${conversationId}`);
  expect((api.body.messages as { id: string }[]).map((m) => m.id)).toEqual(rows.map((r) => r.id));
});

it('stores and answers 50 messages of one conversation sent alternately to both processes once each, in order', async () => {
  const [a, b] = await twoInstances();
  const onA = await customerAt(a);
  const conversationId = onA.session.conversationId;
  await sendAcked(onA, 'hello', 'm1');
  await eventually(async () => onA.messagesSince(0).length > 0, 15_000);
  const onB = await customerAt(b, onA.session.token);
  expect(onB.session.conversationId).toBe(conversationId);
  await eventually(async () => onB.frames.some((f) => f.type === 'history'), 15_000);
  const history = onB.frames.find((f) => f.type === 'history') as { messages: { id: string }[] } | undefined;
  const inHistory = new Set((history?.messages ?? []).map((m) => m.id));
  const sent = ['m1'];
  for (let i = 1; i < 50; i++) {
    const id = `m${i + 1}`;
    await sendAcked(i % 2 ? onB : onA, i % 2 ? 'thank you' : 'hello', id);
    sent.push(id);
  }

  // Every turn answered: each inbound message is followed by at least one reply.
  const turns = (rows: Row[]) => rows.reduce<number[]>((acc, r) => (r.direction === 'in' ? [...acc, 0] : (acc.length && acc[acc.length - 1]++, acc)), []);
  await eventually(async () => turns(transcript(conversationId)).filter((n) => n > 0).length === 50, 60_000);
  const rows = transcript(conversationId);
  expect(rows.filter((r) => r.direction === 'in').map((r) => r.channel_message_id)).toEqual(sent);
  expect(turns(rows)).toHaveLength(50);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);

  // Both sockets get every reply exactly once, in stored order (B's first ones came in its history).
  const outIds = rows.filter((r) => r.direction === 'out').map((r) => r.id);
  const expected = new Map([[onA, outIds], [onB, outIds.filter((id) => !inHistory.has(id))]]);
  expect(inHistory.size).toBeGreaterThan(0);
  await eventually(async () => [...expected].every(([c, ids]) => c.messagesSince(0).length >= ids.length), 30_000);
  for (const [client, ids] of expected) expect(client.messagesSince(0).map((m) => m.id)).toEqual(ids);
});

it('keeps serving while Redis is away, reports not ready, and recovers without restart', async () => {
  const proxy = new RedisProxy();
  await proxy.up();
  try {
    const [a, b] = await twoInstances(proxy.url);
    for (const p of [a, b]) expect(await readyz(p)).toEqual({ status: 200, checks: { store: true, bus: true } });
    const agent = await agentOn(b);

    await proxy.down();
    await eventually(async () => (await Promise.all([a, b].map(readyz))).every((r) => r.status === 503), 20_000);
    for (const p of [a, b]) expect(await readyz(p)).toEqual({ status: 503, checks: { store: true, bus: false } });
    // Each instance still answers its own customers.
    for (const p of [a, b]) {
      const customer = await customerAt(p);
      const id = customer.send('hello');
      await customer.waitFor((f) => f.type === 'ack' && f.id === id);
      await customer.waitFor((f) => f.type === 'message' && f.from === 'bot');
    }

    await proxy.up();
    await eventually(async () => (await Promise.all([a, b].map(readyz))).every((r) => r.status === 200), 30_000);
    // Cross-instance delivery works again: customer on A, agent on B.
    const customer = await customerAt(a);
    const { replyId } = await handOver(customer, agent, 'Back online, how can I help?');
    expect(count(customer.frames, (f) => f.type === 'message' && f.id === replyId)).toBe(1);
  } finally {
    await proxy.down();
  }
});
