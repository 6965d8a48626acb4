/**
 * A message with several requests (`TurnAnalysis.requests`: "where's my order 12345? also can I
 * change the delivery address?") runs the dialog once per request, each seeing only its own words
 * and entities (the emotion stays the whole message's, but a problem one request states is not
 * another's story), as if they had come one after the other.
 *
 * Order: requests whose scripts run on top of a waiting topic (order status, policy, complaint
 * status) first, in the customer's order, then the one that replaces the topic (an order change):
 * run the other way round, an order change waiting for "shall I bring in a colleague?" would be
 * left behind by the next request.
 *
 * A request that asks for a value ("where is my order?" without a number) is answered first; the
 * requests after it wait in the dialog state (`pendingRequests`) and are answered in the turn that
 * gives the value, so the answer is not taken for something else. A customer who says something
 * else instead (a complaint, another request) has moved on, and the held requests are dropped.
 *
 * An answer is said once ("how long does shipping take? and do you ship to Canada?" are both the
 * shipping answer). Only the turn's last question stays a question: an earlier one that is asked
 * again later (the order-status offer restated after the policy answer) is removed; one whose topic
 * was left behind loses its closing question and buttons ("... I can open a complaint for you now."
 * keeps the information); a bare request for a value of a topic left behind ("What is the order
 * number?") is removed, since nothing will take the answer.
 */
import type { DialogRuntime } from '../dialogs/runtime';
import type { DialogState } from '../dialogs/state';
import type { DialogTurn } from '../dialogs/turn';
import { REQUEST_INTENTS, WHOLE_MESSAGE_INTENTS } from '../understanding/requests';
import type { RequestPart, TurnAnalysis } from '../understanding/types';
import { dropClosingQuestion } from './replies';
import type { TurnContext } from './turn-context';

/** Turns a request waits for the value its predecessor asked for before it is dropped. */
const MAX_PENDING_TURNS = 3;

/** Runs the dialog for the turn: once, or once per request of a message that holds several. */
export async function runDialog(runtime: DialogRuntime, ctx: TurnContext): Promise<DialogState> {
  const first = ctx.outbound.length;
  const parts = ctx.value ? undefined : ctx.analysis.requests;
  const asked: Question[] = [];
  // The optional language model may have read the message as something else: then it is one request.
  const several = parts && parts.length > 1 && parts.some((p) => p.intent.name === ctx.analysis.intent.name);
  let result: DialogState;
  if (several) {
    const ordered = [...parts.filter((p) => runtime.interrupts(p.intent.name)), ...parts.filter((p) => !runtime.interrupts(p.intent.name))];
    result = await runParts(runtime, ctx, ctx.conversation.state, ordered, asked);
  } else {
    result = await runPending(runtime, ctx, await runtime.run(ctx.conversation.state, ctx), asked);
  }
  tidyQuestions(ctx.outbound, asked, result);
  dropRepeats(ctx.outbound, first);
  return result;
}

/**
 * Two requests of one topic ("how long does shipping take? and do you ship to Canada?" both get
 * the shipping answer): an answer is said once. Repeated questions are gone already
 * (`tidyQuestions` keeps the last); what is left is said where it came first.
 */
function dropRepeats(outbound: { text: string }[], first: number): void {
  for (let i = outbound.length - 1; i > first; i--) {
    if (outbound.slice(first, i).some((m) => m.text === outbound[i].text)) outbound.splice(i, 1);
  }
}

/**
 * Runs `parts` one after the other from `start`. A request that asks for a value (the order number
 * of "where is my order?") stops the run: the rest wait in `pendingRequests` for the answer.
 */
async function runParts(runtime: DialogRuntime, ctx: TurnContext, start: Record<string, unknown>, parts: RequestPart[], asked: Question[]): Promise<DialogState> {
  let state = start;
  let result: DialogState | undefined;
  for (const [i, part] of parts.entries()) {
    const before = ctx.outbound.length;
    result = await runtime.run(state, requestTurn(ctx, part));
    result.pendingRequests = undefined;
    state = result as unknown as Record<string, unknown>;
    const top = result.stack[result.stack.length - 1];
    if (ctx.outbound.length > before) noteQuestion(ctx, top, asked);
    // A person is coming, or the chat is over: the bot stops answering.
    if (ctx.escalations.length > 0 || ctx.closeRequested) break;
    if (top?.awaiting && 'slot' in top.awaiting && i < parts.length - 1) {
      result.pendingRequests = { parts: parts.slice(i + 1), after: top.script, intent: part.intent.name, turns: 0 };
      break;
    }
  }
  return result!;
}

