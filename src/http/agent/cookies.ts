/**
 * The session cookie, read and written by hand: one cookie with a fixed name and a base64url
 * value needs no library (and `@fastify/cookie` loads an ESM-only dependency with a dynamic
 * import that test runners without VM modules cannot follow).
 */
import { SESSION_COOKIE } from '../../auth/sessions';

/** The session token from a `Cookie` header, if present (first occurrence wins). */
export function sessionToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `Set-Cookie` for a new session: HttpOnly, SameSite=Strict, Path=/ (+ Secure on https). */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** `Set-Cookie` that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? '; Secure' : ''}`;
}
