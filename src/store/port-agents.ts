/**
 * The part of the `ConversationStore` port that serves people: console users and their
 * sessions, internal notes, canned replies and the audit trail, plus the per-agent queries the
 * queue needs. Every implementation runs the same contract (`test/store/contract-agents.ts`).
 */
import type { Language } from '../engine/messages';
import type { Conversation } from './port';

export type Role = 'agent' | 'supervisor' | 'admin';
export type Presence = 'available' | 'away' | 'offline';

/** A console user (agent, supervisor or admin). `email` is stored lower-cased and unique. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** argon2id PHC string; never leaves the server. */
  passwordHash: string;
  languages: Language[];
  /** Complaint categories the user handles; empty = all. */
  categories: string[];
  teams: string[];
  /** Most conversations owned at once. */
  maxChats: number;
  presence: Presence;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** When the user was last given a conversation (routing tie-break), null when never. */
  lastAssignedAt: number | null;
}

/** A server-side login session. `id` is the SHA-256 hash (hex) of the cookie value. */
export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute expiry. */
  expiresAt: number;
  revokedAt: number | null;
}

/** An internal note on a conversation; never sent to the customer. */
export interface InternalNote {
  id: string;
  conversationId: string;
  authorId: string;
  text: string;
  at: number;
}

/** A reply an agent inserts with `/<shortcut>`, per language. `shortcut` is unique. */
export interface CannedReply {
  id: string;
  shortcut: string;
  texts: Partial<Record<Language, string>>;
  createdBy: string;
  createdAt: number;
}

/** Who did what to whom, for accountability (no personal data in `data`). */
export interface AuditEntry {
  id: string;
  /** `user:<id>`, `system`, ... */
  actor: string;
  action: string;
  target: string | null;
  data: Record<string, unknown> | null;
  at: number;
}

/** Storage for the consoles. Unique violations reject with `email_taken` / `shortcut_taken`. */
export interface AgentRecords {
  createUser(user: User): Promise<void>;
  getUser(id: string): Promise<User | null>;
  /** Case-insensitive. */
  getUserByEmail(email: string): Promise<User | null>;
  /** Oldest first. */
  listUsers(): Promise<User[]>;
  /** Replaces the user (`not_found` when missing; `email_taken` on a clash). */
  updateUser(user: User): Promise<void>;

  createSession(session: Session): Promise<void>;
  getSession(id: string): Promise<Session | null>;
  /** Records activity (idle expiry restarts from `at`). */
  touchSession(id: string, at: number): Promise<void>;
  revokeSession(id: string, at: number): Promise<void>;
  /** Revokes every live session of a user (disable, password change). */
  revokeUserSessions(userId: string, at: number): Promise<void>;

  addNote(note: InternalNote): Promise<void>;
  /** Oldest first. */
  listNotes(conversationId: string): Promise<InternalNote[]>;

  createCannedReply(reply: CannedReply): Promise<void>;
  /** Sorted by shortcut. */
  listCannedReplies(): Promise<CannedReply[]>;

  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(limit?: number): Promise<AuditEntry[]>;

  /** Conversations owned by the agent right now (status `agent`), most recently updated first. */
  listConversationsByAgent(agentId: string): Promise<Conversation[]>;
  /** How many conversations each agent owns right now (status `agent`); agents with none are absent. */
  countConversationsByAgent(): Promise<Map<string, number>>;
}
