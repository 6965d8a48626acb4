/**
 * The intent classifier: a multinomial logistic regression over word 1-2-grams and character
 * n-grams (inside Latin words, and over runs of Chinese characters), trained at start-up from
 * the intent files (SGD, weights averaged over the last 5 epochs). Confidence is calibrated
 * with a temperature fitted on cross-validation folds, and a turn is out of scope when the best
 * calibrated probability is below a threshold or the reserved `oos` class wins. Optionally
 * (`algorithm: 'lr+svm'`) a one-vs-rest SVM is trained on the same features and the confidence
 * is the weighted average of both models' calibrated probabilities.
 */
import type { IntentResult } from './types';
import { LinearModel, fitTemperature, type LinearModelState, type TrainOptions } from './linear-model';
import { MlpModel, type MlpOptions, type MlpState } from './mlp';
import { seededRandom, shuffled } from './rng';
import { trainSvm, type SvmOptions } from './svm';
import { Vectorizer, type DenseOptions, type FitOptions, type SparseVector, type VectorizerState } from './vectorizer';

/** A labelled training text. */
export interface LabelledText {
  text: string;
  label: string;
}

/** Options of the classifier. */
export interface IntentClassifierOptions {
  /** Vectorizer options; `dense: DEFAULT_DENSE` adds the word-vector features (off by default). */
  fit?: FitOptions;
  train?: TrainOptions;
  /**
   * `lr`: logistic regression (SGD); `svm`: one-vs-rest squared-hinge SVM (dual coordinate
   * descent); `lr+svm`: both on the same features, probabilities averaged with `lrWeight` on the
   * LR (each model has its own temperature; see docs/quality.md for when this pays); `lr+mlp`:
   * the LR and a one-hidden-layer network (`mlp.ts`), probabilities averaged the same way.
   */
  algorithm?: 'lr' | 'svm' | 'lr+svm' | 'lr+mlp';
  svm?: SvmOptions;
  mlp?: MlpOptions;
  /**
   * Which features the SVM of `svm` / `lr+svm` sees: `all` (default) or `ngrams`, which leaves the
   * dense word-vector block of `fit.dense` to the LR (dual coordinate descent over a dense block
   * is slow to converge; docs/quality.md, "Word vectors").
   */
  svmFeatures?: 'all' | 'ngrams';
  /** Weight of the LR's probabilities in `lr+svm` / `lr+mlp` (the other model gets the rest); default 0.5. */
  lrWeight?: number;
  /** Below this calibrated confidence a turn is out of scope. */
  threshold?: number;
  /** Folds used to fit the temperature (0 or 1 = keep temperature 1). */
  calibrationFolds?: number;
  /** Label of out-of-scope training examples (never returned as an intent). */
  outOfScopeLabel?: string;
}

/** A trained classifier as plain data (to move it between threads). */
export interface IntentClassifierState {
  vectorizer: VectorizerState;
  model: LinearModelState;
  /** The SVM of an `lr+svm` classifier (or the network of `lr+mlp`) and the LR's weight. */
  second?: { model: LinearModelState | MlpState; lrWeight: number };
  threshold: number;
  outOfScopeLabel: string;
}

const DEFAULTS = { threshold: 0.35, calibrationFolds: 3, outOfScopeLabel: 'oos', lrWeight: 0.5 };

/**
 * The IDF-weighted mean of the shipped word vectors, appended at norm 1 to the n-gram features
 * (docs/quality.md, "Word vectors": chosen on CLINC150, Banking77 and the bot's own intents).
 * `concord eval` uses it (with `svmFeatures: 'ngrams'` in `lr+svm`: +1.8 points in scope on
 * CLINC150). Not a default of this class, and the bot does not use it yet: it changes two golden
 * conversations and costs about 17 MB of resident memory per thread that loads the vectors.
 */
export const DEFAULT_DENSE: DenseOptions = { scale: 1 };

/**
 * One or two models over the same features, with the weight of each one's probabilities: the
 * first is always linear (LR, or the SVM of `svm`), the second the SVM or the network.
 */
interface Members {
  models: (LinearModel | MlpModel)[];
  weights: number[];
}

/** A trained intent classifier; build it with `IntentClassifier.train`. */
export class IntentClassifier {
  private constructor(
    private readonly vectorizer: Vectorizer,
    private readonly members: Members,
    readonly threshold: number,
    readonly outOfScopeLabel: string,
  ) {}

