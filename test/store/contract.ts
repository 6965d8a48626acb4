/**
 * The one `ConversationStore` contract suite. Every implementation runs it (`sqlite.test.ts`,
 * `mongo.test.ts`); a new adapter is done when this passes against it. Each test gets a fresh,
 * initialized store from `makeStore` and calls `cleanup` afterwards.
 */
import { isConcordError } from '../../src/errors';
import type { ConversationStore } from '../../src/store/port';
import { describeMessageContract } from './contract-messages';
import { describeTurnContract } from './contract-turns';
import { describeAgentContract } from './contract-agents';
import { describeLinkContract } from './contract-links';
import { describeTimerContract } from './contract-timers';
import { describePresenceContract } from './contract-presence';
import { describePrivacyContract } from './contract-privacy';
import { describeContentContract } from './contract-content';
import { conversation, T0, TRICKY_JSON, uid } from './contract-fixtures';

/**
 * Creates a store for one test, a function that disposes of it (and its data), and one that opens
 * another initialized store on the same data (a second connection/process; the caller closes it).
 */
export type StoreFactory = () => Promise<{ store: ConversationStore; cleanup: () => Promise<void>; another: () => Promise<ConversationStore> }>;

/** Registers the contract suite for one implementation under `name`. */
export function runStoreContract(name: string, makeStore: StoreFactory): void {
  describe(`ConversationStore contract: ${name}`, () => {
    let current: Awaited<ReturnType<StoreFactory>> | null = null;
    const store = (): ConversationStore => {
      if (!current) throw new Error('store not created');
      return current.store;
    };
    beforeEach(async () => {
      current = await makeStore();
      await current.store.init();
      await current.store.init(); // idempotent
    });
    afterEach(async () => {
      await current?.cleanup();
      current = null;
    });

    describeLifecycleContract(store);
    describeCustomerContract(store);
    describeConversationContract(store);
    describeMessageContract(store);
    describeTurnContract(store);
    describeAgentContract(store);
    describeLinkContract(store);
    describeTimerContract(store, () => {
      if (!current) throw new Error('store not created');
      return current.another();
    });
    describePresenceContract(store, () => {
      if (!current) throw new Error('store not created');
      return current.another();
    });
    describePrivacyContract(store);
    describeContentContract(store);
  });
}

function describeLifecycleContract(store: () => ConversationStore): void {
  it('answers ping while open and false after close', async () => {
    expect(await store().ping()).toBe(true);
    await store().close();
    expect(await store().ping()).toBe(false);
  });
}

function describeCustomerContract(store: () => ConversationStore): void {
  it('resolves a channel identity to the same customer every time', async () => {
    const first = await store().resolveCustomer('web', 'browser-1', T0);
    const again = await store().resolveCustomer('web', 'browser-1', T0 + 5);
    expect(again).toEqual(first);
    expect(first.createdAt).toBe(T0);
    expect(await store().getCustomer(first.id)).toEqual(first);
    const otherUser = await store().resolveCustomer('web', 'browser-2', T0);
    const otherChannel = await store().resolveCustomer('telegram', 'browser-1', T0);
    expect(new Set([first.id, otherUser.id, otherChannel.id]).size).toBe(3);
  });

  it('creates exactly one customer when the same identity is resolved concurrently', async () => {
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => store().resolveCustomer('slack', 'U123', T0 + i)));
    expect(new Set(all.map((c) => c.id)).size).toBe(1);
    expect(await store().getCustomer(all[0].id)).toEqual(all[0]);
  });

  it('updates a customer and returns null for unknown ids', async () => {
    const customer = await store().resolveCustomer('web', 'b-7', T0);
    const updated = { ...customer, displayName: '王小明 🐼', language: 'zh' as const, vip: true };
    await store().updateCustomer(updated);
    expect(await store().getCustomer(customer.id)).toEqual(updated);
    expect(await store().getCustomer(uid('nobody'))).toBeNull();
    await expect(store().updateCustomer({ id: uid('nobody'), createdAt: T0 })).rejects.toMatchObject({ code: 'not_found' });
  });
}

function describeConversationContract(store: () => ConversationStore): void {
  it('creates and reads a conversation, JSON fields round-tripping exactly', async () => {
    const conv = conversation({ state: { tricky: TRICKY_JSON }, emotionTrajectory: [{ label: '愤怒', v: -0.7 }, 'x', 3] });
    await store().createConversation(conv);
    expect(await store().getConversation(conv.id)).toEqual(conv);
    expect(await store().getConversation(uid('missing'))).toBeNull();
    await expect(store().createConversation(conv)).rejects.toBeDefined();
  });

  it('finds the newest open conversation and never returns a closed one as open', async () => {
    const key = uid('thread');
    const older = conversation({ channelKey: key, createdAt: T0 });
    const newer = conversation({ channelKey: key, createdAt: T0 + 10, status: 'agent' });
    const closed = conversation({ channelKey: key, createdAt: T0 + 20, status: 'closed' });
    for (const c of [older, newer, closed]) await store().createConversation(c);
    expect(await store().findOpenConversation('web', key)).toEqual(newer);
    expect(await store().findLatestConversation('web', key)).toEqual(closed);
    expect(await store().findOpenConversation('slack', key)).toBeNull();

    await store().updateConversation({ ...newer, status: 'closed' }, 1);
    await store().updateConversation({ ...older, status: 'closed' }, 1);
    expect(await store().findOpenConversation('web', key)).toBeNull();
    expect((await store().findLatestConversation('web', key))?.id).toBe(closed.id);
  });

  it('lists conversations by customer (newest first) and by status', async () => {
    const customerId = uid('cust');
    const convs = [0, 1, 2].map((i) => conversation({ customerId, createdAt: T0 + i, status: i === 1 ? 'queued' : 'bot' }));
    for (const c of convs) await store().createConversation(c);
    const mine = await store().listConversationsByCustomer(customerId);
    expect(mine.map((c) => c.id)).toEqual([convs[2].id, convs[1].id, convs[0].id]);
    expect(await store().listConversationsByCustomer(customerId, 2)).toEqual([convs[2], convs[1]]);
    const queued = await store().listConversationsByStatus('queued');
    expect(queued).toEqual([convs[1]]);
    expect((await store().listConversationsByStatus('bot', 1)).length).toBe(1);
  });

  it('updates optimistically and returns the stored copy with version + 1', async () => {
    const conv = conversation();
    await store().createConversation(conv);
    const next = { ...conv, status: 'queued' as const, state: { zh: '你好' }, assignedAgentId: 'agent-1', updatedAt: T0 + 1 };
    const stored = await store().updateConversation(next, 1);
    expect(stored).toEqual({ ...next, version: 2 });
    expect(await store().getConversation(conv.id)).toEqual(stored);
    await expect(store().updateConversation(conversation(), 1)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lets exactly one of two updates from the same version win', async () => {
    const conv = conversation();
    await store().createConversation(conv);
    const results = await Promise.allSettled([
      store().updateConversation({ ...conv, state: { by: 'a' } }, 1),
      store().updateConversation({ ...conv, state: { by: 'b' } }, 1),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isConcordError(lost[0].reason, 'version_conflict')).toBe(true);
    const stored = await store().getConversation(conv.id);
    expect(stored?.version).toBe(2);
    await expect(store().updateConversation(conv, 1)).rejects.toMatchObject({ code: 'version_conflict' });
  });
}
