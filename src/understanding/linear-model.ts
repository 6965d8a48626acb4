/**
 * A multinomial logistic-regression model over sparse vectors, trained with seeded SGD and L2
 * regularisation (weight-scale trick, so each step costs only the non-zero features). Scores
 * are turned into calibrated probabilities with a temperature.
 */
import { seededRandom, shuffled } from './rng';
import type { SparseVector } from './vectorizer';

/** Training hyper-parameters. */
export interface TrainOptions {
  epochs?: number;
  /** Initial learning rate. */
  learningRate?: number;
  /** L2 strength per example. */
  l2?: number;
  seed?: number;
  /**
   * Loss weight per class index (e.g. inverse frequency for macro-F1 on skewed labels);
   * default: every class weighs 1.
   */
  classWeights?: readonly number[];
  /** Average the weights over the last this many epochs (Polyak-style; default 1 = last weights only). */
  averageEpochs?: number;
}

/** Inverse-frequency class weights `(n / (k * count_c)) ** power`, normalised to mean 1 over examples. */
export function balancedClassWeights(ys: readonly number[], k: number, power = 1): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const y of ys) counts[y]++;
  const raw = counts.map((c) => (c > 0 ? (ys.length / (k * c)) ** power : 1));
  const mean = ys.reduce((sum, y) => sum + raw[y], 0) / Math.max(1, ys.length);
  return raw.map((w) => w / mean);
}

/** Serializable weights: `weights[f * classes + k]`. */
export interface LinearModelState {
  labels: string[];
  dim: number;
  weights: number[];
  bias: number[];
  temperature: number;
}

/** Softmax of `scores / temperature`, numerically stable. */
export function softmax(scores: ArrayLike<number>, temperature = 1): number[] {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) max = Math.max(max, scores[k]);
  const out: number[] = new Array(scores.length);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp((scores[k] - max) / temperature);
    sum += out[k];
  }
  for (let k = 0; k < out.length; k++) out[k] /= sum;
  return out;
}

/**
 * `out[i] += weights[offset + i] * v` for i < n: one feature's row of a weight matrix added to the
 * scores. Unrolled by 4 (the hot loop of every linear model and of the network); each `out[i]`
 * still sums its rows in the same order, so results are bit-identical to the plain loop.
 */
export function addScaledRow(out: Float64Array, weights: Float32Array, offset: number, v: number, n: number): void {
  let i = 0;
  let f = offset;
  for (; i + 3 < n; i += 4, f += 4) {
    out[i] += weights[f] * v;
    out[i + 1] += weights[f + 1] * v;
    out[i + 2] += weights[f + 2] * v;
    out[i + 3] += weights[f + 3] * v;
  }
  for (; i < n; i++, f++) out[i] += weights[f] * v;
}

/** A trained linear classifier. */
export class LinearModel {
  temperature = 1;

