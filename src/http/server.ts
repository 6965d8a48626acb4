/**
 * The HTTP surface (DESIGN.md section 5): web chat page and widget, health, readiness, metrics,
 * and the web chat WebSocket. Console APIs are added by their modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { ConversationStore } from '../store/port';
import type { Bus } from '../bus/bus';
import { LIMITS } from '../channels/web/protocol';

/** The browser code (chat page, widget): `<package>/web`. */
export const WEB_DIR = path.resolve(__dirname, '../../web');

export interface ServerDeps {
  log: Logger;
  metrics: Metrics;
  store: ConversationStore;
  /** The bus; with Redis, not ready while Redis cannot be reached. */
  bus: Bus;
}

/** Builds the Fastify app with the shared routes; channels add theirs before `listen`. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({ loggerInstance: deps.log.child({ module: 'http' }) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: true, bodyLimit: 1024 * 1024 });
  await app.register(fastifyWebsocket, { options: { maxPayload: LIMITS.maxFrameBytes * 4 } });
  await app.register(fastifyStatic, { root: WEB_DIR, prefix: '/static/', index: false });
  app.get('/', (_req, reply) => sendPage(reply, 'index.html'));
  app.get('/agent', (_req, reply) => sendPage(reply, 'agent/index.html'));
  app.get('/widget.js', (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('widget.js'));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const [store, bus] = await Promise.all([deps.store.ping().catch(() => false), deps.bus.ready().catch(() => false)]);
    const ok = store && bus;
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks: { store, bus } });
  });
  app.get('/metrics', async (_req, reply) => reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()));
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'not_found', message: `no route for ${req.method} ${req.url.split('?')[0]}` }));
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) deps.log.error({ code: err.code, err: err.message }, 'request failed');
    return reply.code(status).send({ error: err.code ?? 'internal', message: status === 500 ? 'internal error' : err.message });
  });
  return app;
}

function sendPage(reply: import('fastify').FastifyReply, file: string) {
  if (!fs.existsSync(path.join(WEB_DIR, file))) return reply.code(503).send({ error: 'web_missing', message: `${file} is missing from ${WEB_DIR}` });
  return reply.header('cache-control', 'no-cache').sendFile(file);
}
