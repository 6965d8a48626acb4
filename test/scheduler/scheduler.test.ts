/**
 * The Scheduler on a real SQLite file, driven by a fake clock: due timers run once, failures are
 * retried then given up, a claim left by a crashed instance runs again after its lease, and the
 * follow-up's effects are idempotent across such a re-fire (one message, delivered once).
 */
import path from 'node:path';
import { InProcessBus } from '../../src/bus/bus';
import { FakeClock } from '../../src/clock';
import { followUpTimer } from '../../src/dialogs/follow-up';
import { loadScripts } from '../../src/dialogs/registry';
import { DialogRuntime } from '../../src/dialogs/runtime';
import type { ChannelOutput } from '../../src/engine/outbox';
import { Outbox } from '../../src/engine/outbox';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics';
import { createScheduler, Scheduler } from '../../src/scheduler';
import { followUpHandler } from '../../src/scheduler/follow-up';
import type { Conversation, NewTimer, StoredMessage, Ticket, Timer } from '../../src/store/port';
import { SqliteStore } from '../../src/store/sqlite';
import { type TempSqliteStore, tempSqliteStore } from '../helpers/temp-store';
import { conversation, ticket } from '../store/contract-fixtures';

let temp: TempSqliteStore;
let store: SqliteStore;
let clock: FakeClock;
const log = createLogger('silent');

beforeEach(async () => {
  temp = await tempSqliteStore('scheduler');
  store = temp.store;
  clock = new FakeClock();
});

afterEach(() => temp.remove());

function newTimer(kind: string, dueInMs: number): NewTimer {
  return { id: `${kind}:${Math.random()}`, kind, conversationId: null, dueAt: clock.now() + dueInMs, payload: {}, createdAt: clock.now() };
}

function scheduler(owner: string, handler: (t: Timer) => Promise<void>, leaseMs = 60_000): Scheduler {
  return new Scheduler({ store, clock, log, metrics: createMetrics(), owner, leaseMs, maxAttempts: 3 }).handle('test', handler);
}

it('runs a timer once, when the clock reaches it', async () => {
  const fired: string[] = [];
  const s = scheduler('a', async (t) => void fired.push(t.id));
  const t = newTimer('test', 60_000);
  await store.scheduleTimer(t);
  expect(await s.runDue()).toBe(0);
  clock.advance(60_000);
  expect(await s.runDue()).toBe(1);
  expect(await s.runDue()).toBe(0);
  expect(fired).toEqual([t.id]);
  expect(await store.getTimer(t.id)).toMatchObject({ status: 'done', firedAt: clock.now(), attempts: 1 });
});

it('retries a failing handler with backoff and gives up after the last attempt', async () => {
  let calls = 0;
  const s = scheduler('a', async () => {
    calls++;
    throw new Error('channel down');
  });
  const t = newTimer('test', 0);
  await store.scheduleTimer(t);
  await s.runDue();
  expect(await store.getTimer(t.id)).toMatchObject({ status: 'pending', lastError: 'channel down', attempts: 1 });
  await s.runDue();
  expect(calls).toBe(1); // not before the backoff
  for (let i = 0; i < 3; i++) {
    clock.advance(3_600_000);
    await s.runDue();
  }
  expect(calls).toBe(3);
  expect(await store.getTimer(t.id)).toMatchObject({ status: 'failed', attempts: 3 });
});

it('fails a timer of an unknown kind at once instead of looping on it', async () => {
  const t = newTimer('nobody_handles_this', 0);
  await store.scheduleTimer(t);
  await scheduler('a', async () => undefined).runDue();
  expect(await store.getTimer(t.id)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/no handler/) });
});

it('runs a timer again on another instance once the lease of a crashed claim expired', async () => {
  const t = newTimer('test', 0);
  await store.scheduleTimer(t);
  await store.claimDueTimers({ now: clock.now(), owner: 'crashed', leaseMs: 60_000, limit: 10 }); // claimed, then kill -9
  const fired: string[] = [];
  const survivor = scheduler('b', async (x) => void fired.push(x.id));
  expect(await survivor.runDue()).toBe(0);
  clock.advance(60_000);
  expect(await survivor.runDue()).toBe(1);
  expect(fired).toEqual([t.id]);
  expect(await store.getTimer(t.id)).toMatchObject({ status: 'done', claimedBy: 'b', attempts: 2 });
});

