/**
 * `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`.
 */
import type { FastifyInstance } from 'fastify';
import { clearedSessionCookie, sessionCookie } from './cookies';
import { ConcordError } from '../../errors';
import { authOf } from './guard';
import { type ApiContext, viewUser } from './context';
import { loginBody, parse } from './schemas';

/** Registers the auth routes. */
export function authRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const secure = ctx.publicUrl?.startsWith('https:') ?? false;

  app.post('/api/auth/login', async (req, reply) => {
    ctx.guard.checkOrigin(req);
    const body = parse(loginBody, req.body);
    const result = await ctx.accounts.login(body.email, body.password, req.ip);
    if (!result.ok && result.code === 'too_many_attempts') {
      ctx.log.warn({ code: result.code }, 'login throttled');
      return reply.code(429).header('retry-after', String(result.retryAfterSeconds)).send({
        error: 'too_many_attempts', message: `too many failed logins; try again in ${result.retryAfterSeconds} seconds`, retryAfterSeconds: result.retryAfterSeconds,
      });
    }
    if (!result.ok) throw new ConcordError('invalid_credentials', 'wrong email or password (or the account is disabled)');
    const { token, session } = await ctx.sessions.create(result.user.id);
    reply.header('set-cookie', sessionCookie(token, secure));
    return { user: await viewUser(ctx, result.user, result.user), csrfToken: session.csrfToken };
  });

  app.post('/api/auth/logout', { preHandler: ctx.guard.require('agent') }, async (req, reply) => {
    const { session, user } = authOf(req);
    await ctx.sessions.revoke(session);
    await ctx.accounts.audit(`user:${user.id}`, 'logout', user.id, null);
    reply.header('set-cookie', clearedSessionCookie(secure));
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { preHandler: ctx.guard.require('agent') }, async (req) => {
    const { session, user } = authOf(req);
    return { user: await viewUser(ctx, user, user), csrfToken: session.csrfToken };
  });
}
