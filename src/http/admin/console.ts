/**
 * The admin console (`/admin`, docs/admin-console.md): the page, shown to admins only (a signed-in
 * agent or supervisor gets 403; nobody signed in gets the page's login form), and the console's
 * own API in one encapsulated Fastify plugin.
 */
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SessionService } from '../../auth/sessions';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import { createGuard } from '../agent/guard';
import { sessionToken } from '../agent/cookies';
import type { AdminContent } from './content';
import { PreviewService } from './preview';
import { adminRoutes } from './routes';

export type { AdminContent } from './content';

export interface AdminConsoleDeps {
  sessions: SessionService;
  log: Logger;
  clock: Clock;
  content: AdminContent;
  publicUrl?: string;
  /** Golden conversation files (default `test/conversations` under the working directory). */
  goldenDir?: string;
}

const BODY_LIMIT = 512 * 1024;

/** Registers the page and API; resolves with a function that closes the previews. */
export async function registerAdminConsole(app: FastifyInstance, deps: AdminConsoleDeps): Promise<() => Promise<void>> {
  const guard = createGuard(deps.sessions, deps.log, deps.publicUrl);
  const previews = new PreviewService({ content: deps.content, clock: deps.clock, log: deps.log.child({ module: 'preview' }) });
  app.get('/admin', async (req, reply) => {
    const auth = await deps.sessions.resolve(sessionToken(req.headers.cookie));
    if (auth && auth.user.role !== 'admin') return forbidden(reply);
    return reply.header('cache-control', 'no-cache').sendFile('admin/index.html');
  });
  await app.register(async (api) => {
    api.setErrorHandler(guard.errorHandler);
    api.addHook('onRoute', (route) => {
      route.bodyLimit ??= BODY_LIMIT;
    });
    adminRoutes(api, { guard, content: deps.content, previews, goldenDir: deps.goldenDir ?? path.resolve('test/conversations') });
  });
  return () => previews.close();
}

function forbidden(reply: FastifyReply) {
  return reply.code(403).type('text/html; charset=utf-8').send(
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>403 · Concord</title>'
    + '<body style="font-family:system-ui,sans-serif;padding:40px"><h1 data-testid="forbidden">403</h1>'
    + '<p>The admin console is for administrators only. · 管理控制台仅限管理员使用。</p><p><a href="/agent">Agent console · 客服工作台</a></p></body></html>',
  );
}