  constructor(
    readonly labels: string[],
    readonly dim: number,
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {}

  /** Raw class scores of `x`. */
  scores(x: SparseVector): Float64Array {
    const k = this.labels.length;
    const out = Float64Array.from(this.bias);
    const { idx, val } = x;
    for (let j = 0; j < idx.length; j++) addScaledRow(out, this.weights, idx[j] * k, val[j], k);
    return out;
  }

  /** Calibrated class probabilities of `x`, in label order. */
  probabilities(x: SparseVector): number[] {
    return softmax(this.scores(x), this.temperature);
  }

  /** Trains on vectors `xs` with class indices `ys`. */
  static train(xs: SparseVector[], ys: number[], labels: string[], dim: number, options: TrainOptions = {}): LinearModel {
    const k = labels.length;
    const v = new Float32Array(dim * k);
    const bias = new Float32Array(k);
    const trainer = new SgdTrainer(v, bias, k, options);
    const random = seededRandom(options.seed ?? 42);
    const order = xs.map((_, i) => i);
    const epochs = options.epochs ?? 10;
    const averaged = Math.min(epochs, Math.max(1, options.averageEpochs ?? 1));
    const sumV = averaged > 1 ? new Float32Array(v.length) : undefined;
    const sumBias = new Float64Array(k);
    for (let e = 0; e < epochs; e++) {
      for (const i of shuffled(order, random)) trainer.step(xs[i], ys[i]);
      if (sumV && e >= epochs - averaged) {
        trainer.finish();
        for (let i = 0; i < v.length; i++) sumV[i] += v[i];
        for (let c = 0; c < k; c++) sumBias[c] += bias[c];
      }
    }
    trainer.finish();
    if (sumV) {
      for (let i = 0; i < v.length; i++) v[i] = sumV[i] / averaged;
      for (let c = 0; c < k; c++) bias[c] = sumBias[c] / averaged;
    }
    return new LinearModel(labels, dim, v, bias);
  }

  /** Plain-JSON form for model files. */
  toState(): LinearModelState {
    return { labels: this.labels, dim: this.dim, weights: Array.from(this.weights), bias: Array.from(this.bias), temperature: this.temperature };
  }

  /** Rebuilds a model saved with `toState`. */
  static fromState(state: LinearModelState): LinearModel {
    const m = new LinearModel(state.labels, state.dim, Float32Array.from(state.weights), Float32Array.from(state.bias));
    m.temperature = state.temperature;
    return m;
  }
}

/** One SGD step at a time on softmax cross-entropy with L2 via a shared scale factor. */
class SgdTrainer {
  private scale = 1;
  private t = 0;
  private readonly lr0: number;
  private readonly l2: number;
  private readonly z: Float64Array;
  private readonly classWeights?: readonly number[];

  constructor(private readonly v: Float32Array, private readonly bias: Float32Array, private readonly k: number, options: TrainOptions) {
    this.lr0 = options.learningRate ?? 0.5;
    this.l2 = options.l2 ?? 1e-5;
    this.z = new Float64Array(k);
    this.classWeights = options.classWeights;
  }

  step(x: SparseVector, y: number): void {
    const { k, v, z, bias } = this;
    const idx = x.idx;
    const val = x.val;
    const n = idx.length;
    const s = this.scale;
    for (let c = 0; c < k; c++) z[c] = 0;
    for (let j = 0; j < n; j++) {
      const base = idx[j] * k;
      const xv = val[j];
      for (let c = 0; c < k; c++) z[c] += v[base + c] * xv;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      z[c] = z[c] * s + bias[c];
      if (z[c] > max) max = z[c];
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    const w = this.classWeights ? this.classWeights[y] : 1;
    for (let c = 0; c < k; c++) z[c] = (z[c] / sum) * w;
    z[y] -= w;
    const lr = this.lr0 / (1 + this.lr0 * this.l2 * this.t++);
    this.scale *= 1 - lr * this.l2;
    const g = lr / this.scale;
    for (let j = 0; j < n; j++) {
      const base = idx[j] * k;
      const xv = val[j] * g;
      for (let c = 0; c < k; c++) v[base + c] -= z[c] * xv;
    }
    for (let c = 0; c < k; c++) bias[c] -= lr * z[c];
    if (this.scale < 1e-6) this.finish();
  }

  /** Folds the scale back into the weights. */
  finish(): void {
    for (let i = 0; i < this.v.length; i++) this.v[i] *= this.scale;
    this.scale = 1;
  }
}

/** Finds the temperature minimising the negative log-likelihood of held-out scores. */
export function fitTemperature(scores: ArrayLike<number>[], ys: number[]): number {
  let best = 1;
  let bestNll = Infinity;
  for (let t = 0.05; t <= 5; t *= 1.1) {
    let nll = 0;
    for (let i = 0; i < scores.length; i++) nll -= Math.log(Math.max(1e-12, softmax(scores[i], t)[ys[i]]));
    if (nll < bestNll) {
      bestNll = nll;
      best = t;
    }
  }
  return best;
}
