/**
 * The `follow_up` timer (METHOD.md step 5): some time after a complaint was resolved, the bot
 * checks back on the customer's channel, in their language, by starting the follow-up script
 * (`dialogs/follow-up.yaml`: "was it solved?" with quick replies; "no" reopens the ticket and
 * brings in a person). Its messages go through the outbox like any reply.
 *
 * Idempotent: the messages get ids derived from the timer, so after a crash between storing
 * them and marking the timer done, the re-fire finds them stored and only makes sure they are
 * delivered; a conversation it had to open gets a derived id too.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Bus } from '../bus/bus';
import type { Clock } from '../clock';
import type { FollowUpPayload } from '../dialogs/follow-up';
import type { DialogRuntime } from '../dialogs/runtime';
import { ConcordError, isConcordError, VersionConflictError } from '../errors';
import type { Outbox } from '../engine/outbox';
import { TurnContext } from '../engine/turn-context';
import type { Conversation, ConversationStore, StoredMessage, Ticket, Timer } from '../store/port';
import { neutralAnalysis, stillTrajectory } from '../understanding/neutral';

export interface FollowUpDeps {
  store: ConversationStore;
  outbox: Outbox;
  bus: Bus;
  clock: Clock;
  runtime: DialogRuntime;
}

const MAX_CONFLICTS = 3;
const FOLLOWS_RESOLUTION = new Set(['in_progress', 'resolved']);

/** A UUID-shaped id derived from a name (the same name always gives the same id). */
export function derivedId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The `follow_up` handler. */
export function followUpHandler(deps: FollowUpDeps): (timer: Timer) => Promise<void> {
  return async (timer) => {
    const payload = timer.payload as unknown as FollowUpPayload;
    const ticket = await deps.store.getTicket(payload.ticketRef);
    if (!ticket) return;
    const origin = await deps.store.getConversation(ticket.conversationId);
    if (!origin) return;
    const already = await deps.store.getMessage(derivedId(`${timer.id}#0`));
    if (already) return redeliver(deps, already);
    for (let attempt = 1; ; attempt++) {
      const target = await currentConversation(deps, origin, timer);
      const skip = !FOLLOWS_RESOLUTION.has(ticket.status) ? `ticket_${ticket.status}` : target.status !== 'bot' ? `conversation_${target.status}` : null;
      if (skip) return void (await deps.store.appendEvents([skipEvent(timer, target, ticket.ref, skip, deps.clock.now())]));
      try {
        return await send(deps, timer, target, payload, ticket);
      } catch (err) {
        if (err instanceof VersionConflictError && attempt < MAX_CONFLICTS) continue;
        if (isConcordError(err) && err.code === 'message_exists') return;
        throw err;
      }
    }
  };
}

/** The customer's newest conversation on the ticket's channel; a new one (derived id) if it is closed. */
async function currentConversation(deps: FollowUpDeps, origin: Conversation, timer: Timer): Promise<Conversation> {
  const latest = (await deps.store.findLatestConversation(origin.channel, origin.channelKey)) ?? origin;
  if (latest.status !== 'closed') return latest;
  const now = deps.clock.now();
  const fresh: Conversation = {
    ...latest, id: derivedId(`${timer.id}#conversation`), status: 'bot', state: {}, emotionTrajectory: [], assignedAgentId: null,
    previousConversationId: latest.id, version: 1, createdAt: now, updatedAt: now, lastMessageAt: now,
  };
  try {
    await deps.store.createConversation(fresh);
    return fresh;
  } catch (err) {
    if (!isConcordError(err) || err.code !== 'conversation_exists') throw err;
    return (await deps.store.getConversation(fresh.id)) ?? fresh;
  }
}

/** Runs the follow-up script on the conversation and stores and sends what it says, in one commit. */
async function send(deps: FollowUpDeps, timer: Timer, target: Conversation, payload: FollowUpPayload, ticket: Ticket): Promise<void> {
  const now = deps.clock.now();
  const trigger: StoredMessage = { id: randomUUID(), conversationId: target.id, seq: 0, direction: 'in', author: 'system', text: '', createdAt: now };
  const ctx = new TurnContext(target, trigger, now, deps.store);
  ctx.analysis = neutralAnalysis(target.language);
  ctx.trajectory = stillTrajectory(target.emotionTrajectory);
  // The ticket's order number tells the answer "order 777888 is broken too" (a new complaint) from "still broken" (this one).
  const slots: Record<string, string> = { ticket_ref: payload.ticketRef };
  if (typeof ticket.facts.order_number === 'string') slots.order_number = ticket.facts.order_number;
  const state = await deps.runtime.begin(target.state, ctx, payload.script, slots);
  ctx.outbound.forEach((m, i) => (m.id = derivedId(`${timer.id}#${i}`)));
  ctx.event('follow_up_sent', { ref: payload.ticketRef, timerId: timer.id }, 'system');
  const saved = await saveOnce(deps, {
    conversation: { ...target, state: state as unknown as Record<string, unknown>, updatedAt: now },
    expectedVersion: target.version,
    events: ctx.events,
    outbound: ctx.outbound,
    ticketsUpdated: ctx.ticketsUpdated,
  });
  await deps.outbox.deliver(saved.conversation, saved.outbound);
  for (const message of saved.outbound) deps.bus.publish({ type: 'message', conversation: saved.conversation, message });
}

/** Saves the turn; a message id that is already stored means another attempt got there first. */
async function saveOnce(deps: FollowUpDeps, commit: Parameters<ConversationStore['saveTurn']>[0]) {
  try {
    return await deps.store.saveTurn(commit);
  } catch (err) {
    const first = commit.outbound?.[0];
    if (first && !(err instanceof VersionConflictError) && (await deps.store.getMessage(first.id))) {
      throw new ConcordError('message_exists', 'the follow-up was already stored by an earlier attempt');
    }
    throw err;
  }
}

/** A crashed attempt stored the messages: deliver what is still undelivered (once delivered, never again). */
async function redeliver(deps: FollowUpDeps, first: StoredMessage): Promise<void> {
  const conversation = await deps.store.getConversation(first.conversationId);
  if (!conversation) return;
  const pending = (await deps.store.listMessages(conversation.id, { afterSeq: first.seq - 1 })).filter((m) => m.direction === 'out' && m.deliveredAt == null);
  if (pending.length) await deps.outbox.deliver(conversation, pending);
}

function skipEvent(timer: Timer, c: Conversation, ref: string, reason: string, at: number) {
  return { id: derivedId(`${timer.id}#skipped`), conversationId: c.id, type: 'follow_up_skipped', actor: 'system', reason, data: { ref }, at };
}
