/**
 * `ConversationStore` on MongoDB with the official driver, for production and scale-out.
 *
 * Deployment: run a replica set (a single-node one is fine: `mongod --replSet rs0` then
 * `rs.initiate()`). `init()` detects it and then `saveTurn` and `appendInbound` run in
 * multi-document transactions with majority commit, which is what makes a turn atomic. On a
 * standalone `mongod` (development only) they run without a transaction: the version check
 * still comes first, so a conflicting turn writes nothing, but a crash or error halfway through
 * a turn can leave it partly applied, and a lost dedupe race can skip one seq number.
 */
import { MongoClient, type Collection, type Db } from 'mongodb';
import type { ChannelName } from '../../engine/messages';
import { ConcordError, NotFoundError } from '../../errors';
import { canonicalConversation } from '../canonical';
import { DEFAULT_LIST_LIMIT, effectiveLimit } from '../list-options';
import type { AuditEntry, CannedReply, InternalNote, Session, User } from '../port-agents';
import type { ContentDraft, ContentKind, ContentVersion, DraftInput } from '../port-content';
import { MongoAgentRecords } from './agent-records';
import { MongoContentRecords } from './content-records';
import { MongoLinkRecords } from './link-records';
import { cancelTimersInSession, MongoTimerRecords, scheduleTimerInSession, type TimerDoc, timersCollection } from './timer-records';
import { MongoPresenceRecords } from './presence-records';
import { MongoPrivacyRecords } from './privacy-records';
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
import { atomically, type Collections, collections, isDuplicateKey, supportsTransactions } from './collections';
import {
  conversationToDoc,
  docToConversation,
  docToCustomer,
  docToEvent,
  docToMessage,
  docToSurvey,
  docToTicket,
  eventToDoc,
} from './documents';
import { ensureIndexes } from './indexes';
import { appendInboundDocs, bumpConversation, resolveCustomerDocs, saveTurnDocs } from './writes';

/** How to reach MongoDB. */
export interface MongoStoreOptions {
  /** e.g. `mongodb://localhost:27017/concord?replicaSet=rs0`; the path names the database. */
  uri: string;
  /** Overrides the database named in the URI (tests use a fresh one per run). */
  dbName?: string;
}

const OPEN_STATUSES: ConversationStatus[] = ['bot', 'queued', 'agent'];

/**
 * The MongoDB implementation of {@link ConversationStore}. `init()` connects, creates the
 * indexes and detects transaction support. Writes use majority write concern, so a resolved
 * call survives a primary failover; `undefined` fields are dropped like JSON does.
 */
export class MongoStore implements ConversationStore {
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly c: Collections;
  private readonly a: MongoAgentRecords;
  private readonly l: MongoLinkRecords;
  private readonly timers: Collection<TimerDoc>;
  private readonly t: MongoTimerRecords;
  private readonly p: MongoPrivacyRecords;
  private readonly content: MongoContentRecords;
  private readonly presence: MongoPresenceRecords;
  private transactional = false;
  private closed = false;

  constructor(options: MongoStoreOptions) {
    this.client = new MongoClient(options.uri, { ignoreUndefined: true, writeConcern: { w: 'majority' } });
    this.db = this.client.db(options.dbName);
    this.c = collections(this.db);
    this.a = new MongoAgentRecords(this.db);
    this.l = new MongoLinkRecords(this.db, this.client, this.c, () => this.transactional);
    this.timers = timersCollection(this.db);
    this.t = new MongoTimerRecords(this.timers);
    this.p = new MongoPrivacyRecords(this.db, this.client, this.c, () => this.transactional);
    this.content = new MongoContentRecords(this.db);
    this.presence = new MongoPresenceRecords(this.db);
  }

