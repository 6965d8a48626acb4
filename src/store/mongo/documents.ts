/**
 * MongoDB document shapes and their mappings to the port's types. Field names match the port;
 * ids become `_id` (tickets use their `ref`). JSON-ish fields are stored as BSON sub-documents.
 * Reads pass through the canonical shape, so both adapters hand back identical values.
 */
import type { ObjectId } from 'mongodb';
import type { ChannelName, Language } from '../../engine/messages';
import { canonicalConversation, canonicalEvent, canonicalMessage, canonicalSurvey, canonicalTicket } from '../canonical';
import type { Conversation, ConversationEvent, Customer, StoredMessage, SurveyAnswer, Ticket } from '../port';

/** A `customers` document; unset optional fields are null or missing. */
export interface CustomerDoc {
  _id: string;
  displayName?: string | null;
  language?: Language | null;
  vip?: boolean | null;
  createdAt: number;
}

/** `_id` is `<channel>:<channelUserId>` (channel names hold no colon), so upserts race safely. */
export interface IdentityDoc {
  _id: string;
  channel: ChannelName;
  channelUserId: string;
  customerId: string;
  createdAt: number;
}

/** A `conversations` document; `lastSeq` is the last message seq handed out (bumped with `$inc`). */
export type ConversationDoc = Omit<Conversation, 'id'> & { _id: string; lastSeq: number };

/**
 * `outboxAt` (= createdAt) exists only while an outbound message awaits delivery; it feeds the
 * outbox index. `inboxAt` (= createdAt) exists only while a customer message awaits its turn's
 * commit (`annotations.processed`); it feeds the inbox index (crash recovery).
 */
export type MessageDoc = Omit<StoredMessage, 'id'> & { _id: string; outboxAt?: number; inboxAt?: number };

/** `_id` is a driver-made ObjectId, which orders events appended in the same millisecond. */
export type EventDoc = ConversationEvent & { _id?: ObjectId };

/** A `tickets` document, keyed by the ticket ref. */
export type TicketDoc = Omit<Ticket, 'ref'> & { _id: string };

/** A `surveys` document. */
export type SurveyDoc = Omit<SurveyAnswer, 'id'> & { _id: string };

/** The identity document key. */
export function identityKey(channel: ChannelName, channelUserId: string): string {
  return `${channel}:${channelUserId}`;
}

/** Maps a customer document to the port's `Customer` (nulls become absent fields). */
export function docToCustomer(doc: CustomerDoc): Customer {
  const customer: Customer = { id: doc._id, createdAt: doc.createdAt };
  if (doc.displayName != null) customer.displayName = doc.displayName;
  if (doc.language != null) customer.language = doc.language;
  if (doc.vip != null) customer.vip = doc.vip;
  return customer;
}

/** The document for a new conversation (`lastSeq` 0: no messages yet). */
export function conversationToDoc(c: Conversation): ConversationDoc {
  const { id, ...rest } = canonicalConversation(c, c.version);
  return { _id: id, ...rest, lastSeq: 0 };
}

/** Maps a conversation document to the port's canonical `Conversation`. */
export function docToConversation(doc: ConversationDoc): Conversation {
  const { _id, lastSeq: _lastSeq, ...rest } = doc;
  return canonicalConversation({ id: _id, ...rest }, doc.version);
}

/** The fields an optimistic update may change (identity fields are fixed at creation). */
export function conversationChanges(c: Conversation) {
  return {
    status: c.status,
    language: c.language,
    state: c.state,
    emotionTrajectory: c.emotionTrajectory,
    assignedAgentId: c.assignedAgentId ?? null,
    previousConversationId: c.previousConversationId ?? null,
    updatedAt: c.updatedAt,
    lastMessageAt: c.lastMessageAt,
  };
}

/** The document for a stored message; pending outbound ones get `outboxAt`. */
export function messageToDoc(m: StoredMessage): MessageDoc {
  const { id, ...rest } = m;
  const doc: MessageDoc = { _id: id, ...rest };
  if (m.direction === 'out' && m.deliveredAt == null) doc.outboxAt = m.createdAt;
  if (m.direction === 'in' && m.author === 'customer' && !m.annotations?.processed) doc.inboxAt = m.createdAt;
  return doc;
}

/** Maps a message document to the port's canonical `StoredMessage`. */
export function docToMessage(doc: MessageDoc): StoredMessage {
  const { _id, outboxAt: _outboxAt, inboxAt: _inboxAt, seq, ...rest } = doc;
  return canonicalMessage({ id: _id, ...rest }, seq);
}

/** Maps an event document (or event) to the canonical `ConversationEvent`. */
export function docToEvent(doc: EventDoc): ConversationEvent {
  return canonicalEvent(doc);
}

/** The document for an event; the driver adds the ObjectId `_id` on insert. */
export function eventToDoc(e: ConversationEvent): EventDoc {
  return docToEvent(e);
}

/** The document for a ticket, nullable fields normalized to null. */
export function ticketToDoc(t: Ticket): TicketDoc {
  const { ref, ...rest } = canonicalTicket(t);
  return { _id: ref, ...rest };
}

/** Maps a ticket document to the port's canonical `Ticket`. */
export function docToTicket(doc: TicketDoc): Ticket {
  const { _id, ...rest } = doc;
  return canonicalTicket({ ref: _id, ...rest });
}

/** The document for a survey answer, nullable fields normalized to null. */
export function surveyToDoc(s: SurveyAnswer): SurveyDoc {
  const { id, ...rest } = canonicalSurvey(s);
  return { _id: id, ...rest };
}

/** Maps a survey document to the port's canonical `SurveyAnswer`. */
export function docToSurvey(doc: SurveyDoc): SurveyAnswer {
  const { _id, ...rest } = doc;
  return canonicalSurvey({ id: _id, ...rest });
}
