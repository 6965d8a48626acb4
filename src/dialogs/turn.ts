/**
 * What the dialog runtime sees of a turn: the customer's words, the understanding stage's typed
 * annotations, and the operations it may perform. It never sees a channel or a store.
 */
import type { Language, QuickReply } from '../engine/messages';
import type { NewTimer, Ticket, TicketCategory, TicketPriority } from '../store/port';
import type { EmotionTrajectory, TurnAnalysis } from '../understanding/types';

export interface NewTicket {
  category: TicketCategory;
  priority: TicketPriority;
  summary: string;
  facts: Record<string, unknown>;
  dueAt: number;
}

export interface DialogTurn {
  readonly text: string;
  /** The quick reply value the customer pressed, if any. */
  readonly value?: string;
  readonly analysis: TurnAnalysis;
  readonly trajectory: EmotionTrajectory;
  /** The language replies are written in. */
  readonly language: Language;
  readonly now: number;
  /** Sends a reply (stored in the outbox with the rest of the turn). */
  reply(text: string, quickReplies?: QuickReply[]): void;
  /** Adds quick replies to the last reply of this turn. */
  attachQuickReplies(quickReplies: QuickReply[]): void;
  createTicket(input: NewTicket): Ticket;
  updateTicket(ticket: Ticket): void;
  /** A ticket of this customer by reference (null when unknown or someone else's). */
  findTicket(ref: string): Promise<Ticket | null>;
  /** This customer's tickets, newest first. */
  customerTickets(): Promise<Ticket[]>;
  /** Records a survey answer and returns its id; with `id` (and a comment) it replaces that answer. */
  recordSurvey(score: number, ticketRef?: string, comment?: string, id?: string): string;
  /**
   * Asks for a person, with the reasons (recorded as an event; the gate moves the chat to the
   * queue); `ticketRef` names the complaint it is about, which the agent's packet then shows.
   */
  escalate(reasons: string[], ticketRef?: string): void;
  /** Closes the conversation once this turn is stored. */
  close(): void;
  /** Arms a durable timer with the turn (e.g. the follow-up of a resolved ticket). */
  schedule(timer: NewTimer): void;
  /** Records a domain event of this turn (e.g. `follow_up_answered`). */
  event(type: string, data: Record<string, unknown>): void;
}
