/**
 * Validates one dialog script: YAML syntax, the schema, then the graph and references
 * (missing steps, unreachable steps, loops that never wait, unknown slots, intents and template
 * variables). Every problem is a `Diagnostic` with the line it concerns.
 */
import type { Diagnostic } from '../diagnostics';
import { parseYaml, type ParsedYaml } from './yaml-source';
import { script as scriptSchema, type Script, type Condition, type Action, type SayVariant } from './schema';
import { KNOWN_VARIABLES, templateVariables } from './templates';

/** Slots set by actions rather than declared by the script. */
const BUILTIN_SLOTS = new Set(['ticket_found', 'ticket_ref', 'survey_id', 'survey_score']);

export interface ValidateOptions {
  /** Intent names that exist (from intents/); `oos` is always known. Skip the check when absent. */
  knownIntents?: ReadonlySet<string>;
}

export interface ValidationResult {
  script?: Script;
  diagnostics: Diagnostic[];
}

/** Validates a script's source text; `script` is set only when there are no errors. */
export function validateScript(file: string, source: string, options: ValidateOptions = {}): ValidationResult {
  const parsed = parseYaml(file, source);
  if (parsed.diagnostics.length) return { diagnostics: parsed.diagnostics };
  const result = scriptSchema.safeParse(parsed.value ?? {});
  if (!result.success) {
    const diagnostics = result.error.issues.map((issue) => {
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const at = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
      return { file, line: parsed.lineOf(at as PropertyKey[]), message: `${issue.path.join('.') || '(file)'}: ${issue.message}`, severity: 'error' as const };
    });
    return { diagnostics };
  }
  const diagnostics = new GraphChecker(file, result.data, parsed, options).check();
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  return { script: hasErrors ? undefined : result.data, diagnostics };
}

class GraphChecker {
  private readonly out: Diagnostic[] = [];
  constructor(
    private readonly file: string,
    private readonly s: Script,
    private readonly parsed: ParsedYaml,
    private readonly options: ValidateOptions,
  ) {}

  check(): Diagnostic[] {
    const steps = this.s.steps;
    if (!steps[this.s.start]) this.error(['start'], `start: step "${this.s.start}" does not exist`);
    const returnStep = this.s.settings.return_step;
    if (returnStep) this.checkTarget(['settings', 'return_step'], returnStep);
    const withdrawStep = this.s.settings.withdraw_step;
    if (withdrawStep) this.checkTarget(['settings', 'withdraw_step'], withdrawStep);
    for (const intent of this.s.trigger.intents) this.checkIntent(['trigger', 'intents'], intent);
    for (const [name, slot] of Object.entries(this.s.slots)) {
      if (slot.from === 'entity' && !slot.entity) this.error(['slots', name], `slots.${name}: needs "entity" (or "from: text")`);
      slot.prompt.forEach((v, i) => this.checkSay(['slots', name, 'prompt', i], v));
      if (slot.skip_when) this.checkCondition(['slots', name, 'skip_when'], slot.skip_when);
    }
    for (const [name, step] of Object.entries(steps)) this.checkStep(name, step);
    this.checkReachable();
    this.checkLoops();
    return this.out;
  }

  private checkStep(name: string, step: Script['steps'][string]): void {
    const at = ['steps', name];
    step.collect?.forEach((slot, i) => this.checkSlot([...at, 'collect', i], slot));
    step.actions?.forEach((a, i) => this.checkAction([...at, 'actions', i], a, false));
    step.say?.forEach((v, i) => this.checkSay([...at, 'say', i], v));
    step.reprompt?.forEach((v, i) => this.checkSay([...at, 'reprompt', i], v));
    if (step.next) this.checkTarget([...at, 'next'], step.next);
    if (step.wait && !step.on?.length) this.error(at, `steps.${name}: waits for the customer but has no "on" transitions`);
    if (step.asks && !step.wait) this.error([...at, 'asks'], `steps.${name}: "asks" reads the answer to a question, but the step does not wait for one (wait: true)`);
    step.on?.forEach((t, i) => {
      const tAt = [...at, 'on', i];
      if (t.when) this.checkCondition([...tAt, 'when'], t.when);
      t.say?.forEach((v, j) => this.checkSay([...tAt, 'say', j], v));
      t.actions?.forEach((a, j) => this.checkAction([...tAt, 'actions', j], a, Boolean(step.wait)));
      if (t.go) this.checkTarget([...tAt, 'go'], t.go);
      if (t.go && t.actions?.some((a) => typeof a === 'object' && a.on_top)) this.error([...tAt, 'go'], '"go" never runs after start_script with on_top: this step waits until that script ends, then asks its question again');
    });
  }

  private checkSay(at: PropertyKey[], v: SayVariant): void {
    if (v.when) this.checkCondition([...at, 'when'], v.when);
    for (const lang of ['en', 'zh'] as const) {
      for (const name of templateVariables(v[lang])) {
        const slot = name.startsWith('slots.') ? name.slice(6) : undefined;
        if (slot !== undefined) this.checkSlot([...at, lang], slot);
        else if (!KNOWN_VARIABLES.has(name)) this.error([...at, lang], `unknown template variable {{${name}}} (known: slots.<name>, ${[...KNOWN_VARIABLES].join(', ')})`);
      }
    }
  }

