/**
 * The agent console API (docs/agent-api.md), registered as one encapsulated Fastify plugin with
 * its own 64 KiB body limit and error handler.
 */
import type { FastifyInstance } from 'fastify';
import { agentSocket } from './agent-socket';
import { authRoutes } from './auth-routes';
import type { AgentApiDeps } from './context';
import { conversationRoutes } from './conversation-routes';
import { createGuard } from './guard';
import { peopleRoutes } from './people-routes';
import { privacyRoutes } from './privacy-routes';

export type { AgentApiDeps } from './context';

const BODY_LIMIT = 64 * 1024;

/** Registers the API; resolves with a function that closes the console sockets. */
export async function registerAgentApi(app: FastifyInstance, deps: AgentApiDeps): Promise<() => void> {
  let closeSockets: () => void = () => undefined;
  await app.register(async (api) => {
    const ctx = { ...deps, guard: createGuard(deps.sessions, deps.log, deps.publicUrl) };
    api.setErrorHandler(ctx.guard.errorHandler);
    api.addHook('onRoute', (route) => {
      route.bodyLimit ??= BODY_LIMIT;
    });
    authRoutes(api, ctx);
    conversationRoutes(api, ctx);
    peopleRoutes(api, ctx);
    privacyRoutes(api, ctx);
    closeSockets = agentSocket(api, ctx);
  });
  return () => closeSockets();
}
