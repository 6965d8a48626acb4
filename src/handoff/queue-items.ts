/**
 * Builds the queue entries the console and waiting customers see from what the store holds:
 * the latest ticket (priority, category), the escalation reasons and queue time (transition
 * events), the customer (VIP) and the emotion trajectory. Pure reads; no side effects.
 */
import type { Language } from '../engine/messages';
import type { Conversation, ConversationEvent, ConversationStore, Ticket, TicketPriority } from '../store/port';
import type { EmotionLabel, TrajectoryDirection } from '../understanding/types';
import { isEmotionPoint, priorityScore, safeTrajectory } from './priority';
import { SLA_EVENT } from '../scheduler/sla';

/** One queued conversation, before positions and waits are known. */
export interface QueueEntry {
  conversationId: string;
  channel: string;
  language: Language;
  customer: { id: string; displayName: string | null; vip: boolean };
  category: string | null;
  team: string | null;
  priority: { score: number; ticketPriority: TicketPriority | null; reasons: string[] };
  emotion: { label: EmotionLabel; intensity: number; direction: TrajectoryDirection } | null;
  lastMessage: { text: string; at: number } | null;
  queuedAt: number;
  waitingSeconds: number;
  /** Waiting longer than `QUEUE_SLA_SECONDS` (an `sla_breached` event since it entered the queue). */
  slaBreached: boolean;
}

/** A queue entry with its place. */
export type QueueItem = QueueEntry & { position: number; etaSeconds: number };

/** Escalation reasons of the latest `escalate` event (from `data.reasons`, else `reason`). */
export function escalationReasons(events: ConversationEvent[]): { reasons: string[]; at: number | null } {
  const last = [...events].reverse().find((e) => e.type === 'transition' && e.name === 'escalate');
  if (!last) return { reasons: [], at: null };
  const data = last.data?.reasons;
  const reasons = Array.isArray(data) ? data.filter((r): r is string => typeof r === 'string') : (last.reason ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  return { reasons, at: last.at };
}

/**
 * The ticket the hand-off is about: the one the last escalation named (a customer with two
 * complaints in one chat who rejects the first one's offer), else the newest of the conversation.
 */
export function ticketInFocus(tickets: readonly Ticket[], events: readonly ConversationEvent[]): Ticket | null {
  const ref = [...events].reverse().find((e) => e.type === 'escalation_requested')?.data?.ticketRef;
  return (typeof ref === 'string' ? tickets.find((t) => t.ref === ref) : undefined) ?? tickets[tickets.length - 1] ?? null;
}

/** When the conversation last entered the queue, and the team it was transferred to (if any). */
function queueTime(c: Conversation, events: ConversationEvent[]): { at: number; team: string | null } {
  const entered = [...events].reverse().find((e) => e.type === 'transition' && e.toStatus === 'queued');
  const team = entered?.name === 'transfer' && typeof entered.data?.team === 'string' ? entered.data.team : null;
  return { at: entered?.at ?? c.updatedAt, team };
}

/** The latest emotion and trajectory direction stored on the conversation. */
export function latestEmotion(c: Conversation): QueueEntry['emotion'] {
  const points = c.emotionTrajectory.filter(isEmotionPoint);
  const last = points[points.length - 1];
  const trajectory = safeTrajectory(points);
  return last && trajectory ? { label: last.label, intensity: last.intensity, direction: trajectory.direction } : null;
}

/** Builds one entry from the store. */
export async function buildEntry(store: ConversationStore, c: Conversation, now: number): Promise<QueueEntry> {
  const [events, tickets, customer, last] = await Promise.all([
    store.listEvents(c.id), store.listTicketsByConversation(c.id), store.getCustomer(c.customerId), store.listMessages(c.id, { limit: 1 }),
  ]);
  const ticket = ticketInFocus(tickets, events);
  const { reasons } = escalationReasons(events);
  const queued = queueTime(c, events);
  const vip = customer?.vip === true;
  const waitingMs = Math.max(0, now - queued.at);
  const { score } = priorityScore({ ticketPriority: ticket?.priority ?? null, reasons, emotion: c.emotionTrajectory.filter(isEmotionPoint), vip, waitingMs });
  return {
    conversationId: c.id,
    channel: c.channel,
    language: c.language,
    customer: { id: c.customerId, displayName: customer?.displayName ?? null, vip },
    category: ticket?.category ?? null,
    team: queued.team,
    priority: { score, ticketPriority: ticket?.priority ?? null, reasons },
    emotion: latestEmotion(c),
    lastMessage: last[0] ? { text: last[0].text, at: last[0].createdAt } : null,
    queuedAt: queued.at,
    waitingSeconds: Math.floor(waitingMs / 1000),
    slaBreached: events.some((e) => e.type === SLA_EVENT && e.at >= queued.at),
  };
}

/** Highest score first; ties: longest waiting first, then id (stable). */
export function compareEntries(a: QueueEntry, b: QueueEntry): number {
  return b.priority.score - a.priority.score || a.queuedAt - b.queuedAt || a.conversationId.localeCompare(b.conversationId);
}
