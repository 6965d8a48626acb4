/**
 * `ConversationStore` on an embedded SQLite file (better-sqlite3), the default store.
 *
 * Durability: the file runs in WAL mode. With `synchronous: 'NORMAL'` (the default) a committed
 * write survives a process crash or `kill -9`; only an OS crash or power loss can drop the last
 * few commits (never corrupting the file). `synchronous: 'FULL'` fsyncs every commit and also
 * survives power loss, at a throughput cost. A `busy_timeout` lets several processes share the
 * file: writers queue for up to `busyTimeoutMs` instead of failing with `SQLITE_BUSY`.
 */
import Database from 'better-sqlite3';
import type { ChannelName } from '../../engine/messages';
import { ConcordError, NotFoundError } from '../../errors';
import { canonicalConversation } from '../canonical';
import { DEFAULT_LIST_LIMIT, effectiveLimit } from '../list-options';
import type { AuditEntry, CannedReply, InternalNote, Session, User } from '../port-agents';
import type { ContentDraft, ContentKind, ContentVersion, DraftInput } from '../port-content';
import { SqliteAgentRecords } from './agent-records';
import { SqliteContentRecords } from './content-records';
import { SqliteLinkRecords } from './link-records';
import { prepareTimerStatements, scheduleTimerTx, SqliteTimerRecords, type TimerStatements } from './timer-records';
import { SqlitePresenceRecords } from './presence-records';
import { SqlitePrivacyRecords } from './privacy-records';
import type {
  AppendInboundResult,
  ConsumedLinkCode,
  Conversation,
  ConversationEvent,
  ConversationStatus,
  ConversationStore,
  Customer,
  CustomerIdentity,
  DeletionCounts,
  LinkCode,
  NewTimer,
  StoredMessage,
  SurveyAnswer,
  Ticket,
  Timer,
  TimerClaim,
  TurnCommit,
} from '../port';
import { conversationParams, eventParams } from './params';
import { rowToConversation, rowToCustomer, rowToEvent, rowToMessage, rowToSurvey, rowToTicket } from './rows';
import { migrate } from './schema';
import { prepareStatements, type Statements } from './statements';
import { WriteQueue } from './write-queue';
import { appendInboundTx, isConstraintError, resolveCustomerTx, saveTurnTx, updateConversationTx } from './writes';

/** How to open the SQLite store. */
export interface SqliteStoreOptions {
  /** Database file path; `':memory:'` only for quick unit tests (nothing is kept, one process). */
  file: string;
  /** `NORMAL` (default): survives process crashes. `FULL`: also survives power loss, slower. */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a write waits for another process's write lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
}

/**
 * The SQLite implementation of {@link ConversationStore}. Opening is synchronous; `init()` runs
 * the migrations and prepares every statement once. Writes go through a group-commit queue
 * (`write-queue.ts`): each call runs in its own savepoint inside a shared `IMMEDIATE`
 * transaction and resolves after the COMMIT. Message seq numbers come from a `last_seq` column
 * bumped in the same transaction, so several processes can share one file safely. Reads run
 * directly and see every write whose promise has resolved.
 */
export class SqliteStore implements ConversationStore {
  private readonly db: Database.Database;
  private prepared: { s: Statements; writes: WriteQueue; agents: SqliteAgentRecords; links: SqliteLinkRecords; privacy: SqlitePrivacyRecords; content: SqliteContentRecords; timerStatements: TimerStatements; timers: SqliteTimerRecords; presence: SqlitePresenceRecords } | null = null;

