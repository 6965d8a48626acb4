/**
 * Evaluates a script's `when:` conditions against the turn and the frame. Emotion tests use the
 * strongest emotion seen in the frame so far, so the empathy of a reply matches the customer's
 * story rather than their last, calmer message ("12345").
 */
import type { Condition, Script } from './schema';
import { bareAnswerOf, correctionOf, declinesSlot } from './slots';
import { escapeRegExp } from '../regexp';
import type { DialogState, Frame } from './state';
import type { DialogTurn } from './turn';

export interface ConditionContext {
  turn: DialogTurn;
  frame: Frame;
  state: DialogState;
  /** The effective intent of the turn (quick reply values may stand for an intent). */
  intent: string;
  /** The frame's script (its slot specs); `correction` never holds without it. */
  script?: Script;
  /**
   * A waiting question is being asked again after another topic took this turn: the turn's own
   * words are not the frame's (`mentions` reads only the frame's text slots, `turn_mentions`
   * never holds).
   */
  restating?: boolean;
}

/** True when every test in the condition holds (an absent condition always holds). */
export function holds(c: Condition | undefined, ctx: ConditionContext): boolean {
  if (!c) return true;
  const { turn, frame, state } = ctx;
  const emotion = frame.peak ?? { label: turn.analysis.emotion.label, intensity: turn.analysis.emotion.intensity };
  const answer = turn.value ?? turn.text.trim().toLowerCase();
  const tests: [unknown, () => boolean][] = [
    [c.intent, () => list(c.intent).includes(ctx.intent)],
    [c.not_intent, () => !list(c.not_intent).includes(ctx.intent)],
    [c.value, () => list(c.value).includes(answer)],
    [c.emotion, () => list(c.emotion).includes(emotion.label)],
    [c.turn_emotion, () => list(c.turn_emotion).includes(turn.analysis.emotion.label)],
    [c.intensity_at_least, () => emotion.intensity >= (c.intensity_at_least ?? 0)],
    [c.intensity_below, () => emotion.intensity < (c.intensity_below ?? 1)],
    [c.turn_intensity_below, () => turn.analysis.emotion.intensity < (c.turn_intensity_below ?? 1)],
    [c.category, () => list(c.category).includes(frame.category ?? turn.analysis.category)],
    [c.slot_filled, () => list(c.slot_filled).every((s) => Boolean(frame.slots[s]))],
    [c.slot_missing, () => list(c.slot_missing).every((s) => !frame.slots[s])],
    [c.language, () => turn.language === c.language],
    [c.trajectory, () => turn.trajectory.direction === c.trajectory],
    [c.counter_at_least, () => Object.entries(c.counter_at_least ?? {}).every(([k, n]) => (state.counters[k] ?? 0) >= n)],
    [c.prompted_at_least, () => Object.entries(c.prompted_at_least ?? {}).every(([slot, n]) => (frame.prompts[slot] ?? 0) >= n)],
    [c.has_entity, () => list(c.has_entity).every((t) => turn.analysis.entities.some((e) => e.type === t))],
    // A frame above the bottom of the stack interrupted the waiting frame below it.
    [c.interrupting, () => state.stack.indexOf(frame) > 0 === c.interrupting],
    [c.mentions, () => mentions(list(c.mentions), [...(turn.value || ctx.restating ? [] : turnTexts(turn)), ...Object.entries(frame.slots).filter(([name]) => ctx.script?.slots[name]?.from === 'text').map(([, v]) => v)])],
    [c.turn_mentions, () => !turn.value && !ctx.restating && mentions(list(c.turn_mentions), turnTexts(turn))],
    [c.emotion_cue, () => turn.analysis.emotion.cues.some((cue) => list(c.emotion_cue).includes(cue.kind as never) && (cue.kind !== 'lexicon' || cue.label === turn.analysis.emotion.label))],
    [c.correction, () => correctionOf(turn, ctx.script?.slots[c.correction!], frame.slots[c.correction!]) !== undefined],
    [c.bare_answer, () => bareAnswerOf(turn, ctx.script?.slots[c.bare_answer!], frame.slots[c.bare_answer!]) !== undefined],
    [c.declines, () => declinesSlot(ctx.script?.slots[c.declines!], turn)],
    [c.not, () => !holds(c.not, ctx)],
  ];
  return tests.every(([present, test]) => present === undefined || test());
}

/** The turn's words as typed and, when misspelt words were corrected, as read ("retrun policy?"). */
function turnTexts(turn: DialogTurn): string[] {
  return turn.analysis.spelled ? [turn.text, turn.analysis.spelled] : [turn.text];
}

/** Compiled `mentions` word lists, by their joined source (scripts hold few distinct lists). */
const MENTIONS = new Map<string, RegExp>();

function mentions(words: string[], texts: string[]): boolean {
  const key = words.join('\u0000');
  let re = MENTIONS.get(key);
  if (!re) {
    // A Latin word matches at a word start and may take an ending ("refund" -> "refunded"); Chinese matches anywhere.
    re = new RegExp(words.map((w) => (/^[\p{Script=Latin}\d]/u.test(w) ? `(?<![\\p{L}\\p{N}])${escapeRegExp(w)}` : escapeRegExp(w))).join('|'), 'iu');
    if (MENTIONS.size >= 256) MENTIONS.clear();
    MENTIONS.set(key, re);
  }
  return texts.some((t) => re!.test(t));
}

function list<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
