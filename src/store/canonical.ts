/**
 * The canonical shape a store returns: `| null` fields are `null` when unset, plain optional
 * fields are left out, counters default to 0. Both adapters pass what they hand back through
 * these, so a value returned by a write equals the one a later read returns.
 */
import type { Conversation, ConversationEvent, StoredMessage, SurveyAnswer, Ticket } from './port';

/** The stored copy of a conversation at `version`. */
export function canonicalConversation(c: Conversation, version: number): Conversation {
  return {
    id: c.id,
    customerId: c.customerId,
    channel: c.channel,
    channelKey: c.channelKey,
    status: c.status,
    language: c.language,
    state: c.state,
    emotionTrajectory: c.emotionTrajectory,
    assignedAgentId: c.assignedAgentId ?? null,
    previousConversationId: c.previousConversationId ?? null,
    version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    lastMessageAt: c.lastMessageAt,
  };
}

/** The stored copy of a message given its store-assigned `seq`. */
export function canonicalMessage(m: Omit<StoredMessage, 'seq'>, seq: number): StoredMessage {
  const message: StoredMessage = {
    id: m.id,
    conversationId: m.conversationId,
    seq,
    direction: m.direction,
    author: m.author,
    channelMessageId: m.channelMessageId ?? null,
    text: m.text,
    value: m.value ?? null,
    quickReplies: m.quickReplies ?? null,
    annotations: m.annotations ?? null,
    authorId: m.authorId ?? null,
    createdAt: m.createdAt,
    deliveredAt: m.deliveredAt ?? null,
    deliveryAttempts: m.deliveryAttempts ?? 0,
    lastDeliveryError: m.lastDeliveryError ?? null,
  };
  if (m.lastDeliveryAttemptAt !== undefined) message.lastDeliveryAttemptAt = m.lastDeliveryAttemptAt;
  return message;
}

/** The stored copy of an event (extra fields such as a document's `_id` are dropped). */
export function canonicalEvent(e: ConversationEvent): ConversationEvent {
  return {
    id: e.id,
    conversationId: e.conversationId,
    type: e.type,
    name: e.name ?? null,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    actor: e.actor,
    reason: e.reason ?? null,
    data: e.data ?? null,
    at: e.at,
  };
}

/** The stored copy of a ticket. */
export function canonicalTicket(t: Ticket): Ticket {
  return {
    ref: t.ref,
    conversationId: t.conversationId,
    customerId: t.customerId,
    category: t.category,
    priority: t.priority,
    status: t.status,
    summary: t.summary,
    facts: t.facts,
    resolution: t.resolution ?? null,
    language: t.language,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    dueAt: t.dueAt ?? null,
    resolvedAt: t.resolvedAt ?? null,
  };
}

/** The stored copy of a survey answer. */
export function canonicalSurvey(s: SurveyAnswer): SurveyAnswer {
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
