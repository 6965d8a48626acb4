/**
 * The dialog runtime: advances a conversation's script stack by one customer turn.
 *
 * A waiting frame gets the turn first (slot answer or step transition). If it cannot use it, the
 * router starts the script the intent names: an interrupting script (order status, complaint
 * status, a person, goodbye) runs on top and the waiting frame resumes after it; any other script
 * replaces the stack. Out-of-scope turns reach the `oos` script instead of a guess.
 */
import { ConcordError } from '../errors';
import type { QuickReply } from '../engine/messages';
import type { Ticket } from '../store/port';
import { runAction, type ActionContext, type ActionOutcome } from './actions';
import { holds } from './conditions';
import { categoryLabel, quoted, summarize, ticketVariables } from './format';
import { scriptForFrame, type ScriptRegistry, type ScriptVersions } from './registry';
import type { FollowUpSettings, LoadedScript, QuickReplySpec, SayVariant, Script, Step, Transition } from './schema';
import { absorbTurn, addToStory, bareAnswerOf, carryEntitySlots, carrySlots, carryStory, declinesSlot, fillSlot, fillTextSlotsFromOpening, seedPeak } from './slots';
import { newFrame, readState, type DialogState, type Frame } from './state';
import { renderTemplate } from './templates';
import { followUpSettingsOf } from './follow-up';
import type { DialogTurn } from './turn';
import { asksToFile, assentsWithThanks, saysSolved, settlesForOffer, wantsMore, withdraws } from '../understanding/intent-rules';
import { NEGATIVE_EMOTIONS } from '../understanding/types';

const MAX_STEPS_PER_TURN = 50;
const MAX_REPROMPTS = 2;
const VALUE_INTENTS: Record<string, string> = { yes: 'affirm', no: 'deny', accept: 'affirm', reject: 'deny', human: 'human_agent' };

type StepResult = 'waiting' | 'ended';

/**
 * Runs dialog scripts; `scripts` is read on every turn so a new registry takes effect at once.
 *
 * Versions: a frame records the script version it started on and keeps running that version
 * until it ends, even after a newer one is published (`versions` loads old ones); a frame
 * started now (routing, `start_script`, the return step after an agent) uses the newest.
 * A frame stored without a version runs the newest.
 */
export class DialogRuntime {
  constructor(private readonly scripts: () => ScriptRegistry, private readonly versions?: ScriptVersions) {}

  /** Advances the state by one turn; replies go out through `turn.reply`. */
  async run(rawState: Record<string, unknown>, turn: DialogTurn): Promise<DialogState> {
    const registry = this.scripts();
    const state = structuredClone(readState(rawState));
    await this.pin(state, registry);
    await new Execution(registry, state, turn, this.versions).handle();
    return state;
  }

  /** Loads the versions the frames run (into the `versions` cache), before the turn starts. */
  private async pin(state: DialogState, registry: ScriptRegistry): Promise<void> {
    for (const frame of state.stack) {
      const current = registry.get(frame.script);
      if (typeof frame.version !== 'number') frame.version = current?.version ?? 1;
      else if (current?.version !== frame.version) await this.versions?.load(frame.script, frame.version);
    }
  }

  /**
   * An agent handed the conversation back: the bot resumes at the `return_step` of the script
   * that declares one (the complaint's follow-up: survey, "anything else?"), keeping what that
   * script's frame already knew. Returns null when no script declares a return step.
   */
  async resumeAfterAgent(rawState: Record<string, unknown>, turn: DialogTurn): Promise<DialogState | null> {
    const registry = this.scripts();
    const state = structuredClone(readState(rawState));
    await this.pin(state, registry);
    const target = [...state.stack].reverse().map((f) => scriptForFrame(registry, this.versions, f)).find((s) => s?.script.settings.return_step)
      ?? registry.all().find((s) => s.script.settings.return_step);
    const step = target?.script.settings.return_step;
    if (!target || !step) return null;
    const frame = state.stack.find((f) => f.script === target.script.id) ?? newFrame(target.script.id, target.version, step);
    if (!frame.slots.ticket_ref && state.lastTicketRef) frame.slots.ticket_ref = state.lastTicketRef;
    state.stack = [frame];
    // The agent dealt with whatever the customer had asked before.
    state.pendingRequests = undefined;
    await new Execution(registry, state, turn, this.versions).resumeAt(frame, target.script, step);
    return state;
  }

