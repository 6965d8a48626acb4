/**
 * `ConversationControlImpl`: the one place where people and routing change a conversation.
 * Each change is an optimistic `saveTurn` (so a concurrent customer turn or a second agent can
 * never be overwritten), records its transition event, then tells the customer's channel and the
 * bus.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { ConcordError, isConcordError, VersionConflictError } from '../errors';
import type { Bus } from '../bus/bus';
import type { DialogRuntime } from '../dialogs/runtime';
import type { Outbox } from '../engine/outbox';
import { applyTransition, type TransitionName } from '../engine/status';
import { TurnContext } from '../engine/turn-context';
import { LIMITS } from '../channels/web/protocol';
import type { Conversation, ConversationEvent, ConversationStore, StoredMessage, TurnCommit } from '../store/port';
import type { FollowUpSettings } from '../dialogs/schema';
import { followUpTimer } from '../dialogs/follow-up';
import { withQueueTimers } from '../scheduler/sla';
import { neutralAnalysis, stillTrajectory } from '../understanding/neutral';
import type { Actor, ConversationControl } from './control';

const MAX_ATTEMPTS = 4;

export interface ControlDeps {
  store: ConversationStore;
  outbox: Outbox;
  bus: Bus;
  clock: Clock;
  runtime: DialogRuntime;
  /** Arms the queue SLA timer when a change sends the chat to the queue; absent: none. */
  queueSlaMs?: number;
}

type Change = Omit<TurnCommit, 'expectedVersion' | 'events'> & { events: ConversationEvent[] };

export class ConversationControlImpl implements ConversationControl {
  constructor(private readonly deps: ControlDeps) {}

  escalate(id: string, reasons: string[], actor: Actor): Promise<Conversation> {
    return this.transition(id, 'escalate', actor, reasons.join(', '), { reasons });
  }

  assign(id: string, agentId: string, actor: Actor, maxChats?: number): Promise<Conversation> {
    return this.change(id, async (c) => {
      if (c.status === 'agent') throw new ConcordError('already_claimed', c.assignedAgentId === agentId ? 'you already own this conversation' : 'another agent has already taken this conversation');
      return { ...this.moved(c, 'assign', actor, undefined, { agentId }, { assignedAgentId: agentId }), ...capacity(agentId, maxChats) };
    }).catch((err: unknown) => {
      if (!isConcordError(err, 'at_capacity')) throw err;
      const { load } = err.details as { load: number };
      throw new ConcordError('at_capacity', `you already have ${load} chats (your limit is ${maxChats}); finish one first`, err.details);
    });
  }

  transfer(id: string, to: { agentId?: string; team?: string; note?: string; maxChats?: number }, actor: Actor): Promise<Conversation> {
    return this.change(id, async (c) => {
      if (actor.kind === 'agent' && c.assignedAgentId !== actor.id) throw new ConcordError('not_owner', 'only the agent who owns this conversation can transfer it');
      const toQueue = !to.agentId;
      const moved = this.moved(c, 'transfer', actor, to.note, { toAgentId: to.agentId ?? null, team: to.team ?? null, note: to.note ?? null }, { assignedAgentId: to.agentId ?? null }, toQueue);
      return to.agentId ? { ...moved, ...capacity(to.agentId, to.maxChats) } : moved;
    });
  }

  returnToBot(id: string, actor: Actor, reason?: string): Promise<Conversation> {
    return this.change(id, async (c) => {
      if (actor.kind === 'agent' && c.assignedAgentId && c.assignedAgentId !== actor.id) throw new ConcordError('not_owner', 'only the agent who owns this conversation can hand it back');
      const moved = this.moved(c, 'returnToBot', actor, reason, undefined, { assignedAgentId: null });
      const ctx = await this.systemTurn(moved.conversation);
      if (reason === 'resolved') await this.resolveTickets(ctx, this.deps.runtime.followUpSettings(c.state));
      const state = await this.deps.runtime.resumeAfterAgent(moved.conversation.state, ctx);
      if (!state) ctx.reply(moved.conversation.language === 'zh' ? '感谢您的耐心等待！请问还有其他可以帮您的吗？' : 'Thank you for waiting! Is there anything else I can help with?');
      const conversation = { ...moved.conversation, state: (state ?? moved.conversation.state) as unknown as Record<string, unknown> };
      return { conversation, events: [...moved.events, ...ctx.events], outbound: ctx.outbound, ticketsUpdated: ctx.ticketsUpdated, surveys: ctx.surveys, timers: ctx.timers };
    });
  }

  close(id: string, actor: Actor, reason?: string): Promise<Conversation> {
    return this.transition(id, 'close', actor, reason);
  }

