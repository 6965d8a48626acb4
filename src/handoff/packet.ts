/**
 * The handoff packet: what an agent needs before typing a word, built deterministically from the
 * store (no language model). Problem in one sentence, confirmed facts, category and priority,
 * emotion trajectory with the turns that drove it, what the bot proposed and the answer,
 * customer identity and history, SLA time left and escalation reasons; labels in the agent's
 * language, and every fact linked to the message it came from.
 */
import type { Language } from '../engine/messages';
import type { Conversation, ConversationEvent, Customer, StoredMessage, Ticket } from '../store/port';
import type { Entity, TurnAnalysis } from '../understanding/types';
import { isEmotionPoint, safeTrajectory } from './priority';
import { negativity } from '../understanding/trajectory';
import { escalationReasons, ticketInFocus } from './queue-items';
import * as L from './packet-labels';

/** Everything the packet is built from (read by the caller). */
export interface PacketInput {
  conversation: Conversation;
  messages: StoredMessage[];
  events: ConversationEvent[];
  tickets: Ticket[];
  customer: Customer | null;
  previousConversations: Conversation[];
  customerTickets: Ticket[];
  now: number;
}

type Fact = { key: string; label: string; value: string; messageId: string | null; seq: number | null };

const FACT_TYPES = new Set(['order_number', 'amount', 'date', 'ticket_ref', 'email', 'phone', 'product']);
/** Ticket facts shown beside the entities: the customer's own deadline (`prioritize` in the dialogs). */
const TICKET_FACTS = new Set([...FACT_TYPES, 'needed_by']);
const MAX_PROBLEM_CHARS = 200;

/** The understanding stored on a customer message, if any. */
export function analysisOf(m: StoredMessage): TurnAnalysis | null {
  const a = m.annotations?.analysis as Partial<TurnAnalysis> | undefined;
  return a && typeof a === 'object' && a.emotion && Array.isArray(a.entities) ? (a as TurnAnalysis) : null;
}

/** Builds the packet in `language`. */
export function buildPacket(input: PacketInput, language: Language) {
  const ticket = ticketInFocus(input.tickets, input.events);
  const customerMessages = input.messages.filter((m) => m.author === 'customer');
  const escalation = escalationReasons(input.events);
  return {
    language,
    labels: L.SECTION_LABELS[language],
    problem: problem(ticket, customerMessages, language),
    facts: facts(ticket, customerMessages, language),
    category: ticket ? { value: ticket.category, label: L.label(L.CATEGORY_LABELS, language, ticket.category) } : null,
    priority: ticket ? { value: ticket.priority, label: L.label(L.PRIORITY_LABELS, language, ticket.priority) } : null,
    emotion: emotion(input.conversation, input.messages, language),
    proposals: proposals(input.messages),
    customer: customerPart(input),
    sla: sla(ticket, input.now, language),
    escalation: { reasons: escalation.reasons, reasonLabels: escalation.reasons.map((r) => L.label(L.REASON_LABELS, language, r)), at: escalation.at },
  };
}

/**
 * The complaint summary, else the customer's first substantive message, as one sentence in the
 * customer's words; plus a headline in the agent's language (category and the key facts), so an
 * agent who does not read the customer's language still knows what it is about.
 */
function problem(ticket: Ticket | null, customer: StoredMessage[], language: Language): { text: string; messageId: string | null; headline: string | null } {
  const first = customer.find((m) => /[\p{L}\p{N}]{2,}/u.test(m.text)) ?? null;
  const source = ticket?.summary?.trim() || first?.text.trim() || '';
  return { text: oneSentence(source), messageId: first?.id ?? null, headline: headline(ticket, customer, language) };
}

function headline(ticket: Ticket | null, customer: StoredMessage[], language: Language): string | null {
  if (!ticket) return null;
  const keyFacts = facts(ticket, customer, language).filter((f) => f.key === 'order_number' || f.key === 'amount' || f.key === 'product').slice(0, 3);
  const parts = [L.label(L.HEADLINE_LABELS, language, ticket.category), ...keyFacts.map((f) => `${f.label} ${f.value}`)];
  return parts.join(language === 'zh' ? '，' : ' · ');
}

