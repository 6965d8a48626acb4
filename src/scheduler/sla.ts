/**
 * The queue SLA: a conversation waiting for a person longer than `QUEUE_SLA_SECONDS` is a
 * breach. Entering the queue arms a durable `sla_breach` timer with the same commit; leaving it
 * (claimed, returned, closed) cancels it with that commit. When it fires while the conversation
 * still waits: an `sla_breached` event, the Prometheus counter, and a `queue` bus event so
 * consoles refresh (the queue summary flags the entry with `slaBreached`).
 */
import type { Bus } from '../bus/bus';
import type { Clock } from '../clock';
import type { Metrics } from '../metrics';
import type { Conversation, ConversationStore, Timer, TurnCommit } from '../store/port';

export const SLA_KIND = 'sla_breach';
export const SLA_EVENT = 'sla_breached';

/** The SLA timer's key for one conversation (one active at a time). */
export function slaTimerId(conversationId: string): string {
  return `${SLA_KIND}:${conversationId}`;
}

/**
 * Adds the SLA timer to a commit that moves the conversation into the queue, or its cancellation
 * to one that moves it out. `slaMs` undefined: no SLA timers (tests that build an engine alone).
 */
export function withQueueTimers<C extends Pick<TurnCommit, 'conversation' | 'timers' | 'cancelTimers'>>(commit: C, before: Conversation, now: number, slaMs?: number): C {
  if (slaMs === undefined) return commit;
  const after = commit.conversation;
  const id = slaTimerId(after.id);
  if (after.status === 'queued' && before.status !== 'queued') {
    const timer = { id, kind: SLA_KIND, conversationId: after.id, dueAt: now + slaMs, payload: { queuedAt: now }, createdAt: now };
    return { ...commit, timers: [...(commit.timers ?? []), timer] };
  }
  if (before.status === 'queued' && after.status !== 'queued') return { ...commit, cancelTimers: [...(commit.cancelTimers ?? []), id] };
  return commit;
}

export interface SlaDeps {
  store: ConversationStore;
  bus: Bus;
  clock: Clock;
  metrics: Metrics;
}

/**
 * The `sla_breach` handler. Idempotent: the event id is derived from the timer and its
 * `queuedAt`, and is not appended twice when a crashed attempt already stored it.
 */
export function slaBreachHandler(deps: SlaDeps): (timer: Timer) => Promise<void> {
  return async (timer) => {
    const conversation = timer.conversationId ? await deps.store.getConversation(timer.conversationId) : null;
    if (!conversation || conversation.status !== 'queued') return;
    const queuedAt = typeof timer.payload.queuedAt === 'number' ? timer.payload.queuedAt : timer.createdAt;
    const id = `${timer.id}:${queuedAt}`;
    const events = await deps.store.listEvents(conversation.id);
    if (!events.some((e) => e.id === id)) {
      const now = deps.clock.now();
      await deps.store.appendEvents([{ id, conversationId: conversation.id, type: SLA_EVENT, actor: 'system', data: { queuedAt, waitedSeconds: Math.floor((now - queuedAt) / 1000) }, at: now }]);
      deps.metrics.slaBreaches.inc();
    }
    deps.bus.publish({ type: 'queue', at: deps.clock.now() });
  };
}
