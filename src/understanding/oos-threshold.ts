/**
 * Chooses the out-of-scope threshold of an intent classifier by cross-validation on its own
 * training data (in-scope rows plus `oos` rows), so no dev or test data is used for tuning.
 */
import { IntentClassifier, mixProbabilities, type IntentClassifierOptions, type LabelledText } from './intent-classifier';
import { fitTemperature, softmax } from './linear-model';
import { seededRandom, shuffled } from './rng';

/** Out-of-fold decision inputs of one training row. */
interface FoldOutcome {
  gold: string;
  best: string;
  confidence: number;
}

/** Options of `crossValidatedThreshold`. */
export interface ThresholdSearch {
  folds?: number;
  /** The lowest threshold whose out-of-fold oos recall reaches this is chosen. */
  targetOosRecall?: number;
  seed?: number;
  /**
   * `lr+svm` only: candidate LR weights, compared as described at `crossValidatedCalibration`
   * (default: only `options.lrWeight`, or 0.5).
   */
  lrWeights?: readonly number[];
  /** `lr+svm` only: candidate factors on the fitted temperatures (default: only 1). */
  temperatureScales?: readonly number[];
}

/** What `crossValidatedCalibration` chose on the training data. */
export interface OosCalibration {
  threshold: number;
  /** Per model (LR, then SVM): 1 for a single model, fitted on out-of-fold scores for `lr+svm`. */
  temperatures: number[];
  lrWeight: number;
  /** Out-of-fold in-scope accuracy and oos recall at `threshold`. */
  outOfFold: { inScope: number; oosRecall: number };
}

export interface OutOfFoldScores {
  labels: string[];
  gold: string[];
  /** `scores[model][row]`: raw class scores. */
  scores: Float64Array[][];
}

/** One fold of the cross-validation: the rows it trains on, and the rows (indices) it scores. */
export interface Fold {
  train: LabelledText[];
  test: number[];
}

/** The seeded k-fold split of `crossValidatedCalibration`. */
export function foldsOf(examples: readonly LabelledText[], folds: number, seed: number): Fold[] {
  const order = shuffled(examples.map((_, i) => i), seededRandom(seed));
  return Array.from({ length: folds }, (_, f) => ({
    train: order.filter((_, i) => i % folds !== f).map((i) => examples[i]),
    test: order.filter((_, j) => j % folds === f),
  }));
}

/** Trains one fold's classifier (no calibration, threshold 0) and returns each model's raw scores of its test texts. */
export function scoreFold(train: readonly LabelledText[], testTexts: readonly string[], options: IntentClassifierOptions): { labels: string[]; scores: Float64Array[][] } {
  const clf = IntentClassifier.train(train, { ...options, calibrationFolds: 0, threshold: 0 });
  const scores: Float64Array[][] = [];
  for (const text of testTexts) clf.rawScores(text).forEach((s, m) => (scores[m] ??= []).push(s));
  return { labels: clf.labels(), scores };
}

/** Puts per-fold results together in fold order, as the sequential loop would. */
export function joinFolds(examples: readonly LabelledText[], folds: readonly Fold[], results: readonly { labels: string[]; scores: Float64Array[][] }[]): OutOfFoldScores {
  const out: OutOfFoldScores = { labels: [], gold: [], scores: [] };
  folds.forEach((fold, f) => {
    out.labels = results[f].labels;
    results[f].scores.forEach((rows, m) => (out.scores[m] ??= []).push(...rows));
    for (const i of fold.test) out.gold.push(examples[i].label);
  });
  return out;
}

/** Raw out-of-fold scores of every model of the classifier, with the gold labels. */
function outOfFoldScores(examples: readonly LabelledText[], options: IntentClassifierOptions, folds: number, seed: number): OutOfFoldScores {
  const split = foldsOf(examples, folds, seed);
  return joinFolds(examples, split, split.map((fold) => scoreFold(fold.train, fold.test.map((i) => examples[i].text), options)));
}

function outcomesAt(oof: OutOfFoldScores, temperatures: readonly number[], weights: readonly number[]): FoldOutcome[] {
  return oof.gold.map((gold, i) => {
    const p = mixProbabilities(oof.scores.map((s, m) => softmax(s[i], temperatures[m])), weights);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
    return { gold, best: oof.labels[best], confidence: p[best] };
  });
}

