/**
 * Console accounts: the first admin, creating and editing users, logging in. Emails are
 * lower-cased; passwords are argon2id-hashed (`passwords.ts`); every change is audited.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { ConcordError } from '../errors';
import type { Language } from '../engine/messages';
import type { ConversationStore, Presence, Role, User } from '../store/port';
import { hashPassword, verifyPassword } from './passwords';
import type { LoginThrottle } from './throttle';

/** Fields an admin sets when creating a user. */
export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: Role;
  languages?: Language[];
  categories?: string[];
  teams?: string[];
  maxChats?: number;
}

/** Fields an admin may change. */
export type UserPatch = Partial<Omit<NewUser, 'email'> & { disabled: boolean; presence: Presence }>;

/** The outcome of a login attempt. */
export type LoginResult = { ok: true; user: User } | { ok: false; code: 'invalid_credentials' } | { ok: false; code: 'too_many_attempts'; retryAfterSeconds: number };

/** Creates users, changes them and checks passwords. */
export class AccountService {
  constructor(private readonly store: ConversationStore, private readonly clock: Clock, private readonly throttle: LoginThrottle) {}

  /**
   * Makes sure an admin exists. With no users yet, creates one from `admin` (ADMIN_EMAIL /
   * ADMIN_PASSWORD) or with a generated password; returns the generated credentials so the
   * caller can print them once (never to the log). Returns null when nothing was generated.
   */
  async ensureAdmin(admin: { email?: string; password?: string }): Promise<{ email: string; password: string } | null> {
    if ((await this.store.listUsers()).length > 0) return null;
    const email = admin.email ?? 'admin@concord.local';
    const password = admin.password ?? randomBytes(18).toString('base64url');
    await this.create({ name: 'Admin', email, password, role: 'admin', languages: ['en', 'zh'] }, 'system');
    return admin.password ? null : { email, password };
  }

  /** Creates a user (`email_taken` when the email exists). */
  async create(input: NewUser, actor: string): Promise<User> {
    const now = this.clock.now();
    const user: User = {
      id: randomUUID(),
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      languages: input.languages ?? ['en'],
      categories: input.categories ?? [],
      teams: input.teams ?? [],
      maxChats: input.maxChats ?? 3,
      presence: 'offline',
      disabled: false,
      createdAt: now,
      updatedAt: now,
      lastAssignedAt: null,
    };
    await this.store.createUser(user);
    await this.audit(actor, 'user_created', user.id, { role: user.role });
    return user;
  }

  /** Applies a patch; disabling or a new password revokes the user's sessions. */
  async update(id: string, patch: UserPatch, actor: string): Promise<User> {
    const current = await this.store.getUser(id);
    if (!current) throw new ConcordError('not_found', `user ${id} does not exist`);
    const { password, ...fields } = patch;
    const next: User = { ...current, ...fields, updatedAt: this.clock.now() };
    if (password) next.passwordHash = await hashPassword(password);
    await this.store.updateUser(next);
    if (password || (fields.disabled && !current.disabled)) await this.store.revokeUserSessions(id, this.clock.now());
    await this.audit(actor, 'user_updated', id, { fields: Object.keys(patch) });
    return next;
  }

  /** Checks a login, throttled per email and IP; always spends one hash. */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const wait = await this.throttle.check(email, ip);
    if (wait > 0) return { ok: false, code: 'too_many_attempts', retryAfterSeconds: wait };
    const user = await this.store.getUserByEmail(email.trim());
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!ok || !user || user.disabled) {
      await this.throttle.failed(email, ip);
      // Never the email or password: the user id when the email exists, else nothing.
      await this.audit(user ? `user:${user.id}` : 'anonymous', 'login_failed', user?.id ?? null, null);
      return { ok: false, code: 'invalid_credentials' };
    }
    await this.throttle.succeeded(email);
    await this.audit(`user:${user.id}`, 'login', user.id, null);
    return { ok: true, user };
  }

  /** Appends an audit entry (ids and codes only). */
  async audit(actor: string, action: string, target: string | null, data: Record<string, unknown> | null): Promise<void> {
    await this.store.appendAudit({ id: randomUUID(), actor, action, target, data, at: this.clock.now() });
  }
}
