/**
 * Contract tests for messages: seq assignment, inbound dedupe, paging, the outbox and events.
 * Registered by `runStoreContract` (contract.ts).
 */
import type { ConversationStore } from '../../src/store/port';
import { conversation, event, inbound, outbound, T0, TRICKY_JSON, uid } from './contract-fixtures';

/** Registers the message, outbox and event contract tests. */
export function describeMessageContract(store: () => ConversationStore): void {
  async function newConversation() {
    const conv = conversation();
    await store().createConversation(conv);
    return conv;
  }

  it('assigns seq 1, 2, 3... per conversation, gap-free even under concurrent appends', async () => {
    const a = await newConversation();
    const b = await newConversation();
    const first = await store().appendInbound(inbound(a.id));
    expect(first.duplicate).toBe(false);
    expect(first.message.seq).toBe(1);
    expect((await store().appendInbound(inbound(b.id))).message.seq).toBe(1);
    const many = await Promise.all(Array.from({ length: 20 }, () => store().appendInbound(inbound(a.id))));
    expect(many.map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const listed = await store().listMessages(a.id);
    expect(listed.map((m) => m.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it('stores an inbound message exactly as given and returns it', async () => {
    const conv = await newConversation();
    const message = inbound(conv.id, {
      text: TRICKY_JSON.zh,
      value: 'track_order',
      quickReplies: [{ label: '查询订单 📦', value: 'track' }],
      annotations: { tricky: TRICKY_JSON },
    });
    const { message: stored } = await store().appendInbound(message);
    expect(stored).toEqual({ ...message, seq: 1 });
    expect(await store().getMessage(message.id)).toEqual(stored);
    expect(await store().getMessage(uid('missing'))).toBeNull();
  });

  it('reports a repeated channelMessageId as duplicate, writing nothing', async () => {
    const conv = await newConversation();
    const original = inbound(conv.id, { channelMessageId: 'tg-42', text: 'first' });
    const first = await store().appendInbound(original);
    const retry = await store().appendInbound(inbound(conv.id, { channelMessageId: 'tg-42', text: 'retry' }));
    expect(retry).toEqual({ duplicate: true, message: first.message });
    expect(await store().listMessages(conv.id)).toEqual([first.message]);

    const other = await newConversation();
    const elsewhere = await store().appendInbound(inbound(other.id, { channelMessageId: 'tg-42' }));
    expect(elsewhere.duplicate).toBe(false);
    const next = await store().appendInbound(inbound(conv.id, { channelMessageId: 'tg-43' }));
    expect(next.message.seq).toBe(2);
  });

  it('rejects an inbound message for an unknown conversation', async () => {
    await expect(store().appendInbound(inbound(uid('nowhere')))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('pages messages: afterSeq moves forwards, limit keeps the newest N in ascending order', async () => {
    const conv = await newConversation();
    for (let i = 1; i <= 6; i++) await store().appendInbound(inbound(conv.id, { text: `m${i}`, createdAt: T0 + i }));
    const seqs = async (options?: { afterSeq?: number; limit?: number }) =>
      (await store().listMessages(conv.id, options)).map((m) => m.seq);
    expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await seqs({ afterSeq: 4 })).toEqual([5, 6]);
    expect(await seqs({ limit: 2 })).toEqual([5, 6]);
    expect(await seqs({ afterSeq: 1, limit: 3 })).toEqual([4, 5, 6]);
    expect(await seqs({ afterSeq: 6 })).toEqual([]);
    expect(await seqs({ limit: 0 })).toEqual([]);
    expect(await store().listMessages(uid('none'))).toEqual([]);
  });

  it('keeps undelivered outbound messages in the outbox, oldest first, until delivered', async () => {
    const conv = await newConversation();
    const turn = await store().saveTurn({
      conversation: conv,
      expectedVersion: 1,
      outbound: [outbound(conv.id, { text: 'one', createdAt: T0 + 1 }), outbound(conv.id, { text: 'two', createdAt: T0 + 2 })],
    });
    const [one, two] = turn.outbound;
    expect(await store().listUndelivered()).toEqual([one, two]);
    expect(await store().listUndelivered(1)).toEqual([one]);

    await store().recordDeliveryFailure(one.id, 'HTTP 502 from Telegram', T0 + 3);
    await store().recordDeliveryFailure(one.id, 'timeout 网络超时', T0 + 4);
    const failed = await store().getMessage(one.id);
    expect(failed).toMatchObject({ deliveryAttempts: 2, lastDeliveryError: 'timeout 网络超时', deliveredAt: null });
    expect(failed?.lastDeliveryAttemptAt).toBe(T0 + 4);
    expect((await store().listUndelivered()).map((m) => m.id)).toEqual([one.id, two.id]);

    await store().markDelivered(one.id, T0 + 5);
    expect(await store().listUndelivered()).toEqual([two]);
    expect((await store().getMessage(one.id))?.deliveredAt).toBe(T0 + 5);
    await expect(store().markDelivered(uid('missing'), T0)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists unprocessed customer messages since a time, oldest first, until their turn marks them processed', async () => {
    const since = T0 + 900_000_000; // later than every other test's messages (the store is shared)
    const a = await newConversation();
    const b = await newConversation();
    const before = await store().appendInbound(inbound(a.id, { createdAt: since - 1 }));
    const a1 = (await store().appendInbound(inbound(a.id, { createdAt: since + 2 }))).message;
    const b1 = (await store().appendInbound(inbound(b.id, { createdAt: since + 1, annotations: { attachments: [] } }))).message;
    const a2 = (await store().appendInbound(inbound(a.id, { createdAt: since + 2 }))).message;
    const done = (await store().appendInbound(inbound(b.id, { createdAt: since + 3, annotations: { processed: true } }))).message;
    await store().saveTurn({ conversation: a, expectedVersion: 1, outbound: [outbound(a.id, { createdAt: since + 4 })] });
    expect(before.message.seq).toBe(1);
    expect(await store().listUnprocessedInbound(since)).toEqual([b1, a1, a2]);
    expect(await store().listUnprocessedInbound(since, 2)).toEqual([b1, a1]);
    expect(await store().listUnprocessedInbound(since + 2)).toEqual([a1, a2]);

    await store().saveTurn({ conversation: { ...a, version: 2 }, expectedVersion: 2, annotate: [{ messageId: a1.id, annotations: { processed: true } }] });
    await store().saveTurn({ conversation: b, expectedVersion: 1, annotate: [{ messageId: b1.id, annotations: { analysis: 'x' } }] });
    expect((await store().listUnprocessedInbound(since)).map((m) => m.id)).toEqual([b1.id, a2.id]);
    expect((await store().getMessage(done.id))?.annotations).toEqual({ processed: true });
  });

  it('lists events by time, ties in the order appended, JSON data intact', async () => {
    const conv = await newConversation();
    const e1 = event(conv.id, { at: T0 + 1, data: { tricky: TRICKY_JSON } });
    const e2 = event(conv.id, { at: T0 + 2, type: 'ticket_created', name: null, fromStatus: null, toStatus: null });
    const e3 = event(conv.id, { at: T0 + 2, type: 'survey_recorded', name: null, actor: 'customer' });
    await store().appendEvents([e1, e2]);
    await store().appendEvents([e3]);
    await store().appendEvents([]);
    await store().appendEvents([event(uid('other-conv'))]);
    expect(await store().listEvents(conv.id)).toEqual([e1, e2, e3]);
  });
}
