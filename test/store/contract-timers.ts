/**
 * Contract for `TimerRecords`: idempotent scheduling by key, cancelling, atomic claims with a
 * lease (an expired claim is claimable again), completion and retries, timers armed and
 * cancelled inside `saveTurn`, and two stores on the same data claiming concurrently.
 */
import type { ConversationStore, NewTimer } from '../../src/store/port';
import { conversation, T0, uid } from './contract-fixtures';

function timer(overrides: Partial<NewTimer> = {}): NewTimer {
  return { id: uid('follow_up:CP'), kind: 'follow_up', conversationId: null, dueAt: T0 + 60_000, payload: { ticketRef: 'CP-7K3M9Q', zh: '回访' }, createdAt: T0, ...overrides };
}

const claim = (now: number, owner = 'a', limit = 100) => ({ now, owner, leaseMs: 30_000, limit });

/** Registers the `TimerRecords` tests; `another` opens a second store on the same data. */
export function describeTimerContract(store: () => ConversationStore, another: () => Promise<ConversationStore>): void {
  it('schedules once per key while the timer is active, and stores every field', async () => {
    const t = timer();
    expect(await store().scheduleTimer(t)).toBe(true);
    expect(await store().scheduleTimer({ ...t, dueAt: T0 + 5 })).toBe(false);
    expect(await store().getTimer(t.id)).toEqual({ ...t, status: 'pending', claimedBy: null, claimUntil: null, attempts: 0, lastError: null, firedAt: null });
    expect(await store().getTimer(uid('none'))).toBeNull();
  });

  it('claims only due timers, earliest first, and never twice while the lease holds', async () => {
    const late = timer({ dueAt: T0 + 2_000 });
    const early = timer({ dueAt: T0 + 1_000 });
    const future = timer({ dueAt: T0 + 10_000 });
    for (const t of [late, early, future]) await store().scheduleTimer(t);
    expect(await store().claimDueTimers(claim(T0 + 999))).toEqual([]);
    const claimed = await store().claimDueTimers(claim(T0 + 5_000));
    expect(claimed.map((t) => t.id)).toEqual([early.id, late.id]);
    expect(claimed[0]).toMatchObject({ status: 'claimed', claimedBy: 'a', claimUntil: T0 + 35_000, attempts: 1 });
    expect(await store().claimDueTimers(claim(T0 + 6_000, 'b'))).toEqual([]);
    expect(await store().claimDueTimers({ ...claim(T0 + 20_000, 'b'), limit: 1 })).toMatchObject([{ id: future.id }]);
  });

  it('lets another owner take a claim over once its lease expired (a crashed instance)', async () => {
    const t = timer();
    await store().scheduleTimer(t);
    await store().claimDueTimers(claim(T0 + 60_000, 'crashed'));
    expect(await store().claimDueTimers(claim(T0 + 89_999, 'b'))).toEqual([]);
    const [again] = await store().claimDueTimers(claim(T0 + 90_000, 'b'));
    expect(again).toMatchObject({ id: t.id, claimedBy: 'b', attempts: 2 });
    expect(await store().completeTimer(t.id, 'crashed', T0 + 90_001)).toBe(false);
    expect(await store().completeTimer(t.id, 'b', T0 + 90_002)).toBe(true);
    expect(await store().getTimer(t.id)).toMatchObject({ status: 'done', firedAt: T0 + 90_002 });
    expect(await store().claimDueTimers(claim(T0 + 999_999))).toEqual([]);
  });

  it('retries a failed attempt later, then gives up; a finished key can be armed again', async () => {
    const t = timer();
    await store().scheduleTimer(t);
    await store().claimDueTimers(claim(T0 + 60_000));
    expect(await store().failTimer(t.id, 'other', 'boom', T0 + 70_000)).toBe(false);
    expect(await store().failTimer(t.id, 'a', 'channel down', T0 + 70_000)).toBe(true);
    expect(await store().getTimer(t.id)).toMatchObject({ status: 'pending', dueAt: T0 + 70_000, lastError: 'channel down', attempts: 1 });
    expect(await store().claimDueTimers(claim(T0 + 69_999))).toEqual([]);
    await store().claimDueTimers(claim(T0 + 70_000));
    expect(await store().failTimer(t.id, 'a', 'still down', null)).toBe(true);
    expect(await store().getTimer(t.id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(await store().scheduleTimer({ ...t, dueAt: T0 + 80_000 })).toBe(true);
    expect(await store().getTimer(t.id)).toMatchObject({ status: 'pending', dueAt: T0 + 80_000, attempts: 0, lastError: null });
  });

  it('cancels by key and by conversation (optionally one kind); cancelled timers never fire', async () => {
    const conv = uid('conv');
    const a = timer({ conversationId: conv, kind: 'sla_breach' });
    const b = timer({ conversationId: conv });
    const c = timer({ conversationId: conv });
    const other = timer({ conversationId: uid('conv') });
    for (const t of [a, b, c, other]) await store().scheduleTimer(t);
    expect(await store().cancelTimer(a.id)).toBe(true);
    expect(await store().cancelTimer(a.id)).toBe(false);
    expect(await store().cancelConversationTimers(conv, 'sla_breach')).toBe(0);
    expect(await store().cancelConversationTimers(conv)).toBe(2);
    expect((await store().claimDueTimers(claim(T0 + 999_999))).map((t) => t.id)).toEqual([other.id]);
    expect(await store().getTimer(b.id)).toMatchObject({ status: 'cancelled' });
  });

  it('arms and cancels timers atomically with a turn', async () => {
    const conv = conversation();
    await store().createConversation(conv);
    const first = timer({ conversationId: conv.id, kind: 'sla_breach' });
    await store().saveTurn({ conversation: conv, expectedVersion: 1, timers: [first] });
    expect(await store().getTimer(first.id)).toMatchObject({ status: 'pending' });
    const rejected = timer({ conversationId: conv.id });
    await expect(store().saveTurn({ conversation: conv, expectedVersion: 1, timers: [rejected], cancelTimers: [first.id] })).rejects.toMatchObject({ code: 'version_conflict' });
    expect(await store().getTimer(rejected.id)).toBeNull();
    expect(await store().getTimer(first.id)).toMatchObject({ status: 'pending' });
    await store().saveTurn({ conversation: { ...conv, version: 2 }, expectedVersion: 2, timers: [{ ...first, dueAt: 1 }], cancelTimers: [first.id, uid('unknown')] });
    expect(await store().getTimer(first.id)).toMatchObject({ status: 'cancelled', dueAt: first.dueAt });
  });

  it('hands each due timer to exactly one of two stores claiming at once', async () => {
    const second = await another();
    try {
      const ids = Array.from({ length: 60 }, (_, i) => timer({ dueAt: T0 + i }));
      for (const t of ids) await store().scheduleTimer(t);
      const claimers = [store(), second].flatMap((s, n) => Array.from({ length: 8 }, () => s.claimDueTimers({ ...claim(T0 + 1_000, `owner-${n}`), limit: 5 })));
      const claimed = (await Promise.all(claimers)).flat();
      const rest = await store().claimDueTimers(claim(T0 + 1_000, 'sweeper'));
      const all = [...claimed, ...rest].map((t) => t.id);
      expect(all.sort()).toEqual(ids.map((t) => t.id).sort());
      expect(new Set(claimed.map((t) => t.claimedBy)).size).toBe(2);
    } finally {
      await second.close();
    }
  });
}
