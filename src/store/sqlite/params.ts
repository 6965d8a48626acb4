/**
 * Named-parameter objects for the SQLite statements, built from the port's types. JSON fields
 * are serialized here exactly once per write.
 */
import { canonicalConversation, canonicalEvent, canonicalMessage } from '../canonical';
import type { Conversation, ConversationEvent, StoredMessage, SurveyAnswer, Ticket } from '../port';
import { jsonOrNull } from './rows';

/** Insert/update parameters of a conversation; `state` and `emotionTrajectory` become JSON text. */
export function conversationParams(c: Conversation) {
  return { ...canonicalConversation(c, c.version), state: JSON.stringify(c.state), emotionTrajectory: JSON.stringify(c.emotionTrajectory) };
}

/** Parameters of the optimistic conversation update (see `updateConversation` in statements). */
export type ConversationUpdateParams = ReturnType<typeof conversationParams> & {
  expectedVersion: number;
  seqIncrement: number;
};

/** Parameters of `insertConversation`. */
export type ConversationParams = ReturnType<typeof conversationParams>;

/** Insert parameters of a message with its store-assigned `seq`. */
export function messageParams(m: Omit<StoredMessage, 'seq'>, seq: number) {
  const { lastDeliveryAttemptAt, ...c } = canonicalMessage(m, seq);
  return { ...c, quickReplies: jsonOrNull(c.quickReplies), annotations: jsonOrNull(c.annotations), lastAttemptAt: lastDeliveryAttemptAt ?? null };
}

/** Parameters of `insertMessage`. */
export type MessageParams = ReturnType<typeof messageParams>;

/** Insert parameters of an event. */
export function eventParams(e: ConversationEvent) {
  return { ...canonicalEvent(e), data: jsonOrNull(e.data) };
}

/** Parameters of `insertEvent`. */
export type EventParams = ReturnType<typeof eventParams>;

/** Insert/update parameters of a ticket; `facts` becomes JSON text. */
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

/** Parameters of `insertTicket` and `updateTicket`. */
export type TicketParams = ReturnType<typeof ticketParams>;

/** Insert parameters of a survey answer. */
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

/** Parameters of `insertSurvey`. */
export type SurveyParams = ReturnType<typeof surveyParams>;
