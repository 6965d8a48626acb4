/**
 * `AgentRecords` on MongoDB: collections `users`, `sessions`, `notes`, `canned_replies`,
 * `audit` (indexes in `indexes.ts`), plus the per-agent conversation query. Unique indexes on
 * `users.email` and `canned_replies.shortcut` turn races into `email_taken`/`shortcut_taken`.
 */
import type { Collection, Db } from 'mongodb';
import { ConcordError, NotFoundError } from '../../errors';
import { effectiveLimit } from '../list-options';
import type { Conversation } from '../port';
import type { AgentRecords, AuditEntry, CannedReply, InternalNote, Session, User } from '../port-agents';
import { isDuplicateKey } from './collections';
import { type ConversationDoc, docToConversation } from './documents';

type Doc<T extends { id: string }> = Omit<T, 'id'> & { _id: string };

function toDoc<T extends { id: string }>(value: T): Doc<T> {
  const { id, ...rest } = value;
  return { _id: id, ...rest } as Doc<T>;
}

function fromDoc<T extends { id: string }>(doc: Doc<T>): T {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest } as unknown as T;
}

async function unique<T>(work: Promise<T>, code: string, message: string): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isDuplicateKey(err)) throw new ConcordError(code, message);
    throw err;
  }
}

const EMAIL_TAKEN = 'a user with this email already exists; pick another email';

/** The MongoDB implementation of {@link AgentRecords}. */
export class MongoAgentRecords implements AgentRecords {
  private readonly users: Collection<Doc<User>>;
  private readonly sessions: Collection<Doc<Session> & { expireAt?: Date }>;
  private readonly notes: Collection<Doc<InternalNote>>;
  private readonly canned: Collection<Doc<CannedReply>>;
  private readonly audit: Collection<Doc<AuditEntry>>;
  private readonly conversations: Collection<ConversationDoc>;

  constructor(db: Db) {
    this.users = db.collection('users');
    this.sessions = db.collection('sessions');
    this.notes = db.collection('notes');
    this.canned = db.collection('canned_replies');
    this.audit = db.collection('audit');
    this.conversations = db.collection('conversations');
  }

  async createUser(user: User): Promise<void> {
    await unique(this.users.insertOne(toDoc({ ...user, email: user.email.toLowerCase() })), 'email_taken', EMAIL_TAKEN);
  }

  async getUser(id: string): Promise<User | null> {
    const doc = await this.users.findOne({ _id: id });
    return doc ? fromDoc<User>(doc) : null;
  }

  async getUserByEmail(email: string): Promise<User | null> {
    const doc = await this.users.findOne({ email: email.toLowerCase() });
    return doc ? fromDoc<User>(doc) : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.users.find({}).sort({ createdAt: 1, _id: 1 }).toArray()).map((d) => fromDoc<User>(d));
  }

  async updateUser(user: User): Promise<void> {
    const { _id, ...fields } = toDoc({ ...user, email: user.email.toLowerCase() });
    const result = await unique(this.users.replaceOne({ _id }, fields), 'email_taken', EMAIL_TAKEN);
    if (result.matchedCount === 0) throw new NotFoundError('user', user.id);
  }

  async createSession(session: Session): Promise<void> {
    // `expireAt` feeds the TTL index (indexes.ts): MongoDB drops the session after its absolute expiry.
    await this.sessions.insertOne({ ...toDoc(session), expireAt: new Date(session.expiresAt) });
  }

  async getSession(id: string): Promise<Session | null> {
    const doc = await this.sessions.findOne({ _id: id }, { projection: { expireAt: 0 } });
    return doc ? fromDoc<Session>(doc) : null;
  }

  async touchSession(id: string, at: number): Promise<void> {
    await this.sessions.updateOne({ _id: id }, { $max: { lastSeenAt: at } });
  }

  async revokeSession(id: string, at: number): Promise<void> {
    await this.sessions.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } });
  }

  async revokeUserSessions(userId: string, at: number): Promise<void> {
    await this.sessions.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: at } });
  }

  async addNote(note: InternalNote): Promise<void> {
    await this.notes.insertOne(toDoc(note));
  }

  async listNotes(conversationId: string): Promise<InternalNote[]> {
    return (await this.notes.find({ conversationId }).sort({ at: 1, _id: 1 }).toArray()).map((d) => fromDoc<InternalNote>(d));
  }

  async createCannedReply(reply: CannedReply): Promise<void> {
    await unique(this.canned.insertOne(toDoc(reply)), 'shortcut_taken', `the shortcut /${reply.shortcut} is already used; pick another one`);
  }

  async listCannedReplies(): Promise<CannedReply[]> {
    return (await this.canned.find({}).sort({ shortcut: 1 }).toArray()).map((d) => fromDoc<CannedReply>(d));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.audit.insertOne(toDoc(entry));
  }

  async listAudit(limit?: number): Promise<AuditEntry[]> {
    const n = effectiveLimit(limit, 100);
    if (n === 0) return [];
    return (await this.audit.find({}).sort({ at: -1, _id: -1 }).limit(n).toArray()).map((d) => fromDoc<AuditEntry>(d));
  }

  async listConversationsByAgent(agentId: string): Promise<Conversation[]> {
    const docs = await this.conversations.find({ assignedAgentId: agentId, status: 'agent' }).sort({ updatedAt: -1, _id: -1 }).toArray();
    return docs.map(docToConversation);
  }

  async countConversationsByAgent(): Promise<Map<string, number>> {
    const rows = await this.conversations
      .aggregate<{ _id: string; n: number }>([{ $match: { status: 'agent', assignedAgentId: { $type: 'string' } } }, { $group: { _id: '$assignedAgentId', n: { $sum: 1 } } }])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }
}
