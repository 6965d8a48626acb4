/**
 * Emotion detection that combines the shipped trained models (`models/emotion-en.json`,
 * GoEmotions; `models/emotion-zh.json`, SMP2020 Weibo) with the cue rules of `emotion.ts`.
 * The model reads general emotional language; the rules add what it cannot know (complaint
 * facts, sarcasm, threats, shouting) and explain the decision as cues.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { decide, detectEmotion, emotionEvidence, type EmotionEvidence, type FactKind } from './emotion';
import { NEGATED_PRAISE } from './emotion-lexicon';
import { detectLanguage } from './language';
import { TextModel } from './text-model';
import { EMOTION_LABELS, NEGATIVE_EMOTIONS, type EmotionLabel, type EmotionResult } from './types';

/** Default folder of the shipped model files. */
export const MODELS_DIR = join(__dirname, '../../models');

/**
 * Emotion of one turn; `careContext: true` when the caller knows the turn belongs to a
 * customer-care conversation (see `emotionEvidence`).
 */
export type EmotionDetector = (text: string, careContext?: boolean) => EmotionResult;

/** Options of `createEmotionDetector`. */
export interface EmotionDetectorOptions {
  modelsDir?: string;
  /** Weight of the rule scores against the model's log-probabilities. */
  ruleWeight?: number;
  /** A fact/cue score at least this high overrides a `neutral` model decision. */
  overrideAt?: number;
  /** Margin gates of the rule overrides (default: `DEFAULT_GATES` of the turn's language). */
  gates?: RuleGates;
}

/**
 * Model probability margin (best minus second best) from which each kind of rule override no
 * longer applies: complaint facts by kind (`lexicon`, `emoji`-only turns, `threat`, `sarcasm`)
 * over a neutral decision, and the `negation`/`sarcasm` override of any decision. A confident
 * model keeps its label; `Infinity` = the override always applies.
 */
export type RuleGates = Record<FactKind | 'negation', number>;

/** Every override always applies (the behaviour before gates). */
export const NO_GATES: RuleGates = { lexicon: Infinity, emoji: Infinity, threat: Infinity, sarcasm: Infinity, negation: Infinity };

/**
 * Gates chosen on the GoEmotions train slice (`bench/tune-emotion-gate.ts`, docs/quality.md),
 * never below the margins at which the golden customer-care conversations need an override.
 */
export const DEFAULT_GATES: Readonly<Record<'en' | 'zh', RuleGates>> = {
  en: NO_GATES,
  zh: { lexicon: 0.4, emoji: Infinity, threat: 0.1, sarcasm: Infinity, negation: 0.2 },
};

/** Rule weight tuned on the GoEmotions and SMP2020 train slices (see docs/quality.md). */
export const DEFAULT_RULE_WEIGHT = 0.5;
/** Rule score that overrides a neutral model decision (complaint facts, emoji, threats). */
export const DEFAULT_OVERRIDE_AT = 0.5;

function loadModel(dir: string, name: string): TextModel | undefined {
  const file = join(dir, `${name}.json`);
  return existsSync(file) ? TextModel.load(file) : undefined;
}

/** The emotion that complaint facts of the kinds whose gate is above `margin` point to, if strong enough. */
function factLabel(rules: EmotionEvidence, at: number, gates: RuleGates, margin: number): EmotionLabel | undefined {
  const facts = { anger: 0, anxiety: 0, sadness: 0, confusion: 0, satisfaction: 0, neutral: 0 };
  for (const [kind, scores] of Object.entries(rules.factsByKind) as [FactKind, Record<EmotionLabel, number>][]) {
    if (margin < gates[kind]) for (const l of EMOTION_LABELS) facts[l] += scores[l];
  }
  let best: EmotionLabel | undefined;
  for (const l of EMOTION_LABELS) if (facts[l] >= at && (!best || facts[l] > facts[best])) best = l;
  return best;
}

/** Best minus second-best model probability. */
function marginOf(p: (l: EmotionLabel) => number): number {
  let [first, second] = [0, 0];
  for (const l of EMOTION_LABELS) {
    const x = p(l);
    if (x > first) [first, second] = [x, first];
    else if (x > second) second = x;
  }
  return first - second;
}

/**
 * The label chosen from the model's probabilities `p` and the rule evidence (`rule` is
 * `decide(rules)`); exported so training can tune the model's offsets for this decision. The
 * rule scores always add to the model's log-probabilities; each kind of override applies only
 * while the model's margin is below its gate.
 */
