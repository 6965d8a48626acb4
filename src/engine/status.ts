/**
 * The conversation status machine. Status changes only through these named transitions, and
 * each produces an event recording who made it and why (side effects subscribe to events).
 */
import { timeOrderedId } from '../ids';
import { ConcordError } from '../errors';
import type { Conversation, ConversationEvent, ConversationStatus } from '../store/port';

export type TransitionName = 'escalate' | 'assign' | 'transfer' | 'returnToBot' | 'close' | 'reopen';

const ALLOWED: Record<TransitionName, { from: ConversationStatus[]; to: ConversationStatus }> = {
  escalate: { from: ['bot'], to: 'queued' },
  assign: { from: ['queued', 'bot'], to: 'agent' },
  /** To another agent (`agent`), or back to the queue for a team or after a disconnect (`queued`). */
  transfer: { from: ['agent'], to: 'agent' },
  returnToBot: { from: ['agent', 'queued'], to: 'bot' },
  close: { from: ['bot', 'queued', 'agent'], to: 'closed' },
  reopen: { from: ['closed'], to: 'bot' },
};

/** True when `name` may be applied to a conversation in `status`. */
export function canTransition(status: ConversationStatus, name: TransitionName): boolean {
  return ALLOWED[name].from.includes(status);
}

/** Applies a transition; returns the changed conversation (not yet stored) and its event. */
export function applyTransition(
  conversation: Conversation,
  name: TransitionName,
  who: { actor: string; reason?: string; at: number; data?: Record<string, unknown>; toQueue?: boolean },
): { conversation: Conversation; event: ConversationEvent } {
  if (!canTransition(conversation.status, name)) {
    throw new ConcordError('invalid_transition', `cannot ${name} a conversation that is ${conversation.status}`);
  }
  const to: ConversationStatus = name === 'transfer' && who.toQueue ? 'queued' : ALLOWED[name].to;
  const event: ConversationEvent = {
    id: timeOrderedId(who.at),
    conversationId: conversation.id,
    type: 'transition',
    name,
    fromStatus: conversation.status,
    toStatus: to,
    actor: who.actor,
    reason: who.reason ?? null,
    data: who.data ?? null,
    at: who.at,
  };
  return { conversation: { ...conversation, status: to, updatedAt: who.at }, event };
}
