/**
 * The actions a script may call. Each reads and writes the frame and talks to the outside world
 * only through the `DialogTurn` (tickets, surveys, escalation, closing).
 */
import type { Ticket, TicketPriority } from '../store/port';
import type { Action, ActionName, Script } from './schema';
import type { DialogState, Frame } from './state';
import type { DialogTurn } from './turn';
import { addWorkingDays, summarize } from './format';
import { followUpTimer } from './follow-up';
import { appendDetail, correctionOf } from './slots';
import { escapeRegExp } from '../regexp';

/** What an action asks the runtime to do next. */
export type ActionOutcome = 'continue' | 'end' | { startScript: string; onTop?: boolean };

export interface ActionContext {
  turn: DialogTurn;
  frame: Frame;
  state: DialogState;
  script: Script;
  /** Ticket variables for templates, set by ticket actions. */
  setTicket(ticket: Ticket): void;
  /** Tells the runtime a person was asked for: suspended frames do not resume this turn. */
  onEscalate(): void;
}

type Params = Exclude<Action, string>;
type Handler = (ctx: ActionContext, params: Params) => ActionOutcome | Promise<ActionOutcome>;
const CONTINUE: ActionOutcome = 'continue';

const handlers: Record<ActionName, Handler> = {
  classify: (ctx) => {
    ctx.frame.category ??= ctx.turn.analysis.category;
    return CONTINUE;
  },
  create_ticket: async (ctx) => {
    const existing = ctx.frame.slots.ticket_ref ? await ctx.turn.findTicket(ctx.frame.slots.ticket_ref) : null;
    const ticket = existing ?? ctx.turn.createTicket(newTicketInput(ctx));
    ctx.frame.slots.ticket_ref = ticket.ref;
    ctx.state.lastTicketRef = ticket.ref;
    if (ctx.frame.slots.order_number === ctx.state.openOrder) delete ctx.state.openOrder;
    ctx.setTicket(ticket);
    return CONTINUE;
  },
  agree_resolution: async (ctx, p) => {
    const ticket = await currentTicket(ctx);
    if (ticket && ticket.status === 'open') {
      const resolution = p.reason ?? 'proposed solution accepted by the customer';
      const updated: Ticket = { ...ticket, status: 'in_progress', resolution, priority: p.priority ?? ticket.priority, updatedAt: ctx.turn.now };
      ctx.turn.updateTicket(updated);
      ctx.setTicket(updated);
      const timer = followUpTimer(updated, ctx.script.settings.follow_up, ctx.turn.now);
      if (timer) ctx.turn.schedule(timer);
    }
    return CONTINUE;
  },
  confirm_solved: async (ctx) => {
    const ticket = await currentTicket(ctx);
    if (ticket && ticket.status !== 'closed') {
      const closed: Ticket = { ...ticket, status: 'closed', resolvedAt: ticket.resolvedAt ?? ctx.turn.now, updatedAt: ctx.turn.now };
      ctx.turn.updateTicket(closed);
      ctx.setTicket(closed);
    }
    ctx.turn.event('follow_up_answered', { ref: ticket?.ref ?? null, solved: true });
    return CONTINUE;
  },
  reopen_ticket: async (ctx, p) => {
    const ticket = await currentTicket(ctx);
    if (ticket) {
      const reopened: Ticket = { ...ticket, status: 'open', priority: p.priority ?? ticket.priority, resolvedAt: null, updatedAt: ctx.turn.now };
      ctx.turn.updateTicket(reopened);
      ctx.setTicket(reopened);
    }
    ctx.turn.event('follow_up_answered', { ref: ticket?.ref ?? null, solved: false });
    return CONTINUE;
  },
  /**
   * Raises the ticket's priority (never lowers it) and brings its deadline forward to that
   * priority's `resolution_days` from now; the turn is kept on the ticket as `needed_by` ("I need
   * it for my daughter's birthday on Saturday") for the people who work on it.
   */
  prioritize: async (ctx, p) => {
    const ticket = await currentTicket(ctx);
    const priority = p.priority ?? 'urgent';
    if (ticket && ticket.status !== 'closed' && PRIORITY_RANK[priority] > PRIORITY_RANK[ticket.priority]) {
      const due = addWorkingDays(ctx.turn.now, resolutionDays(ctx.script, priority));
      const facts = ctx.turn.value ? ticket.facts : { ...ticket.facts, needed_by: ctx.turn.text.trim().slice(0, 200) };
      const updated: Ticket = { ...ticket, priority, facts, dueAt: Math.min(ticket.dueAt ?? due, due), updatedAt: ctx.turn.now };
      ctx.turn.updateTicket(updated);
      ctx.setTicket(updated);
    }
    return CONTINUE;
  },
  record_survey: (ctx) => {
    const score = Number(ctx.turn.value ?? ctx.turn.text.trim());
    if (Number.isInteger(score) && score >= 1 && score <= 5) {
      ctx.frame.slots.survey_id = ctx.turn.recordSurvey(score, ctx.frame.slots.ticket_ref ?? ctx.state.lastTicketRef);
      ctx.frame.slots.survey_score = String(score);
    }
    return CONTINUE;
  },
  /** The turn's text becomes the comment of the survey answer this frame recorded ("what could we have done better?"). */
  record_survey_comment: (ctx) => {
    const { survey_id: id, survey_score: score } = ctx.frame.slots;
    const comment = ctx.turn.value ? '' : ctx.turn.text.trim().slice(0, 2000);
    if (id && score && comment) ctx.turn.recordSurvey(Number(score), ctx.frame.slots.ticket_ref ?? ctx.state.lastTicketRef, comment, id);
    return CONTINUE;
  },
  lookup_ticket: async (ctx) => {
    const ref = ctx.turn.analysis.entities.find((e) => e.type === 'ticket_ref')?.value ?? ctx.frame.slots.ticket_ref;
    if (ref) ctx.frame.slots.ticket_ref = ref;
    const ticket = ref ? await ctx.turn.findTicket(ref) : (await ctx.turn.customerTickets())[0];
    if (ticket) found(ctx, ticket);
    return CONTINUE;
  },
  lookup_order: async (ctx) => {
    const order = ctx.frame.slots.order_number;
    const tickets = order ? await ctx.turn.customerTickets() : [];
    const ticket = tickets.find((t) => t.facts.order_number === order && t.status !== 'closed');
    if (ticket) found(ctx, ticket);
    return CONTINUE;
  },
  escalate: (ctx, p) => {
    ctx.turn.escalate([p.reason ?? 'script'], ctx.frame.slots.ticket_ref);
    ctx.onEscalate();
    return CONTINUE;
  },
  close: (ctx) => {
    ctx.turn.close();
    ctx.state.stack.length = 0;
    return 'end';
  },
  end: () => 'end',
  count: (ctx, p) => {
    const name = p.name ?? 'count';
    ctx.state.counters[name] = (ctx.state.counters[name] ?? 0) + 1;
    return CONTINUE;
  },
  clear_slots: (ctx, p) => {
    for (const s of p.slots ?? []) {
      delete ctx.frame.slots[s];
      delete ctx.frame.prompts[s];
      ctx.frame.skipped = ctx.frame.skipped.filter((x) => x !== s);
    }
    return CONTINUE;
  },
  start_script: (_ctx, p) => ({ startScript: p.script ?? '', onTop: p.on_top }),
  /** The slots become the correction the turn carries ("不对，耳机是左边没声音" -> "耳机是左边没声音"). */
  take_correction: (ctx, p) => {
    for (const s of p.slots ?? []) {
      const text = correctionOf(ctx.turn, ctx.script.slots[s], ctx.frame.slots[s]);
      if (!text) continue;
      const old = ctx.frame.slots[s];
      if (old && ctx.script.slots[s]?.from === 'entity') replaceInStory(ctx, old, text);
      ctx.frame.slots[s] = text;
      delete ctx.frame.prompts[s];
      ctx.frame.skipped = ctx.frame.skipped.filter((x) => x !== s);
    }
    if (ctx.turn.analysis.category !== 'other') ctx.frame.category = ctx.turn.analysis.category;
    return CONTINUE;
  },
  add_detail: (ctx, p) => {
    const text = ctx.turn.value ? '' : ctx.turn.text.trim();
    for (const s of p.slots ?? []) appendDetail(ctx.frame, s, text);
    return CONTINUE;
  },
};