/** In-scope accuracy and oos recall of `outcomes` at threshold `t`. */
export function oosTradeOff(outcomes: readonly FoldOutcome[], t: number, oosLabel = 'oos'): { inScope: number; oosRecall: number } {
  let ins = 0, insHit = 0, oos = 0, oosHit = 0;
  for (const o of outcomes) {
    const predicted = o.best === oosLabel || o.confidence < t ? oosLabel : o.best;
    if (o.gold === oosLabel) [oos, oosHit] = [oos + 1, oosHit + (predicted === oosLabel ? 1 : 0)];
    else [ins, insHit] = [ins + 1, insHit + (predicted === o.gold ? 1 : 0)];
  }
  return { inScope: ins ? insHit / ins : 0, oosRecall: oos ? oosHit / oos : 0 };
}

/**
 * The lowest threshold (step 0.01) at which the out-of-fold oos recall reaches the target;
 * if none does, the threshold maximising in-scope accuracy plus oos recall.
 */
function chooseThreshold(outcomes: readonly FoldOutcome[], target: number, oosLabel: string): number {
  let fallback = 0;
  let bestSum = -1;
  for (let step = 0; step <= 90; step++) {
    const t = step / 100;
    const { inScope, oosRecall } = oosTradeOff(outcomes, t, oosLabel);
    if (oosRecall >= target) return t;
    if (inScope + oosRecall > bestSum) [fallback, bestSum] = [t, inScope + oosRecall];
  }
  return fallback;
}

/** Mean out-of-fold in-scope accuracy at the thresholds reaching oos recall target - 0.05, target, target + 0.05. */
function bandScore(outcomes: readonly FoldOutcome[], target: number, oosLabel: string): number {
  const recalls = [target - 0.05, target, target + 0.05];
  return recalls.reduce((sum, r) => sum + oosTradeOff(outcomes, chooseThreshold(outcomes, r, oosLabel), oosLabel).inScope, 0) / recalls.length;
}

/**
 * Chooses the out-of-scope threshold (and, for `lr+svm`, each model's temperature and the LR
 * weight) from one k-fold cross-validation over the training rows. A single model keeps
 * temperature 1, as `crossValidatedThreshold` always did. For `lr+svm` each temperature is
 * first fitted to the out-of-fold scores (log-likelihood), then the candidates of
 * `temperatureScales` x `lrWeights` are compared by their mean out-of-fold in-scope accuracy at
 * oos recall target - 0.05, target and target + 0.05; the best one gets its threshold.
 */
export function crossValidatedCalibration(examples: readonly LabelledText[], options: IntentClassifierOptions = {}, search: ThresholdSearch = {}): OosCalibration {
  return calibrationFrom(outOfFoldScores(examples, options, search.folds ?? 3, search.seed ?? 11), options, search);
}

/** The choice of `crossValidatedCalibration` from out-of-fold scores computed elsewhere (e.g. in worker threads). */
export function calibrationFrom(oof: OutOfFoldScores, options: IntentClassifierOptions = {}, search: ThresholdSearch = {}): OosCalibration {
  const oosLabel = options.outOfScopeLabel ?? 'oos';
  const target = search.targetOosRecall ?? 0.85;
  const ys = oof.gold.map((g) => oof.labels.indexOf(g));
  if (oof.scores.length === 1) {
    const outcomes = outcomesAt(oof, [1], [1]);
    const threshold = chooseThreshold(outcomes, target, oosLabel);
    return { threshold, temperatures: [1], lrWeight: 1, outOfFold: oosTradeOff(outcomes, threshold, oosLabel) };
  }
  const fitted = oof.scores.map((s) => fitTemperature(s, ys));
  const weights = search.lrWeights ?? [options.lrWeight ?? 0.5];
  const scales = search.temperatureScales ?? [1];
  let best: { score: number; temperatures: number[]; lrWeight: number; outcomes: FoldOutcome[] } | undefined;
  for (const scale of scales) {
    for (const lrWeight of weights) {
      const temperatures = fitted.map((t) => t * scale);
      const outcomes = outcomesAt(oof, temperatures, [lrWeight, 1 - lrWeight]);
      const score = weights.length * scales.length > 1 ? bandScore(outcomes, target, oosLabel) : 0;
      if (!best || score > best.score) best = { score, temperatures, lrWeight, outcomes };
    }
  }
  const { temperatures, lrWeight, outcomes } = best!;
  const threshold = chooseThreshold(outcomes, target, oosLabel);
  return { threshold, temperatures, lrWeight, outOfFold: oosTradeOff(outcomes, threshold, oosLabel) };
}

/** The threshold of `crossValidatedCalibration` alone. */
export function crossValidatedThreshold(examples: readonly LabelledText[], options: IntentClassifierOptions = {}, search: ThresholdSearch = {}): number {
  return crossValidatedCalibration(examples, options, search).threshold;
}
