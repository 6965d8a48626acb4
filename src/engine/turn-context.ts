/**
 * The per-turn context: everything one customer turn reads and changes. Stages add typed fields
 * (`analysis`, `trajectory`); the dialog runtime uses it as its `DialogTurn`; the commit stage
 * turns what it collected into one atomic `TurnCommit`.
 */
import { randomInt } from 'node:crypto';
import { timeOrderedId } from '../ids';
import type { Language, QuickReply } from './messages';
import type { Conversation, ConversationEvent, ConversationStore, NewTimer, StoredMessage, SurveyAnswer, Ticket } from '../store/port';
import type { DialogTurn, NewTicket } from '../dialogs/turn';
import type { DialogState } from '../dialogs/state';
import type { Sender } from '../identity/link-codes';
import type { EmotionTrajectory, TurnAnalysis } from '../understanding/types';

const REF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh complaint reference such as `CP-7K3M9Q` (no 0/O or 1/I to misread). */
export function newTicketRef(): string {
  let ref = 'CP-';
  for (let i = 0; i < 6; i++) ref += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return ref;
}

type Outbound = Omit<StoredMessage, 'seq'>;

export class TurnContext implements DialogTurn {
  analysis!: TurnAnalysis;
  trajectory!: EmotionTrajectory;
  readonly outbound: Outbound[] = [];
  readonly events: ConversationEvent[] = [];
  readonly ticketsCreated: Ticket[] = [];
  readonly ticketsUpdated: Ticket[] = [];
  readonly surveys: SurveyAnswer[] = [];
  /** Durable timers armed with this turn (follow-ups). */
  readonly timers: NewTimer[] = [];
  /** Reasons the dialog asked for a person (e.g. `customer_request`). */
  escalations: string[] = [];
  /** Reasons the escalation triggers found (emotion, repeat complaint, threats, ...). */
  triggerEscalations: string[] = [];
  closeRequested = false;
  /** The queued customer no longer needs a person: the chat goes back to the bot (`queueWithdrawal`). */
  withdrawRequested = false;
  /** Set by the gate when the bot must not answer (agent owns the chat, queued). */
  botSilent = false;
  /** The dialog runtime's new state, set by the dialog stage. */
  dialogState?: DialogState;
  /** Who wrote this turn's message (channel identity), when the engine received it just now. */
  sender?: Sender;

  constructor(
    readonly conversation: Conversation,
    readonly message: StoredMessage,
    readonly now: number,
    private readonly store: ConversationStore,
  ) {}

  get text(): string {
    return this.message.text;
  }

  get value(): string | undefined {
    return this.message.value ?? undefined;
  }

  get language(): Language {
    return this.analysis?.language ?? this.conversation.language;
  }

  reply(text: string, quickReplies?: QuickReply[]): void {
    this.outbound.push({
      id: timeOrderedId(this.now),
      conversationId: this.conversation.id,
      direction: 'out',
      author: 'bot',
      text,
      quickReplies: quickReplies?.length ? quickReplies : null,
      createdAt: this.now,
      deliveredAt: null,
      deliveryAttempts: 0,
    });
  }

  attachQuickReplies(quickReplies: QuickReply[]): void {
    const last = this.outbound[this.outbound.length - 1];
    if (last) last.quickReplies = [...(last.quickReplies ?? []), ...quickReplies];
  }

  createTicket(input: NewTicket): Ticket {
    const ticket: Ticket = {
      ref: newTicketRef(),
      conversationId: this.conversation.id,
      customerId: this.conversation.customerId,
      status: 'open',
      language: this.language,
      createdAt: this.now,
      updatedAt: this.now,
      resolution: null,
      resolvedAt: null,
      ...input,
    };
    this.ticketsCreated.push(ticket);
    this.event('ticket_created', { ref: ticket.ref, category: ticket.category, priority: ticket.priority });
    return ticket;
  }

  updateTicket(ticket: Ticket): void {
    const pending = this.ticketsCreated.findIndex((t) => t.ref === ticket.ref);
    if (pending >= 0) this.ticketsCreated[pending] = ticket;
    else this.ticketsUpdated.push(ticket);
    this.event('ticket_updated', { ref: ticket.ref, status: ticket.status });
  }

  async findTicket(ref: string): Promise<Ticket | null> {
    const wanted = ref.toUpperCase();
    const pending = [...this.ticketsUpdated, ...this.ticketsCreated].find((t) => t.ref === wanted);
    if (pending) return pending;
    const stored = await this.store.getTicket(wanted);
    return stored && stored.customerId === this.conversation.customerId ? stored : null;
  }

  async customerTickets(): Promise<Ticket[]> {
    const stored = await this.store.listTicketsByCustomer(this.conversation.customerId);
    const pendingRefs = new Set([...this.ticketsCreated, ...this.ticketsUpdated].map((t) => t.ref));
    const all = [...this.ticketsCreated, ...this.ticketsUpdated, ...stored.filter((t) => !pendingRefs.has(t.ref))];
    return all.sort((a, b) => b.createdAt - a.createdAt);
  }

  recordSurvey(score: number, ticketRef?: string, comment?: string, id?: string): string {
    const answer = {
      id: id ?? timeOrderedId(this.now),
      conversationId: this.conversation.id,
      customerId: this.conversation.customerId,
      ticketRef: ticketRef ?? null,
      score,
      comment: comment ?? null,
      at: this.now,
    };
    this.surveys.push(answer);
    // The comment itself is in the survey row (masked at rest by configuration), not in the event.
    this.event(id ? 'survey_commented' : 'survey_recorded', { score, ticketRef: ticketRef ?? null });
    return answer.id;
  }

  escalate(reasons: string[], ticketRef?: string): void {
    this.escalations.push(...reasons);
    this.event('escalation_requested', ticketRef ? { reasons, ticketRef } : { reasons });
  }

  close(): void {
    this.closeRequested = true;
  }

  schedule(timer: NewTimer): void {
    this.timers.push(timer);
    this.event('timer_scheduled', { timerId: timer.id, kind: timer.kind, dueAt: timer.dueAt });
  }

  /** Records a domain event of this turn. */
  event(type: string, data: Record<string, unknown>, actor = 'bot'): void {
    this.events.push({ id: timeOrderedId(this.now), conversationId: this.conversation.id, type, actor, data, at: this.now });
  }
}