  constructor(options: SqliteStoreOptions) {
    const synchronous = options.synchronous ?? 'NORMAL';
    if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
      throw new ConcordError('invalid_option', `synchronous must be NORMAL or FULL, not ${String(synchronous)}`);
    }
    this.db = new Database(options.file);
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    // Deleted rows are overwritten with zeros, so erased personal data leaves no copy in the file.
    this.db.pragma('secure_delete = ON');
  }

  private get s(): Statements {
    return this.ready().s;
  }

  /** Runs a synchronous write in the next group-commit transaction. */
  private write<T>(fn: (s: Statements) => T): Promise<T> {
    const { s, writes } = this.ready();
    return writes.enqueue(() => fn(s));
  }

  private ready() {
    if (this.prepared) return this.prepared;
    throw new ConcordError('store_not_ready', 'SqliteStore used before init() (or after close())');
  }

  async init(): Promise<void> {
    if (this.prepared) return;
    migrate(this.db);
    const writes = new WriteQueue(this.db);
    const agents = new SqliteAgentRecords(this.db, (fn) => writes.enqueue(fn));
    const links = new SqliteLinkRecords(this.db, (fn) => writes.enqueue(fn));
    const privacy = new SqlitePrivacyRecords(this.db, (fn) => writes.enqueue(fn));
    const content = new SqliteContentRecords(this.db, (fn) => writes.enqueue(fn));
    const timerStatements = prepareTimerStatements(this.db);
    const timers = new SqliteTimerRecords(timerStatements, (fn) => writes.enqueue(fn));
    const presence = new SqlitePresenceRecords(this.db, (fn) => writes.enqueue(fn));
    this.prepared = { s: prepareStatements(this.db), writes, agents, links, privacy, content, timerStatements, timers, presence };
  }

  /** Commits the writes still queued, then closes the file. */
  async close(): Promise<void> {
    await this.prepared?.writes.drain();
    this.prepared = null;
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<boolean> {
    try {
      return this.s.ping.get() === 1;
    } catch {
      return false;
    }
  }

  async resolveCustomer(channel: ChannelName, channelUserId: string, now: number): Promise<Customer> {
    const row = this.s.findIdentityCustomer.get(channel, channelUserId);
    if (row) return rowToCustomer(row);
    return this.write((s) => resolveCustomerTx(s, channel, channelUserId, now));
  }

  async getCustomer(id: string): Promise<Customer | null> {
    const row = this.s.getCustomer.get(id);
    return row ? rowToCustomer(row) : null;
  }

  async updateCustomer(customer: Customer): Promise<void> {
    const vip = customer.vip === undefined ? null : customer.vip ? 1 : 0;
    const params = { id: customer.id, displayName: customer.displayName ?? null, language: customer.language ?? null, vip };
    await this.write((s) => {
      if (s.updateCustomer.run(params).changes === 0) throw new NotFoundError('customer', customer.id);
    });
  }

  async createConversation(conversation: Conversation): Promise<void> {
    await this.write((s) => {
      try {
        s.insertConversation.run(conversationParams(conversation));
      } catch (err) {
        if (!isConstraintError(err)) throw err;
        throw new ConcordError('conversation_exists', `conversation ${conversation.id} already exists; use a new id`);
      }
    });
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const row = this.s.getConversation.get(id);
    return row ? rowToConversation(row) : null;
  }

  async findOpenConversation(channel: ChannelName, channelKey: string): Promise<Conversation | null> {
    const row = this.s.findOpenConversation.get(channel, channelKey);
    return row ? rowToConversation(row) : null;
  }

  async findLatestConversation(channel: ChannelName, channelKey: string): Promise<Conversation | null> {
    const row = this.s.findLatestConversation.get(channel, channelKey);
    return row ? rowToConversation(row) : null;
  }

  /** Newest first (by `createdAt`). */
  async listConversationsByCustomer(customerId: string, limit?: number): Promise<Conversation[]> {
    const n = effectiveLimit(limit, DEFAULT_LIST_LIMIT);
    return this.s.listConversationsByCustomer.all(customerId, n).map(rowToConversation);
  }

  /** Most recently updated first. */
  async listConversationsByStatus(status: ConversationStatus, limit?: number): Promise<Conversation[]> {
    const n = effectiveLimit(limit, DEFAULT_LIST_LIMIT);
    return this.s.listConversationsByStatus.all(status, n).map(rowToConversation);
  }

  async updateConversation(conversation: Conversation, expectedVersion: number): Promise<Conversation> {
    await this.write((s) => updateConversationTx(s, conversation, expectedVersion, 0));
    return canonicalConversation(conversation, expectedVersion + 1);
  }

  async appendInbound(message: Omit<StoredMessage, 'seq'>): Promise<AppendInboundResult> {
    return this.write((s) => appendInboundTx(s, message));
  }

  async saveTurn(commit: TurnCommit): Promise<{ conversation: Conversation; outbound: StoredMessage[] }> {
    const t = this.ready().timerStatements;
    return this.write((s) => {
      const saved = saveTurnTx(s, commit);
      for (const timer of commit.timers ?? []) scheduleTimerTx(t, timer);
      for (const id of commit.cancelTimers ?? []) t.cancel.run(id);
      return saved;
    });
  }

  async listMessages(conversationId: string, options: { afterSeq?: number; limit?: number } = {}): Promise<StoredMessage[]> {
    const limit = effectiveLimit(options.limit, -1);
    if (limit === 0) return [];
    return this.s.listMessages.all(conversationId, options.afterSeq ?? 0, limit).map(rowToMessage);
  }

  async getMessage(id: string): Promise<StoredMessage | null> {
    const row = this.s.getMessage.get(id);
    return row ? rowToMessage(row) : null;
  }

  /** Oldest first (by `createdAt`, then insertion order). */
  async listUndelivered(limit?: number): Promise<StoredMessage[]> {
    return this.s.listUndelivered.all(effectiveLimit(limit, DEFAULT_LIST_LIMIT)).map(rowToMessage);
  }

  async listUnprocessedInbound(since: number, limit?: number): Promise<StoredMessage[]> {
    return this.s.listUnprocessedInbound.all(since, effectiveLimit(limit, DEFAULT_LIST_LIMIT)).map(rowToMessage);
  }

  /** Idempotent: a second call keeps the first delivery time. */
  async markDelivered(messageId: string, at: number): Promise<void> {
    await this.write((s) => {
      if (s.markDelivered.run(at, messageId).changes === 0) throw new NotFoundError('message', messageId);
    });
  }

  async recordDeliveryFailure(messageId: string, error: string, at: number): Promise<void> {
    await this.write((s) => {
      if (s.recordDeliveryFailure.run(error, at, messageId).changes === 0) throw new NotFoundError('message', messageId);
    });
  }

  async appendEvents(events: ConversationEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.write((s) => {
      for (const event of events) s.insertEvent.run(eventParams(event));
    });
  }

  /** By `at`, ties in the order they were appended. */
  async listEvents(conversationId: string): Promise<ConversationEvent[]> {
    return this.s.listEvents.all(conversationId).map(rowToEvent);
  }

  async getTicket(ref: string): Promise<Ticket | null> {
    const row = this.s.getTicket.get(ref);
    return row ? rowToTicket(row) : null;
  }

  /** Oldest first. */
  async listTicketsByCustomer(customerId: string): Promise<Ticket[]> {
    return this.s.listTicketsByCustomer.all(customerId).map(rowToTicket);
  }

  /** Oldest first. */
  async listTicketsByConversation(conversationId: string): Promise<Ticket[]> {
    return this.s.listTicketsByConversation.all(conversationId).map(rowToTicket);
  }

  /** By `at`. */
  async listSurveys(conversationId: string): Promise<SurveyAnswer[]> {
    return this.s.listSurveys.all(conversationId).map(rowToSurvey);
  }

  // --- AgentRecords (see agent-records.ts)
  private get a(): SqliteAgentRecords {
    return this.ready().agents;
  }
  createUser(user: User): Promise<void> { return this.a.createUser(user); }
  getUser(id: string): Promise<User | null> { return this.a.getUser(id); }
  getUserByEmail(email: string): Promise<User | null> { return this.a.getUserByEmail(email); }
  listUsers(): Promise<User[]> { return this.a.listUsers(); }
  updateUser(user: User): Promise<void> { return this.a.updateUser(user); }
  createSession(session: Session): Promise<void> { return this.a.createSession(session); }
  getSession(id: string): Promise<Session | null> { return this.a.getSession(id); }
  touchSession(id: string, at: number): Promise<void> { return this.a.touchSession(id, at); }
  revokeSession(id: string, at: number): Promise<void> { return this.a.revokeSession(id, at); }
  revokeUserSessions(userId: string, at: number): Promise<void> { return this.a.revokeUserSessions(userId, at); }
  addNote(note: InternalNote): Promise<void> { return this.a.addNote(note); }
  listNotes(conversationId: string): Promise<InternalNote[]> { return this.a.listNotes(conversationId); }
  createCannedReply(reply: CannedReply): Promise<void> { return this.a.createCannedReply(reply); }
  listCannedReplies(): Promise<CannedReply[]> { return this.a.listCannedReplies(); }
  appendAudit(entry: AuditEntry): Promise<void> { return this.a.appendAudit(entry); }
  listAudit(limit?: number): Promise<AuditEntry[]> { return this.a.listAudit(limit); }
  listConversationsByAgent(agentId: string): Promise<Conversation[]> { return this.a.listConversationsByAgent(agentId); }
  countConversationsByAgent(): Promise<Map<string, number>> { return this.a.countConversationsByAgent(); }

  // --- IdentityLinks (see link-records.ts)
  private get l(): SqliteLinkRecords {
    return this.ready().links;
  }
  createLinkCode(code: LinkCode): Promise<boolean> { return this.l.createLinkCode(code); }
  consumeLinkCode(codeHash: string, now: number, usedBy: string): Promise<ConsumedLinkCode | null> { return this.l.consumeLinkCode(codeHash, now, usedBy); }
  linkIdentity(channel: ChannelName, channelUserId: string, customerId: string, now: number): Promise<Customer> { return this.l.linkIdentity(channel, channelUserId, customerId, now); }
  listIdentities(customerId: string): Promise<CustomerIdentity[]> { return this.l.listIdentities(customerId); }

  // --- TimerRecords (see timer-records.ts)
  private get t(): SqliteTimerRecords {
    return this.ready().timers;
  }
  scheduleTimer(timer: NewTimer): Promise<boolean> { return this.t.scheduleTimer(timer); }
  cancelTimer(id: string): Promise<boolean> { return this.t.cancelTimer(id); }
  cancelConversationTimers(conversationId: string, kind?: string): Promise<number> { return this.t.cancelConversationTimers(conversationId, kind); }
  claimDueTimers(claim: TimerClaim): Promise<Timer[]> { return this.t.claimDueTimers(claim); }
  completeTimer(id: string, owner: string, at: number): Promise<boolean> { return this.t.completeTimer(id, owner, at); }
  failTimer(id: string, owner: string, error: string, retryAt: number | null): Promise<boolean> { return this.t.failTimer(id, owner, error, retryAt); }
  getTimer(id: string): Promise<Timer | null> { return this.t.getTimer(id); }
  // --- PresenceRecords (see presence-records.ts)
  holdConsoles(instance: string, agentIds: string[], expiresAt: number): Promise<void> { return this.ready().presence.holdConsoles(instance, agentIds, expiresAt); }
  releaseConsole(instance: string, agentId: string): Promise<void> { return this.ready().presence.releaseConsole(instance, agentId); }
  isAgentConnected(agentId: string, now: number, exceptInstance?: string): Promise<boolean> { return this.ready().presence.isAgentConnected(agentId, now, exceptInstance); }
  reapConsoleLeases(now: number): Promise<string[]> { return this.ready().presence.reapConsoleLeases(now); }
  // --- PrivacyRecords (see privacy-records.ts)
  eraseCustomer(customerId: string, at: number): Promise<DeletionCounts> { return this.ready().privacy.eraseCustomer(customerId, at); }
  findCustomerByIdentity(channel: ChannelName, channelUserId: string): Promise<Customer | null> { return this.ready().privacy.findCustomerByIdentity(channel, channelUserId); }
  deleteConversationsBefore(cutoff: number, limit?: number): Promise<DeletionCounts> { return this.ready().privacy.deleteConversationsBefore(cutoff, limit); }
  // --- ContentRecords (see content-records.ts)
  private get c(): SqliteContentRecords {
    return this.ready().content;
  }
  appendContentVersion(version: ContentVersion): Promise<void> { return this.c.appendContentVersion(version); }
  listLatestContent(): Promise<ContentVersion[]> { return this.c.listLatestContent(); }
  listContentVersions(kind: ContentKind, name: string): Promise<ContentVersion[]> { return this.c.listContentVersions(kind, name); }
  getContentVersion(kind: ContentKind, name: string, version: number): Promise<ContentVersion | null> { return this.c.getContentVersion(kind, name, version); }
  getLatestContentVersion(kind: ContentKind, name: string): Promise<ContentVersion | null> { return this.c.getLatestContentVersion(kind, name); }
  getContentDraft(kind: ContentKind, name: string): Promise<ContentDraft | null> { return this.c.getContentDraft(kind, name); }
  listContentDrafts(): Promise<ContentDraft[]> { return this.c.listContentDrafts(); }
  saveContentDraft(draft: DraftInput, expectedRevision: number): Promise<ContentDraft> { return this.c.saveContentDraft(draft, expectedRevision); }
  deleteContentDraft(kind: ContentKind, name: string, expectedRevision?: number): Promise<boolean> { return this.c.deleteContentDraft(kind, name, expectedRevision); }
}
