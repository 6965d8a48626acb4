/**
 * A network with one hidden layer of ReLU units over the same sparse vectors as the linear
 * models, trained by seeded per-example SGD on softmax cross-entropy with a linearly decaying
 * learning rate (as fastText trains). Only the weight rows of a message's non-zero features are
 * touched per step. On its own it scores like the logistic regression; averaged with it, it
 * corrects a different set of messages (docs/quality.md, "A hidden layer beside the LR").
 */
import { addScaledRow, softmax } from './linear-model';
import { seededRandom, shuffled } from './rng';
import type { SparseVector } from './vectorizer';

/** Hyper-parameters of the network. */
export interface MlpOptions {
  /** Hidden units. */
  hidden?: number;
  epochs?: number;
  /** Initial learning rate, decayed linearly to 0 over the run. */
  learningRate?: number;
  seed?: number;
}

/** Serializable weights: `w1[f * hidden + h]`, `w2[h * classes + c]`. */
export interface MlpState {
  kind: 'mlp';
  labels: string[];
  dim: number;
  hidden: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  temperature: number;
}

export const MLP_DEFAULTS: Required<MlpOptions> = { hidden: 128, epochs: 8, learningRate: 0.2, seed: 1 };

/** A trained network; `scores` and `probabilities` work as `LinearModel`'s do. */
export class MlpModel {
  temperature = 1;

  constructor(
    readonly labels: string[],
    readonly dim: number,
    readonly hidden: number,
    private readonly w1: Float32Array,
    private readonly b1: Float32Array,
    private readonly w2: Float32Array,
    private readonly b2: Float32Array,
  ) {}

  /** Trains on vectors `xs` with class indices `ys` (deterministic for the same inputs and seed). */
  static train(xs: readonly SparseVector[], ys: readonly number[], labels: string[], dim: number, options: MlpOptions = {}): MlpModel {
    const { hidden: h, epochs, learningRate, seed } = { ...MLP_DEFAULTS, ...options };
    const k = labels.length;
    const random = seededRandom(seed);
    const w1 = new Float32Array(dim * h).map(() => (random() * 2 - 1) * 0.1);
    const w2 = new Float32Array(h * k).map(() => (random() * 2 - 1) * Math.sqrt(6 / (h + k)));
    const model = new MlpModel(labels, dim, h, w1, new Float32Array(h), w2, new Float32Array(k));
    const act = new Float64Array(h);
    const grad = new Float64Array(h);
    const order = xs.map((_, i) => i);
    const steps = epochs * xs.length;
    let step = 0;
    for (let e = 0; e < epochs; e++) {
      for (const i of shuffled(order, random)) {
        const rate = learningRate * (1 - step++ / steps);
        const p = softmax(model.forward(xs[i], act));
        p[ys[i]] -= 1;
        model.backward(xs[i], act, p, grad, rate);
      }
    }
    return model;
  }

  /** Raw class scores of `x`. */
  scores(x: SparseVector): Float64Array {
    return this.forward(x, new Float64Array(this.hidden));
  }

  /** Calibrated class probabilities of `x`, in label order. */
  probabilities(x: SparseVector): number[] {
    return softmax(this.scores(x), this.temperature);
  }

  /** The weights as plain data (the model's own arrays, to move between threads). */
  toState(): MlpState {
    const { labels, dim, hidden, w1, b1, w2, b2, temperature } = this;
    return { kind: 'mlp', labels, dim, hidden, w1, b1, w2, b2, temperature };
  }

  /** Rebuilds a network from `toState` data (typed arrays are used as they are, not copied). */
  static fromState(s: MlpState): MlpModel {
    const f32 = (a: ArrayLike<number>) => (a instanceof Float32Array ? a : Float32Array.from(a));
    const m = new MlpModel(s.labels, s.dim, s.hidden, f32(s.w1), f32(s.b1), f32(s.w2), f32(s.b2));
    m.temperature = s.temperature;
    return m;
  }

  /** Hidden activations into `act`; returns the class scores. */
  private forward(x: SparseVector, act: Float64Array): Float64Array {
    const { hidden: h, w1, w2 } = this;
    const k = this.labels.length;
    act.set(this.b1);
    const { idx, val } = x;
    for (let j = 0; j < idx.length; j++) addScaledRow(act, w1, idx[j] * h, val[j], h);
    const out = Float64Array.from(this.b2);
    for (let u = 0; u < h; u++) {
      if (act[u] <= 0) {
        act[u] = 0;
        continue;
      }
      const a = act[u];
      const row = u * k;
      for (let c = 0; c < k; c++) out[c] += w2[row + c] * a;
    }
    return out;
  }

  /** One SGD step from the score gradient `g` (probabilities minus the one-hot label). */
  private backward(x: SparseVector, act: Float64Array, g: number[], grad: Float64Array, rate: number): void {
    const { hidden: h, w1, w2, b1, b2 } = this;
    const k = this.labels.length;
    grad.fill(0);
    for (let u = 0; u < h; u++) {
      const a = act[u];
      if (a === 0) continue;
      const row = u * k;
      let s = 0;
      for (let c = 0; c < k; c++) {
        s += w2[row + c] * g[c];
        w2[row + c] -= rate * g[c] * a;
      }
      grad[u] = s;
    }
    for (let c = 0; c < k; c++) b2[c] -= rate * g[c];
    for (let u = 0; u < h; u++) b1[u] -= rate * grad[u];
    for (let j = 0; j < x.idx.length; j++) {
      let f = x.idx[j] * h;
      const r = rate * x.val[j];
      let u = 0;
      for (; u + 3 < h; u += 4, f += 4) {
        w1[f] -= r * grad[u];
        w1[f + 1] -= r * grad[u + 1];
        w1[f + 2] -= r * grad[u + 2];
        w1[f + 3] -= r * grad[u + 3];
      }
      for (; u < h; u++, f++) w1[f] -= r * grad[u];
    }
  }
}
