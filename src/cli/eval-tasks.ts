/**
 * The three `concord eval` tasks. Each returns the JSON result of the contract in issue 3:
 * our model's scores and latencies, and the baselines measured on the same split.
 */
import { DEFAULT_DENSE, IntentClassifier, type IntentClassifierOptions } from '../understanding/intent-classifier';
import type { ThresholdSearch } from '../understanding/oos-threshold';
import { crossValidatedCalibrationInWorkers, trainMlpInWorker } from '../understanding/parallel-training';
import { createEmotionDetector } from '../understanding/emotion-model';
import { createSentimentDetector } from '../understanding/sentiment';
import { afinnSentiment, asEmotion, naturalSentiment, trainBayes, trainNlpJs, type Predictor } from './eval-baselines';
import type { LabelledRow } from './eval-csv';
import { percentile, score, timedPredictions, type Scores } from './eval-metrics';

/** The JSON object printed as the last stdout line with `--json`. */
export interface EvalResult extends Scores {
  task: 'intents' | 'emotion' | 'sentiment';
  n: number;
  trainMs: number;
  predictUsP50: number;
  predictUsP99: number;
  baselines: Record<string, { accuracy: number; macroF1: number }>;
  oosRecall?: number;
  inScopeAccuracy?: number;
}

/** Progress messages go here (stderr in the CLI). */
export type Progress = (message: string) => void;

const OOS = 'oos';
/**
 * With `oos` training rows, the out-of-scope threshold is chosen by 3-fold cross-validation on
 * the training file alone (`crossValidatedCalibration`, its folds in worker threads): the lowest threshold whose out-of-fold
 * oos recall reaches this. Without `oos` rows every test text gets its best intent.
 */
export const EVAL_TARGET_OOS_RECALL = 0.85;

/**
 * The model is the LR averaged with a one-hidden-layer network (`lr+mlp`). With `oos` training
 * rows their temperatures, the LR's weight and the threshold all come from one cross-validation
 * on the training file (docs/quality.md, "LR + SVM ensemble" for the method, "A hidden layer
 * beside the LR" for the network); without them the plain average (`EVAL_MLP_LR_WEIGHT`).
 */
export const EVAL_OOS_SEARCH: ThresholdSearch = {
  targetOosRecall: EVAL_TARGET_OOS_RECALL,
  temperatureScales: [1, 1.5, 2, 3, 4],
  lrWeights: [0, 0.25, 0.5, 0.75, 1],
};

async function runBaseline(name: string, predict: Predictor, test: readonly LabelledRow[], progress: Progress): Promise<{ accuracy: number; macroF1: number }> {
  const predicted: string[] = [];
  for (const r of test) predicted.push(await predict(r.text));
  const { accuracy, macroF1 } = score(test.map((r) => r.label), predicted);
  progress(`baseline ${name}: accuracy ${accuracy.toFixed(4)}, macro-F1 ${macroF1.toFixed(4)}`);
  return { accuracy, macroF1 };
}

function oosFigures(gold: readonly string[], predicted: readonly string[]): { oosRecall: number; inScopeAccuracy: number } {
  let oos = 0, oosHit = 0, ins = 0, insHit = 0;
  gold.forEach((g, i) => {
    if (g === OOS) [oos, oosHit] = [oos + 1, oosHit + (predicted[i] === OOS ? 1 : 0)];
    else [ins, insHit] = [ins + 1, insHit + (predicted[i] === g ? 1 : 0)];
  });
  const r = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : 0);
  return { oosRecall: r(oosHit, oos), inScopeAccuracy: r(insHit, ins) };
}

function summarise(task: EvalResult['task'], test: readonly LabelledRow[], predicted: string[], micros: number[], trainMs: number): EvalResult {
  const scores = score(test.map((r) => r.label), predicted);
  const p = (q: number) => Math.round(percentile(micros, q) * 10) / 10;
  return { task, n: test.length, ...scores, trainMs, predictUsP50: p(50), predictUsP99: p(99), baselines: {} };
}

/**
 * Without `oos` training rows, the LR's weight beside the network (`mlp.ts`, trained in a worker
 * thread beside the LR): the plain average, not tuned (Banking77 dev 0.9134 -> 0.9204;
 * docs/quality.md, "A hidden layer beside the LR"). With `oos` rows the cross-validation weighs them.
 */
export const EVAL_MLP_LR_WEIGHT = 0.5;