  /**
   * Starts a script without a customer turn (the scheduler's follow-up): its frame goes on top
   * of the stack with the given slots, so a frame that was waiting resumes once it ends.
   */
  async begin(rawState: Record<string, unknown>, turn: DialogTurn, scriptId: string, slots: Record<string, string>): Promise<DialogState> {
    const registry = this.scripts();
    const target = registry.get(scriptId);
    if (!target) throw new ConcordError('script_missing', `script "${scriptId}" is not loaded`);
    const state = structuredClone(readState(rawState));
    const frame = newFrame(target.script.id, target.version, target.script.start);
    Object.assign(frame.slots, slots);
    state.stack = [...state.stack.filter((f) => f.script !== scriptId), frame];
    await new Execution(registry, state, turn, this.versions).resumeAt(frame, target.script, target.script.start);
    return state;
  }

  /**
   * Whether the script `intent` starts runs on top of a waiting topic, which then resumes
   * (order status, a policy question), rather than replacing it (an order change).
   */
  interrupts(intent: string): boolean {
    return Boolean(this.scripts().forIntent(intent)?.script.trigger.interrupts);
  }

  /** The follow-up settings of the script agents hand back to (the complaint), for tickets they resolve. */
  followUpSettings(rawState: Record<string, unknown>): FollowUpSettings | undefined {
    return followUpSettingsOf(this.scripts(), readState(rawState).stack);
  }
}

class Execution {
  private readonly intent: string;
  private ticket?: Ticket;
  private understood = false;
  private endedFrame = false;
  private escalated = false;
  /** Only words the bot could not make sense of count as "not understood" (not a lone emoji). */
  private readonly wordless: boolean;
  private handler?: Frame;
  /** The frame this turn moved away from (a new, non-interrupting topic cleared the stack). */
  private left?: Frame;

  constructor(private readonly registry: ScriptRegistry, private readonly state: DialogState, private readonly turn: DialogTurn, private readonly versions?: ScriptVersions) {
    this.intent = effectiveIntent(turn, registry);
    this.wordless = !/[\p{L}\p{N}]/u.test(turn.text);
  }

  async handle(): Promise<void> {
    const order = this.turn.analysis.entities.find((e) => e.type === 'order_number')?.value;
    if (order) this.state.openOrder = order;
    const top = this.top();
    if (!(top && (await this.continueFrame(top)))) await this.route();
    if (this.understood) this.state.misunderstoodStreak = 0;
    else if (!this.wordless) this.state.misunderstoodStreak += 1;
    this.state.counters.misunderstood = this.state.misunderstoodStreak;
    const resumed = this.top();
    if (this.endedFrame && resumed && resumed !== this.handler && !this.escalated) await this.resume(resumed);
  }

  async resumeAt(frame: Frame, script: Script, step: string): Promise<void> {
    this.handler = frame;
    this.understood = true;
    await this.loadTicket(frame);
    await this.runFrom(frame, script, step);
  }

  /** Gives the turn to the waiting frame; false when it cannot use it. */
  private async continueFrame(frame: Frame): Promise<boolean> {
    const loaded = scriptForFrame(this.registry, this.versions, frame);
    if (!loaded || !frame.awaiting) return this.drop(frame);
    const script = loaded.script;
    this.handler = frame;
    if (this.withdrawsFrom(frame, script)) {
      this.understood = true;
      await this.runFrom(frame, script, script.settings.withdraw_step!);
      return true;
    }
    absorbTurn(frame, script, this.turn);
    await this.loadTicket(frame);
    if ('slot' in frame.awaiting) return this.answerSlot(frame, script, frame.awaiting.slot);
    const step = script.steps[frame.awaiting.step];
    const answer = { ...this.ctx(frame, script), intent: answerIntent(this.turn, this.registry, step, frame) };
    const transition = step?.on?.find((t) => holds(t.when, answer));
    if (transition) {
      this.understood = true;
      await this.applyTransition(frame, script, transition);
      return true;
    }
    if (this.wantsOtherScript(frame) || ++frame.reprompts > MAX_REPROMPTS) return this.intent === 'oos' ? this.drop(frame) : this.yieldTo(frame);
    this.say(step.reprompt ?? step.say, frame, script);
    this.attach(step.quick_replies);
    return true;
  }

