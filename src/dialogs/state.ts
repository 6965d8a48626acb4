/**
 * The dialog runtime's state, stored on the conversation (`conversation.state`): a stack of
 * script frames (an interrupting script such as "where is my order?" runs on top of a waiting
 * complaint, which resumes afterwards) plus conversation-wide counters.
 */
import type { ComplaintCategory, EmotionLabel, RequestPart } from '../understanding/types';

export interface Frame {
  script: string;
  version: number;
  step: string;
  /** Collected slot values, and built-in ones set by actions (`ticket_ref`, `ticket_found`). */
  slots: Record<string, string>;
  /** Slots given up on (asked `max_prompts` times, or the customer said they do not have it). */
  skipped: string[];
  /** How often each slot prompt was asked. */
  prompts: Record<string, number>;
  /** What the frame waits for: a slot answer, or an answer to the current (waiting) step. */
  awaiting?: { slot: string } | { step: string };
  reprompts: number;
  category?: ComplaintCategory;
  /** Strongest negative emotion seen while this frame ran; drives empathy and priority. */
  peak?: { label: EmotionLabel; intensity: number };
  /** Entities gathered while this frame ran (amounts, dates, emails ...), for the ticket. */
  facts: Record<string, string[]>;
  /**
   * The first turn given to this frame that states a problem ("my order 98765 is running late,
   * any news?"): a script started from this one (order status -> complaint) takes it as the story.
   */
  story?: string;
}

export interface DialogState {
  stack: Frame[];
  counters: Record<string, number>;
  /** Consecutive turns that fell through to the out-of-scope reply. */
  misunderstoodStreak: number;
  lastTicketRef?: string;
  /**
   * The order number the customer last gave in this conversation while no ticket holds it ("where
   * is my order 55667?" before they decide to complain): a complaint that would ask for the order
   * number takes it instead, and its confirmation shows it, so a wrong one is corrected there.
   */
  openOrder?: string;
  /**
   * Requests of one message ("where is my order? also can I change the address?") still to be
   * answered: the first one asked for a value (the order number), so the rest wait until it has
   * it (`engine/requests.ts`). `after` is the script that asked and `intent` the request it
   * answers; `turns` counts the turns waited.
   */
  pendingRequests?: { parts: RequestPart[]; after: string; intent: string; turns: number };
}

/** Reads the runtime state from a conversation's opaque `state` field. */
export function readState(raw: Record<string, unknown>): DialogState {
  const s = raw as Partial<DialogState>;
  return {
    stack: Array.isArray(s.stack) ? s.stack : [],
    counters: s.counters ?? {},
    misunderstoodStreak: s.misunderstoodStreak ?? 0,
    lastTicketRef: s.lastTicketRef,
    openOrder: typeof s.openOrder === 'string' ? s.openOrder : undefined,
    pendingRequests: s.pendingRequests && Array.isArray(s.pendingRequests.parts) ? s.pendingRequests : undefined,
  };
}

export function newFrame(script: string, version: number, step: string): Frame {
  return { script, version, step, slots: {}, skipped: [], prompts: {}, reprompts: 0, facts: {} };
}