  async agentReply(id: string, agentId: string, text: string): Promise<StoredMessage> {
    const body = text.trim();
    if (!body) throw new ConcordError('empty_message', 'the reply is empty');
    if ([...body].length > LIMITS.maxTextChars) throw new ConcordError('message_too_long', `replies are limited to ${LIMITS.maxTextChars} characters`);
    let stored: StoredMessage | undefined;
    await this.change(id, async (c) => {
      if (c.status !== 'agent' || c.assignedAgentId !== agentId) throw new ConcordError('not_owner', 'you can only reply to conversations you own');
      return this.withMessage(c, 'agent', body, agentId);
    }, (saved) => (stored = saved[0]));
    return stored!;
  }

  async botMessage(id: string, text: string): Promise<StoredMessage> {
    let stored: StoredMessage | undefined;
    await this.change(id, async (c) => {
      return this.withMessage(c, 'bot', text);
    }, (saved) => (stored = saved[0]));
    return stored!;
  }

  agentTyping(conversationId: string, agentId: string): void {
    this.deps.bus.publish({ type: 'typing', conversationId, from: 'agent', agentId });
  }

  /** A change that only adds one outbound message (pending delivery) to the conversation. */
  private withMessage(c: Conversation, author: 'agent' | 'bot', text: string, authorId?: string): Change {
    const now = this.deps.clock.now();
    const message = { id: randomUUID(), conversationId: c.id, direction: 'out' as const, author, authorId: authorId ?? null, text, createdAt: now, deliveredAt: null, deliveryAttempts: 0 };
    return { conversation: { ...c, updatedAt: now }, events: [], outbound: [message] };
  }

  private transition(id: string, name: TransitionName, actor: Actor, reason?: string, data?: Record<string, unknown>): Promise<Conversation> {
    return this.change(id, async (c) => this.moved(c, name, actor, reason, data));
  }

  private moved(c: Conversation, name: TransitionName, actor: Actor, reason?: string, data?: Record<string, unknown>, patch: Partial<Conversation> = {}, toQueue = false): Change {
    const t = applyTransition(c, name, { actor: actorName(actor), reason, at: this.deps.clock.now(), data, toQueue });
    return { conversation: { ...t.conversation, ...patch }, events: [t.event] };
  }

  /** Reads, applies `build`, saves optimistically (retrying on a concurrent change), then notifies. */
  private async change(id: string, build: (c: Conversation) => Promise<Change>, onSaved?: (outbound: StoredMessage[]) => void): Promise<Conversation> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.store.getConversation(id);
      if (!current) throw new ConcordError('not_found', `conversation ${id} does not exist`);
      const next = await build(current);
      try {
        const saved = await this.deps.store.saveTurn(withQueueTimers({ expectedVersion: current.version, ...next }, current, this.deps.clock.now(), this.deps.queueSlaMs));
        onSaved?.(saved.outbound);
        await this.notify(current, saved.conversation, next.events, saved.outbound);
        return saved.conversation;
      } catch (err) {
        if (!(err instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  private async notify(before: Conversation, after: Conversation, events: ConversationEvent[], outbound: StoredMessage[]): Promise<void> {
    const { bus, outbox } = this.deps;
    if (after.status !== before.status) outbox.output(after.channel)?.status?.(after);
    for (const event of events.filter((e) => e.type === 'transition')) bus.publish({ type: 'status', conversation: after, event });
    await outbox.deliver(after, outbound);
    for (const message of outbound) bus.publish({ type: 'message', conversation: after, message });
  }

  /** A turn with no customer message, for bot output after a hand-back. */
  private async systemTurn(conversation: Conversation): Promise<TurnContext> {
    const last = (await this.deps.store.listMessages(conversation.id, { limit: 1 }))[0];
    const message: StoredMessage = last ?? { id: randomUUID(), conversationId: conversation.id, seq: 0, direction: 'in', author: 'system', text: '', createdAt: this.deps.clock.now() };
    const ctx = new TurnContext(conversation, message, this.deps.clock.now(), this.deps.store);
    ctx.analysis = neutralAnalysis(conversation.language);
    ctx.trajectory = stillTrajectory(conversation.emotionTrajectory);
    return ctx;
  }

  /** Resolves the conversation's open tickets and arms their follow-ups. */
  private async resolveTickets(ctx: TurnContext, followUp: FollowUpSettings | undefined): Promise<void> {
    for (const t of await this.deps.store.listTicketsByConversation(ctx.conversation.id)) {
      if (t.status !== 'open' && t.status !== 'in_progress') continue;
      const resolved = { ...t, status: 'resolved' as const, resolvedAt: ctx.now, updatedAt: ctx.now };
      ctx.updateTicket(resolved);
      const timer = followUpTimer(resolved, followUp, ctx.now);
      if (timer) ctx.schedule(timer);
    }
  }
}

function actorName(actor: Actor): string {
  return 'id' in actor ? `${actor.kind}:${actor.id}` : actor.kind;
}

/** The commit's capacity check when `maxChats` is given (`TurnCommit.capacity`: atomic in the store). */
function capacity(agentId: string, maxChats?: number): Pick<TurnCommit, 'capacity'> {
  return maxChats === undefined ? {} : { capacity: { agentId, maxChats } };
}
