/**
 * Users, presence and canned replies: `GET/POST /api/agents`, `PATCH /api/agents/:id`,
 * `PUT /api/me/presence`, `GET/POST /api/canned-replies`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { authOf } from './guard';
import { type ApiContext, viewUser } from './context';
import { cannedBody, newUserBody, parse, presenceBody, userPatchBody } from './schemas';

type IdParams = { Params: { id: string } };

/** Registers the people routes. */
export function peopleRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { guard, store } = ctx;

  app.get('/api/agents', { preHandler: guard.require('agent') }, async (req) => {
    const { user } = authOf(req);
    const users = (await store.listUsers()).filter((u) => !u.disabled || user.role === 'admin');
    const loads = await store.countConversationsByAgent();
    return { items: await Promise.all(users.map((u) => viewUser(ctx, u, user, loads))) };
  });

  app.post('/api/agents', { preHandler: guard.require('admin') }, async (req, reply) => {
    const { user } = authOf(req);
    const created = await ctx.accounts.create(parse(newUserBody, req.body), `user:${user.id}`);
    return reply.code(201).send({ user: await viewUser(ctx, created, user) });
  });

  app.patch<IdParams>('/api/agents/:id', { preHandler: guard.require('admin') }, async (req) => {
    const { user } = authOf(req);
    const patch = parse(userPatchBody, req.body);
    const updated = await ctx.accounts.update(req.params.id, patch, `user:${user.id}`);
    if (patch.disabled) await ctx.presence.returnChats(updated.id, 'agent_disabled');
    ctx.queue.schedule();
    return { user: await viewUser(ctx, updated, user) };
  });

  app.put('/api/me/presence', { preHandler: guard.require('agent') }, async (req) => {
    const { user } = authOf(req);
    const { presence } = parse(presenceBody, req.body);
    const updated = await ctx.accounts.update(user.id, { presence }, `user:${user.id}`);
    if (presence === 'available') ctx.queue.schedule();
    return { user: await viewUser(ctx, updated, updated) };
  });

  app.get('/api/canned-replies', { preHandler: guard.require('agent') }, async () => ({ items: await store.listCannedReplies() }));

  app.post('/api/canned-replies', { preHandler: guard.require('supervisor') }, async (req, reply) => {
    const { user } = authOf(req);
    const body = parse(cannedBody, req.body);
    const item = { id: randomUUID(), shortcut: body.shortcut, texts: body.texts, createdBy: user.id, createdAt: ctx.clock.now() };
    await store.createCannedReply(item);
    return reply.code(201).send({ item });
  });
}
