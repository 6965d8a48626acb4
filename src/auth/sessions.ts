/**
 * Server-side sessions. The cookie holds a random 256-bit token; the store keeps only its
 * SHA-256 hash (a stolen database does not yield live cookies). A session ends after 8 hours
 * without activity, 24 hours after login, or at logout. Each session has its own CSRF token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock';
import type { ConversationStore, Session, User } from '../store/port';

export const SESSION_COOKIE = 'concord_session';
export const IDLE_MS = 8 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 24 * 60 * 60 * 1000;
/** Activity is written back at most this often, so every request does not write. */
const TOUCH_EVERY_MS = 60 * 1000;

/** A session and its user, as resolved from a cookie. */
export interface Authenticated {
  session: Session;
  user: User;
}

/** SHA-256 hex of a cookie token: the session id in the store. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time string comparison (false for different lengths). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Creates, resolves and revokes sessions. */
export class SessionService {
  constructor(private readonly store: ConversationStore, private readonly clock: Clock) {}

  /** Starts a session; returns the cookie token (shown once) and the session. */
  async create(userId: string): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session: Session = {
      id: hashToken(token),
      userId,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + ABSOLUTE_MS,
      revokedAt: null,
    };
    await this.store.createSession(session);
    return { token, session };
  }

  /** The live session and enabled user behind a cookie token, or null (never throws on junk). */
  async resolve(token: string | undefined): Promise<Authenticated | null> {
    if (!token || token.length > 128 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
    const session = await this.store.getSession(hashToken(token));
    const now = this.clock.now();
    if (!session || session.revokedAt !== null || now >= session.expiresAt || now - session.lastSeenAt >= IDLE_MS) return null;
    const user = await this.store.getUser(session.userId);
    if (!user || user.disabled) return null;
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
      await this.store.touchSession(session.id, now);
      session.lastSeenAt = now;
    }
    return { session, user };
  }

  /** Ends the session (logout). */
  async revoke(session: Session): Promise<void> {
    await this.store.revokeSession(session.id, this.clock.now());
  }
}
