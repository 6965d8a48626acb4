/**
 * The queue's priority score (documented in docs/agent-api.md): higher is served first.
 *
 * `score = P + S + E + V + A`
 * - P ticket priority: urgent 40, high 25, normal 10, low 0 (no ticket: 10)
 * - S severity: +15 for a legal threat or public complaint (`threat`, `legal_threat`,
 *   `public_complaint`), +10 for a repeat complaint
 * - E emotion: 20 x intensity of the latest negative emotion, +10 when rising or angry twice in a row
 * - V VIP customer: 20
 * - A aging: +1 per full minute waiting, at most 30
 */
import type { TicketPriority } from '../store/port';
import { NEGATIVE_EMOTIONS, type EmotionPoint, type EmotionTrajectory } from '../understanding/types';
import { computeTrajectory } from '../understanding/trajectory';

/** What the score is computed from. */
export interface PriorityInput {
  ticketPriority: TicketPriority | null;
  reasons: string[];
  emotion: EmotionPoint[];
  vip: boolean;
  waitingMs: number;
}

const TICKET_POINTS: Record<TicketPriority, number> = { urgent: 40, high: 25, normal: 10, low: 0 };
const SEVERE = new Set(['threat', 'legal_threat', 'public_complaint']);

/** The score and the components that made it (for the console). */
export function priorityScore(input: PriorityInput): { score: number; parts: Record<'ticket' | 'severity' | 'emotion' | 'vip' | 'aging', number> } {
  const ticket = TICKET_POINTS[input.ticketPriority ?? 'normal'];
  const severity = (input.reasons.some((r) => SEVERE.has(r)) ? 15 : 0) + (input.reasons.includes('repeat_complaint') ? 10 : 0);
  const emotion = emotionPoints(input.emotion);
  const vip = input.vip ? 20 : 0;
  const aging = Math.min(30, Math.floor(Math.max(0, input.waitingMs) / 60_000));
  const score = Math.round((ticket + severity + emotion + vip + aging) * 10) / 10;
  return { score, parts: { ticket, severity, emotion, vip, aging } };
}

function emotionPoints(points: EmotionPoint[]): number {
  if (points.length === 0) return 0;
  const latestNegative = [...points].reverse().find((p) => NEGATIVE_EMOTIONS.has(p.label));
  const trajectory = safeTrajectory(points);
  const base = latestNegative ? 20 * latestNegative.intensity : 0;
  const rising = trajectory && (trajectory.direction === 'rising' || trajectory.angerStreak >= 2) ? 10 : 0;
  return base + rising;
}

/** The trajectory of stored points, or null when they are not in the expected shape. */
export function safeTrajectory(points: unknown[]): EmotionTrajectory | null {
  const valid = points.filter(isEmotionPoint);
  return valid.length > 0 ? computeTrajectory(valid) : null;
}

/** True for a stored `EmotionPoint`. */
export function isEmotionPoint(p: unknown): p is EmotionPoint {
  const x = p as Partial<EmotionPoint> | null;
  return typeof x === 'object' && x !== null && typeof x.seq === 'number' && typeof x.label === 'string' && typeof x.intensity === 'number';
}