  private async answerSlot(frame: Frame, script: Script, slot: string): Promise<boolean> {
    const spec = script.slots[slot];
    if (spec && fillSlot(frame, slot, spec, this.turn)) {
      this.understood = true;
      await this.runFrom(frame, script, frame.step);
      return true;
    }
    // Only the order number while the story is asked for ("订单号是 334455"): the frame keeps it, and
    // asks its question again, instead of yielding to the order lookup that number would start.
    if (this.givesOtherSlot(frame, script, slot)) {
      this.understood = true;
      this.say(spec.prompt, frame, script);
      return true;
    }
    if (this.isInterrupt(frame) && !this.aboutAskedSlot(script, slot)) return this.yieldTo(frame);
    const asked = frame.prompts[slot] ?? 0;
    const declines = this.intent === 'deny' || declinesSlot(spec, this.turn);
    if (declines || (spec.max_prompts > 0 && asked >= spec.max_prompts)) {
      // Moving on without the value is not a misunderstanding when the turn meant something ("对的",
      // "I don't have it"): only words the bot could not read at all count towards a handoff.
      this.understood = declines || this.intent !== 'oos';
      frame.skipped.push(slot);
      await this.runFrom(frame, script, frame.step);
    } else {
      frame.prompts[slot] = asked + 1;
      if (script.trigger.intents.includes(this.intent)) addToStory(frame, script, this.turn);
      this.say(spec.prompt, frame, script);
    }
    return true;
  }

  /** Starts the script for the turn's intent (or the out-of-scope script). */
  private async route(): Promise<void> {
    const target = this.registry.forIntent(this.intent) ?? this.registry.forIntent('oos');
    if (this.intent !== 'oos' && target?.script.trigger.intents.includes(this.intent)) this.understood = true;
    // The fallback's wording may depend on how often in a row this happened, this turn included.
    if (!this.understood && !this.wordless) this.state.counters.misunderstood = this.state.misunderstoodStreak + 1;
    if (!target) return this.builtinFallback();
    if (!target.script.trigger.interrupts || this.top()?.script === target.script.id) this.state.stack = [];
    const frame = newFrame(target.script.id, target.version, target.script.start);
    this.state.stack.push(frame);
    this.handler = frame;
    seedPeak(frame, this.turn);
    absorbTurn(frame, target.script, this.turn);
    if (this.left && this.left.script !== frame.script) {
      carryEntitySlots(this.left, frame, target.script);
      carryStory(this.left, frame, target.script);
      frame.category ??= this.left.category;
    }
    fillTextSlotsFromOpening(frame, target.script, this.turn);
    await this.runFrom(frame, target.script, target.script.start);
  }

  private async runFrom(frame: Frame, script: Script, stepName: string): Promise<StepResult> {
    let name = stepName;
    for (let i = 0; i < MAX_STEPS_PER_TURN; i++) {
      const step = script.steps[name];
      frame.step = name;
      frame.awaiting = undefined;
      if (this.askMissingSlot(frame, script, step.collect)) return 'waiting';
      const outcome = await this.runActions(frame, script, step.actions);
      if (typeof outcome === 'object') return this.startScript(frame, outcome.startScript);
      this.say(step.say, frame, script);
      this.attach(step.quick_replies);
      if (outcome === 'end') return this.endFrame(frame);
      if (step.wait) {
        frame.awaiting = { step: name };
        frame.reprompts = 0;
        return 'waiting';
      }
      const t = step.on?.find((x) => holds(x.when, this.ctx(frame, script)));
      const tOutcome = t ? await this.transitionEffects(frame, script, t) : 'continue';
      if (typeof tOutcome === 'object') return this.startScript(frame, tOutcome.startScript);
      if (tOutcome === 'end') return this.endFrame(frame);
      const next = t?.go ?? step.next;
      if (!next) return this.endFrame(frame);
      name = next;
    }
    throw new ConcordError('dialog_loop', `script ${script.id} ran ${MAX_STEPS_PER_TURN} steps without waiting for the customer`);
  }

