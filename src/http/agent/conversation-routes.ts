/**
 * The queue and conversations: `GET /api/queue`, `GET /api/chats`, `GET /api/live`,
 * `GET /api/conversations/:id`, and the actions claim, reply, notes, transfer, resolve, close,
 * takeover. Every change goes through `ConversationControl` (atomic, evented).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ConcordError, isConcordError } from '../../errors';
import { buildPacket } from '../../handoff/packet';
import type { Conversation, User } from '../../store/port';
import { authOf } from './guard';
import { actorOf, type ApiContext, requireOwnerOrSupervisor, userNames, visibleConversation } from './context';
import { chatView, eventView, messageView, noteView } from './views';
import { closeBody, conversationQuery, liveQuery, parse, resolveBody, textBody, transferBody } from './schemas';

type IdParams = { Params: { id: string } };

/** Registers the queue, chat and conversation routes. */
export function conversationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { guard, store } = ctx;
  const agent = { preHandler: guard.require('agent') };
  const supervisor = { preHandler: guard.require('supervisor') };

  app.get('/api/queue', agent, async () => {
    const snap = await ctx.queue.snapshot();
    return { items: snap.items.map(({ team: _team, ...item }) => item), afterHours: snap.afterHours, nextOpenAt: snap.nextOpenAt };
  });
  app.get('/api/chats', agent, async (req) => ({ items: await summaries(ctx, await store.listConversationsByAgent(authOf(req).user.id)) }));
  app.get('/api/live', supervisor, async (req) => ({ items: await summaries(ctx, await store.listConversationsByStatus(parse(liveQuery, req.query).status, 200)) }));
  app.get<IdParams>('/api/conversations/:id', agent, async (req) => conversationDetail(ctx, authOf(req).user, req.params.id, parse(conversationQuery, req.query).lang));

  app.post<IdParams>('/api/conversations/:id/claim', agent, async (req) => {
    const { user } = authOf(req);
    const c = await store.getConversation(req.params.id);
    if (!c) throw new ConcordError('not_found', `conversation ${req.params.id} does not exist`);
    if (c.status === 'agent') throw new ConcordError('already_claimed', c.assignedAgentId === user.id ? 'you already own this chat' : 'another agent has already claimed this chat', { assignedAgentId: c.assignedAgentId });
    if (c.status !== 'queued') throw new ConcordError('not_queued', `only queued chats can be claimed; this one is ${c.status}`);
    return { conversation: await summary(ctx, await ctx.control.assign(c.id, user.id, actorOf(user), user.maxChats)) };
  });

  app.post<IdParams>('/api/conversations/:id/takeover', supervisor, async (req) => {
    const { user } = authOf(req);
    const c = await visibleConversation(ctx, user, req.params.id);
    if (c.status === 'agent') throw new ConcordError('already_claimed', 'an agent owns this chat; transfer it instead', { assignedAgentId: c.assignedAgentId });
    return { conversation: await summary(ctx, await ctx.control.assign(c.id, user.id, actorOf(user))) };
  });

  app.post<IdParams>('/api/conversations/:id/reply', agent, async (req, reply) => {
    const { user } = authOf(req);
    const { text } = parse(textBody, req.body);
    const c = await visibleConversation(ctx, user, req.params.id);
    if (c.status !== 'agent' || c.assignedAgentId !== user.id) throw new ConcordError('not_owner', 'you can only reply to chats you own; claim it first');
    if (!text.trim()) throw new ConcordError('empty_message', 'the reply is empty');
    const message = await ctx.control.agentReply(c.id, user.id, text);
    return reply.code(201).send({ message: messageView(message, new Map([[user.id, user.name]])) });
  });

  app.post<IdParams>('/api/conversations/:id/notes', agent, async (req, reply) => {
    const { user } = authOf(req);
    const { text } = parse(textBody, req.body);
    const c = await visibleConversation(ctx, user, req.params.id);
    if (c.status !== 'queued') requireOwnerOrSupervisor(user, c);
    if (!text.trim()) throw new ConcordError('empty_message', 'the note is empty');
    return reply.code(201).send({ note: await addNote(ctx, user, c.id, text) });
  });

  app.post<IdParams>('/api/conversations/:id/transfer', agent, async (req) => {
    const { user } = authOf(req);
    const body = parse(transferBody, req.body ?? {});
    const c = await visibleConversation(ctx, user, req.params.id);
    requireOwnerOrSupervisor(user, c);
    const target = body.agentId ? await requireTarget(ctx, body.agentId) : null;
    const moved = await ctx.control.transfer(c.id, { ...body, maxChats: target?.maxChats }, actorOf(user)).catch((err: unknown) => {
      throw target && isConcordError(err, 'at_capacity') ? new ConcordError('at_capacity', `${target.name} is at their chat limit; pick someone else or send it to the queue`, err.details) : err;
    });
    if (body.note?.trim()) await addNote(ctx, user, c.id, body.note);
    return { conversation: await summary(ctx, moved) };
  });

  app.post<IdParams>('/api/conversations/:id/resolve', agent, async (req) => {
    const { user } = authOf(req);
    const body = parse(resolveBody, req.body ?? undefined);
    const c = await visibleConversation(ctx, user, req.params.id);
    requireOwnerOrSupervisor(user, c);
    if (body?.note?.trim()) await addNote(ctx, user, c.id, body.note);
    return { conversation: await summary(ctx, await ctx.control.returnToBot(c.id, actorOf(user), 'resolved')) };
  });

  app.post<IdParams>('/api/conversations/:id/close', agent, async (req) => {
    const { user } = authOf(req);
    const body = parse(closeBody, req.body ?? undefined);
    const c = await visibleConversation(ctx, user, req.params.id);
    requireOwnerOrSupervisor(user, c);
    return { conversation: await summary(ctx, await ctx.control.close(c.id, actorOf(user), body?.reason ?? 'closed by agent')) };
  });
}