/**
 * Trains our intent model on `train` and scores it on `test` (label `oos` = out of scope): the LR
 * and the network over n-grams plus the word-vector embedding (`DEFAULT_DENSE`).
 */
export async function evalIntents(train: readonly LabelledRow[], test: readonly LabelledRow[], progress: Progress): Promise<EvalResult> {
  progress(`training on ${train.length} examples (${new Set(train.map((r) => r.label)).size} labels)...`);
  const t0 = Date.now();
  const hasOos = train.some((r) => r.label === OOS);
  const options: IntentClassifierOptions = { outOfScopeLabel: OOS, calibrationFolds: 0, fit: { dense: DEFAULT_DENSE } };
  // The cross-validation folds (with oos rows) and the network train in worker threads while
  // this thread trains the LR.
  const calibrating = hasOos ? crossValidatedCalibrationInWorkers(train, { ...options, algorithm: 'lr+mlp' }, EVAL_OOS_SEARCH, {
    onFolds: (where, errors) => {
      if (errors.length) progress(`cross-validation: ${errors.length} of ${where.length} folds trained on this thread (${errors[0]})`);
    },
  }) : undefined;
  const network = trainMlpInWorker(train, options, {
    onDone: (_, error) => error && progress(`network trained on this thread (${error})`),
  });
  const lr = IntentClassifier.train(train, { ...options, threshold: 0 });
  let clf = lr.withSecond(await network, EVAL_MLP_LR_WEIGHT);
  const calibration = await calibrating;
  if (calibration) {
    clf = clf.withDecision(calibration.threshold, calibration.lrWeight);
    clf.setTemperatures(calibration.temperatures);
  }
  const trainMs = Date.now() - t0;
  const chosen = calibration ? `oos threshold ${calibration.threshold}, LR weight ${calibration.lrWeight}, temperatures ${calibration.temperatures.map((t) => t.toFixed(3)).join('/')}` : 'no oos threshold';
  progress(`trained in ${trainMs} ms (${chosen}); predicting ${test.length} examples...`);
  const { outputs, micros } = timedPredictions(test.map((r) => r.text), (t) => clf.classify(t));
  const predicted = outputs.map((o) => (o.outOfScope ? OOS : o.name));
  const result = summarise('intents', test, predicted, micros, trainMs);
  Object.assign(result, oosFigures(test.map((r) => r.label), predicted));
  progress('training baselines (natural Bayes, nlp.js)...');
  result.baselines['natural-bayes'] = await runBaseline('natural-bayes', trainBayes(train), test, progress);
  result.baselines['nlpjs'] = await runBaseline('nlpjs', await trainNlpJs(train, OOS), test, progress);
  return result;
}

/** Loads a shipped detector (timing the load), predicts `test` with it and summarises as `task`. */
function scoreShipped(task: EvalResult['task'], load: () => (text: string) => { label: string }, test: readonly LabelledRow[], progress: Progress): EvalResult {
  const t0 = Date.now();
  const detect = load();
  const trainMs = Date.now() - t0;
  progress(`loaded the ${task} model in ${trainMs} ms; predicting ${test.length} examples...`);
  const { outputs, micros } = timedPredictions(test.map((r) => r.text), (t) => detect(t).label);
  return summarise(task, test, outputs, micros, trainMs);
}

/** Scores the shipped emotion detector (model + cue rules) on `test`; `modelsDir` replaces the shipped `models/`. */
export async function evalEmotion(test: readonly LabelledRow[], progress: Progress, modelsDir?: string): Promise<EvalResult> {
  const result = scoreShipped('emotion', () => createEmotionDetector({ modelsDir }), test, progress);
  result.baselines['sentiment-afinn-mapped'] = await runBaseline('sentiment-afinn-mapped', asEmotion(afinnSentiment), test, progress);
  result.baselines['natural-sentiment-mapped'] = await runBaseline('natural-sentiment-mapped', asEmotion(naturalSentiment), test, progress);
  return result;
}

/** Scores the shipped sentiment detector on `test` (labels negative, neutral, positive); `modelsDir` replaces the shipped `models/`. */
export async function evalSentiment(test: readonly LabelledRow[], progress: Progress, modelsDir?: string): Promise<EvalResult> {
  const result = scoreShipped('sentiment', () => createSentimentDetector(modelsDir), test, progress);
  result.baselines['sentiment-afinn'] = await runBaseline('sentiment-afinn', afinnSentiment, test, progress);
  result.baselines['natural-sentiment'] = await runBaseline('natural-sentiment', naturalSentiment, test, progress);
  return result;
}