describe('follow_up timer', () => {
  const delivered: string[] = [];
  let reachable = true;
  const web: ChannelOutput = {
    deliver: async (_c: Conversation, m: StoredMessage) => {
      if (reachable) delivered.push(m.id);
      return reachable;
    },
  };

  function deps() {
    const metrics = createMetrics();
    const outbox = new Outbox(store, clock, log, metrics);
    outbox.register('web', web);
    const { registry } = loadScripts(path.join(__dirname, '../../dialogs'));
    if (!registry) throw new Error('dialogs do not load');
    return { store, clock, log, metrics, outbox, bus: new InProcessBus(), runtime: new DialogRuntime(() => registry) };
  }

  async function resolvedTicket(): Promise<{ conv: Conversation; t: Ticket; timer: NewTimer }> {
    const conv = conversation({ language: 'zh', state: {} });
    await store.createConversation(conv);
    const t: Ticket = { ...ticket(conv), status: 'resolved', resolvedAt: clock.now() };
    const timer = followUpTimer(t, { enabled: true, delay_minutes: 60, after: 'due_date', script: 'follow_up' }, clock.now())!;
    await store.saveTurn({ conversation: conv, expectedVersion: 1, ticketsCreated: [t], timers: [timer] });
    return { conv, t, timer };
  }

  beforeEach(() => {
    delivered.length = 0;
    reachable = true;
  });

  it('asks in the customer language on their channel, and a re-fire after a crash sends nothing twice', async () => {
    const d = deps();
    const { conv, t, timer } = await resolvedTicket();
    clock.advance(60 * 60_000);
    const [claimed] = await store.claimDueTimers({ now: clock.now(), owner: 'crashed', leaseMs: 60_000, limit: 1 });
    await followUpHandler(d)(claimed); // stored and sent the follow-up, then died before marking the timer done
    clock.advance(60_000);
    expect(await createScheduler({ ...d, owner: 'b' }).runDue()).toBe(1);
    const out = (await store.listMessages(conv.id)).filter((m) => m.direction === 'out');
    expect(out).toHaveLength(1);
    expect(out[0].text).toContain(`对您的投诉 ${t.ref} 的回访`);
    expect(out[0].quickReplies?.map((q) => q.value)).toEqual(['solved', 'not_solved']);
    expect(delivered).toEqual([out[0].id]);
    expect(await store.getTimer(timer.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect((await store.listEvents(conv.id)).filter((e) => e.type === 'follow_up_sent')).toHaveLength(1);
  });

  it('delivers on the re-fire what the crashed attempt stored but could not send', async () => {
    const d = deps();
    const { conv } = await resolvedTicket();
    clock.advance(60 * 60_000);
    reachable = false;
    const [claimed] = await store.claimDueTimers({ now: clock.now(), owner: 'crashed', leaseMs: 60_000, limit: 1 });
    await followUpHandler(d)(claimed);
    reachable = true;
    clock.advance(60_000);
    await createScheduler({ ...d, owner: 'b' }).runDue();
    const out = (await store.listMessages(conv.id)).filter((m) => m.direction === 'out');
    expect(out).toHaveLength(1);
    expect(delivered).toEqual([out[0].id]);
  });

  it('skips (and records why) when the ticket was reopened in the meantime', async () => {
    const d = deps();
    const { conv, t, timer } = await resolvedTicket();
    await store.saveTurn({ conversation: { ...conv, version: 2 }, expectedVersion: 2, ticketsUpdated: [{ ...t, status: 'open' }] });
    clock.advance(60 * 60_000);
    await createScheduler({ ...d, owner: 'a' }).runDue();
    expect(await store.listMessages(conv.id)).toEqual([]);
    expect((await store.listEvents(conv.id)).find((e) => e.type === 'follow_up_skipped')?.reason).toBe('ticket_open');
    expect(await store.getTimer(timer.id)).toMatchObject({ status: 'done' });
  });
});
