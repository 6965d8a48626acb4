/**
 * Builders for the store contract suite: every value comes back in the store's canonical shape
 * (nullable fields are `null`, not missing), so `toEqual` compares what was written with what is read.
 */
import { randomUUID } from 'node:crypto';
import type {
  Conversation,
  ConversationEvent,
  StoredMessage,
  SurveyAnswer,
  Ticket,
} from '../../src/store/port';

/** A fixed start time; tests add offsets so orderings are unambiguous. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A unique id with a readable prefix. */
export function uid(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** JSON that tends to break naive storage: CJK, emoji, escapes, float edge cases, nesting. */
export const TRICKY_JSON = {
  zh: '我的包裹还没到，已经等了两周了！😡',
  emoji: '👍🏽 👨‍👩‍👧 🇨🇳',
  quotes: `it's "quoted" \\ back\\slash\nnew line\ttab`,
  float: 0.1 + 0.2,
  big: Number.MAX_SAFE_INTEGER,
  negative: -42.5,
  flags: [true, false, null],
  nested: { deep: { deeper: [1, [2, [3, { x: '深' }]]] } },
  empty: { obj: {}, arr: [] as unknown[], str: '' },
};

/** A new `bot` conversation (version 1) with unique id, customer and channel key. */
export function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: uid('conv'),
    customerId: uid('cust'),
    channel: 'web',
    channelKey: uid('key'),
    status: 'bot',
    language: 'en',
    state: { step: 'listen', slots: {} },
    emotionTrajectory: [],
    assignedAgentId: null,
    previousConversationId: null,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    lastMessageAt: T0,
    ...overrides,
  };
}

/** An inbound customer message with a unique platform id, in canonical shape. */
export function inbound(conversationId: string, overrides: Partial<StoredMessage> = {}): Omit<StoredMessage, 'seq'> {
  return {
    id: uid('msg'),
    conversationId,
    direction: 'in',
    author: 'customer',
    channelMessageId: uid('platform'),
    text: 'hello',
    value: null,
    quickReplies: null,
    annotations: null,
    authorId: null,
    createdAt: T0,
    deliveredAt: null,
    deliveryAttempts: 0,
    lastDeliveryError: null,
    ...overrides,
  };
}

/** An outbound bot message pending delivery, in canonical shape. */
export function outbound(conversationId: string, overrides: Partial<StoredMessage> = {}): Omit<StoredMessage, 'seq'> {
  return inbound(conversationId, { direction: 'out', author: 'bot', channelMessageId: null, text: 'hi, how can I help?', ...overrides });
}

/** An `escalate` transition event. */
export function event(conversationId: string, overrides: Partial<ConversationEvent> = {}): ConversationEvent {
  return {
    id: uid('evt'),
    conversationId,
    type: 'transition',
    name: 'escalate',
    fromStatus: 'bot',
    toStatus: 'queued',
    actor: 'bot',
    reason: 'customer asked for a human',
    data: null,
    at: T0,
    ...overrides,
  };
}

/** An open logistics ticket for `conv` with a unique ref. */
export function ticket(conv: Conversation, overrides: Partial<Ticket> = {}): Ticket {
  return {
    ref: `CP-${randomUUID().slice(0, 8).toUpperCase()}`,
    conversationId: conv.id,
    customerId: conv.customerId,
    category: 'logistics',
    priority: 'normal',
    status: 'open',
    summary: 'Parcel late by two weeks',
    facts: { orderId: 'A-1001', days: 14 },
    resolution: null,
    language: conv.language,
    createdAt: T0,
    updatedAt: T0,
    dueAt: T0 + 86_400_000,
    resolvedAt: null,
    ...overrides,
  };
}

/** A CSAT answer for `conv`. */
export function survey(conv: Conversation, overrides: Partial<SurveyAnswer> = {}): SurveyAnswer {
  return {
    id: uid('survey'),
    conversationId: conv.id,
    customerId: conv.customerId,
    ticketRef: null,
    score: 4,
    comment: null,
    at: T0,
    ...overrides,
  };
}
