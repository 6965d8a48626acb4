/**
 * Seed data for the fake agent API: agents, canned replies and a few conversations shaped like
 * docs/agent-api.md (an angry Chinese customer, an English one who asked for a person, a chat
 * with the bot for the supervisor view).
 */
type Status = 'bot' | 'queued' | 'agent' | 'closed';

export interface FakeUser {
  id: string; name: string; email: string; role: 'agent' | 'supervisor' | 'admin';
  languages: string[]; categories: string[]; teams: string[]; maxChats: number;
  presence: 'available' | 'away' | 'offline'; disabled: boolean; activeChats: number; online: boolean;
}

export interface FakeMessage {
  id: string; seq: number; author: string; authorId: string | null; authorName: string | null;
  text: string; at: number; emotion: Record<string, unknown> | null;
}

export interface FakeConversation {
  id: string; status: Status; channel: string; language: 'en' | 'zh';
  customer: { id: string; displayName: string | null; vip: boolean };
  assignedAgentId: string | null; queuedAt: number; score: number; reasons: string[];
  emotion: Record<string, unknown> | null;
  messages: FakeMessage[]; notes: Array<Record<string, unknown>>; events: Array<Record<string, unknown>>;
  packet: Record<string, unknown> & { category?: { value: string; label: string } | null; priority?: { value: string; label: string; score: number } | null };
}

const user = (id: string, name: string, role: FakeUser['role'], languages: string[], extra: Partial<FakeUser> = {}): FakeUser => ({
  id, name, email: `${id}@example.com`, role, languages, categories: [], teams: ['care'], maxChats: 3,
  presence: 'offline', disabled: false, activeChats: 0, online: false, ...extra,
});

export const FAKE_AGENTS: FakeUser[] = [
  user('mei', 'Mei Lin', 'agent', ['zh', 'en']),
  user('sam', 'Sam Carter', 'supervisor', ['en'], { presence: 'available', online: true, activeChats: 2, teams: ['care', 'billing'] }),
  user('ana', 'Ana Silva', 'agent', ['en'], { presence: 'away', activeChats: 1, teams: ['logistics'] }),
];

export const FAKE_CANNED = [
  { id: 'c1', shortcut: 'refund', texts: { en: 'I have started a full refund. You will see it within 3 to 5 working days.', zh: '已为您发起全额退款，3 到 5 个工作日内到账。' }, createdAt: 0 },
  { id: 'c2', shortcut: 'sorry', texts: { en: 'I am really sorry about this. I am taking care of it personally now.', zh: '非常抱歉给您带来不便，我现在亲自为您处理。' }, createdAt: 0 },
  { id: 'c3', shortcut: 'thanks', texts: { en: 'Thank you for your patience.', zh: '感谢您的耐心等待。' }, createdAt: 0 },
];

const emo = (label: string, intensity: number) => ({ label, intensity, valence: label === 'satisfaction' ? 0.6 : -intensity });

function messages(now: number, turns: Array<[string, string, Record<string, unknown> | null]>, startAgo: number): FakeMessage[] {
  return turns.map(([author, text, emotion], i) => ({
    id: `m${Math.round(now / 1000) % 100000}-${startAgo}-${i + 1}`, seq: i + 1, author, authorId: null, authorName: null,
    text, at: now - startAgo * 1000 + i * 40_000, emotion,
  }));
}

