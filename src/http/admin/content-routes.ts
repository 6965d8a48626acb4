/**
 * The content and audit routes of the admin API (docs/admin-api.md). The plugin's preHandler
 * has already required an admin session (and CSRF on unsafe methods).
 */
import type { FastifyInstance } from 'fastify';
import { parse } from '../agent/schemas';
import { authOf } from '../agent/guard';
import type { AdminContext } from './index';
import { auditQuery, diffQuery, draftBody, itemParams, publishBody, rollbackBody, validateBody, versionParams } from './schemas';

const ITEM = '/api/admin/content/:kind/:name';

/** Registers the routes. */
export function contentRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { content } = ctx;
  const actor = (req: Parameters<typeof authOf>[0]) => `user:${authOf(req).user.id}`;

  app.get('/api/admin/content', async () => ({ items: await content.list() }));

  app.get(ITEM, async (req) => {
    const { kind, name } = parse(itemParams, req.params);
    return content.get(kind, name);
  });

  app.post('/api/admin/validate', async (req) => {
    const { kind, name, source } = parse(validateBody, req.body);
    return { diagnostics: content.validate(kind, name, source) };
  });

  app.put(`${ITEM}/draft`, async (req) => {
    const { kind, name } = parse(itemParams, req.params);
    const { source, expectedRevision } = parse(draftBody, req.body);
    const { draft, diagnostics } = await content.saveDraft(kind, name, source, expectedRevision, actor(req));
    const { kind: _k, name: _n, ...view } = draft;
    return { draft: view, diagnostics };
  });

  app.delete(`${ITEM}/draft`, async (req, reply) => {
    const { kind, name } = parse(itemParams, req.params);
    await content.deleteDraft(kind, name, actor(req));
    return reply.code(204).send();
  });

  app.post(`${ITEM}/publish`, async (req, reply) => {
    const { kind, name } = parse(itemParams, req.params);
    const body = parse(publishBody, req.body);
    return reply.code(201).send({ version: await content.publish(kind, name, body, actor(req)) });
  });

  app.get(`${ITEM}/versions`, async (req) => {
    const { kind, name } = parse(itemParams, req.params);
    const all = await content.versions(kind, name);
    return { items: all.map(({ version, author, message, at }) => ({ version, author, message, at })) };
  });

  app.get(`${ITEM}/versions/:version`, async (req) => {
    const { kind, name, version } = parse(versionParams, req.params);
    const v = await content.version(kind, name, version);
    return { version: v.version, source: v.source, author: v.author, message: v.message, at: v.at };
  });

  app.get(`${ITEM}/diff`, async (req) => {
    const { kind, name } = parse(itemParams, req.params);
    const { from, to } = parse(diffQuery, req.query);
    return { diff: await content.diff(kind, name, from, to) };
  });

  app.post(`${ITEM}/rollback`, async (req, reply) => {
    const { kind, name } = parse(itemParams, req.params);
    const { version, message } = parse(rollbackBody, req.body);
    return reply.code(201).send({ version: await content.rollback(kind, name, version, message, actor(req)) });
  });

  app.get('/api/admin/audit', async (req) => {
    const { limit } = parse(auditQuery, req.query);
    return { items: await ctx.store.listAudit(limit) };
  });
}