/** The first sentence of `text`, at most 200 characters. */
export function oneSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const match = /^.+?(?:[.!?](?=\s|$)|[。！？])/u.exec(flat);
  const sentence = match ? match[0] : flat;
  const chars = [...sentence];
  return chars.length > MAX_PROBLEM_CHARS ? `${chars.slice(0, MAX_PROBLEM_CHARS - 1).join('')}…` : sentence;
}

/** Entities from the customer's messages, then ticket facts not already seen; deduplicated. */
function facts(ticket: Ticket | null, customer: StoredMessage[], language: Language): Fact[] {
  const out: Fact[] = [];
  const seen = new Set<string>();
  const add = (key: string, value: string, m: StoredMessage | null) => {
    const id = `${key}:${value}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ key, label: L.label(L.FACT_LABELS, language, key), value, messageId: m?.id ?? null, seq: m?.seq ?? null });
  };
  for (const m of customer) {
    for (const e of analysisOf(m)?.entities ?? []) if (FACT_TYPES.has(e.type)) add(e.type, factValue(e), m);
  }
  for (const [key, raw] of Object.entries(ticket?.facts ?? {})) {
    if (!TICKET_FACTS.has(key)) continue;
    for (const value of (Array.isArray(raw) ? raw : [raw]).filter((v) => typeof v === 'string' || typeof v === 'number').map(String)) {
      add(key, value, customer.find((m) => m.text.includes(value)) ?? null);
    }
  }
  return out;
}

function factValue(e: Entity): string {
  return e.type === 'amount' && e.amount !== undefined ? `${e.amount}${e.currency ? ` ${e.currency}` : ''}` : e.value;
}

/** Direction, peak and the turns that drove it (negative >= 0.5, or a rise of 0.15 or more). */
function emotion(c: Conversation, messages: StoredMessage[], language: Language) {
  const points = c.emotionTrajectory.filter(isEmotionPoint);
  const trajectory = safeTrajectory(points);
  const bySeq = new Map(messages.map((m) => [m.seq, m]));
  const drivers = points.filter((p, i) => negativity(p) >= 0.5 || (i > 0 && negativity(p) - negativity(points[i - 1]) >= 0.15));
  const direction = trajectory?.direction ?? 'steady';
  return {
    direction,
    directionLabel: L.label(L.DIRECTION_LABELS, language, direction),
    peak: trajectory?.peak ?? 0,
    turns: drivers.slice(-6).map((p) => ({
      seq: p.seq,
      messageId: bySeq.get(p.seq)?.id ?? null,
      text: bySeq.get(p.seq)?.text ?? '',
      label: p.label,
      labelText: L.label(L.EMOTION_LABELS, language, p.label),
      intensity: p.intensity,
    })),
  };
}

/** Bot messages offering accept/reject, each with the customer's next message as the answer. */
function proposals(messages: StoredMessage[]) {
  const out = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (m.author !== 'bot' || !m.quickReplies?.some((q) => q.value === 'accept' || q.value === 'reject')) continue;
    const answer = messages.slice(i + 1).find((x) => x.author === 'customer') ?? null;
    const accepted = answer?.value === 'accept' ? true : answer?.value === 'reject' ? false : null;
    out.push({ proposal: m.text, messageId: m.id, answer: answer?.text ?? null, answerMessageId: answer?.id ?? null, accepted });
  }
  return out;
}

function customerPart(input: PacketInput) {
  const { conversation: c, customer } = input;
  return {
    id: c.customerId,
    displayName: customer?.displayName ?? null,
    vip: customer?.vip === true,
    channel: c.channel,
    previousConversations: input.previousConversations.filter((p) => p.id !== c.id).slice(0, 5).map((p) => ({ id: p.id, status: p.status, createdAt: p.createdAt })),
    tickets: input.customerTickets.map((t) => ({ ref: t.ref, category: t.category, status: t.status, summary: t.summary, createdAt: t.createdAt })),
  };
}

function sla(ticket: Ticket | null, now: number, language: Language) {
  if (!ticket?.dueAt || ticket.status === 'resolved' || ticket.status === 'closed') return null;
  const secondsLeft = Math.round((ticket.dueAt - now) / 1000);
  return { ticketRef: ticket.ref, dueAt: ticket.dueAt, secondsLeft, overdue: secondsLeft < 0, text: L.slaText(language, secondsLeft) };
}

/** The packet's shape (see docs/agent-api.md). */
export type HandoffPacket = ReturnType<typeof buildPacket>;
