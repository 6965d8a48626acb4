/**
 * The intent classifier: a multinomial logistic regression over word 1-2-grams and character
 * n-grams (inside Latin words, and over runs of Chinese characters), trained at start-up from
 * the intent files (SGD, weights averaged over the last 5 epochs). Confidence is calibrated
 * with a temperature fitted on cross-validation folds, and a turn is out of scope when the best
 * calibrated probability is below a threshold or the reserved `oos` class wins.
 */
import type { IntentResult } from './types';
import { LinearModel, fitTemperature, type LinearModelState, type TrainOptions } from './linear-model';
import { seededRandom, shuffled } from './rng';
import { trainSvm, type SvmOptions } from './svm';
import { Vectorizer, type FitOptions, type VectorizerState } from './vectorizer';

/** A labelled training text. */
export interface LabelledText {
  text: string;
  label: string;
}

/** Options of the classifier. */
export interface IntentClassifierOptions {
  fit?: FitOptions;
  train?: TrainOptions;
  /** `lr`: logistic regression (SGD); `svm`: one-vs-rest squared-hinge SVM (dual coordinate descent). */
  algorithm?: 'lr' | 'svm';
  svm?: SvmOptions;
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
  threshold: number;
  outOfScopeLabel: string;
}

const DEFAULTS = { threshold: 0.35, calibrationFolds: 3, outOfScopeLabel: 'oos' };

/** A trained intent classifier; build it with `IntentClassifier.train`. */
export class IntentClassifier {
  private constructor(
    private readonly vectorizer: Vectorizer,
    private readonly model: LinearModel,
    readonly threshold: number,
    readonly outOfScopeLabel: string,
  ) {}

  /** Trains on `examples` (deterministic for the same data and seed). */
  static train(examples: readonly LabelledText[], options: IntentClassifierOptions = {}): IntentClassifier {
    const opts = { ...DEFAULTS, ...options };
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const fitted = fitModel(examples, labels, opts);
    if (opts.calibrationFolds > 1 && examples.length >= opts.calibrationFolds * labels.length) {
      fitted.model.temperature = crossValidatedTemperature(examples, labels, opts);
    }
    return new IntentClassifier(fitted.vectorizer, fitted.model, opts.threshold, opts.outOfScopeLabel);
  }

  /** The trained classifier as plain data; `fromState` rebuilds it. */
  toState(): IntentClassifierState {
    return { vectorizer: this.vectorizer.state, model: this.model.toState(), threshold: this.threshold, outOfScopeLabel: this.outOfScopeLabel };
  }

  /** Rebuilds a classifier from `toState` data. */
  static fromState(state: IntentClassifierState): IntentClassifier {
    return new IntentClassifier(new Vectorizer(state.vectorizer), LinearModel.fromState(state.model), state.threshold, state.outOfScopeLabel);
  }

  /** Sets the softmax temperature of the calibrated probabilities. */
  setTemperature(t: number): void {
    this.model.temperature = t;
  }

  /** Raw (uncalibrated) class scores of `text`, in `labels()` order. */
  scores(text: string): Float64Array {
    return this.model.scores(this.vectorizer.transform(text));
  }

  /** Labels the model knows (including the out-of-scope label if it was trained with one). */
  labels(): string[] {
    return this.model.labels.slice();
  }

  /** Calibrated probabilities of every label, best first. */
  rank(text: string): { name: string; confidence: number }[] {
    return this.top(text, this.model.labels.length);
  }

  /** The `n` most probable labels, best first (cheaper than a full ranking). */
  top(text: string, n: number): { name: string; confidence: number }[] {
    const p = this.model.probabilities(this.vectorizer.transform(text));
    const best: number[] = [];
    for (let c = 0; c < p.length; c++) {
      let at = best.length;
      while (at > 0 && p[best[at - 1]] < p[c]) at--;
      if (at < n) {
        best.splice(at, 0, c);
        if (best.length > n) best.pop();
      }
    }
    return best.map((c) => ({ name: this.model.labels[c], confidence: p[c] }));
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
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function fitModel(examples: readonly LabelledText[], labels: string[], opts: IntentClassifierOptions): { vectorizer: Vectorizer; model: LinearModel } {
  const vectorizer = Vectorizer.fit(examples.map((e) => e.text), opts.fit);
  const xs = examples.map((e) => vectorizer.transform(e.text));
  const ys = examples.map((e) => labels.indexOf(e.label));
  const model = opts.algorithm === 'svm'
    ? trainSvm(xs, ys, labels, vectorizer.size, opts.svm)
    : LinearModel.train(xs, ys, labels, vectorizer.size, { epochs: 15, learningRate: 1, l2: 1e-5, averageEpochs: 5, ...opts.train });
  return { vectorizer, model };
}

/** Fits the softmax temperature on out-of-fold scores (stratified by the seeded order). */
function crossValidatedTemperature(examples: readonly LabelledText[], labels: string[], opts: Required<Pick<IntentClassifierOptions, 'calibrationFolds'>> & IntentClassifierOptions): number {
  const folds = opts.calibrationFolds;
  const order = shuffled(examples.map((_, i) => i), seededRandom(opts.train?.seed ?? 7));
  const scores: Float64Array[] = [];
  const ys: number[] = [];
  for (let f = 0; f < folds; f++) {
    const test = order.filter((_, i) => i % folds === f);
    const train = order.filter((_, i) => i % folds !== f).map((i) => examples[i]);
    const { vectorizer, model } = fitModel(train, labels, opts);
    for (const i of test) {
      scores.push(model.scores(vectorizer.transform(examples[i].text)));
      ys.push(labels.indexOf(examples[i].label));
    }
  }
  return fitTemperature(scores, ys);
}
