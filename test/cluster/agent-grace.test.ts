/**
 * The agent disconnect grace period across `concord start` processes sharing one SQLite file and
 * Redis: the grace timer is durable and presence is shared, so the chats of an agent whose
 * console closed go back to the queue exactly once even when the instance that held the console
 * stops or crashes, and stay with the agent when they reconnect on another instance.
 * Runs the built `dist/` (built first when stale) and needs the Redis at 127.0.0.1:6379.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { type ServerFrame, WebChatClient } from '../../src/channels/web/client';
import { ADMIN, ApiClient } from '../helpers/agent-api';
import { AgentConsole, agentAt } from '../helpers/agent-console';
import { type ConcordProcess, startConcordProcess } from '../helpers/concord-process';
import { useSharedRedisDir } from '../helpers/instances';
import { eventually, REDIS_URL } from '../helpers/redis';

jest.setTimeout(180_000);

const shared = useSharedRedisDir('grace');
const GRACE_SECONDS = 2;

function instanceEnv(): Record<string, string> {
  return {
    DATA_DIR: shared.dataDir, REDIS_URL, REDIS_PREFIX: shared.prefix, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
    AGENT_GRACE_SECONDS: String(GRACE_SECONDS), AGENT_LEASE_SECONDS: '3',
  };
}

/** Instances A and B on one data directory and Redis; B starts once A has set the store up. */
async function twoInstances(): Promise<[ConcordProcess, ConcordProcess]> {
  const started: ConcordProcess[] = [];
  shared.server(() => Promise.all(started.map((p) => p.stop())));
  for (let i = 0; i < 2; i++) started.push(await startConcordProcess(instanceEnv()));
  return [started[0], started[1]];
}

type EventRow = { name: string | null; reason: string | null; to_status: string | null };

/** The conversation's status and transition events, read from the shared SQLite file (a third process). */
function stored(conversationId: string): { status: string; assigned: string | null; transfers: EventRow[] } {
  const db = new Database(path.join(shared.dataDir, 'concord.db'), { readonly: true, fileMustExist: true });
  try {
    const c = db.prepare('SELECT status, assigned_agent_id FROM conversations WHERE id = ?').get(conversationId) as { status: string; assigned_agent_id: string | null };
    const transfers = db.prepare(`SELECT name, reason, to_status FROM events WHERE conversation_id = ? AND type = 'transition' AND name = 'transfer'`).all(conversationId) as EventRow[];
    return { status: c.status, assigned: c.assigned_agent_id, transfers };
  } finally {
    db.close();
  }
}

/** A customer on `customerSide` in the queue, claimed by a new agent whose console is open on `agentSide`. */
async function claimedChat(customerSide: ConcordProcess, agentSide: ConcordProcess) {
  const agent = await agentAt(agentSide.url);
  shared.client(agent.console);
  const customer = shared.client(await WebChatClient.connect(customerSide.url));
  customer.send('I want to talk to a real person');
  await customer.waitFor((f: ServerFrame) => f.type === 'status' && f.status === 'queued');
  const conversationId = customer.session.conversationId;
  expect((await agent.client.call('POST', `/api/conversations/${conversationId}/claim`)).status).toBe(200);
  return { agent, conversationId };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('returns the chats once when the instance holding the closed console stops before the grace period ends', async () => {
  const [a, b] = await twoInstances();
  const { agent, conversationId } = await claimedChat(b, a);
  expect(stored(conversationId).status).toBe('agent');
  // The console closes, and A stops (a restart) while the grace period runs: B fires it.
  await agent.console.close();
  await a.stop();
  await eventually(async () => stored(conversationId).status === 'queued', 20_000);
  await sleep(GRACE_SECONDS * 1000 + 1500);
  const after = stored(conversationId);
  expect(after).toMatchObject({ status: 'queued', assigned: null });
  expect(after.transfers).toEqual([{ name: 'transfer', reason: 'agent_disconnected', to_status: 'queued' }]);
});

it('returns the chats once after the instance holding the open console is killed (its lease expires)', async () => {
  const [a, b] = await twoInstances();
  const { conversationId } = await claimedChat(b, a);
  a.child.kill('SIGKILL');
  await eventually(async () => stored(conversationId).status === 'queued', 30_000);
  await sleep(GRACE_SECONDS * 1000 + 1500);
  expect(stored(conversationId).transfers).toEqual([{ name: 'transfer', reason: 'agent_disconnected', to_status: 'queued' }]);
});

it('keeps the chats with an agent who reconnects on another instance within the grace period', async () => {
  const [a, b] = await twoInstances();
  const { agent, conversationId } = await claimedChat(b, a);
  await agent.console.close();
  const onB = new ApiClient(b.url);
  onB.cookie = agent.client.cookie;
  shared.client(await AgentConsole.open(onB));
  await a.stop();
  await sleep(GRACE_SECONDS * 1000 + 5000);
  expect(stored(conversationId)).toMatchObject({ status: 'agent', assigned: agent.id, transfers: [] });
});