/**
 * A corrected value (the order number) also replaces the wrong one where the customer's own words
 * name it, so the summary and the ticket do not quote "order 123456" under order 654321.
 */
function replaceInStory(ctx: ActionContext, old: string, value: string): void {
  // Not inside a longer number or word: "1234567" is not "123456"; Han characters may touch it ("订单123456的").
  const wrong = new RegExp(`(?<![\\p{N}A-Za-z])${escapeRegExp(old)}(?![\\p{N}A-Za-z])`, 'giu');
  for (const [name, spec] of Object.entries(ctx.script.slots)) {
    const text = ctx.frame.slots[name];
    if (spec.from === 'text' && text) ctx.frame.slots[name] = text.replace(wrong, value);
  }
}

/** Runs one action; returns whether the frame goes on, ends, or hands over to another script. */
export function runAction(action: Action, ctx: ActionContext): ActionOutcome | Promise<ActionOutcome> {
  const params: Params = typeof action === 'string' ? { do: action } : action;
  return handlers[params.do](ctx, params);
}

/** Makes the ticket the one templates talk about; an overdue one is flagged urgent (the reply says so). */
function found(ctx: ActionContext, ticket: Ticket): void {
  ctx.frame.slots.ticket_found = 'yes';
  ctx.frame.slots.ticket_ref = ticket.ref;
  const open = ticket.status === 'open' || ticket.status === 'in_progress';
  const overdue = open && ticket.dueAt && ctx.turn.now > ticket.dueAt;
  if (overdue && ticket.priority !== 'urgent') {
    const flagged: Ticket = { ...ticket, priority: 'urgent', updatedAt: ctx.turn.now };
    ctx.turn.updateTicket(flagged);
    ctx.setTicket(flagged);
  } else ctx.setTicket(ticket);
}

