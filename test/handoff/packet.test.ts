/**
 * The handoff packet, built from fixed data, in English and Chinese.
 */
import { buildPacket, oneSentence, type PacketInput } from '../../src/handoff/packet';
import type { StoredMessage } from '../../src/store/port';

const T = Date.UTC(2026, 0, 5, 9);

function msg(seq: number, author: StoredMessage['author'], text: string, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { id: `m${seq}`, conversationId: 'c1', seq, direction: author === 'customer' ? 'in' : 'out', author, text, createdAt: T + seq * 1000, ...extra };
}

function analysis(label: string, intensity: number, entities: unknown[] = []) {
  return { analysis: { language: 'en', intent: { name: 'complaint', confidence: 0.9, outOfScope: false, ranking: [] }, entities, emotion: { label, intensity, valence: -intensity, cues: [] }, category: 'logistics' } };
}

function input(): PacketInput {
  const messages = [
    msg(1, 'customer', 'My parcel for order 123456 never arrived. I paid ¥120 on 3 January!', {
      annotations: analysis('anger', 0.4, [
        { type: 'order_number', value: '123456', text: '123456', start: 0, end: 6 },
        { type: 'amount', value: '120 CNY', text: '¥120', start: 0, end: 4, amount: 120, currency: 'CNY' },
        { type: 'date', value: '2026-01-03', text: '3 January', start: 0, end: 9 },
      ]),
    }),
    msg(2, 'bot', 'I am sorry. I can refund ¥120 within 3 working days. Does that work?', { quickReplies: [{ label: 'Yes', value: 'accept' }, { label: 'No', value: 'reject' }] }),
    msg(3, 'customer', "No, that's not enough", { value: 'reject', annotations: analysis('anger', 0.9) }),
  ];
  return {
    conversation: {
      id: 'c1', customerId: 'cu1', channel: 'web', channelKey: 'k', status: 'queued', language: 'en', state: {}, version: 3, createdAt: T, updatedAt: T, lastMessageAt: T,
      emotionTrajectory: [{ seq: 1, label: 'anger', intensity: 0.4, valence: -0.4, at: T }, { seq: 3, label: 'anger', intensity: 0.9, valence: -0.9, at: T + 3000 }],
    },
    messages,
    events: [{ id: 'e1', conversationId: 'c1', type: 'transition', name: 'escalate', fromStatus: 'bot', toStatus: 'queued', actor: 'bot', reason: 'resolution_rejected, high_emotion', data: { reasons: ['resolution_rejected', 'high_emotion'] }, at: T + 4000 }],
    tickets: [{ ref: 'CP-ABC123', conversationId: 'c1', customerId: 'cu1', category: 'logistics', priority: 'high', status: 'open', summary: 'Parcel for order 123456 never arrived. Customer is upset.', facts: { order_number: '123456' }, language: 'en', createdAt: T, updatedAt: T, dueAt: T + 2 * 3600_000 + 15 * 60_000 }],
    customer: { id: 'cu1', displayName: 'Wang', vip: true, createdAt: T },
    previousConversations: [{ id: 'old', customerId: 'cu1', channel: 'web', channelKey: 'k', status: 'closed', language: 'en', state: {}, emotionTrajectory: [], version: 1, createdAt: T - 86_400_000, updatedAt: T, lastMessageAt: T }],
    customerTickets: [],
    now: T,
  };
}