  private askMissingSlot(frame: Frame, script: Script, collect: string[] | undefined): boolean {
    for (const slot of collect ?? []) {
      if (frame.slots[slot] || frame.skipped.includes(slot)) continue;
      const spec = script.slots[slot];
      const asked = frame.prompts[slot] ?? 0;
      if ((spec.max_prompts > 0 && asked >= spec.max_prompts) || (spec.skip_when && holds(spec.skip_when, this.ctx(frame, script)))) {
        frame.skipped.push(slot);
        continue;
      }
      // An order number given earlier in the conversation, on no ticket yet: taken, not asked again.
      if (spec.entity === 'order_number' && !asked && this.state.openOrder) {
        frame.slots[slot] = this.state.openOrder;
        continue;
      }
      frame.prompts[slot] = asked + 1;
      this.say(spec.prompt, frame, script);
      frame.awaiting = { slot };
      return true;
    }
    return false;
  }

  private async applyTransition(frame: Frame, script: Script, t: Transition): Promise<void> {
    const outcome = await this.transitionEffects(frame, script, t);
    if (typeof outcome === 'object' && outcome.onTop) await this.stackScript(frame, outcome.startScript);
    else if (typeof outcome === 'object') await this.startScript(frame, outcome.startScript);
    else if (outcome === 'end') this.endFrame(frame);
    else if (t.go) await this.runFrom(frame, script, t.go);
    // A transition that does not move (an answer to a question about the offer) keeps the step
    // waiting, with its buttons still on offer.
    else if (frame.awaiting && 'step' in frame.awaiting) this.attach(script.steps[frame.awaiting.step]?.quick_replies);
  }

  /** A transition's actions, then its `say` (as in a step: the text shows their effects, e.g. a deadline brought forward). */
  private async transitionEffects(frame: Frame, script: Script, t: Transition): Promise<ActionOutcome> {
    const outcome = await this.runActions(frame, script, t.actions);
    this.say(t.say, frame, script);
    return outcome;
  }

  private async runActions(frame: Frame, script: Script, actions: Script['steps'][string]['actions']): Promise<ActionOutcome> {
    let result: ActionOutcome = 'continue';
    for (const action of actions ?? []) {
      const outcome = await runAction(action, this.actionContext(frame, script));
      if (typeof outcome === 'object') return outcome;
      if (outcome === 'end') result = 'end';
    }
    return result;
  }

  private async startScript(frame: Frame, id: string): Promise<StepResult> {
    const target = this.loaded(id);
    const next = newFrame(target.script.id, target.version, target.script.start);
    carrySlots(frame, next, target.script);
    this.state.stack[this.state.stack.indexOf(frame)] = next;
    this.handler = next;
    return this.runFrom(next, target.script, target.script.start);
  }

  /**
   * Runs a script above the waiting `frame`, from this turn (a complaint about another order while
   * the first one's offer waits): it hears the turn as its opening, and `frame` asks its question
   * again when it ends.
   */
  private async stackScript(frame: Frame, id: string): Promise<void> {
    const target = this.loaded(id);
    const next = newFrame(target.script.id, target.version, target.script.start);
    this.state.stack.splice(this.state.stack.indexOf(frame) + 1, 0, next);
    this.handler = next;
    seedPeak(next, this.turn);
    absorbTurn(next, target.script, this.turn);
    fillTextSlotsFromOpening(next, target.script, this.turn);
    await this.runFrom(next, target.script, target.script.start);
  }

  private loaded(id: string): LoadedScript {
    const target = this.registry.get(id);
    if (!target) throw new ConcordError('script_missing', `start_script: script "${id}" is not loaded`);
    return target;
  }

  /** Says the waiting question of a frame again after an interrupting script finished. */
  private async resume(frame: Frame): Promise<void> {
    const loaded = scriptForFrame(this.registry, this.versions, frame);
    if (!loaded || !frame.awaiting) return;
    await this.loadTicket(frame);
    // This turn belongs to the other topic: the question is restated as it was first asked, with
    // its variants chosen without this turn's words ("退货政策" must not turn the offer into a refund).
    const restating = { restating: true };
    if ('slot' in frame.awaiting) return this.say(loaded.script.slots[frame.awaiting.slot]?.prompt, frame, loaded.script, restating);
    const step = loaded.script.steps[frame.awaiting.step];
    // The question scrolled away behind the other topic: restate it in full.
    this.say(step.say ?? step.reprompt, frame, loaded.script, restating);
    this.attach(step.quick_replies);
  }

