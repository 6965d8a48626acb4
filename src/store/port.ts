/**
 * `ConversationStore`: the narrow port every storage engine implements (SQLite embedded default,
 * MongoDB in production). One contract suite (`test/store/contract.ts`) runs against each.
 *
 * Rules every implementation keeps:
 * - A method resolves only once its write is durable (committed).
 * - `saveTurn` is atomic: the conversation update, events, outbound messages, ticket and survey
 *   writes of one turn commit together or not at all.
 * - Conversation updates are optimistic: `expectedVersion` must equal the stored version, else
 *   `VersionConflictError`; a successful update stores `expectedVersion + 1`.
 * - Times are milliseconds since the epoch; JSON-ish fields round-trip exactly.
 */
import type { ChannelName, Language, QuickReply } from '../engine/messages';
import type { AgentRecords } from './port-agents';
import type { ContentRecords } from './port-content';
import type { IdentityLinks } from './port-links';
import type { NewTimer, TimerRecords } from './port-timers';
import type { PresenceRecords } from './port-presence';
import type { PrivacyRecords } from './port-privacy';

export type * from './port-agents';
export type * from './port-links';
export type * from './port-privacy';
export type * from './port-timers';
export type * from './port-content';
export type * from './port-presence';

export type ConversationStatus = 'bot' | 'queued' | 'agent' | 'closed';

export interface Customer {
  id: string;
  displayName?: string;
  /** Preferred language learnt from the conversations. */
  language?: Language;
  vip?: boolean;
  createdAt: number;
}

export interface CustomerIdentity {
  channel: ChannelName;
  channelUserId: string;
  customerId: string;
  createdAt: number;
}

export interface Conversation {
  id: string;
  customerId: string;
  channel: ChannelName;
  channelKey: string;
  status: ConversationStatus;
  language: Language;
  /** Dialog runtime state (script stack, slots, counters); opaque to the store. */
  state: Record<string, unknown>;
  /** Per-turn emotion points (opaque to the store). */
  emotionTrajectory: unknown[];
  assignedAgentId?: string | null;
  previousConversationId?: string | null;
  /** Optimistic concurrency version; starts at 1. */
  version: number;
  createdAt: number;
  updatedAt: number;
  /** Time of the last customer message. */
  lastMessageAt: number;
}

export type MessageDirection = 'in' | 'out';
export type MessageAuthor = 'customer' | 'bot' | 'agent' | 'system';

export interface StoredMessage {
  id: string;
  conversationId: string;
  /** Monotonic per conversation, assigned by the store, starting at 1. */
  seq: number;
  direction: MessageDirection;
  author: MessageAuthor;
  /** Inbound: the platform/client message id (unique per conversation). */
  channelMessageId?: string | null;
  text: string;
  value?: string | null;
  quickReplies?: QuickReply[] | null;
  /** Understanding output and other per-message metadata. */
  annotations?: Record<string, unknown> | null;
  /** Agent id for agent messages. */
  authorId?: string | null;
  createdAt: number;
  /** Outbound: when the channel confirmed delivery; null while pending in the outbox. */
  deliveredAt?: number | null;
  deliveryAttempts?: number;
  lastDeliveryError?: string | null;
  /** Outbound: when the last failed delivery attempt happened (set by `recordDeliveryFailure`). */
  lastDeliveryAttemptAt?: number;
}

export interface ConversationEvent {
  id: string;
  conversationId: string;
  /** e.g. `transition`, `escalation_requested`, `ticket_created`, `survey_recorded`. */
  type: string;
  /** Transition name for `transition` events (`escalate`, `assign`, `returnToBot`, ...). */
  name?: string | null;
  fromStatus?: ConversationStatus | null;
  toStatus?: ConversationStatus | null;
  /** Who caused it: `bot`, `customer`, `agent:<id>`, `system`. */
  actor: string;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  at: number;
}

export type TicketStatus = 'open' | 'in_progress' | 'resolved' | 'closed';
export type TicketCategory = 'product' | 'service' | 'price' | 'logistics' | 'account' | 'privacy' | 'other';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface Ticket {
  /** Human-facing reference number, unique, e.g. `CP-7K3M9Q`. */
  ref: string;
  conversationId: string;
  customerId: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  summary: string;
  facts: Record<string, unknown>;
  resolution?: string | null;
  language: Language;
  createdAt: number;
  updatedAt: number;
  /** Promised resolution deadline. */
  dueAt?: number | null;
  resolvedAt?: number | null;
}

export interface SurveyAnswer {
  id: string;
  conversationId: string;
  customerId: string;
  ticketRef?: string | null;
  /** 1..5 */
  score: number;
  comment?: string | null;
  at: number;
}