async function currentTicket(ctx: ActionContext): Promise<Ticket | null> {
  const ref = ctx.frame.slots.ticket_ref ?? ctx.state.lastTicketRef;
  return ref ? ctx.turn.findTicket(ref) : null;
}

function newTicketInput(ctx: ActionContext) {
  const { frame, turn, script } = ctx;
  const priority = priorityOf(ctx);
  const days = resolutionDays(script, priority);
  const facts: Record<string, unknown> = { ...frame.facts };
  if (frame.slots.order_number) facts.order_number = frame.slots.order_number;
  if (frame.peak) facts.emotion = frame.peak;
  return {
    category: frame.category ?? turn.analysis.category,
    priority,
    summary: summarize(frame.slots.description ?? frame.story ?? turn.text, 280),
    facts,
    dueAt: addWorkingDays(turn.now, days),
  };
}

const PRIORITY_RANK: Record<TicketPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Working days promised for a priority: the script's `resolution_days`, else 5 / 3 / 2 / 1. */
function resolutionDays(script: Script, priority: TicketPriority): number {
  return script.settings.resolution_days?.[priority] ?? { low: 5, normal: 3, high: 2, urgent: 1 }[priority];
}

/** Urgency and severity from emotion, threats, the trajectory and the category (METHOD.md). */
export function priorityOf(ctx: Pick<ActionContext, 'frame' | 'turn'>): TicketPriority {
  const intensity = ctx.frame.peak?.intensity ?? ctx.turn.analysis.emotion.intensity;
  const threat = ctx.turn.analysis.emotion.cues.some((c) => c.kind === 'threat') || ctx.frame.facts.threat !== undefined;
  const category = ctx.frame.category ?? ctx.turn.analysis.category;
  if (threat || intensity >= 0.85 || category === 'privacy') return 'urgent';
  if (intensity >= 0.6 || category === 'account' || ctx.turn.trajectory.direction === 'rising') return 'high';
  if (intensity < 0.15 && category === 'other') return 'low';
  return 'normal';
}
