/**
 * Chooses the out-of-scope threshold of an intent classifier by cross-validation on its own
 * training data (in-scope rows plus `oos` rows), so no dev or test data is used for tuning.
 */
import { IntentClassifier, type IntentClassifierOptions, type LabelledText } from './intent-classifier';
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
}

function outOfFold(examples: readonly LabelledText[], options: IntentClassifierOptions, folds: number, seed: number): FoldOutcome[] {
  const order = shuffled(examples.map((_, i) => i), seededRandom(seed));
  const out: FoldOutcome[] = [];
  for (let f = 0; f < folds; f++) {
    const train = order.filter((_, i) => i % folds !== f).map((i) => examples[i]);
    const clf = IntentClassifier.train(train, { ...options, calibrationFolds: 0, threshold: 0 });
    for (const i of order.filter((_, j) => j % folds === f)) {
      const top = clf.top(examples[i].text, 1)[0];
      out.push({ gold: examples[i].label, best: top.name, confidence: top.confidence });
    }
  }
  return out;
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
export function crossValidatedThreshold(examples: readonly LabelledText[], options: IntentClassifierOptions = {}, search: ThresholdSearch = {}): number {
  const outcomes = outOfFold(examples, options, search.folds ?? 3, search.seed ?? 11);
  const oosLabel = options.outOfScopeLabel ?? 'oos';
  let fallback = 0;
  let bestSum = -1;
  for (let step = 0; step <= 90; step++) {
    const t = step / 100;
    const { inScope, oosRecall } = oosTradeOff(outcomes, t, oosLabel);
    if (oosRecall >= (search.targetOosRecall ?? 0.85)) return t;
    if (inScope + oosRecall > bestSum) [fallback, bestSum] = [t, inScope + oosRecall];
  }
  return fallback;
}