/** Everything one processed turn changes, committed in one transaction. */
export interface TurnCommit {
  conversation: Conversation;
  /** The version the turn read; the stored conversation must still have it. */
  expectedVersion: number;
  events?: ConversationEvent[];
  /** Outbound messages to store (seq assigned by the store), pending delivery. */
  outbound?: Omit<StoredMessage, 'seq'>[];
  /** Annotations to merge onto already stored messages (e.g. understanding of the inbound). */
  annotate?: { messageId: string; annotations: Record<string, unknown> }[];
  ticketsCreated?: Ticket[];
  ticketsUpdated?: Ticket[];
  /** Survey answers; one with the id of a stored answer replaces it (a comment added to the score). */
  surveys?: SurveyAnswer[];
  /** Timers to arm with the turn (same rules as `scheduleTimer`: an active one with the id stays). */
  timers?: NewTimer[];
  /** Ids of timers to cancel with the turn (unknown or finished ones are ignored). */
  cancelTimers?: string[];
  /**
   * A claim's capacity check: the commit is refused with `at_capacity` (details `{load, maxChats}`,
   * nothing written) when `agentId` already owns `maxChats` conversations (status `agent`, other
   * than this one). Checked in the same atomic step as the write, so concurrent claims on any
   * instance cannot take an agent over the limit.
   */
  capacity?: { agentId: string; maxChats: number };
}

export interface AppendInboundResult {
  message: StoredMessage;
  /** True when a message with the same channelMessageId was already stored (nothing written). */
  duplicate: boolean;
}

export interface ConversationStore extends AgentRecords, IdentityLinks, PrivacyRecords, ContentRecords, TimerRecords, PresenceRecords {
  /** Creates tables/collections and indexes if needed. Idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** Cheap liveness probe for `/readyz`. */
  ping(): Promise<boolean>;

  /** Returns the customer behind a channel identity, creating both on first sight. */
  resolveCustomer(channel: ChannelName, channelUserId: string, now: number): Promise<Customer>;
  getCustomer(id: string): Promise<Customer | null>;
  updateCustomer(customer: Customer): Promise<void>;

  createConversation(conversation: Conversation): Promise<void>;
  getConversation(id: string): Promise<Conversation | null>;
  /** The newest conversation for this channel key whose status is not `closed`. */
  findOpenConversation(channel: ChannelName, channelKey: string): Promise<Conversation | null>;
  /** The newest conversation for this channel key, whatever its status. */
  findLatestConversation(channel: ChannelName, channelKey: string): Promise<Conversation | null>;
  listConversationsByCustomer(customerId: string, limit?: number): Promise<Conversation[]>;
  listConversationsByStatus(status: ConversationStatus, limit?: number): Promise<Conversation[]>;
  /** Optimistic update of the conversation alone; returns the stored copy (version + 1). */
  updateConversation(conversation: Conversation, expectedVersion: number): Promise<Conversation>;

  /** Durably appends an inbound message, or reports the duplicate already stored. */
  appendInbound(message: Omit<StoredMessage, 'seq'>): Promise<AppendInboundResult>;
  /** Applies a whole turn atomically; returns the stored conversation and outbound messages. */
  saveTurn(commit: TurnCommit): Promise<{ conversation: Conversation; outbound: StoredMessage[] }>;
  /** Messages in seq order; `afterSeq` for paging forwards, `limit` keeps the newest N. */
  listMessages(conversationId: string, options?: { afterSeq?: number; limit?: number }): Promise<StoredMessage[]>;
  getMessage(id: string): Promise<StoredMessage | null>;
  /** Outbound messages not yet delivered, oldest first (the outbox, for recovery after a crash). */
  listUndelivered(limit?: number): Promise<StoredMessage[]>;
  /**
   * Inbound customer messages created at or after `since` whose turn never committed (no
   * `annotations.processed`), oldest first (by `createdAt`, then conversation and seq): the inbox,
   * for recovery after a crash between the ack and the turn's commit.
   */
  listUnprocessedInbound(since: number, limit?: number): Promise<StoredMessage[]>;
  markDelivered(messageId: string, at: number): Promise<void>;
  recordDeliveryFailure(messageId: string, error: string, at: number): Promise<void>;

  appendEvents(events: ConversationEvent[]): Promise<void>;
  listEvents(conversationId: string): Promise<ConversationEvent[]>;

  getTicket(ref: string): Promise<Ticket | null>;
  listTicketsByCustomer(customerId: string): Promise<Ticket[]>;
  listTicketsByConversation(conversationId: string): Promise<Ticket[]>;
  listSurveys(conversationId: string): Promise<SurveyAnswer[]>;
}
