/**
 * Named-parameter objects for the SQLite statements, built from the port's types. JSON fields
 * are serialized here exactly once per write.
 */
import type { Conversation, ConversationEvent, StoredMessage, SurveyAnswer, Ticket } from '../port';
import { jsonOrNull } from './rows';

export function conversationParams(c: Conversation) {
  return {
    id: c.id,
    customerId: c.customerId,
    channel: c.channel,
    channelKey: c.channelKey,
    status: c.status,
    language: c.language,
    state: JSON.stringify(c.state),
    emotionTrajectory: JSON.stringify(c.emotionTrajectory),
    assignedAgentId: c.assignedAgentId ?? null,
    previousConversationId: c.previousConversationId ?? null,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    lastMessageAt: c.lastMessageAt,
  };
}

/** Parameters of the optimistic conversation update (see `updateConversation` in statements). */
export type ConversationUpdateParams = ReturnType<typeof conversationParams> & {
  expectedVersion: number;
  seqIncrement: number;
};

export type ConversationParams = ReturnType<typeof conversationParams>;

export function messageParams(m: Omit<StoredMessage, 'seq'>, seq: number) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq,
    direction: m.direction,
    author: m.author,
    channelMessageId: m.channelMessageId ?? null,
    text: m.text,
    value: m.value ?? null,
    quickReplies: jsonOrNull(m.quickReplies),
    annotations: jsonOrNull(m.annotations),
    authorId: m.authorId ?? null,
    createdAt: m.createdAt,
    deliveredAt: m.deliveredAt ?? null,
    deliveryAttempts: m.deliveryAttempts ?? 0,
    lastDeliveryError: m.lastDeliveryError ?? null,
    lastAttemptAt: m.lastDeliveryAttemptAt ?? null,
  };
}

export type MessageParams = ReturnType<typeof messageParams>;

export function eventParams(e: ConversationEvent) {
  return {
    id: e.id,
    conversationId: e.conversationId,
    type: e.type,
    name: e.name ?? null,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    actor: e.actor,
    reason: e.reason ?? null,
    data: jsonOrNull(e.data),
    at: e.at,
  };
}

export type EventParams = ReturnType<typeof eventParams>;

export function ticketParams(t: Ticket) {
  return {
    ref: t.ref,
    conversationId: t.conversationId,
    customerId: t.customerId,
    category: t.category,
    priority: t.priority,
    status: t.status,
    summary: t.summary,
    facts: JSON.stringify(t.facts),
    resolution: t.resolution ?? null,
    language: t.language,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    dueAt: t.dueAt ?? null,
    resolvedAt: t.resolvedAt ?? null,
  };
}

export type TicketParams = ReturnType<typeof ticketParams>;

export function surveyParams(s: SurveyAnswer) {
  return {
    id: s.id,
    conversationId: s.conversationId,
    customerId: s.customerId,
    ticketRef: s.ticketRef ?? null,
    score: s.score,
    comment: s.comment ?? null,
    at: s.at,
  };
}

export type SurveyParams = ReturnType<typeof surveyParams>;
