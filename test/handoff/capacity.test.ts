/**
 * The agent capacity check on claim holds across instances: two `ConversationControlImpl`s on two
 * stores sharing one SQLite file (as two processes would) claim chats for one agent at the same
 * moment, and the agent never ends up with more than `maxChats`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InProcessBus } from '../../src/bus/bus';
import { FakeClock } from '../../src/clock';
import type { DialogRuntime } from '../../src/dialogs/runtime';
import { Outbox } from '../../src/engine/outbox';
import { isConcordError } from '../../src/errors';
import { ConversationControlImpl } from '../../src/handoff/conversation-control';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics';
import type { Conversation } from '../../src/store/port';
import { SqliteStore } from '../../src/store/sqlite';

let dir: string;
let stores: SqliteStore[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-capacity-'));
});

afterEach(async () => {
  for (const s of stores) await s.close();
  stores = [];
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One instance's control on its own connection to the shared file. */
async function instance(clock: FakeClock): Promise<{ store: SqliteStore; control: ConversationControlImpl }> {
  const store = new SqliteStore({ file: path.join(dir, 'concord.db') });
  await store.init();
  stores.push(store);
  const outbox = new Outbox(store, clock, createLogger('silent'), createMetrics());
  const control = new ConversationControlImpl({ store, outbox, bus: new InProcessBus(), clock, runtime: {} as DialogRuntime });
  return { store, control };
}

function queued(n: number, at: number): Conversation {
  return {
    id: `conv-${n}`, customerId: `cust-${n}`, channel: 'web', channelKey: `key-${n}`, status: 'queued', language: 'en', state: {},
    emotionTrajectory: [], assignedAgentId: null, version: 1, createdAt: at, updatedAt: at, lastMessageAt: at,
  };
}

it('never lets two instances claiming at once take an agent over maxChats', async () => {
  const clock = new FakeClock();
  const [a, b] = [await instance(clock), await instance(clock)];
  for (let round = 0; round < 10; round++) {
    const agentId = `agent-${round}`;
    const [x, y] = [queued(2 * round, clock.now()), queued(2 * round + 1, clock.now())];
    await a.store.createConversation(x);
    await a.store.createConversation(y);
    const results = await Promise.allSettled([
      a.control.assign(x.id, agentId, { kind: 'agent', id: agentId }, 1),
      b.control.assign(y.id, agentId, { kind: 'agent', id: agentId }, 1),
    ]);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(isConcordError(refused[0].reason, 'at_capacity')).toBe(true);
    expect(refused[0].reason.message).toBe('you already have 1 chats (your limit is 1); finish one first');
    expect(await b.store.listConversationsByAgent(agentId)).toHaveLength(1);
  }
});

it('checks a transfer to another agent against their limit in the same write', async () => {
  const clock = new FakeClock();
  const [a, b] = [await instance(clock), await instance(clock)];
  const [x, y] = [queued(1, clock.now()), queued(2, clock.now())];
  for (const c of [x, y]) await a.store.createConversation(c);
  await a.control.assign(x.id, 'from-1', { kind: 'system' });
  await a.control.assign(y.id, 'from-2', { kind: 'system' });
  const results = await Promise.allSettled([
    a.control.transfer(x.id, { agentId: 'target', maxChats: 1 }, { kind: 'agent', id: 'from-1' }),
    b.control.transfer(y.id, { agentId: 'target', maxChats: 1 }, { kind: 'agent', id: 'from-2' }),
  ]);
  expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['at_capacity']);
  expect(await a.store.listConversationsByAgent('target')).toHaveLength(1);
});
