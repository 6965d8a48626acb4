/**
 * Every SQL statement the SQLite store runs, prepared once per connection right after the
 * migrations, so no call prepares SQL on the hot path.
 */
import type Database from 'better-sqlite3';
import type {
  ConversationParams,
  ConversationUpdateParams,
  EventParams,
  MessageParams,
  SurveyParams,
  TicketParams,
} from './params';
import type { ConversationRow, CustomerRow, EventRow, MessageRow, SurveyRow, TicketRow } from './rows';

const CONVERSATION_COLUMNS = `id, customer_id, channel, channel_key, status, language, state, emotion_trajectory,
  assigned_agent_id, previous_conversation_id, version, created_at, updated_at, last_message_at`;
const MESSAGE_COLUMNS = `id, conversation_id, seq, direction, author, channel_message_id, text, value,
  quick_replies, annotations, author_id, created_at, delivered_at, delivery_attempts, last_delivery_error, last_attempt_at`;
/** Identity columns (id, customer, channel, key, createdAt) are fixed at creation and never updated. */
const UPDATABLE_COLUMNS = `language = @language, state = @state, emotion_trajectory = @emotionTrajectory,
  assigned_agent_id = @assignedAgentId, previous_conversation_id = @previousConversationId,
  updated_at = @updatedAt, last_message_at = @lastMessageAt`;
const OPEN = `status IN ('bot', 'queued', 'agent')`;

interface CustomerUpdateParams {
  id: string;
  displayName: string | null;
  language: string | null;
  vip: number | null;
}

function customerStatements(db: Database.Database) {
  return {
    ping: db.prepare<[], number>('SELECT 1').pluck(),
    findIdentityCustomer: db.prepare<[string, string], CustomerRow>(
      `SELECT c.* FROM identities i JOIN customers c ON c.id = i.customer_id
       WHERE i.channel = ? AND i.channel_user_id = ?`,
    ),
    insertIdentity: db.prepare<[string, string, string, number]>(
      'INSERT OR IGNORE INTO identities (channel, channel_user_id, customer_id, created_at) VALUES (?, ?, ?, ?)',
    ),
    insertCustomer: db.prepare<[string, number]>('INSERT INTO customers (id, created_at) VALUES (?, ?)'),
    getCustomer: db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?'),
    updateCustomer: db.prepare<CustomerUpdateParams>(
      'UPDATE customers SET display_name = @displayName, language = @language, vip = @vip WHERE id = @id',
    ),
  };
}

