/**
 * Row shapes of the SQLite tables and the mappings between rows and the port's types. JSON
 * columns are TEXT; a NULL column comes back as `null` for `| null` fields and is left out for
 * plain optional ones (`Customer.displayName`, `StoredMessage.lastDeliveryAttemptAt`).
 */
import type { ChannelName, Language, QuickReply } from '../../engine/messages';
import type {
  Conversation,
  ConversationEvent,
  ConversationStatus,
  Customer,
  MessageAuthor,
  MessageDirection,
  StoredMessage,
  SurveyAnswer,
  Ticket,
  TicketCategory,
  TicketPriority,
  TicketStatus,
} from '../port';

/** A `customers` row. */
export interface CustomerRow {
  id: string;
  display_name: string | null;
  language: Language | null;
  vip: number | null;
  created_at: number;
}

/** A `conversations` row (without the internal `last_seq`). */
export interface ConversationRow {
  id: string;
  customer_id: string;
  channel: ChannelName;
  channel_key: string;
  status: ConversationStatus;
  language: Language;
  state: string;
  emotion_trajectory: string;
  assigned_agent_id: string | null;
  previous_conversation_id: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  last_message_at: number;
}

/** A `messages` row. */
export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  direction: MessageDirection;
  author: MessageAuthor;
  channel_message_id: string | null;
  text: string;
  value: string | null;
  quick_replies: string | null;
  annotations: string | null;
  author_id: string | null;
  created_at: number;
  delivered_at: number | null;
  delivery_attempts: number;
  last_delivery_error: string | null;
  last_attempt_at: number | null;
}

/** An `events` row. */
export interface EventRow {
  id: string;
  conversation_id: string;
  type: string;
  name: string | null;
  from_status: ConversationStatus | null;
  to_status: ConversationStatus | null;
  actor: string;
  reason: string | null;
  data: string | null;
  at: number;
}

/** A `tickets` row. */
export interface TicketRow {
  ref: string;
  conversation_id: string;
  customer_id: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  summary: string;
  facts: string;
  resolution: string | null;
  language: Language;
  created_at: number;
  updated_at: number;
  due_at: number | null;
  resolved_at: number | null;
}

/** A `surveys` row. */
export interface SurveyRow {
  id: string;
  conversation_id: string;
  customer_id: string;
  ticket_ref: string | null;
  score: number;
  comment: string | null;
  at: number;
}

/** Parses a nullable JSON column. */
function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Serializes a nullable JSON field; `undefined` and `null` both become NULL. */
export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Maps a customer row to the port's `Customer` (NULL columns become absent fields). */
export function rowToCustomer(row: CustomerRow): Customer {
  const customer: Customer = { id: row.id, createdAt: row.created_at };
  if (row.display_name !== null) customer.displayName = row.display_name;
  if (row.language !== null) customer.language = row.language;
  if (row.vip !== null) customer.vip = row.vip === 1;
  return customer;
}

/** Maps a conversation row to the port's `Conversation`, parsing its JSON columns. */
export function rowToConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    channelKey: row.channel_key,
    status: row.status,
    language: row.language,
    state: JSON.parse(row.state) as Record<string, unknown>,
    emotionTrajectory: JSON.parse(row.emotion_trajectory) as unknown[],
    assignedAgentId: row.assigned_agent_id,
    previousConversationId: row.previous_conversation_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastMessageAt: row.last_message_at,
  };
}

/** Maps a message row to the port's `StoredMessage`, parsing its JSON columns. */
export function rowToMessage(row: MessageRow): StoredMessage {
  const message: StoredMessage = {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    direction: row.direction,
    author: row.author,
    channelMessageId: row.channel_message_id,
    text: row.text,
    value: row.value,
    quickReplies: parseJson<QuickReply[]>(row.quick_replies),
    annotations: parseJson<Record<string, unknown>>(row.annotations),
    authorId: row.author_id,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    deliveryAttempts: row.delivery_attempts,
    lastDeliveryError: row.last_delivery_error,
  };
  if (row.last_attempt_at !== null) message.lastDeliveryAttemptAt = row.last_attempt_at;
  return message;
}

/** Maps an event row to the port's `ConversationEvent`. */
export function rowToEvent(row: EventRow): ConversationEvent {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    type: row.type,
    name: row.name,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actor: row.actor,
    reason: row.reason,
    data: parseJson<Record<string, unknown>>(row.data),
    at: row.at,
  };
}

/** Maps a ticket row to the port's `Ticket`. */
export function rowToTicket(row: TicketRow): Ticket {
  return {
    ref: row.ref,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    category: row.category,
    priority: row.priority,
    status: row.status,
    summary: row.summary,
    facts: JSON.parse(row.facts) as Record<string, unknown>,
    resolution: row.resolution,
    language: row.language,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    dueAt: row.due_at,
    resolvedAt: row.resolved_at,
  };
}

/** Maps a survey row to the port's `SurveyAnswer`. */
export function rowToSurvey(row: SurveyRow): SurveyAnswer {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    ticketRef: row.ticket_ref,
    score: row.score,
    comment: row.comment,
    at: row.at,
  };
}
