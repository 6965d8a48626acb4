/**
 * Named-parameter objects for the SQLite statements, built from the port's types. JSON fields
 * are serialized here exactly once per write.
 */
import { canonicalConversation, canonicalEvent, canonicalMessage, canonicalSurvey, canonicalTicket } from '../canonical';
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
  return { ...canonicalTicket(t), facts: JSON.stringify(t.facts) };
}

/** Parameters of `insertTicket` and `updateTicket`. */
export type TicketParams = ReturnType<typeof ticketParams>;

/** Insert parameters of a survey answer. */
export function surveyParams(s: SurveyAnswer) {
  return canonicalSurvey(s);
}

/** Parameters of `insertSurvey`. */
export type SurveyParams = ReturnType<typeof surveyParams>;