  /** Trains on `examples` (deterministic for the same data and seed). */
  static train(examples: readonly LabelledText[], options: IntentClassifierOptions = {}): IntentClassifier {
    const opts = { ...DEFAULTS, ...options };
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const fitted = fitModels(examples, labels, opts);
    if (opts.calibrationFolds > 1 && examples.length >= opts.calibrationFolds * labels.length) {
      const temperatures = crossValidatedTemperatures(examples, labels, opts);
      fitted.members.models.forEach((m, i) => (m.temperature = temperatures[i]));
    }
    return new IntentClassifier(fitted.vectorizer, fitted.members, opts.threshold, opts.outOfScopeLabel);
  }

  /** The trained classifier as plain data; `fromState` rebuilds it. */
  toState(): IntentClassifierState {
    const [first, second] = this.members.models;
    return {
      vectorizer: this.vectorizer.state,
      model: (first as LinearModel).toState(),
      ...(second ? { second: { model: second.toState(), lrWeight: this.members.weights[0] } } : {}),
      threshold: this.threshold,
      outOfScopeLabel: this.outOfScopeLabel,
    };
  }

  /** Rebuilds a classifier from `toState` data. */
  static fromState(state: IntentClassifierState): IntentClassifier {
    const models: Members['models'] = [LinearModel.fromState(state.model)];
    const second = state.second?.model;
    if (second) models.push('kind' in second && second.kind === 'mlp' ? MlpModel.fromState(second) : LinearModel.fromState(second as LinearModelState));
    const weights = state.second ? [state.second.lrWeight, 1 - state.second.lrWeight] : [1];
    return new IntentClassifier(new Vectorizer(state.vectorizer), { models, weights }, state.threshold, state.outOfScopeLabel);
  }

  /**
   * The same trained models with another out-of-scope threshold and, for `lr+svm`, another LR
   * weight: what a cross-validation chose, applied to a classifier trained before it finished.
   */
  withDecision(threshold: number, lrWeight?: number): IntentClassifier {
    const { models, weights } = this.members;
    const mixed = models.length > 1 && lrWeight !== undefined ? [lrWeight, 1 - lrWeight] : weights;
    return new IntentClassifier(this.vectorizer, { models, weights: mixed }, threshold, this.outOfScopeLabel);
  }

  /**
   * This classifier's first model with `second` (trained elsewhere on the same vectors, e.g. in a
   * worker thread) averaged in at `lrWeight` on the first.
   */
  withSecond(second: LinearModel | MlpModel, lrWeight = DEFAULTS.lrWeight): IntentClassifier {
    const [first] = this.members.models;
    if (second.dim !== this.vectorizer.size || second.labels.join('\n') !== first.labels.join('\n')) throw new Error('the second model was trained on other features or labels');
    return new IntentClassifier(this.vectorizer, { models: [first, second], weights: [lrWeight, 1 - lrWeight] }, this.threshold, this.outOfScopeLabel);
  }

  /** Sets the softmax temperature of the calibrated probabilities (of the first model). */
  setTemperature(t: number): void {
    this.members.models[0].temperature = t;
  }

  /** Sets the temperature of each model, in `rawScores` order (LR first in `lr+svm`). */
  setTemperatures(ts: readonly number[]): void {
    this.members.models.forEach((m, i) => (m.temperature = ts[i] ?? m.temperature));
  }

  /** Raw (uncalibrated) class scores of `text`, in `labels()` order (of the first model). */
  scores(text: string): Float64Array {
    return this.members.models[0].scores(this.vectorizer.transform(text));
  }

  /** Raw class scores of every model (LR, then SVM in `lr+svm`). */
  rawScores(text: string): Float64Array[] {
    const x = this.vectorizer.transform(text);
    return this.members.models.map((m) => m.scores(x));
  }

  /** Labels the model knows (including the out-of-scope label if it was trained with one). */
  labels(): string[] {
    return this.members.models[0].labels.slice();
  }

  /** Calibrated probabilities of every label, best first. */
  rank(text: string): { name: string; confidence: number }[] {
    return this.top(text, this.members.models[0].labels.length);
  }

  /** The `n` most probable labels, best first (cheaper than a full ranking). */
  top(text: string, n: number): { name: string; confidence: number }[] {
    const p = this.probabilities(text);
    const best: number[] = [];
    for (let c = 0; c < p.length; c++) {
      let at = best.length;
      while (at > 0 && p[best[at - 1]] < p[c]) at--;
      if (at < n) {
        best.splice(at, 0, c);
        if (best.length > n) best.pop();
      }
    }
    const labels = this.members.models[0].labels;
    return best.map((c) => ({ name: labels[c], confidence: p[c] }));
  }