  private endFrame(frame: Frame): StepResult {
    const i = this.state.stack.indexOf(frame);
    if (i >= 0) this.state.stack.splice(i, 1);
    this.endedFrame = true;
    return 'ended';
  }

  private drop(frame: Frame): false {
    this.endFrame(frame);
    this.endedFrame = false;
    return false;
  }

  /** "never mind", "算了，不投诉了" while the script is still hearing the customer out: it goes to its `withdraw_step`. */
  private withdrawsFrom(frame: Frame, script: Script): boolean {
    const method = script.steps[frame.step]?.method;
    return Boolean(script.settings.withdraw_step && !this.turn.value && HEARING.has(method) && withdraws(this.turn.text));
  }

  /** Leaves the frame waiting (interrupting intents) or abandons it (a new topic). */
  private yieldTo(frame: Frame): false {
    this.handler = undefined;
    if (!this.isInterrupt(frame)) {
      this.left = frame;
      this.state.stack = [];
    }
    return false;
  }

  private isInterrupt(frame: Frame): boolean {
    const target = this.registry.forIntent(this.intent);
    return Boolean(target?.script.trigger.interrupts && !target.script.trigger.idle_only && target.script.id !== frame.script);
  }

  /**
   * The turn is about the value the frame asked for: the script the intent would start collects
   * the same kind of entity ("订单号是多少我忘了" reads as order status while the complaint waits
   * for the order number). The waiting frame keeps the turn instead of yielding to that script.
   */
  private aboutAskedSlot(script: Script, slot: string): boolean {
    const entity = script.slots[slot]?.entity;
    const target = this.registry.forIntent(this.intent);
    return Boolean(entity && target && Object.values(target.script.slots).some((s) => s.entity === entity));
  }

  /** The typed turn is nothing but a value for another entity slot of the frame, which takes it when that slot is empty. */
  private givesOtherSlot(frame: Frame, script: Script, asked: string): boolean {
    for (const [name, spec] of Object.entries(script.slots)) {
      const value = name === asked ? undefined : bareAnswerOf(this.turn, spec);
      if (value === undefined) continue;
      if (!frame.slots[name]) {
        frame.slots[name] = value;
        frame.skipped = frame.skipped.filter((s) => s !== name);
      }
      return true;
    }
    return false;
  }

  private wantsOtherScript(frame: Frame): boolean {
    const target = this.registry.forIntent(this.intent);
    return Boolean(target && !target.script.trigger.idle_only && this.intent !== 'oos' && target.script.id !== frame.script);
  }

  private say(variants: SayVariant[] | undefined, frame: Frame, script: Script, how: { restating?: boolean } = {}): void {
    const ctx = { ...this.ctx(frame, script), ...how };
    const chosen = variants?.find((v) => holds(v.when, ctx));
    if (chosen) this.turn.reply(renderTemplate(chosen[this.turn.language], this.variables(frame, script)));
  }

  private attach(specs: QuickReplySpec[] | undefined): void {
    if (specs?.length) this.turn.attachQuickReplies(specs.map((q): QuickReply => ({ label: q[this.turn.language], value: q.value })));
  }

  /** The template variables of this turn, each computed only when a template uses it. */
  private variables(frame: Frame, script: Script): (name: string) => string | undefined {
    let ticketVars: Record<string, string> | undefined;
    return (name) => {
      if (name === 'summary') return quoted(summarize(frame.slots.description ?? frame.story ?? this.turn.text, 120));
      if (name === 'category') return categoryLabel(frame.category ?? this.turn.analysis.category, this.turn.language);
      if (name.startsWith('ticket.')) {
        if (!this.ticket) return undefined;
        ticketVars ??= ticketVariables(this.ticket, this.turn.language, this.turn.now);
        return ticketVars[name];
      }
      const slot = name.startsWith('slots.') ? name.slice('slots.'.length) : undefined;
      if (slot === undefined || !(Object.hasOwn(script.slots, slot) || Object.hasOwn(frame.slots, slot))) return undefined;
      return frame.slots[slot] ?? '';
    };
  }

  private async loadTicket(frame: Frame): Promise<void> {
    const ref = frame.slots.ticket_ref;
    if (ref && this.ticket?.ref !== ref) this.ticket = (await this.turn.findTicket(ref)) ?? undefined;
  }