export function seedConversations(now: number): FakeConversation[] {
  const zh = messages(now, [
    ['customer', '我的订单12345到了是坏的，屏幕碎了', emo('sadness', 0.45)],
    ['bot', '非常抱歉，收到损坏的商品确实让人很失望。我确认一下：订单 12345，商品到货时屏幕已碎，对吗？', null],
    ['customer', '对，我已经等了两个星期了，客服一直不回复！', emo('anger', 0.68)],
    ['bot', '我为您登记了投诉 CP-7K3M9Q，48 小时内为您换货，可以吗？', null],
    ['customer', '不行！我要退款，马上给我转人工，不然我就去12315投诉 <script>alert(1)</script>', emo('anger', 0.91)],
  ], 620);
  const en = messages(now, [
    ['customer', 'I was charged twice for order 88231, $49.90 each time', emo('anxiety', 0.52)],
    ['bot', 'I understand how worrying a double charge is. Order 88231, charged $49.90 twice — is that right?', null],
    ['customer', 'Yes. Can I talk to a real person please?', emo('anxiety', 0.4)],
  ], 260);
  const live = messages(now, [
    ['customer', 'Where is my parcel? It was due yesterday', emo('anxiety', 0.55)],
    ['bot', 'Let me check that for you. What is your order number?', null],
  ], 90);
  return [
    {
      id: 'conv-zh', status: 'queued', channel: 'web', language: 'zh', customer: { id: 'cust-7f3a', displayName: '王伟', vip: true },
      assignedAgentId: null, queuedAt: now - 312_000, score: 96, reasons: ['customer_request', 'emotion', 'legal_threat'],
      emotion: { ...emo('anger', 0.91), direction: 'rising' }, messages: zh, notes: [],
      events: [{ id: 'e1', name: 'escalate', type: 'transition', fromStatus: 'bot', toStatus: 'queued', actor: 'bot', reason: 'customer_request, emotion, legal_threat', at: now - 312_000 }],
      packet: {
        language: 'en', labels: {},
        problem: { text: 'Order 12345 arrived with a broken screen; the customer rejects a replacement and wants a refund.', messageId: zh[0].id },
        facts: [
          { key: 'order_number', label: 'Order', value: '12345', messageId: zh[0].id, seq: 1 },
          { key: 'product', label: 'Problem', value: 'Screen broken on arrival', messageId: zh[0].id, seq: 1 },
          { key: 'ticket_ref', label: 'Complaint', value: 'CP-7K3M9Q', messageId: zh[3].id, seq: 4 },
        ],
        category: { value: 'logistics', label: 'Logistics / damaged in transit' },
        priority: { value: 'urgent', label: 'Urgent', score: 96 },
        emotion: {
          direction: 'rising', directionLabel: 'rising', peak: 0.91,
          turns: [
            { seq: 1, messageId: zh[0].id, text: zh[0].text, label: 'sadness', labelText: 'Sadness', intensity: 0.45 },
            { seq: 3, messageId: zh[2].id, text: zh[2].text, label: 'anger', labelText: 'Anger', intensity: 0.68 },
            { seq: 5, messageId: zh[4].id, text: zh[4].text, label: 'anger', labelText: 'Anger', intensity: 0.91 },
          ],
        },
        proposals: [{ proposal: 'Replacement within 48 hours (complaint CP-7K3M9Q)', messageId: zh[3].id, answer: '不行！我要退款', answerMessageId: zh[4].id, accepted: false }],
        customer: {
          id: 'cust-7f3a', displayName: '王伟', vip: true, channel: 'web',
          previousConversations: [{ id: 'old-1', status: 'closed', createdAt: now - 9 * 86400_000 }],
          tickets: [{ ref: 'CP-7K3M9Q', category: 'logistics', status: 'open', summary: 'Screen broken on arrival, order 12345', createdAt: now - 200_000 }],
        },
        sla: { ticketRef: 'CP-7K3M9Q', dueAt: now + 47 * 3600_000, secondsLeft: 47 * 3600 + 1800, overdue: false, text: 'Replacement promised within 48 hours' },
        escalation: { reasons: ['customer_request', 'emotion', 'legal_threat'], reasonLabels: [], at: now - 312_000 },
      },
    },
    {
      id: 'conv-en', status: 'queued', channel: 'web', language: 'en', customer: { id: 'cust-21bd', displayName: 'Jordan Reyes', vip: false },
      assignedAgentId: null, queuedAt: now - 95_000, score: 31, reasons: ['customer_request'],
      emotion: { ...emo('anxiety', 0.4), direction: 'steady' }, messages: en, notes: [], events: [],
      packet: {
        language: 'en', labels: {}, problem: { text: 'Charged twice ($49.90) for order 88231.', messageId: en[0].id },
        facts: [{ key: 'order_number', label: 'Order', value: '88231', messageId: en[0].id, seq: 1 }, { key: 'amount', label: 'Amount', value: '$49.90 × 2', messageId: en[0].id, seq: 1 }],
        category: { value: 'price', label: 'Billing' }, priority: { value: 'normal', label: 'Normal', score: 31 },
        emotion: { direction: 'steady', directionLabel: 'steady', peak: 0.52, turns: [
          { seq: 1, messageId: en[0].id, text: en[0].text, label: 'anxiety', labelText: 'Anxiety', intensity: 0.52 },
          { seq: 3, messageId: en[2].id, text: en[2].text, label: 'anxiety', labelText: 'Anxiety', intensity: 0.4 },
        ] },
        proposals: [], customer: { id: 'cust-21bd', displayName: 'Jordan Reyes', vip: false, channel: 'web', previousConversations: [], tickets: [] },
        sla: null, escalation: { reasons: ['customer_request'], reasonLabels: [], at: now - 95_000 },
      },
    },
    {
      id: 'conv-live', status: 'bot', channel: 'telegram', language: 'en', customer: { id: 'cust-90aa', displayName: 'Priya N.', vip: false },
      assignedAgentId: null, queuedAt: now - 90_000, score: 0, reasons: [], emotion: { ...emo('anxiety', 0.55), direction: 'rising' },
      messages: live, notes: [], events: [],
      packet: { language: 'en', labels: {}, problem: { text: 'Parcel is a day late.', messageId: live[0].id }, facts: [], category: null, priority: null,
        emotion: { direction: 'rising', directionLabel: 'rising', peak: 0.55, turns: [{ seq: 1, messageId: live[0].id, text: live[0].text, label: 'anxiety', labelText: 'Anxiety', intensity: 0.55 }] },
        proposals: [], customer: { id: 'cust-90aa', displayName: 'Priya N.', vip: false, channel: 'telegram', previousConversations: [], tickets: [] }, sla: null,
        escalation: { reasons: [], reasonLabels: [], at: null } },
    },
  ];
}