function conversationStatements(db: Database.Database) {
  return {
    insertConversation: db.prepare<ConversationParams>(
      `INSERT INTO conversations (${CONVERSATION_COLUMNS}) VALUES (@id, @customerId, @channel, @channelKey,
       @status, @language, @state, @emotionTrajectory, @assignedAgentId, @previousConversationId, @version,
       @createdAt, @updatedAt, @lastMessageAt)`,
    ),
    getConversation: db.prepare<[string], ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ?`),
    getConversationVersion: db.prepare<[string], number>('SELECT version FROM conversations WHERE id = ?').pluck(),
    /** The agent's load for a capacity check: conversations they own, other than the one being claimed. */
    countAgentLoad: db.prepare<[string, string], number>(`SELECT COUNT(*) FROM conversations WHERE assigned_agent_id = ? AND status = 'agent' AND id != ?`).pluck(),
    findOpenConversation: db.prepare<[string, string], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE channel = ? AND channel_key = ? AND ${OPEN}
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ),
    findLatestConversation: db.prepare<[string, string], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE channel = ? AND channel_key = ?
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ),
    listConversationsByCustomer: db.prepare<[string, number], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE customer_id = ?
       ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    listConversationsByStatus: db.prepare<[string, number], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE status = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    /**
     * Optimistic update when the status is unchanged (the common case): leaving `status` out of
     * the SET list spares the two indexes that contain it. Returns the new `last_seq`.
     */
    updateConversationSameStatus: db.prepare<ConversationUpdateParams, number>(
      `UPDATE conversations SET ${UPDATABLE_COLUMNS}, version = version + 1, last_seq = last_seq + @seqIncrement
       WHERE id = @id AND version = @expectedVersion AND status = @status RETURNING last_seq`,
    ).pluck(),
    /** Optimistic update including a status change; returns the new `last_seq`, nothing on conflict. */
    updateConversation: db.prepare<ConversationUpdateParams, number>(
      `UPDATE conversations SET status = @status, ${UPDATABLE_COLUMNS}, version = version + 1,
       last_seq = last_seq + @seqIncrement WHERE id = @id AND version = @expectedVersion RETURNING last_seq`,
    ).pluck(),
    nextSeq: db.prepare<[string], number>(
      'UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
    ).pluck(),
  };
}

function messageStatements(db: Database.Database) {
  return {
    insertMessage: db.prepare<MessageParams>(
      `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (@id, @conversationId, @seq, @direction, @author,
       @channelMessageId, @text, @value, @quickReplies, @annotations, @authorId, @createdAt, @deliveredAt,
       @deliveryAttempts, @lastDeliveryError, @lastAttemptAt)`,
    ),
    findByChannelMessageId: db.prepare<[string, string], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND channel_message_id = ?`,
    ),
    getMessage: db.prepare<[string], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`),
    getAnnotations: db.prepare<[string], string | null>('SELECT annotations FROM messages WHERE id = ?').pluck(),
    setAnnotations: db.prepare<[string, string]>('UPDATE messages SET annotations = ? WHERE id = ?'),
    /** Newest `limit` messages after `afterSeq`, returned in ascending seq order (-1 = no limit). */
    listMessages: db.prepare<[string, number, number], MessageRow>(
      `SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq > ?
       ORDER BY seq DESC LIMIT ?) ORDER BY seq ASC`,
    ),
    listUndelivered: db.prepare<[number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages INDEXED BY messages_undelivered
       WHERE direction = 'out' AND delivered_at IS NULL ORDER BY created_at, conversation_id, seq LIMIT ?`,
    ),
    listUnprocessedInbound: db.prepare<[number, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages INDEXED BY messages_unprocessed
       WHERE direction = 'in' AND author = 'customer' AND json_extract(annotations, '$.processed') IS NULL
       AND created_at >= ? ORDER BY created_at, conversation_id, seq LIMIT ?`,
    ),
    markDelivered: db.prepare<[number, string]>(
      'UPDATE messages SET delivered_at = COALESCE(delivered_at, ?) WHERE id = ?',
    ),
    recordDeliveryFailure: db.prepare<[string, number, string]>(
      `UPDATE messages SET delivery_attempts = delivery_attempts + 1, last_delivery_error = ?, last_attempt_at = ?
       WHERE id = ?`,
    ),
  };
}

function recordStatements(db: Database.Database) {
  return {
    insertEvent: db.prepare<EventParams>(
      `INSERT INTO events (id, conversation_id, type, name, from_status, to_status, actor, reason, data, at)
       VALUES (@id, @conversationId, @type, @name, @fromStatus, @toStatus, @actor, @reason, @data, @at)`,
    ),
    listEvents: db.prepare<[string], EventRow>('SELECT * FROM events WHERE conversation_id = ? ORDER BY at, rowid'),
    insertTicket: db.prepare<TicketParams>(
      `INSERT INTO tickets (ref, conversation_id, customer_id, category, priority, status, summary, facts,
       resolution, language, created_at, updated_at, due_at, resolved_at) VALUES (@ref, @conversationId,
       @customerId, @category, @priority, @status, @summary, @facts, @resolution, @language, @createdAt,
       @updatedAt, @dueAt, @resolvedAt)`,
    ),
    updateTicket: db.prepare<TicketParams>(
      `UPDATE tickets SET conversation_id = @conversationId, customer_id = @customerId, category = @category,
       priority = @priority, status = @status, summary = @summary, facts = @facts, resolution = @resolution,
       language = @language, created_at = @createdAt, updated_at = @updatedAt, due_at = @dueAt,
       resolved_at = @resolvedAt WHERE ref = @ref`,
    ),
    getTicket: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE ref = ?'),
    listTicketsByCustomer: db.prepare<[string], TicketRow>(
      'SELECT * FROM tickets WHERE customer_id = ? ORDER BY created_at, ref',
    ),
    listTicketsByConversation: db.prepare<[string], TicketRow>(
      'SELECT * FROM tickets WHERE conversation_id = ? ORDER BY created_at, ref',
    ),
    insertSurvey: db.prepare<SurveyParams>(
      `INSERT INTO surveys (id, conversation_id, customer_id, ticket_ref, score, comment, at)
       VALUES (@id, @conversationId, @customerId, @ticketRef, @score, @comment, @at)
       ON CONFLICT (id) DO UPDATE SET ticket_ref = excluded.ticket_ref, score = excluded.score, comment = excluded.comment`,
    ),
    listSurveys: db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE conversation_id = ? ORDER BY at, rowid'),
  };
}

/** Builds the statement set; call once per connection after `migrate`. */
export function prepareStatements(db: Database.Database) {
  return {
    ...customerStatements(db),
    ...conversationStatements(db),
    ...messageStatements(db),
    ...recordStatements(db),
  };
}

/** The prepared statement set of one SQLite connection. */
export type Statements = ReturnType<typeof prepareStatements>;