  /** Classifies `text`: best intent, or `oos` when unsure or when the out-of-scope class wins. */
  classify(text: string): IntentResult {
    const ranking = this.top(text, 5);
    const top = ranking[0];
    const outOfScope = top.name === this.outOfScopeLabel || top.confidence < this.threshold;
    const name = outOfScope ? 'oos' : top.name;
    const confidence = top.name === this.outOfScopeLabel ? top.confidence : outOfScope ? 1 - top.confidence : top.confidence;
    return { name, confidence: round3(confidence), outOfScope, ranking: ranking.map((r) => ({ name: r.name, confidence: round3(r.confidence) })) };
  }

  private probabilities(text: string): number[] {
    const x = this.vectorizer.transform(text);
    const { models, weights } = this.members;
    if (models.length === 1) return models[0].probabilities(x);
    return mixProbabilities(models.map((m) => m.probabilities(x)), weights);
  }
}

/** The weighted average of several probability vectors. */
export function mixProbabilities(ps: readonly ArrayLike<number>[], weights: readonly number[]): number[] {
  const out = new Array<number>(ps[0].length).fill(0);
  ps.forEach((p, i) => {
    for (let c = 0; c < out.length; c++) out[c] += weights[i] * p[c];
  });
  return out;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function fitModels(examples: readonly LabelledText[], labels: string[], opts: IntentClassifierOptions): { vectorizer: Vectorizer; members: Members } {
  const vectorizer = Vectorizer.fit(examples.map((e) => e.text), opts.fit);
  const xs = examples.map((e) => vectorizer.transform(e.text));
  const ys = examples.map((e) => labels.indexOf(e.label));
  const lr = () => LinearModel.train(xs, ys, labels, vectorizer.size, { epochs: 15, learningRate: 1, l2: 1e-5, averageEpochs: 5, ...opts.train });
  const ngrams = vectorizer.state.vocab.length;
  const svmXs = opts.svmFeatures === 'ngrams' && vectorizer.size > ngrams ? xs.map((x) => withoutDense(x, ngrams)) : xs;
  const svm = () => trainSvm(svmXs, ys, labels, vectorizer.size, opts.svm);
  const w = opts.lrWeight ?? DEFAULTS.lrWeight;
  if (opts.algorithm === 'svm') return { vectorizer, members: { models: [svm()], weights: [1] } };
  if (opts.algorithm === 'lr+mlp') return { vectorizer, members: { models: [lr(), MlpModel.train(xs, ys, labels, vectorizer.size, opts.mlp)], weights: [w, 1 - w] } };
  if (opts.algorithm !== 'lr+svm') return { vectorizer, members: { models: [lr()], weights: [1] } };
  return { vectorizer, members: { models: [lr(), svm()], weights: [w, 1 - w] } };
}

/** `x` without its dense block (the features from index `ngrams` on, which the vectorizer appends last). */
function withoutDense(x: SparseVector, ngrams: number): SparseVector {
  const end = x.idx.findIndex((i) => i >= ngrams);
  return end < 0 ? x : { idx: x.idx.slice(0, end), val: x.val.slice(0, end) };
}

/** Fits each model's softmax temperature on out-of-fold scores (stratified by the seeded order). */
function crossValidatedTemperatures(examples: readonly LabelledText[], labels: string[], opts: Required<Pick<IntentClassifierOptions, 'calibrationFolds'>> & IntentClassifierOptions): number[] {
  const folds = opts.calibrationFolds;
  const order = shuffled(examples.map((_, i) => i), seededRandom(opts.train?.seed ?? 7));
  const scores: Float64Array[][] = [];
  const ys: number[] = [];
  for (let f = 0; f < folds; f++) {
    const test = order.filter((_, i) => i % folds === f);
    const train = order.filter((_, i) => i % folds !== f).map((i) => examples[i]);
    const { vectorizer, members } = fitModels(train, labels, opts);
    members.models.forEach((_, m) => (scores[m] ??= []));
    for (const i of test) {
      const x = vectorizer.transform(examples[i].text);
      members.models.forEach((model, m) => scores[m].push(model.scores(x)));
      ys.push(labels.indexOf(examples[i].label));
    }
  }
  return scores.map((s) => fitTemperature(s, ys));
}