export function combinedLabel(p: (l: EmotionLabel) => number, rules: EmotionEvidence, rule: EmotionResult, ruleWeight = DEFAULT_RULE_WEIGHT, overrideAt = DEFAULT_OVERRIDE_AT, gates: RuleGates = NO_GATES): EmotionLabel {
  let label: EmotionLabel = 'neutral';
  let best = -Infinity;
  for (const l of EMOTION_LABELS) {
    const s = Math.log(p(l) + 1e-4) + ruleWeight * (l === 'neutral' ? 0.35 : rules.scores[l]);
    if (s > best) [label, best] = [l, s];
  }
  const margin = marginOf(p);
  // Complaint facts ("还没到", "arrived broken") override a neutral decision, and a satisfied one
  // that no praise or thanks supports: the n-grams of a plain complaint can look content.
  if (label === 'neutral' || (label === 'satisfaction' && !(rules.scores.satisfaction > 0))) {
    const fact = factLabel(rules, overrideAt, gates, margin);
    // ...unless the turn's words say another feeling more strongly ("好担心包裹丢了": worry over loss).
    if (fact) label = rule.label !== 'neutral' && rules.scores[rule.label] > rules.scores[fact] ? rule.label : fact;
  }
  // N-grams read "unhappy" and "不满意" by their letters: an unpraised satisfied decision gives way.
  if (label === 'satisfaction' && !(rules.scores.satisfaction > 0) && NEGATIVE_EMOTIONS.has(rule.label) && rules.cues.some((c) => c.kind === 'lexicon' && NEGATED_PRAISE.test(c.text))) label = rule.label;
  // In a care conversation the customer's own words name the feeling: a model label that no word
  // of the turn supports ("this is terrible" read as fear, as Reddit mostly means it; "焦虑" read
  // as neutral) gives way to the label of the turn's emotion words. The margin gate applies when
  // care is only guessed from the text: the gates were chosen on posts, not on conversations.
  const named = rule.label !== 'neutral' && rules.cues.some((c) => c.kind === 'lexicon' && c.label === rule.label);
  const care = rules.careGiven || (rules.careContext && margin < gates.lexicon);
  if (care && named && label !== rule.label && !(rules.scores[label] > 0)) label = rule.label;
  // A bag of n-grams cannot read "not happy" or "great, just great": negation and sarcasm cues decide.
  const overrides = (c: EmotionEvidence['cues'][number]) =>
    (c.kind === 'sarcasm' && margin < gates.sarcasm) || (c.kind === 'negation' && c.label === 'anger' && margin < gates.negation);
  if (rule.label !== 'neutral' && rules.cues.some(overrides)) label = rule.label;
  // "no thanks" declines politely: the model's satisfaction comes from the word "thanks" alone.
  if (label === 'satisfaction' && rules.cues.some((c) => c.kind === 'negation' && c.label === 'neutral')) label = rule.label;
  // A turn that only declines ("不用了") is neutral unless the model is sure of something else.
  if (rules.decline && margin < gates.negation) label = 'neutral';
  // A bare "nope" or "好的" answers a question: a model trained on posts reads curtness into it.
  if (rules.bareAnswer && rules.cues.length === 0) label = 'neutral';
  return label;
}

/** Combines model probabilities and rule evidence for one text. */
function combine(text: string, careContext: boolean | undefined, model: TextModel, ruleWeight: number, overrideAt: number, gates: RuleGates): EmotionResult {
  const rules = emotionEvidence(text, careContext);
  // The decision reads the model's own scale; intensity, valence and the cue read calibrated probabilities.
  const { decide: probs, calibrated } = model.probabilityPair(text);
  const rule = decide(rules);
  const label = combinedLabel((l) => { const i = model.labels.indexOf(l); return i < 0 ? 0 : probs[i]; }, rules, rule, ruleWeight, overrideAt, gates);
  const p = (l: EmotionLabel) => { const i = model.labels.indexOf(l); return i < 0 ? 0 : calibrated[i]; };
  const modelIntensity = label === 'neutral' ? 0 : p(label);
  const intensity = label === 'neutral' ? Math.min(0.2, rule.intensity) : Math.min(1, Math.max(modelIntensity * 0.8 * rules.boost, rule.label === label ? rule.intensity : 0, 0.3));
  let negative = 0;
  for (const l of NEGATIVE_EMOTIONS) negative += p(l);
  const modelValence = p('satisfaction') - negative;
  const valence = Math.max(-1, Math.min(1, 0.5 * modelValence + 0.5 * rule.valence));
  // The model cue says what the model itself read, also when the rules decided otherwise.
  const read = model.labels.reduce((a, b) => (p(b as EmotionLabel) > p(a as EmotionLabel) ? b : a)) as EmotionLabel;
  const cues = [...rules.cues, { kind: 'model' as const, text: `${read} p=${p(read).toFixed(2)}`, label: read, weight: Math.round(p(read) * 100) / 100 }];
  return { label, intensity: Math.round(intensity * 1000) / 1000, valence: Math.round(valence * 1000) / 1000, cues };
}

/**
 * Returns an emotion detector for English and Chinese turns: the language picks the model,
 * the model's log-probabilities plus the weighted rule scores pick the label, and the cues list
 * every rule that fired plus one `model` cue. Without model files it falls back to the rules.
 */
export function createEmotionDetector(options: EmotionDetectorOptions = {}): EmotionDetector {
  const dir = options.modelsDir ?? MODELS_DIR;
  const en = loadModel(dir, 'emotion-en');
  const zh = loadModel(dir, 'emotion-zh');
  const ruleWeight = options.ruleWeight ?? DEFAULT_RULE_WEIGHT;
  const overrideAt = options.overrideAt ?? DEFAULT_OVERRIDE_AT;
  return (text, careContext) => {
    const language = detectLanguage(text) === 'zh' ? 'zh' : 'en';
    const model = language === 'zh' ? zh : en;
    return model ? combine(text, careContext, model, ruleWeight, overrideAt, options.gates ?? DEFAULT_GATES[language]) : detectEmotion(text, careContext);
  };
}
