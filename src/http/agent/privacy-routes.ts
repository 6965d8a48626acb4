/**
 * Personal data in the console API (docs/privacy.md): `GET /api/admin/customers` (find a
 * customer by channel identity or ticket reference), `POST /api/admin/customers/:id/erase`
 * (admins), and `POST /api/conversations/:id/messages/:messageId/reveal` (supervisors and
 * admins; the original of a message masked at rest). Erasures and reveals are audited without
 * the personal data.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ConcordError } from '../../errors';
import { eraseCustomer } from '../../privacy/erasure';
import { revealText } from '../../privacy/masking-store';
import type { Customer } from '../../store/port';
import { authOf } from './guard';
import { type ApiContext, visibleConversation } from './context';
import { customerQuery, parse } from './schemas';

type IdParams = { Params: { id: string } };
type RevealParams = { Params: { id: string; messageId: string } };

/** Registers the privacy routes. */
export function privacyRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { guard, store } = ctx;
  const admin = { preHandler: guard.require('admin') };

  app.get('/api/admin/customers', admin, async (req) => {
    const customer = await findCustomer(ctx, parse(customerQuery, req.query));
    if (!customer) throw new ConcordError('not_found', 'no customer matches');
    const [identities, conversations, tickets] = await Promise.all([
      store.listIdentities(customer.id), store.listConversationsByCustomer(customer.id, 100), store.listTicketsByCustomer(customer.id),
    ]);
    return {
      customer: { id: customer.id, displayName: customer.displayName ?? null, language: customer.language ?? null, vip: customer.vip === true, createdAt: customer.createdAt },
      identities: identities.map((i) => ({ channel: i.channel, channelUserId: i.channelUserId, createdAt: i.createdAt })),
      conversations: conversations.map((c) => ({ id: c.id, channel: c.channel, status: c.status, createdAt: c.createdAt, updatedAt: c.updatedAt })),
      tickets: tickets.map((t) => ({ ref: t.ref, status: t.status, createdAt: t.createdAt })),
    };
  });

  app.post<IdParams>('/api/admin/customers/:id/erase', admin, async (req) => {
    const { user } = authOf(req);
    const counts = await eraseCustomer({ store, clock: ctx.clock, bus: ctx.bus }, req.params.id, `user:${user.id}`);
    ctx.log.info({ customerId: req.params.id, counts, by: user.id }, 'customer erased');
    return { erased: req.params.id, counts };
  });

  app.post<RevealParams>('/api/conversations/:id/messages/:messageId/reveal', { preHandler: guard.require('supervisor') }, async (req) => {
    const { user } = authOf(req);
    const c = await visibleConversation(ctx, user, req.params.id);
    const message = await store.getMessage(req.params.messageId);
    if (!message || message.conversationId !== c.id) throw new ConcordError('not_found', `message ${req.params.messageId} is not in conversation ${c.id}`);
    const text = ctx.vault ? revealText(ctx.vault, message) : message.text;
    await store.appendAudit({ id: randomUUID(), actor: `user:${user.id}`, action: 'message.reveal', target: `message:${message.id}`, data: { conversationId: c.id }, at: ctx.clock.now() });
    return { id: message.id, text };
  });
}

async function findCustomer(ctx: ApiContext, q: z.infer<typeof customerQuery>): Promise<Customer | null> {
  if (q.customerId) return ctx.store.getCustomer(q.customerId);
  if (q.ticketRef) {
    const ticket = await ctx.store.getTicket(q.ticketRef.trim().toUpperCase());
    return ticket ? ctx.store.getCustomer(ticket.customerId) : null;
  }
  if (q.channel && q.channelUserId) return ctx.store.findCustomerByIdentity(q.channel, q.channelUserId);
  throw new ConcordError('invalid_body', 'give channel and channelUserId, ticketRef, or customerId');
}