  async init(): Promise<void> {
    if (this.closed) throw new ConcordError('store_not_ready', 'MongoStore used after close()');
    await this.client.connect();
    await ensureIndexes(this.db);
    this.transactional = await supportsTransactions(this.db);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client.close();
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const reply = await this.db.command({ ping: 1 });
      return reply.ok === 1;
    } catch {
      return false;
    }
  }

  async resolveCustomer(channel: ChannelName, channelUserId: string, now: number): Promise<Customer> {
    return resolveCustomerDocs(this.c, channel, channelUserId, now);
  }

  async getCustomer(id: string): Promise<Customer | null> {
    const doc = await this.c.customers.findOne({ _id: id });
    return doc ? docToCustomer(doc) : null;
  }

  async updateCustomer(customer: Customer): Promise<void> {
    const fields = { displayName: customer.displayName ?? null, language: customer.language ?? null, vip: customer.vip ?? null };
    const result = await this.c.customers.updateOne({ _id: customer.id }, { $set: fields });
    if (result.matchedCount === 0) throw new NotFoundError('customer', customer.id);
  }

  async createConversation(conversation: Conversation): Promise<void> {
    try {
      await this.c.conversations.insertOne(conversationToDoc(conversation));
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      throw new ConcordError('conversation_exists', `conversation ${conversation.id} already exists; use a new id`);
    }
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const doc = await this.c.conversations.findOne({ _id: id });
    return doc ? docToConversation(doc) : null;
  }

  async findOpenConversation(channel: ChannelName, channelKey: string): Promise<Conversation | null> {
    const filter = { channel, channelKey, status: { $in: OPEN_STATUSES } };
    const doc = await this.c.conversations.findOne(filter, { sort: { createdAt: -1, _id: -1 } });
    return doc ? docToConversation(doc) : null;
  }

  async findLatestConversation(channel: ChannelName, channelKey: string): Promise<Conversation | null> {
    const doc = await this.c.conversations.findOne({ channel, channelKey }, { sort: { createdAt: -1, _id: -1 } });
    return doc ? docToConversation(doc) : null;
  }

  /** Newest first (by `createdAt`). */
  async listConversationsByCustomer(customerId: string, limit?: number): Promise<Conversation[]> {
    return this.listConversations({ customerId }, limit);
  }

  /** Newest first (by `createdAt`). */
  async listConversationsByStatus(status: ConversationStatus, limit?: number): Promise<Conversation[]> {
    return this.listConversations({ status }, limit);
  }

  private async listConversations(filter: { customerId: string } | { status: ConversationStatus }, limit?: number) {
    const n = effectiveLimit(limit, DEFAULT_LIST_LIMIT);
    if (n === 0) return [];
    const docs = await this.c.conversations.find(filter).sort({ createdAt: -1, _id: -1 }).limit(n).toArray();
    return docs.map(docToConversation);
  }

  async updateConversation(conversation: Conversation, expectedVersion: number): Promise<Conversation> {
    await bumpConversation(this.c, conversation, expectedVersion, 0, undefined);
    return canonicalConversation(conversation, expectedVersion + 1);
  }

  async appendInbound(message: Omit<StoredMessage, 'seq'>): Promise<AppendInboundResult> {
    try {
      return await atomically(this.client, this.transactional, (session) => appendInboundDocs(this.c, message, session));
    } catch (err) {
      if (!isDuplicateKey(err) || message.channelMessageId == null) throw err;
      // Lost a dedupe race: the other writer's copy is the stored one.
      const filter = { conversationId: message.conversationId, channelMessageId: message.channelMessageId };
      const existing = await this.c.messages.findOne(filter);
      if (!existing) throw err;
      return { message: docToMessage(existing), duplicate: true };
    }
  }

  async saveTurn(commit: TurnCommit): Promise<{ conversation: Conversation; outbound: StoredMessage[] }> {
    return atomically(this.client, this.transactional, async (session) => {
      const saved = await saveTurnDocs(this.c, commit, session);
      for (const timer of commit.timers ?? []) await scheduleTimerInSession(this.timers, timer, session);
      await cancelTimersInSession(this.timers, commit.cancelTimers ?? [], session);
      return saved;
    });
  }

  async listMessages(conversationId: string, options: { afterSeq?: number; limit?: number } = {}): Promise<StoredMessage[]> {
    const limit = effectiveLimit(options.limit, -1);
    if (limit === 0) return [];
    const filter = { conversationId, seq: { $gt: options.afterSeq ?? 0 } };
    if (limit < 0) return (await this.c.messages.find(filter).sort({ seq: 1 }).toArray()).map(docToMessage);
    const newest = await this.c.messages.find(filter).sort({ seq: -1 }).limit(limit).toArray();
    return newest.reverse().map(docToMessage);
  }

  async getMessage(id: string): Promise<StoredMessage | null> {
    const doc = await this.c.messages.findOne({ _id: id });
    return doc ? docToMessage(doc) : null;
  }

  /** Oldest first (by `createdAt`). */
  async listUndelivered(limit?: number): Promise<StoredMessage[]> {
    const n = effectiveLimit(limit, DEFAULT_LIST_LIMIT);
    if (n === 0) return [];
    const cursor = this.c.messages.find({ outboxAt: { $exists: true } }).sort({ outboxAt: 1, conversationId: 1, seq: 1 });
    return (await cursor.limit(n).toArray()).map(docToMessage);
  }

  async listUnprocessedInbound(since: number, limit?: number): Promise<StoredMessage[]> {
    const n = effectiveLimit(limit, DEFAULT_LIST_LIMIT);
    if (n === 0) return [];
    const cursor = this.c.messages.find({ inboxAt: { $gte: since } }).sort({ inboxAt: 1, conversationId: 1, seq: 1 });
    return (await cursor.limit(n).toArray()).map(docToMessage);
  }

  /** Idempotent: a second call keeps the first delivery time. */
  async markDelivered(messageId: string, at: number): Promise<void> {
    const result = await this.c.messages.updateOne({ _id: messageId }, [
      { $set: { deliveredAt: { $ifNull: ['$deliveredAt', at] } } },
      { $unset: 'outboxAt' },
    ]);
    if (result.matchedCount === 0) throw new NotFoundError('message', messageId);
  }

  async recordDeliveryFailure(messageId: string, error: string, at: number): Promise<void> {
    const result = await this.c.messages.updateOne(
      { _id: messageId },
      { $inc: { deliveryAttempts: 1 }, $set: { lastDeliveryError: error, lastDeliveryAttemptAt: at } },
    );
    if (result.matchedCount === 0) throw new NotFoundError('message', messageId);
  }

  async appendEvents(events: ConversationEvent[]): Promise<void> {
    if (events.length > 0) await this.c.events.insertMany(events.map(eventToDoc));
  }

  /** By `at`, ties in the order appended (by one process). */
  async listEvents(conversationId: string): Promise<ConversationEvent[]> {
    return (await this.c.events.find({ conversationId }).sort({ at: 1, _id: 1 }).toArray()).map(docToEvent);
  }

  async getTicket(ref: string): Promise<Ticket | null> {
    const doc = await this.c.tickets.findOne({ _id: ref });
    return doc ? docToTicket(doc) : null;
  }

  /** Oldest first. */
  async listTicketsByCustomer(customerId: string): Promise<Ticket[]> {
    return (await this.c.tickets.find({ customerId }).sort({ createdAt: 1, _id: 1 }).toArray()).map(docToTicket);
  }

  /** Oldest first. */
  async listTicketsByConversation(conversationId: string): Promise<Ticket[]> {
    return (await this.c.tickets.find({ conversationId }).sort({ createdAt: 1, _id: 1 }).toArray()).map(docToTicket);
  }

  /** By `at`. */
  async listSurveys(conversationId: string): Promise<SurveyAnswer[]> {
    return (await this.c.surveys.find({ conversationId }).sort({ at: 1, _id: 1 }).toArray()).map(docToSurvey);
  }

  // --- AgentRecords (see agent-records.ts)
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
  createLinkCode(code: LinkCode): Promise<boolean> { return this.l.createLinkCode(code); }
  consumeLinkCode(codeHash: string, now: number, usedBy: string): Promise<ConsumedLinkCode | null> { return this.l.consumeLinkCode(codeHash, now, usedBy); }
  linkIdentity(channel: ChannelName, channelUserId: string, customerId: string, now: number): Promise<Customer> { return this.l.linkIdentity(channel, channelUserId, customerId, now); }
  listIdentities(customerId: string): Promise<CustomerIdentity[]> { return this.l.listIdentities(customerId); }

  // --- TimerRecords (see timer-records.ts)
  scheduleTimer(timer: NewTimer): Promise<boolean> { return this.t.scheduleTimer(timer); }
  cancelTimer(id: string): Promise<boolean> { return this.t.cancelTimer(id); }
  cancelConversationTimers(conversationId: string, kind?: string): Promise<number> { return this.t.cancelConversationTimers(conversationId, kind); }
  claimDueTimers(claim: TimerClaim): Promise<Timer[]> { return this.t.claimDueTimers(claim); }
  completeTimer(id: string, owner: string, at: number): Promise<boolean> { return this.t.completeTimer(id, owner, at); }
  failTimer(id: string, owner: string, error: string, retryAt: number | null): Promise<boolean> { return this.t.failTimer(id, owner, error, retryAt); }
  getTimer(id: string): Promise<Timer | null> { return this.t.getTimer(id); }
  // --- PresenceRecords (see presence-records.ts)
  holdConsoles(instance: string, agentIds: string[], expiresAt: number): Promise<void> { return this.presence.holdConsoles(instance, agentIds, expiresAt); }
  releaseConsole(instance: string, agentId: string): Promise<void> { return this.presence.releaseConsole(instance, agentId); }
  isAgentConnected(agentId: string, now: number, exceptInstance?: string): Promise<boolean> { return this.presence.isAgentConnected(agentId, now, exceptInstance); }
  reapConsoleLeases(now: number): Promise<string[]> { return this.presence.reapConsoleLeases(now); }
  // --- PrivacyRecords (see privacy-records.ts)
  eraseCustomer(customerId: string, at: number): Promise<DeletionCounts> { return this.p.eraseCustomer(customerId, at); }
  findCustomerByIdentity(channel: ChannelName, channelUserId: string): Promise<Customer | null> { return this.p.findCustomerByIdentity(channel, channelUserId); }
  deleteConversationsBefore(cutoff: number, limit?: number): Promise<DeletionCounts> { return this.p.deleteConversationsBefore(cutoff, limit); }
  // --- ContentRecords (see content-records.ts)
  appendContentVersion(version: ContentVersion): Promise<void> { return this.content.appendContentVersion(version); }
  listLatestContent(): Promise<ContentVersion[]> { return this.content.listLatestContent(); }
  listContentVersions(kind: ContentKind, name: string): Promise<ContentVersion[]> { return this.content.listContentVersions(kind, name); }
  getContentVersion(kind: ContentKind, name: string, version: number): Promise<ContentVersion | null> { return this.content.getContentVersion(kind, name, version); }
  getLatestContentVersion(kind: ContentKind, name: string): Promise<ContentVersion | null> { return this.content.getLatestContentVersion(kind, name); }
  getContentDraft(kind: ContentKind, name: string): Promise<ContentDraft | null> { return this.content.getContentDraft(kind, name); }
  listContentDrafts(): Promise<ContentDraft[]> { return this.content.listContentDrafts(); }
  saveContentDraft(draft: DraftInput, expectedRevision: number): Promise<ContentDraft> { return this.content.saveContentDraft(draft, expectedRevision); }
  deleteContentDraft(kind: ContentKind, name: string, expectedRevision?: number): Promise<boolean> { return this.content.deleteContentDraft(kind, name, expectedRevision); }
}
