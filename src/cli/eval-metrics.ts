/**
 * Scores for `concord eval`: accuracy, macro-F1 and per-label precision/recall/F1/support,
 * and latency percentiles.
 */

/** Precision, recall, F1 and support of one label. */
export interface LabelScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Accuracy, macro-F1 over the gold labels, and per-label scores. */
export interface Scores {
  accuracy: number;
  macroF1: number;
  perLabel: Record<string, LabelScore>;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** Scores `predicted` against `gold` (same length). Macro-F1 averages over labels present in gold. */
export function score(gold: readonly string[], predicted: readonly string[]): Scores {
  const labels = [...new Set([...gold, ...predicted])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(g, (fn.get(g) ?? 0) + 1);
    }
  });
  const perLabel: Record<string, LabelScore> = {};
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const precision = t + (fp.get(l) ?? 0) > 0 ? t / (t + (fp.get(l) ?? 0)) : 0;
    const recall = t + (fn.get(l) ?? 0) > 0 ? t / (t + (fn.get(l) ?? 0)) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[l] = { precision: round(precision), recall: round(recall), f1: round(f1), support: t + (fn.get(l) ?? 0) };
  }
  const goldLabels = labels.filter((l) => perLabel[l].support > 0);
  const macroF1 = goldLabels.reduce((s, l) => s + perLabel[l].f1, 0) / Math.max(1, goldLabels.length);
  return { accuracy: round(correct / Math.max(1, gold.length)), macroF1: round(macroF1), perLabel };
}

/** The `p`-th percentile (0..100) of `values` (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Runs `predict` on every text, timing each call in microseconds. The first 200 texts are run
 * once untimed first, so the figures are steady-state latency rather than JIT warm-up.
 */
export function timedPredictions<T>(texts: readonly string[], predict: (text: string) => T): { outputs: T[]; micros: number[] } {
  for (const text of texts.slice(0, 200)) predict(text);
  const outputs: T[] = [];
  const micros: number[] = [];
  for (const text of texts) {
    const t0 = process.hrtime.bigint();
    outputs.push(predict(text));
    micros.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return { outputs, micros };
}