  private builtinFallback(): void {
    this.turn.reply(this.turn.language === 'zh' ? '抱歉，我没太明白。您可以换个说法，或输入“转人工”联系人工客服。' : "Sorry, I didn't understand. Could you put it another way, or type \"agent\" to reach a person?");
  }

  private top(): Frame | undefined {
    return this.state.stack[this.state.stack.length - 1];
  }

  private ctx(frame: Frame, script: Script) {
    return { turn: this.turn, frame, state: this.state, intent: this.intent, script };
  }

  private actionContext(frame: Frame, script: Script): ActionContext {
    return { ...this.ctx(frame, script), setTicket: (t) => (this.ticket = t), onEscalate: () => (this.escalated = true) };
  }
}

/** The intent a turn counts as: a pressed quick reply's meaning, else the understood intent (`oos` when out of scope). */
export function effectiveIntent(turn: DialogTurn, registry: ScriptRegistry): string {
  const value = turn.value?.trim().toLowerCase();
  if (value && VALUE_INTENTS[value]) return VALUE_INTENTS[value];
  if (value && registry.forIntent(value)) return value;
  return turn.analysis.intent.outOfScope ? 'oos' : turn.analysis.intent.name;
}

/**
 * The intent a turn counts as in answer to a waiting step: thanks that assent ("ok thanks", "好的谢谢")
 * are a yes, and so is settling for what the step proposes ("那就这样吧", "I don't care, just fix
 * it") or, before anything is filed, asking for the complaint to be filed ("yes please open a
 * complaint"), except after the survey. At an offer (a `resolve` step), asking for more ("is that
 * all?", "能不能快点") is a no. A step that `asks: solved` ("has the problem been solved?") reads the
 * answer as solved or not (`solvedIntent`).
 */
export function answerIntent(turn: DialogTurn, registry: ScriptRegistry, step: Step | undefined, frame?: Frame): string {
  const intent = effectiveIntent(turn, registry);
  if (turn.value) return intent;
  if (step?.asks === 'solved') return solvedIntent(turn, intent, frame);
  if (step?.method === 'resolve' && wantsMore(turn.text)) return 'deny';
  if (intent === 'thanks' && assentsWithThanks(turn.text)) return 'affirm';
  // "File it" is a yes only while nothing is filed: at an offer, "我要投诉" is more complaint.
  if (step?.method !== 'follow_up' && (settlesForOffer(turn.text) || (!frame?.slots.ticket_ref && asksToFile(turn.text)))) return 'affirm';
  return intent;
}

/** The METHOD.md steps before a solution is proposed, where the customer may still drop the matter. */
const HEARING: ReadonlySet<string | undefined> = new Set(['listen', 'empathize', 'confirm']);
/** "has my refund arrived?", "退款到账了吗": asking, not saying it is solved. */
const QUESTION = /[?？]|吗\s*[。.]?\s*$/u;

/**
 * A typed answer to "has the problem been solved?" (a step that `asks: solved`) as yes (`affirm`)
 * or no (`deny`): "it's fixed now", "收到退款了，谢谢", "ok thanks" are a yes; "still waiting for the
 * replacement", "还是坏的", "I got the refund but not the voucher", "just fix it already" a no. A
 * complaint about another order than the ticket's ("order 777888 arrived broken too") keeps its
 * intent, so it starts a complaint of its own; so do questions ("where is my complaint?"), which
 * their scripts answer before the question is asked again.
 */
function solvedIntent(turn: DialogTurn, intent: string, frame: Frame | undefined): string {
  const order = turn.analysis.entities.find((e) => e.type === 'order_number')?.value;
  if (intent === 'complaint' && order && order !== frame?.slots.order_number) return intent;
  // A complaint fact or a negative word of the customer's own ("arrived broken"), not the model's reading alone.
  const unhappy = turn.analysis.emotion.cues.some((c) => c.kind !== 'model' && c.label !== undefined && NEGATIVE_EMOTIONS.has(c.label));
  const solved = saysSolved(turn.text);
  if (solved === true && !unhappy && !QUESTION.test(turn.text)) return 'affirm';
  if (solved === false || intent === 'complaint') return 'deny';
  if (intent === 'thanks' && !unhappy) return 'affirm';
  return intent;
}

export type { LoadedScript };
