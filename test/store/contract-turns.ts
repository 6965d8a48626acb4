/**
 * Contract tests for `saveTurn` (atomicity, optimistic versions, seq of outbound messages,
 * annotation merges), tickets and surveys. Registered by `runStoreContract` (contract.ts).
 */
import { isConcordError } from '../../src/errors';
import type { Conversation, ConversationStore, TurnCommit } from '../../src/store/port';
import { conversation, event, inbound, outbound, survey, T0, ticket, TRICKY_JSON, uid } from './contract-fixtures';

/** Registers the turn, ticket and survey contract tests. */
export function describeTurnContract(store: () => ConversationStore): void {
  async function snapshot(conv: Conversation) {
    const s = store();
    return {
      conversation: await s.getConversation(conv.id),
      messages: await s.listMessages(conv.id),
      events: await s.listEvents(conv.id),
      tickets: await s.listTicketsByConversation(conv.id),
      surveys: await s.listSurveys(conv.id),
      undelivered: await s.listUndelivered(),
    };
  }

  /** A commit touching every part of a turn. */
  function fullCommit(conv: Conversation, inboundId: string, version: number): TurnCommit {
    return {
      conversation: { ...conv, status: 'queued', state: { slots: { order: 'A-1001' } }, updatedAt: T0 + 10 },
      expectedVersion: version,
      events: [event(conv.id, { at: T0 + 10 })],
      outbound: [outbound(conv.id, { text: '很抱歉 😔', quickReplies: [{ label: 'Yes', value: 'y' }], createdAt: T0 + 10 })],
      annotate: [{ messageId: inboundId, annotations: { intent: { name: 'late_delivery', confidence: 0.91 }, lang: 'zh' } }],
      ticketsCreated: [ticket(conv, { facts: { tricky: TRICKY_JSON } })],
      surveys: [survey(conv, { score: 2, comment: '太慢了' })],
    };
  }

  async function conversationWithInbound(annotations: Record<string, unknown> | null = null) {
    const conv = conversation();
    await store().createConversation(conv);
    const { message } = await store().appendInbound(inbound(conv.id, { annotations }));
    return { conv, message };
  }

  it('refuses a claim with a capacity check when the agent is at the limit, writing nothing', async () => {
    const agent = uid('agent');
    const owned = conversation({ status: 'agent', assignedAgentId: agent });
    const [a, b] = [conversation({ status: 'queued' }), conversation({ status: 'queued' })];
    for (const c of [owned, a, b]) await store().createConversation(c);
    const claim = (c: Conversation, maxChats: number): TurnCommit => ({
      conversation: { ...c, status: 'agent', assignedAgentId: agent, updatedAt: T0 + 5 }, expectedVersion: 1, events: [event(c.id)], capacity: { agentId: agent, maxChats },
    });
    const refused = await store().saveTurn(claim(a, 1)).catch((err: unknown) => err);
    expect(isConcordError(refused, 'at_capacity')).toBe(true);
    expect((refused as { details?: unknown }).details).toEqual({ load: 1, maxChats: 1 });
    expect(await store().getConversation(a.id)).toMatchObject({ status: 'queued', version: 1 });
    expect(await store().listEvents(a.id)).toEqual([]);
    await store().saveTurn(claim(a, 2));
    // Re-saving a conversation the agent already owns does not count it against them.
    await store().saveTurn({ ...claim({ ...a, version: 2 }, 2), expectedVersion: 2 });
    await expect(store().saveTurn(claim(b, 2))).rejects.toMatchObject({ code: 'at_capacity' });
    expect((await store().listConversationsByAgent(agent)).map((c) => c.id).sort()).toEqual([owned.id, a.id].sort());
  });

  it('applies a whole turn and returns the stored conversation and outbound messages', async () => {
    const { conv, message } = await conversationWithInbound({ lang: 'en', sentiment: -0.4 });
    const commit = fullCommit(conv, message.id, 1);
    const saved = await store().saveTurn(commit);
    expect(saved.conversation).toEqual({ ...commit.conversation, version: 2 });
    expect(saved.outbound).toEqual([{ ...commit.outbound![0], seq: 2 }]);

    const after = await snapshot(conv);
    expect(after.conversation).toEqual(saved.conversation);
    expect(after.messages).toEqual([
      { ...message, annotations: { lang: 'zh', sentiment: -0.4, intent: { name: 'late_delivery', confidence: 0.91 } } },
      saved.outbound[0],
    ]);
    expect(after.events).toEqual(commit.events);
    expect(after.tickets).toEqual(commit.ticketsCreated);
    expect(after.surveys).toEqual(commit.surveys);
    expect(after.undelivered).toEqual(saved.outbound);
  });

  it('writes nothing when the turn conflicts with a newer version', async () => {
    const { conv, message } = await conversationWithInbound();
    await store().saveTurn({ conversation: { ...conv, updatedAt: T0 + 1 }, expectedVersion: 1 });
    const before = await snapshot(conv);
    const results = await Promise.allSettled([store().saveTurn(fullCommit(conv, message.id, 1))]);
    expect(results[0].status).toBe('rejected');
    expect(isConcordError((results[0] as PromiseRejectedResult).reason, 'version_conflict')).toBe(true);
    expect(await snapshot(conv)).toEqual(before);
  });

  it('writes nothing when any part of the turn fails', async () => {
    const { conv, message } = await conversationWithInbound();
    const commit = { ...fullCommit(conv, message.id, 1), ticketsUpdated: [ticket(conv, { ref: 'CP-NOSUCH' })] };
    const before = await snapshot(conv);
    await expect(store().saveTurn(commit)).rejects.toBeDefined();
    expect(await snapshot(conv)).toEqual(before);
    expect(await store().getTicket(commit.ticketsCreated![0].ref)).toBeNull();
  });

  it('continues the seq after inbound messages and keeps it gap-free across turns', async () => {
    const { conv } = await conversationWithInbound();
    const t1 = await store().saveTurn({ conversation: conv, expectedVersion: 1, outbound: [outbound(conv.id), outbound(conv.id)] });
    await store().appendInbound(inbound(conv.id));
    const t2 = await store().saveTurn({ conversation: t1.conversation, expectedVersion: 2, outbound: [outbound(conv.id)] });
    expect(t1.outbound.map((m) => m.seq)).toEqual([2, 3]);
    expect(t2.outbound.map((m) => m.seq)).toEqual([5]);
    expect((await store().listMessages(conv.id)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(t2.conversation.version).toBe(3);
  });

  it('creates, updates and lists tickets by customer and by conversation', async () => {
    const { conv } = await conversationWithInbound();
    const other = conversation({ customerId: conv.customerId });
    await store().createConversation(other);
    const t1 = ticket(conv, { createdAt: T0 + 1 });
    const t2 = ticket(other, { createdAt: T0 + 2, category: 'privacy', priority: 'urgent' });
    const s1 = await store().saveTurn({ conversation: conv, expectedVersion: 1, ticketsCreated: [t1] });
    await store().saveTurn({ conversation: other, expectedVersion: 1, ticketsCreated: [t2] });
    const resolved = { ...t1, status: 'resolved' as const, resolution: '已补发 ✅', resolvedAt: T0 + 9, updatedAt: T0 + 9 };
    await store().saveTurn({ conversation: s1.conversation, expectedVersion: 2, ticketsUpdated: [resolved] });

    expect(await store().getTicket(t1.ref)).toEqual(resolved);
    expect(await store().getTicket('CP-MISSING')).toBeNull();
    expect(await store().listTicketsByCustomer(conv.customerId)).toEqual([resolved, t2]);
    expect(await store().listTicketsByConversation(other.id)).toEqual([t2]);
    expect(await store().listTicketsByCustomer(uid('nobody'))).toEqual([]);
  });

  it('refuses a second ticket with an existing ref, writing nothing of that turn', async () => {
    const { conv } = await conversationWithInbound();
    const t1 = ticket(conv);
    const s1 = await store().saveTurn({ conversation: conv, expectedVersion: 1, ticketsCreated: [t1] });
    const clash = { conversation: s1.conversation, expectedVersion: 2, ticketsCreated: [{ ...t1, summary: 'other' }], events: [event(conv.id)] };
    await expect(store().saveTurn(clash)).rejects.toBeDefined();
    expect(await store().getTicket(t1.ref)).toEqual(t1);
    expect(await store().listEvents(conv.id)).toEqual([]);
    expect((await store().getConversation(conv.id))?.version).toBe(2);
  });

  it('records surveys in time order', async () => {
    const { conv } = await conversationWithInbound();
    const later = survey(conv, { at: T0 + 2, score: 5, ticketRef: 'CP-1', comment: 'great 👍' });
    const earlier = survey(conv, { at: T0 + 1, score: 1 });
    await store().saveTurn({ conversation: conv, expectedVersion: 1, surveys: [later, earlier] });
    expect(await store().listSurveys(conv.id)).toEqual([earlier, later]);
    expect(await store().listSurveys(uid('none'))).toEqual([]);
  });

  it('replaces a survey answer saved again with its id (the comment after the score), keeping its time', async () => {
    const { conv } = await conversationWithInbound();
    const scored = survey(conv, { at: T0 + 1, score: 2 });
    await store().saveTurn({ conversation: conv, expectedVersion: 1, surveys: [scored] });
    await store().saveTurn({ conversation: conv, expectedVersion: 2, surveys: [{ ...scored, at: T0 + 9, comment: 'it took too long' }] });
    expect(await store().listSurveys(conv.id)).toEqual([{ ...scored, comment: 'it took too long' }]);
  });
}