  private checkCondition(at: PropertyKey[], c: Condition): void {
    for (const i of list(c.intent)) this.checkIntent([...at, 'intent'], i);
    for (const i of list(c.not_intent)) this.checkIntent([...at, 'not_intent'], i);
    for (const s of [...list(c.slot_filled), ...list(c.slot_missing)]) this.checkSlot(at, s);
    if (c.correction !== undefined) this.checkSlot([...at, 'correction'], c.correction);
    if (c.bare_answer !== undefined) this.checkSlot([...at, 'bare_answer'], c.bare_answer);
    if (c.declines !== undefined) this.checkSlot([...at, 'declines'], c.declines);
    for (const slot of Object.keys(c.prompted_at_least ?? {})) this.checkSlot([...at, 'prompted_at_least'], slot);
    if (c.not) this.checkCondition([...at, 'not'], c.not);
  }

  /** `answer`: the action runs in an answer to a waiting step (only there can a script run on top). */
  private checkAction(at: PropertyKey[], a: Action, answer: boolean): void {
    if (typeof a === 'string') {
      if (a === 'count' || a === 'clear_slots' || a === 'add_detail' || a === 'take_correction' || a === 'start_script') this.error(at, `action "${a}" needs parameters, e.g. { do: ${a}, ${a === 'count' ? 'name: x' : a === 'start_script' ? 'script: x' : 'slots: [x]'} }`);
      return;
    }
    if (a.do === 'count' && !a.name) this.error(at, 'action "count" needs "name"');
    if (a.do === 'clear_slots' || a.do === 'add_detail' || a.do === 'take_correction') (a.slots ?? []).forEach((s) => this.checkSlot([...at, 'slots'], s));
    if ((a.do === 'add_detail' || a.do === 'take_correction') && !a.slots?.length) this.error(at, `action "${a.do}" needs "slots"`);
    if (a.do === 'start_script' && !a.script) this.error(at, 'action "start_script" needs "script"');
    if (a.on_top !== undefined && a.do !== 'start_script') this.error([...at, 'on_top'], '"on_top" belongs to start_script');
    else if (a.on_top && !answer) this.error([...at, 'on_top'], 'start_script with on_top runs only in the "on" answers of a step that waits (wait: true): the script above needs a question to come back to');
  }

  private checkSlot(at: PropertyKey[], slot: string): void {
    if (!this.s.slots[slot] && !BUILTIN_SLOTS.has(slot)) this.error(at, `slot "${slot}" is not defined under "slots"`);
  }

  private checkIntent(at: PropertyKey[], intent: string): void {
    const known = this.options.knownIntents;
    if (known && intent !== 'oos' && !known.has(intent)) this.error(at, `intent "${intent}" is not defined in intents/`);
  }

  private checkTarget(at: PropertyKey[], target: string): void {
    if (!this.s.steps[target]) this.error(at, `step "${target}" does not exist (steps: ${Object.keys(this.s.steps).join(', ')})`);
  }

  private checkReachable(): void {
    const seen = new Set<string>();
    const queue = [this.s.start, ...[this.s.settings.return_step, this.s.settings.withdraw_step].filter((x): x is string => Boolean(x))];
    while (queue.length) {
      const name = queue.pop()!;
      if (seen.has(name) || !this.s.steps[name]) continue;
      seen.add(name);
      queue.push(...successors(this.s.steps[name]));
    }
    for (const name of Object.keys(this.s.steps)) {
      if (!seen.has(name)) this.error(['steps', name], `steps.${name}: unreachable from start step "${this.s.start}"`);
    }
  }

  /** A cycle made only of steps that never wait would loop forever without the customer. */
  private checkLoops(): void {
    const steps = this.s.steps;
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, trail: string[]): void => {
      if (state.get(name) === 'done' || !steps[name] || mayWait(steps[name])) return;
      if (state.get(name) === 'visiting') {
        const cycle = [...trail.slice(trail.indexOf(name)), name];
        this.error(['steps', name], `steps.${name}: loop with no step that waits for the customer: ${cycle.join(' -> ')}`);
        return;
      }
      state.set(name, 'visiting');
      for (const next of successors(steps[name])) visit(next, [...trail, name]);
      state.set(name, 'done');
    };
    for (const name of Object.keys(steps)) visit(name, []);
  }

  private error(at: PropertyKey[], message: string): void {
    const line = this.parsed.lineOf(at);
    if (!this.out.some((d) => d.line === line && d.message === message)) this.out.push({ file: this.file, line, message, severity: 'error' });
  }
}

function successors(step: Script['steps'][string]): string[] {
  return [...(step.next ? [step.next] : []), ...(step.on ?? []).flatMap((t) => (t.go ? [t.go] : []))];
}

/** Waiting steps, and steps that collect slots (they ask and wait when one is missing). */
function mayWait(step: Script['steps'][string]): boolean {
  return step.wait || Boolean(step.collect?.length);
}

function list<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
