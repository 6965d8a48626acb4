/**
 * Row shapes and mappings of the SQLite tables behind `AgentRecords` (schema migration 2).
 */
import type { Language } from '../../engine/messages';
import type { AuditEntry, CannedReply, InternalNote, Presence, Role, Session, User } from '../port-agents';

/** A `users` row. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  languages: string;
  categories: string;
  teams: string;
  max_chats: number;
  presence: Presence;
  disabled: number;
  created_at: number;
  updated_at: number;
  last_assigned_at: number | null;
}

/** A `sessions` row. */
export interface SessionRow {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** A `notes` row. */
export interface NoteRow {
  id: string;
  conversation_id: string;
  author_id: string;
  text: string;
  at: number;
}

/** A `canned_replies` row. */
export interface CannedRow {
  id: string;
  shortcut: string;
  texts: string;
  created_by: string;
  created_at: number;
}

/** An `audit` row. */
export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  data: string | null;
  at: number;
}

export function rowToUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    passwordHash: r.password_hash,
    languages: JSON.parse(r.languages) as Language[],
    categories: JSON.parse(r.categories) as string[],
    teams: JSON.parse(r.teams) as string[],
    maxChats: r.max_chats,
    presence: r.presence,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastAssignedAt: r.last_assigned_at,
  };
}

/** Named parameters of a user insert/update. */
export function userParams(u: User) {
  return {
    id: u.id,
    email: u.email.toLowerCase(),
    name: u.name,
    role: u.role,
    passwordHash: u.passwordHash,
    languages: JSON.stringify(u.languages),
    categories: JSON.stringify(u.categories),
    teams: JSON.stringify(u.teams),
    maxChats: u.maxChats,
    presence: u.presence,
    disabled: u.disabled ? 1 : 0,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    lastAssignedAt: u.lastAssignedAt,
  };
}

export function rowToSession(r: SessionRow): Session {
  return {
    id: r.id,
    userId: r.user_id,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

export function rowToNote(r: NoteRow): InternalNote {
  return { id: r.id, conversationId: r.conversation_id, authorId: r.author_id, text: r.text, at: r.at };
}

export function rowToCanned(r: CannedRow): CannedReply {
  return { id: r.id, shortcut: r.shortcut, texts: JSON.parse(r.texts) as CannedReply['texts'], createdBy: r.created_by, createdAt: r.created_at };
}

export function rowToAudit(r: AuditRow): AuditEntry {
  return { id: r.id, actor: r.actor, action: r.action, target: r.target, data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>), at: r.at };
}
