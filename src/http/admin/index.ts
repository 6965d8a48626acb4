/**
 * The admin API (docs/admin-api.md): content (dialog scripts and intents) with drafts, versions,
 * diff and rollback, and the audit log. Admins only; the same session cookie, CSRF token and
 * `Origin` check as the agent API. Registered as one encapsulated Fastify plugin.
 */
import type { FastifyInstance } from 'fastify';
import type { SessionService } from '../../auth/sessions';
import type { ContentRuntime } from '../../content/runtime';
import type { ContentService } from '../../content/service';
import type { Logger } from '../../logger';
import type { ConversationStore } from '../../store/port';
import { createGuard, type Guard } from '../agent/guard';
import { contentRoutes } from './content-routes';

/** Everything the admin API needs. */
export interface AdminApiDeps {
  store: ConversationStore;
  log: Logger;
  sessions: SessionService;
  content: ContentService;
  runtime: ContentRuntime;
  publicUrl?: string;
}

/** Deps plus the guard, as handed to the route modules. */
export type AdminContext = AdminApiDeps & { guard: Guard };

const BODY_LIMIT = 1024 * 1024;

/** Registers the admin API. */
export async function registerAdminApi(app: FastifyInstance, deps: AdminApiDeps): Promise<void> {
  await app.register(async (api) => {
    const ctx: AdminContext = { ...deps, guard: createGuard(deps.sessions, deps.log, deps.publicUrl) };
    api.setErrorHandler(ctx.guard.errorHandler);
    api.addHook('onRoute', (route) => {
      route.bodyLimit ??= BODY_LIMIT;
    });
    api.addHook('preHandler', ctx.guard.require('admin'));
    contentRoutes(api, ctx);
  });
}
