/**
 * A one-vs-rest linear SVM with the squared hinge loss, trained by dual coordinate descent
 * (Hsieh et al. 2008, the LIBLINEAR solver `-s 1`). Each class is one binary problem; the bias
 * is learned as the weight of a constant feature. The result is a `LinearModel`, so scores,
 * calibration (temperature) and model files work as for logistic regression.
 */
import { LinearModel } from './linear-model';
import { seededRandom, shuffled } from './rng';
import type { SparseVector } from './vectorizer';

/** Hyper-parameters of the SVM. */
export interface SvmOptions {
  /** Inverse regularisation strength (LIBLINEAR's C). */
  c?: number;
  /** Passes over the data per class. */
  epochs?: number;
  /** Value of the constant bias feature. */
  biasFeature?: number;
  seed?: number;
  /**
   * LIBLINEAR's shrinking: examples whose dual variable is 0 and whose gradient says they will
   * stay 0 leave the active set until the set converges, then every example is checked once more.
   * Same optimum, far fewer coordinate steps (most negatives of a one-vs-rest problem are inactive).
   * With it, `epochs` bounds passes over the active set and `tolerance` is LIBLINEAR's `eps`
   * (projected-gradient spread).
   */
  shrinking?: boolean;
  tolerance?: number;
}

/** Squared norms of the vectors, plus the bias feature. */
function squaredNorms(xs: readonly SparseVector[], bias: number): Float64Array {
  const out = new Float64Array(xs.length);
  xs.forEach((x, i) => {
    let s = bias * bias;
    for (const v of x.val) s += v * v;
    out[i] = s;
  });
  return out;
}

/** Trains one binary problem (`ys[i] === positive` vs the rest) into `w` (length dim + 1). */
function trainBinary(xs: readonly SparseVector[], ys: readonly number[], positive: number, qii: Float64Array, w: Float64Array, opts: Required<SvmOptions>, order: number[]): void {
  const dim = w.length - 1;
  const diag = 1 / (2 * opts.c);
  const alpha = new Float64Array(xs.length);
  const random = seededRandom(opts.seed + positive);
  for (let e = 0; e < opts.epochs; e++) {
    let maxPg = 0;
    for (const i of shuffled(order, random)) {
      const x = xs[i];
      const y = ys[i] === positive ? 1 : -1;
      let dot = w[dim] * opts.biasFeature;
      for (let j = 0; j < x.idx.length; j++) dot += w[x.idx[j]] * x.val[j];
      const g = y * dot - 1 + diag * alpha[i];
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      if (pg === 0) continue;
      maxPg = Math.max(maxPg, Math.abs(pg));
      const old = alpha[i];
      alpha[i] = Math.max(old - g / (qii[i] + diag), 0);
      const d = (alpha[i] - old) * y;
      for (let j = 0; j < x.idx.length; j++) w[x.idx[j]] += d * x.val[j];
      w[dim] += d * opts.biasFeature;
    }
    if (maxPg < 1e-3) break;
  }
}

/** `trainBinary` with LIBLINEAR's shrinking (solve_l2r_l1l2_svc, squared hinge: no upper bound). */
function trainBinaryShrinking(xs: readonly SparseVector[], ys: readonly number[], positive: number, qii: Float64Array, w: Float64Array, opts: Required<SvmOptions>, order: number[]): void {
  const dim = w.length - 1;
  const diag = 1 / (2 * opts.c);
  const alpha = new Float64Array(xs.length);
  const random = seededRandom(opts.seed + positive);
  const index = order.slice();
  let active = index.length;
  let pgMaxOld = Infinity;
  for (let iter = 0; iter < opts.epochs; iter++) {
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < active; s++) {
      const r = s + Math.floor(random() * (active - s));
      [index[s], index[r]] = [index[r], index[s]];
    }
    for (let s = 0; s < active; s++) {
      const i = index[s];
      const x = xs[i];
      const y = ys[i] === positive ? 1 : -1;
      let dot = w[dim] * opts.biasFeature;
      for (let j = 0; j < x.idx.length; j++) dot += w[x.idx[j]] * x.val[j];
      const g = y * dot - 1 + diag * alpha[i];
      let pg = g;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          active--;
          [index[s], index[active]] = [index[active], index[s]];
          s--;
          continue;
        }
        if (g > 0) pg = 0;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) <= 1e-12) continue;
      const old = alpha[i];
      alpha[i] = Math.max(old - g / (qii[i] + diag), 0);
      const d = (alpha[i] - old) * y;
      for (let j = 0; j < x.idx.length; j++) w[x.idx[j]] += d * x.val[j];
      w[dim] += d * opts.biasFeature;
    }
    if (pgMax - pgMin <= opts.tolerance) {
      if (active === index.length) break;
      active = index.length;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMax > 0 ? pgMax : Infinity;
  }
}

/** Trains a one-vs-rest squared-hinge SVM on vectors `xs` with class indices `ys`. */
export function trainSvm(xs: readonly SparseVector[], ys: readonly number[], labels: string[], dim: number, options: SvmOptions = {}): LinearModel {
  const opts: Required<SvmOptions> = { c: 0.5, epochs: 15, biasFeature: 1, seed: 42, shrinking: false, tolerance: 0.1, ...options };
  const k = labels.length;
  const weights = new Float32Array(dim * k);
  const bias = new Float32Array(k);
  const qii = squaredNorms(xs, opts.biasFeature);
  const order = xs.map((_, i) => i);
  const w = new Float64Array(dim + 1);
  for (let c = 0; c < k; c++) {
    w.fill(0);
    (opts.shrinking ? trainBinaryShrinking : trainBinary)(xs, ys, c, qii, w, opts, order);
    for (let f = 0; f < dim; f++) weights[f * k + c] = w[f];
    bias[c] = w[dim] * opts.biasFeature;
  }
  return new LinearModel(labels, dim, weights, bias);
}