describe('buildPacket', () => {
  it("shows the customer's own deadline kept on the ticket, linked to the message that said it", () => {
    const base = input();
    const said = msg(4, 'customer', 'I need it for my daughter\'s birthday on Saturday');
    const p = buildPacket({ ...base, messages: [...base.messages, said], tickets: [{ ...base.tickets[0], facts: { order_number: '123456', needed_by: said.text } }] }, 'zh');
    expect(p.facts).toContainEqual({ key: 'needed_by', label: '客户要求的时间', value: said.text, messageId: said.id, seq: 4 });
  });

  it('builds the English packet with facts linked to their messages', () => {
    const p = buildPacket(input(), 'en');
    expect(p.problem).toEqual({ text: 'Parcel for order 123456 never arrived.', messageId: 'm1', headline: 'Delivery complaint · Order number 123456 · Amount 120 CNY' });
    expect(p.facts).toEqual([
      { key: 'order_number', label: 'Order number', value: '123456', messageId: 'm1', seq: 1 },
      { key: 'amount', label: 'Amount', value: '120 CNY', messageId: 'm1', seq: 1 },
      { key: 'date', label: 'Date', value: '2026-01-03', messageId: 'm1', seq: 1 },
    ]);
    expect(p.category).toEqual({ value: 'logistics', label: 'Logistics' });
    expect(p.priority).toEqual({ value: 'high', label: 'High' });
    expect(p.emotion).toMatchObject({ direction: 'rising', directionLabel: 'Getting more upset', peak: 0.9 });
    expect(p.emotion.turns).toEqual([{ seq: 3, messageId: 'm3', text: "No, that's not enough", label: 'anger', labelText: 'Anger', intensity: 0.9 }]);
    expect(p.proposals).toEqual([{ proposal: expect.stringContaining('refund'), messageId: 'm2', answer: "No, that's not enough", answerMessageId: 'm3', accepted: false }]);
    expect(p.customer).toMatchObject({ displayName: 'Wang', vip: true, channel: 'web', previousConversations: [{ id: 'old', status: 'closed' }] });
    expect(p.sla).toEqual({ ticketRef: 'CP-ABC123', dueAt: expect.any(Number), secondsLeft: 8100, overdue: false, text: '2 h 15 min left' });
    expect(p.escalation.reasonLabels).toEqual(['Rejected the proposed solution', 'Very upset']);
  });

  it('builds the Chinese packet with the same facts and Chinese labels', () => {
    const data = input();
    const p = buildPacket({ ...data, now: data.tickets[0].dueAt! + 600_000 }, 'zh');
    expect(p.labels.problem).toBe('问题');
    expect(p.problem.headline).toBe('物流投诉，订单号 123456，金额 120 CNY');
    expect(p.facts.map((f) => f.label)).toEqual(['订单号', '金额', '日期']);
    expect(p.category?.label).toBe('物流');
    expect(p.priority?.label).toBe('高');
    expect(p.emotion.directionLabel).toBe('情绪上升');
    expect(p.emotion.turns[0].labelText).toBe('愤怒');
    expect(p.sla).toMatchObject({ overdue: true, text: '已超时 10 分钟' });
    expect(p.escalation.reasonLabels).toEqual(['客户拒绝了提出的方案', '情绪激动']);
  });

  it('falls back to the first customer message without a ticket, and cuts Chinese at the sentence end', () => {
    const data = input();
    const p = buildPacket({ ...data, tickets: [], messages: [msg(1, 'customer', '我的包裹还没到。已经两周了！')] }, 'zh');
    expect(p.problem).toEqual({ text: '我的包裹还没到。', messageId: 'm1', headline: null });
    expect(p.sla).toBeNull();
    expect(oneSentence('a'.repeat(300))).toHaveLength(200);
  });
  it('is about the ticket the escalation named when the chat has two complaints, else the newest', () => {
    const base = input();
    const second = { ...base.tickets[0], ref: 'CP-XYZ789', category: 'product' as const, priority: 'normal' as const, summary: 'The blender is broken.', createdAt: T + 2000 };
    const escalated = { id: 'e0', conversationId: 'c1', type: 'escalation_requested', actor: 'bot', data: { reasons: ['resolution_rejected'], ticketRef: 'CP-ABC123' }, at: T + 3500 };
    const named = buildPacket({ ...base, tickets: [base.tickets[0], second], events: [escalated, ...base.events] }, 'en');
    expect(named.sla?.ticketRef).toBe('CP-ABC123');
    expect(named.category).toEqual({ value: 'logistics', label: 'Logistics' });
    const unnamed = buildPacket({ ...base, tickets: [base.tickets[0], second] }, 'en');
    expect(unnamed.sla?.ticketRef).toBe('CP-XYZ789');
    // A later escalation that names no ticket (a person asked for): the newest ticket again.
    const later = { ...escalated, id: 'e2', data: { reasons: ['customer_request'] }, at: T + 5000 };
    expect(buildPacket({ ...base, tickets: [base.tickets[0], second], events: [escalated, later] }, 'en').sla?.ticketRef).toBe('CP-XYZ789');
    expect(unnamed.category).toEqual({ value: 'product', label: 'Product' });
  });
});