/**
 * After a turn, the requests that waited for it: run once the value is given (or the question
 * given up), while the customer is still on that topic. Requests that would replace the topic (an
 * order change) are dropped if the customer has moved on to another one that waits for an answer.
 */
async function runPending(runtime: DialogRuntime, ctx: TurnContext, result: DialogState, asked: Question[]): Promise<DialogState> {
  const pending = result.pendingRequests;
  if (!pending) return result;
  result.pendingRequests = undefined;
  if (ctx.escalations.length > 0 || ctx.closeRequested) return result;
  // The customer said something else instead of the value ("actually my headphones arrived broken"):
  // that is what the conversation is about now, and the held requests are dropped.
  const said = ctx.analysis.intent.name;
  if (said !== pending.intent && (REQUEST_INTENTS.has(said) || WHOLE_MESSAGE_INTENTS.has(said))) return result;
  const top = result.stack[result.stack.length - 1];
  if (top?.awaiting && 'slot' in top.awaiting && top.script === pending.after) {
    if (pending.turns + 1 < MAX_PENDING_TURNS) result.pendingRequests = { ...pending, turns: pending.turns + 1 };
    return result;
  }
  const onTopic = !top?.awaiting || top.script === pending.after;
  const runnable = onTopic ? pending.parts : pending.parts.filter((p) => runtime.interrupts(p.intent.name));
  if (runnable.length === 0) return result;
  // This turn's own question ("Shall I open a complaint?") is no longer the last one.
  noteQuestion(ctx, top, asked);
  return runParts(runtime, ctx, result as unknown as Record<string, unknown>, runnable, asked);
}

interface Question {
  message: { text: string; quickReplies?: unknown[] | null };
  /** The script whose frame waited for the answer. */
  script: string;
  /** It asked for a slot value (not a step's yes/no). */
  slot: boolean;
}

/** Records the turn's last reply as the question `top` waits on, when it waits. */
function noteQuestion(ctx: TurnContext, top: DialogState['stack'][number] | undefined, asked: Question[]): void {
  const message = ctx.outbound[ctx.outbound.length - 1];
  if (top?.awaiting && message) asked.push({ message, script: top.script, slot: 'slot' in top.awaiting });
}

function tidyQuestions(outbound: { text: string; quickReplies?: unknown[] | null }[], asked: Question[], final: DialogState): void {
  const last = outbound[outbound.length - 1];
  for (const q of asked) {
    const at = outbound.indexOf(q.message);
    if (q.message === last || at < 0) continue;
    const left = !final.stack.some((f) => f.script === q.script);
    if (outbound.slice(at + 1).some((m) => m.text === q.message.text) || (left && q.slot)) {
      outbound.splice(at, 1);
      continue;
    }
    const one = [q.message];
    dropClosingQuestion(one);
    q.message.quickReplies = null;
    if (one.length === 0) outbound.splice(at, 1);
  }
}

/** The turn as one request sees it: its own words (typed and corrected), intent, entities and category; everything else is the turn's. */
function requestTurn(ctx: TurnContext, part: RequestPart): DialogTurn {
  const analysis: TurnAnalysis = {
    ...ctx.analysis,
    intent: part.intent,
    entities: part.entities,
    category: part.category,
    spelled: part.spelled,
    emotion: { ...ctx.analysis.emotion, cues: ctx.analysis.emotion.cues.map((cue) => (cue.fact && !says(part, cue.text) ? { ...cue, fact: undefined } : cue)) },
  };
  return {
    text: part.text,
    value: undefined,
    analysis,
    trajectory: ctx.trajectory,
    language: ctx.language,
    now: ctx.now,
    reply: (text, quickReplies) => ctx.reply(text, quickReplies),
    attachQuickReplies: (quickReplies) => ctx.attachQuickReplies(quickReplies),
    createTicket: (input) => ctx.createTicket(input),
    updateTicket: (ticket) => ctx.updateTicket(ticket),
    findTicket: (ref) => ctx.findTicket(ref),
    customerTickets: () => ctx.customerTickets(),
    recordSurvey: (score, ticketRef, comment, id) => ctx.recordSurvey(score, ticketRef, comment, id),
    escalate: (reasons, ticketRef) => ctx.escalate(reasons, ticketRef),
    close: () => ctx.close(),
    schedule: (timer) => ctx.schedule(timer),
    event: (type, data) => ctx.event(type, data),
  };
}

/**
 * The request's own words hold the cue ("my package is late" holds "late", "where is my order
 * 12345?" does not): the emotion is the whole message's, but a problem stated in one request is
 * not the story of another.
 */
function says(part: RequestPart, cue: string): boolean {
  const needle = cue.toLowerCase();
  return part.text.toLowerCase().includes(needle) || (part.spelled ?? '').toLowerCase().includes(needle);
}