/** The agent a chat is transferred to; `not_found` when missing or disabled (their capacity is checked with the transfer). */
async function requireTarget(ctx: ApiContext, agentId: string): Promise<User> {
  const target = await ctx.store.getUser(agentId);
  if (!target || target.disabled) throw new ConcordError('not_found', `agent ${agentId} does not exist or is disabled`);
  return target;
}

async function addNote(ctx: ApiContext, user: User, conversationId: string, text: string) {
  const note = { id: randomUUID(), conversationId, authorId: user.id, text, at: ctx.clock.now() };
  await ctx.store.addNote(note);
  ctx.bus.publish({ type: 'note', conversationId, agentId: user.id, text, at: note.at, id: note.id });
  return noteView(note, new Map([[user.id, user.name]]));
}

async function summary(ctx: ApiContext, c: Conversation) {
  const [customer, last] = await Promise.all([ctx.store.getCustomer(c.customerId), ctx.store.listMessages(c.id, { limit: 1 })]);
  return chatView(c, customer, last[0] ?? null);
}

async function summaries(ctx: ApiContext, list: Conversation[]) {
  return Promise.all(list.map((c) => summary(ctx, c)));
}

async function conversationDetail(ctx: ApiContext, user: User, id: string, lang?: 'en' | 'zh') {
  const { store } = ctx;
  const c = await visibleConversation(ctx, user, id);
  const [messages, notes, events, tickets, customer, previous, names] = await Promise.all([
    store.listMessages(c.id), store.listNotes(c.id), store.listEvents(c.id), store.listTicketsByConversation(c.id),
    store.getCustomer(c.customerId), store.listConversationsByCustomer(c.customerId, 6), userNames(store),
  ]);
  const customerTickets = await store.listTicketsByCustomer(c.customerId);
  const packet = buildPacket({ conversation: c, messages, events, tickets, customer, previousConversations: previous, customerTickets, now: ctx.clock.now() }, lang ?? user.languages[0] ?? 'en');
  return {
    conversation: { ...chatView(c, customer, messages[messages.length - 1] ?? null), customerId: c.customerId, createdAt: c.createdAt },
    messages: messages.map((m) => messageView(m, names)),
    notes: notes.map((n) => noteView(n, names)),
    events: events.map(eventView),
    packet,
  };
}
