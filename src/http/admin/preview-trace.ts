/**
 * Explains a preview turn: the dialog runtime runs as always; this wrapper keeps the state before
 * and after and says which transition or template variant the script's conditions picked, and
 * which emotion cues weighed most.
 */
import { holds } from '../../dialogs/conditions';
import { answerIntent, DialogRuntime, effectiveIntent } from '../../dialogs/runtime';
import type { ScriptRegistry } from '../../dialogs/registry';
import type { Condition, SayVariant } from '../../dialogs/schema';
import { readState, type DialogState, type Frame } from '../../dialogs/state';
import type { DialogTurn } from '../../dialogs/turn';

/** What the console shows under each preview reply. */
export interface PreviewTrace {
  script: string | null;
  step: string | null;
  intent: { name: string; confidence: number };
  emotion: { label: string; intensity: number; cues: string[] };
  why: string[];
}

/**
 * A `DialogRuntime` that records an explanation of its last turn. A message with several requests
 * runs the dialog once per request (`engine/requests.ts`): each run is explained, under the words
 * of its request.
 */
export class TracingRuntime extends DialogRuntime {
  private runs: { text: string; why: string[] }[] = [];

  constructor(private readonly registry: () => ScriptRegistry) {
    super(registry);
  }

  /** Forgets the previous turn's explanation (called before each preview turn). */
  reset(): void {
    this.runs = [];
  }

  /** What the dialog did in the turn and why; empty when it did not run. */
  get last(): string[] {
    if (this.runs.length <= 1) return this.runs[0]?.why ?? [];
    return this.runs.flatMap((run, i) => [`request ${i + 1} of ${this.runs.length}: "${run.text}"`, ...run.why]);
  }

  override async run(rawState: Record<string, unknown>, turn: DialogTurn): Promise<DialogState> {
    const before = readState(rawState);
    const after = await super.run(rawState, turn);
    this.runs.push({ text: turn.text, why: explain(this.registry(), before, after, turn) });
    return after;
  }
}

function explain(registry: ScriptRegistry, before: DialogState, after: DialogState, turn: DialogTurn): string[] {
  const why: string[] = [];
  const { intent, emotion } = turn.analysis;
  why.push(`intent "${intent.name}" with confidence ${intent.confidence.toFixed(2)}${intent.outOfScope ? ' (out of scope)' : ''}`);
  const prev = before.stack.at(-1);
  const next = after.stack.at(-1);
  const awaited = prev?.awaiting && 'step' in prev.awaiting ? prev.awaiting.step : null;
  const continued = prev && next && prev.script === next.script && after.stack.length >= before.stack.length;
  if (prev && awaited && continued) why.push(...transitionWhy(registry, prev, awaited, turn, before));
  else if (prev?.awaiting && 'slot' in prev.awaiting && continued) why.push(`answered slot "${prev.awaiting.slot}" of step "${prev.step}"`);
  else if (next && next.script !== prev?.script) why.push(`intent "${intent.name}" starts script "${next.script}"`);
  else if (!next && !(prev && awaited)) {
    // The script the turn started answered and ended within it (a policy answer).
    const started = registry.forIntent(effectiveIntent(turn, registry));
    if (started) why.push(`intent "${intent.name}" starts script "${started.script.id}", which ends in this turn`);
  }
  if (next) why.push(...variantWhy(registry, next, turn, after));
  if (!next) why.push('no script is running after this turn');
  // The strongest cue for the label decided (the model cue may have read another one).
  const supporting = emotion.cues.filter((c) => c.label === emotion.label);
  const cue = [...(supporting.length ? supporting : emotion.cues)].sort((a, b) => Math.abs(b.weight ?? 0) - Math.abs(a.weight ?? 0))[0];
  why.push(`emotion ${emotion.label} ${Math.round(emotion.intensity * 100)}%${cue ? ` (strongest cue: ${cue.kind} "${cue.text}")` : ''}`);
  return why;
}

function transitionWhy(registry: ScriptRegistry, frame: Frame, stepName: string, turn: DialogTurn, state: DialogState): string[] {
  const step = registry.get(frame.script)?.script.steps[stepName];
  const ctx = { turn, frame, state, intent: answerIntent(turn, registry, step, frame), script: registry.get(frame.script)?.script };
  const index = step?.on?.findIndex((t) => holds(t.when, ctx)) ?? -1;
  if (!step || index < 0) return [`step "${stepName}" waited; no transition matched, so the bot asked again`];
  const t = step.on![index];
  return [`step "${stepName}": transition ${index + 1} (when ${describeCondition(t.when)}) matched${t.go ? `, go to "${t.go}"` : ''}`];
}

function variantWhy(registry: ScriptRegistry, frame: Frame, turn: DialogTurn, state: DialogState): string[] {
  const step = registry.get(frame.script)?.script.steps[frame.step];
  const variants: SayVariant[] = step?.say ?? [];
  const ctx = { turn, frame, state, intent: effectiveIntent(turn, registry), script: registry.get(frame.script)?.script };
  const index = variants.findIndex((v) => holds(v.when, ctx));
  const where = `now at step "${frame.step}" of "${frame.script}"${frame.awaiting ? ', waiting for the customer' : ''}`;
  if (index < 0) return [where];
  return [where, `template ${index + 1} of "${frame.step}" (when ${describeCondition(variants[index].when)})`];
}

/** `{intent: affirm}` -> `intent = affirm`; no condition -> `always`. */
export function describeCondition(c: Condition | undefined): string {
  if (!c || !Object.keys(c).length) return 'always';
  return Object.entries(c).map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join('|') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ');
}
