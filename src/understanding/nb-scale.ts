/**
 * Naive-Bayes log-count ratios as feature scales for the logistic regression (NB-LR, after
 * Wang & Manning 2012, "Baselines and bigrams"): a weight whose feature is typical of its
 * class is regularised less, so the model starts from a naive-Bayes-like prior while
 * keeping the discriminative fit.
 */
import type { SparseVector } from './vectorizer';

/** How the log-count ratios become scales. */
export interface NbScaleOptions {
  /** Additive smoothing of the per-class document counts. */
  alpha?: number;
  /** Exponent applied to `|r|` (0 = no scaling). */
  power?: number;
  /** `class`: one scale per feature and class; `pooled`: per feature, the largest over classes. */
  mode?: 'class' | 'pooled';
}

/**
 * Per feature and class scales `|r[f, c]| ** power` (layout `f * k + c`), where `r` is the log
 * ratio of the feature's smoothed document frequency inside class `c` to outside it, each
 * normalised by its total. Scaled to mean 1 over the (feature, gold class) pairs of the
 * training set, so the overall L2 strength stays comparable.
 */
export function nbFeatureScale(xs: readonly SparseVector[], ys: readonly number[], k: number, dim: number, options: NbScaleOptions = {}): Float32Array {
  const alpha = options.alpha ?? 1;
  const power = options.power ?? 1;
  const inClass = new Float64Array(dim * k);
  const total = new Float64Array(dim);
  xs.forEach((x, i) => {
    for (const f of x.idx) {
      inClass[f * k + ys[i]] += 1;
      total[f] += 1;
    }
  });
  const classMass = new Float64Array(k);
  for (let f = 0; f < dim; f++) for (let c = 0; c < k; c++) classMass[c] += inClass[f * k + c] + alpha;
  const allMass = classMass.reduce((a, b) => a + b, 0);
  const scale = new Float32Array(dim * k);
  for (let f = 0; f < dim; f++) {
    let pooled = 0;
    for (let c = 0; c < k; c++) {
      const p = (inClass[f * k + c] + alpha) / classMass[c];
      const q = (total[f] - inClass[f * k + c] + alpha * (k - 1)) / (allMass - classMass[c]);
      const r = Math.abs(Math.log(p / q)) ** power;
      scale[f * k + c] = r;
      pooled = Math.max(pooled, r);
    }
    if (options.mode === 'pooled') scale.fill(pooled, f * k, f * k + k);
  }
  let sum = 0;
  let n = 0;
  xs.forEach((x, i) => {
    for (const f of x.idx) [sum, n] = [sum + scale[f * k + ys[i]], n + 1];
  });
  const mean = n > 0 && sum > 0 ? sum / n : 1;
  for (let i = 0; i < scale.length; i++) scale[i] = Math.max(scale[i] / mean, 1e-3);
  return scale;
}
