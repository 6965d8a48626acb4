/**
 * Authentication and request hygiene for the agent API: the session cookie, roles, the CSRF
 * token on state-changing requests, the `Origin` check, and the mapping of coded errors to
 * HTTP statuses. Every 401/403 is logged with its code and route only (no personal data).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionToken } from './cookies';
import { safeEqual, type Authenticated, type SessionService } from '../../auth/sessions';
import { hasRole } from '../../auth/roles';
import { ConcordError, isConcordError } from '../../errors';
import type { Logger } from '../../logger';
import type { Role } from '../../store/port';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const STATUS: Record<string, number> = {
  invalid_body: 400, empty_message: 400,
  unauthenticated: 401, invalid_credentials: 401,
  forbidden: 403, csrf_failed: 403, origin_mismatch: 403, not_owner: 403,
  not_found: 404,
  already_claimed: 409, not_queued: 409, at_capacity: 409, email_taken: 409, shortcut_taken: 409, version_conflict: 409, invalid_transition: 409,
  edit_conflict: 409, content_version_exists: 409,
  message_too_long: 413, payload_too_large: 413,
  invalid: 422,
  too_many_attempts: 429,
};

/** Fastify's own body errors, renamed to the API's codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_body',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'invalid_body',
};

const auths = new WeakMap<FastifyRequest, Authenticated>();

/** The caller's session and user (only inside routes guarded by `guard.require`). */
export function authOf(req: FastifyRequest): Authenticated {
  const auth = auths.get(req);
  if (!auth) throw new ConcordError('unauthenticated', 'log in first');
  return auth;
}

/** Builds the guard for one server. */
export function createGuard(sessions: SessionService, log: Logger, publicUrl?: string) {
  const fixedOrigin = publicUrl ? new URL(publicUrl).origin : null;

  /** The origin this server answers as. */
  function ownOrigin(req: FastifyRequest): string {
    return fixedOrigin ?? `${req.protocol}://${req.headers.host ?? ''}`;
  }

  /** Throws `origin_mismatch` for a foreign `Origin` header (absent is allowed: non-browser clients). */
  function checkOrigin(req: FastifyRequest): void {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(req)) throw new ConcordError('origin_mismatch', 'this request came from another site; use the console at this server');
  }

  /** A preHandler: resolves the session, checks role, origin and CSRF for unsafe methods. */
  function require(minimum: Role) {
    return async (req: FastifyRequest): Promise<void> => {
      if (UNSAFE.has(req.method)) checkOrigin(req);
      const auth = await sessions.resolve(sessionToken(req.headers.cookie));
      if (!auth) throw new ConcordError('unauthenticated', 'your session is missing or has expired; log in again');
      if (UNSAFE.has(req.method)) {
        const token = req.headers['x-csrf-token'];
        if (typeof token !== 'string' || !safeEqual(token, auth.session.csrfToken)) {
          throw new ConcordError('csrf_failed', 'missing or wrong x-csrf-token header; get the token from GET /api/auth/me');
        }
      }
      if (!hasRole(auth.user.role, minimum)) throw new ConcordError('forbidden', `this needs the ${minimum} role or higher`);
      auths.set(req, auth);
    };
  }

  /** The error handler of the agent API: `{error, message}` with the right status. */
  function errorHandler(err: { code?: string; statusCode?: number; message: string; details?: Record<string, unknown> }, req: FastifyRequest, reply: FastifyReply) {
    const code = isConcordError(err) ? err.code : FASTIFY_CODES[err.code ?? ''] ?? null;
    const status = code ? STATUS[code] ?? 400 : 500;
    if (status === 401 || status === 403) log.warn({ code, method: req.method, route: req.routeOptions.url }, 'agent api refused');
    if (status === 500) log.error({ code: err.code ?? 'internal', err: err.message, route: req.routeOptions.url }, 'agent api failed');
    const message = status === 500 ? 'internal error' : code === 'payload_too_large' ? 'the request body is over 64 KiB' : err.message;
    const extra = isConcordError(err) && err.details ? err.details : {};
    return reply.code(status).send({ error: code ?? 'internal', message, ...extra });
  }

  return { require, checkOrigin, errorHandler, ownOrigin };
}

/** The guard's API. */
export type Guard = ReturnType<typeof createGuard>;
