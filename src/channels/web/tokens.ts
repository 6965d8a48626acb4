/**
 * Resume tokens for the web chat: an HMAC-signed pair (customer id, session key) the browser
 * keeps in localStorage so a returning tab resumes the same conversation.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export interface WebSession {
  /** The browser's customer id (channel user id). */
  userId: string;
  /** The conversation key of this browser. */
  key: string;
}

export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  issue(session: WebSession): string {
    const payload = Buffer.from(JSON.stringify({ u: session.userId, k: session.key })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The session inside a valid token, or null for anything forged, truncated or malformed. */
  verify(token: string | undefined): WebSession | null {
    const [payload, signature, extra] = (token ?? '').split('.');
    if (!payload || !signature || extra !== undefined || payload.length > 512) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; k?: unknown };
      return typeof data.u === 'string' && typeof data.k === 'string' ? { userId: data.u, key: data.k } : null;
    } catch {
      return null;
    }
  }

  /** A brand-new session for a first-time visitor. */
  static fresh(): WebSession {
    return { userId: randomUUID(), key: randomUUID() };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
