/**
 * `AgentRecords` on SQLite: users, sessions, notes, canned replies, audit and the per-agent
 * conversation query. Statements are prepared once; writes go through the store's group-commit
 * queue (`write`), so they are durable when their promise resolves.
 */
import type Database from 'better-sqlite3';
import { ConcordError, NotFoundError } from '../../errors';
import { effectiveLimit } from '../list-options';
import type { Conversation } from '../port';
import type { AgentRecords, AuditEntry, CannedReply, InternalNote, Session, User } from '../port-agents';
import { type AuditRow, type CannedRow, type NoteRow, rowToAudit, rowToCanned, rowToNote, rowToSession, rowToUser, type SessionRow, type UserRow, userParams } from './agent-rows';
import { type ConversationRow, rowToConversation } from './rows';
import { isConstraintError } from './writes';
import type { Write } from './write-queue';

type UserParams = ReturnType<typeof userParams>;

const USER_COLUMNS = `id, email, name, role, password_hash, languages, categories, teams, max_chats, presence, disabled,
  created_at, updated_at, last_assigned_at`;
const USER_VALUES = `@id, @email, @name, @role, @passwordHash, @languages, @categories, @teams, @maxChats, @presence,
  @disabled, @createdAt, @updatedAt, @lastAssignedAt`;

function prepare(db: Database.Database) {
  return {
    insertUser: db.prepare<UserParams>(`INSERT INTO users (${USER_COLUMNS}) VALUES (${USER_VALUES})`),
    updateUser: db.prepare<UserParams>(`UPDATE users SET email = @email, name = @name, role = @role, password_hash = @passwordHash,
      languages = @languages, categories = @categories, teams = @teams, max_chats = @maxChats, presence = @presence,
      disabled = @disabled, updated_at = @updatedAt, last_assigned_at = @lastAssignedAt WHERE id = @id`),
    getUser: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    getUserByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    listUsers: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, rowid'),
    insertSession: db.prepare<[string, string, string, number, number, number]>(
      'INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'),
    getSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    touchSession: db.prepare<[number, string]>('UPDATE sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE id = ?'),
    revokeSession: db.prepare<[number, string]>('UPDATE sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
    revokeUserSessions: db.prepare<[number, string]>('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL'),
    insertNote: db.prepare<[string, string, string, string, number]>('INSERT INTO notes (id, conversation_id, author_id, text, at) VALUES (?, ?, ?, ?, ?)'),
    listNotes: db.prepare<[string], NoteRow>('SELECT * FROM notes WHERE conversation_id = ? ORDER BY at, rowid'),
    insertCanned: db.prepare<[string, string, string, string, number]>('INSERT INTO canned_replies (id, shortcut, texts, created_by, created_at) VALUES (?, ?, ?, ?, ?)'),
    listCanned: db.prepare<[], CannedRow>('SELECT * FROM canned_replies ORDER BY shortcut'),
    insertAudit: db.prepare<[string, string, string, string | null, string | null, number]>('INSERT INTO audit (id, actor, action, target, data, at) VALUES (?, ?, ?, ?, ?, ?)'),
    listAudit: db.prepare<[number], AuditRow>('SELECT * FROM audit ORDER BY at DESC, rowid DESC LIMIT ?'),
    listByAgent: db.prepare<[string], ConversationRow>(`SELECT id, customer_id, channel, channel_key, status, language, state, emotion_trajectory,
      assigned_agent_id, previous_conversation_id, version, created_at, updated_at, last_message_at
      FROM conversations WHERE assigned_agent_id = ? AND status = 'agent' ORDER BY updated_at DESC, rowid DESC`),
    countByAgent: db.prepare<[], { agent: string; n: number }>(`SELECT assigned_agent_id AS agent, COUNT(*) AS n
      FROM conversations WHERE status = 'agent' AND assigned_agent_id IS NOT NULL GROUP BY assigned_agent_id`),
  };
}

/** Translates a unique-key violation into the port's coded error. */
function unique<T>(fn: () => T, code: string, message: string): T {
  try {
    return fn();
  } catch (err) {
    if (isConstraintError(err)) throw new ConcordError(code, message);
    throw err;
  }
}

/** The SQLite implementation of {@link AgentRecords}; created by `SqliteStore.init()`. */
export class SqliteAgentRecords implements AgentRecords {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database.Database, private readonly write: Write) {
    this.s = prepare(db);
  }

  async createUser(user: User): Promise<void> {
    await this.write(() => unique(() => this.s.insertUser.run(userParams(user)), 'email_taken', 'a user with this email already exists; pick another email'));
  }

  async getUser(id: string): Promise<User | null> {
    const row = this.s.getUser.get(id);
    return row ? rowToUser(row) : null;
  }

  async getUserByEmail(email: string): Promise<User | null> {
    const row = this.s.getUserByEmail.get(email.toLowerCase());
    return row ? rowToUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return this.s.listUsers.all().map(rowToUser);
  }

  async updateUser(user: User): Promise<void> {
    await this.write(() => {
      const result = unique(() => this.s.updateUser.run(userParams(user)), 'email_taken', 'a user with this email already exists; pick another email');
      if (result.changes === 0) throw new NotFoundError('user', user.id);
    });
  }

  async createSession(x: Session): Promise<void> {
    await this.write(() => this.s.insertSession.run(x.id, x.userId, x.csrfToken, x.createdAt, x.lastSeenAt, x.expiresAt));
  }

  async getSession(id: string): Promise<Session | null> {
    const row = this.s.getSession.get(id);
    return row ? rowToSession(row) : null;
  }

  async touchSession(id: string, at: number): Promise<void> {
    await this.write(() => this.s.touchSession.run(at, id));
  }

  async revokeSession(id: string, at: number): Promise<void> {
    await this.write(() => this.s.revokeSession.run(at, id));
  }

  async revokeUserSessions(userId: string, at: number): Promise<void> {
    await this.write(() => this.s.revokeUserSessions.run(at, userId));
  }

  async addNote(n: InternalNote): Promise<void> {
    await this.write(() => this.s.insertNote.run(n.id, n.conversationId, n.authorId, n.text, n.at));
  }

  async listNotes(conversationId: string): Promise<InternalNote[]> {
    return this.s.listNotes.all(conversationId).map(rowToNote);
  }

  async createCannedReply(r: CannedReply): Promise<void> {
    await this.write(() => unique(() => this.s.insertCanned.run(r.id, r.shortcut, JSON.stringify(r.texts), r.createdBy, r.createdAt),
      'shortcut_taken', `the shortcut /${r.shortcut} is already used; pick another one`));
  }

  async listCannedReplies(): Promise<CannedReply[]> {
    return this.s.listCanned.all().map(rowToCanned);
  }

  async appendAudit(e: AuditEntry): Promise<void> {
    await this.write(() => this.s.insertAudit.run(e.id, e.actor, e.action, e.target, e.data === null ? null : JSON.stringify(e.data), e.at));
  }

  async listAudit(limit?: number): Promise<AuditEntry[]> {
    return this.s.listAudit.all(effectiveLimit(limit, 100)).map(rowToAudit);
  }

  async listConversationsByAgent(agentId: string): Promise<Conversation[]> {
    return this.s.listByAgent.all(agentId).map(rowToConversation);
  }

  async countConversationsByAgent(): Promise<Map<string, number>> {
    return new Map(this.s.countByAgent.all().map((r) => [r.agent, r.n]));
  }
}
