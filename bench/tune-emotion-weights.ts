/**
 * Class-weighted training and feature variants for the emotion models, model only: trains like
 * `scripts/train-text-model.ts` (train file minus the seeded 10% slice, per-label offsets tuned
 * on that slice) and prints macro-F1 on the slice and on the dev file for each variant.
 *
 *   npx tsx bench/tune-emotion-weights.ts emotion-zh [variant ...]
 */
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { TextModel } from '../src/understanding/text-model';
import type { FitOptions } from '../src/understanding/vectorizer';
import type { TrainOptions } from '../src/understanding/linear-model';
import { foldOf, predictor, trainAveraged, tuneOffsets } from '../scripts/train-text-model';

interface Variant { fit: FitOptions; sgd: TrainOptions; balance: number; withRules?: boolean; seeds?: number[]; balances?: number[] }

const EN = { wordNgrams: [1, 2], charMin: 2, charMax: 5, cjkMin: 1, cjkMax: 3 };
const ZH = { wordNgrams: [1, 2], charMin: 2, charMax: 4, cjkMin: 1, cjkMax: 3 };
const FILES: Record<string, { train: string; dev: string; base: Variant }> = {
  'emotion-en': { train: 'data/eval/goemotions-train.csv', dev: 'data/eval/goemotions-dev.csv', base: { fit: { features: EN, minDf: 5 }, sgd: { epochs: 8, l2: 2e-5 }, balance: 0 } },
  'emotion-zh': { train: 'data/eval/smp2020-train.csv', dev: 'data/eval/smp2020-dev.csv', base: { fit: { features: ZH, minDf: 3 }, sgd: { epochs: 8, l2: 2e-5 }, balance: 0 } },
};

const VARIANTS: Record<string, (b: Variant) => Variant> = {
  base: (b) => b,
  bal05: (b) => ({ ...b, balance: 0.5 }),
  bal1: (b) => ({ ...b, balance: 1 }),
  bal03: (b) => ({ ...b, balance: 0.3 }),
  bal07: (b) => ({ ...b, balance: 0.7 }),
  l2x2: (b) => ({ ...b, sgd: { ...b.sgd, l2: 4e-5 } }),
  l2half: (b) => ({ ...b, sgd: { ...b.sgd, l2: 1e-5 } }),
  bal05l2x2: (b) => ({ ...b, balance: 0.5, sgd: { ...b.sgd, l2: 4e-5 } }),
  cjk4: (b) => ({ ...b, fit: { ...b.fit, features: { ...b.fit.features!, cjkMax: 4 } } }),
  cjk2: (b) => ({ ...b, fit: { ...b.fit, features: { ...b.fit.features!, cjkMax: 2 } } }),
  nosub: (b) => ({ ...b, fit: { ...b.fit, sublinear: false } }),
  mindf2: (b) => ({ ...b, fit: { ...b.fit, minDf: 2 } }),
  ep4: (b) => ({ ...b, sgd: { ...b.sgd, epochs: 4 } }),
  ep12: (b) => ({ ...b, sgd: { ...b.sgd, epochs: 12 } }),
};

/** A variant by name, or `key=value,...` over the base (bal, l2, epochs, mindf, cmax, lr, rules, nb, split, seeds, bals). */
function variantOf(name: string, base: Variant): Variant {
  if (VARIANTS[name]) return VARIANTS[name](base);
  const v: Variant = { fit: { ...base.fit, features: { ...base.fit.features! } }, sgd: { ...base.sgd }, balance: base.balance };
  // `bals=0/0.3/0.6` averages one model per balance power, `seeds=3` one per SGD seed (42, 43, ...).
  for (const [key, value] of name.split(',').map((kv) => kv.split('='))) {
    const x = Number(value);
    if (key === 'bal') v.balance = x;
    else if (key === 'l2') v.sgd.l2 = x;
    else if (key === 'epochs') v.sgd.epochs = x;
    else if (key === 'lr') v.sgd.learningRate = x;
    else if (key === 'mindf') v.fit.minDf = x;
    else if (key === 'cmax') v.fit.features!.charMax = x;
    else if (key === 'rules') v.withRules = x === 1;
    else if (key === 'nb') v.fit.nb = x;
    else if (key === 'split') v.fit.features!.splitScripts = x === 1;
    else if (key === 'seeds') v.seeds = Array.from({ length: x }, (_, i) => 42 + i);
    else if (key === 'bals') v.balances = value.split('/').map(Number);
    else throw new Error(`unknown variant ${name}`);
  }
  return v;
}

function macroF1(model: TextModel, rows: readonly LabelledRow[], offsets: number[], withRules = false): number {
  return score(rows.map((r) => r.label), predictor(model, rows, withRules)(offsets)).macroF1;
}

/**
 * `CV=k`: k-fold cross-validation on the train file alone (folds by text hash): each fold's model is
 * trained like the recipe (its own 10% slice for the offsets) and scored on the fold, with the
 * cue rules when the variant says `rules=1` or the language's eval uses them. Chooses variants
 * without the dev file.
 */
function crossValidate(name: string, variants: string[], k: number): void {
  const files = FILES[name];
  const all = shuffled(readLabelledCsv(files.train), seededRandom(5));
  for (const v of variants) {
    const variant = variantOf(v, files.base);
    const scores: number[] = [];
    const accuracies: number[] = [];
    for (let f = 0; f < k; f++) {
      const fold = all.filter((r) => foldOf(r.text, k) === f);
      const rest = all.filter((r) => foldOf(r.text, k) !== f);
      const cut = Math.floor(rest.length * 0.1);
      const model = trainAveraged(rest.slice(cut), { train: files.train, dev: files.dev, source: '', fit: variant.fit, sgd: variant.sgd, balance: variant.balances ?? variant.balance, seeds: variant.seeds });
      const offsets = tuneOffsets(model, rest.slice(0, cut), variant.withRules);
      const s = score(fold.map((r) => r.label), predictor(model, fold, true)(offsets));
      scores.push(s.macroF1);
      accuracies.push(s.accuracy);
    }
    const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / k).toFixed(4);
    console.log(`${name} ${v}: ${k}-fold CV with rules macro-F1 ${mean(scores)} (${scores.map((x) => x.toFixed(4)).join(' ')}) accuracy ${mean(accuracies)}`);
  }
}

function main(name: string, variants: string[]): void {
  if (process.env.CV) return crossValidate(name, variants, Number(process.env.CV));
  const files = FILES[name];
  const rows = shuffled(readLabelledCsv(files.train), seededRandom(5));
  const cut = Math.floor(rows.length * 0.1);
  const dev = readLabelledCsv(files.dev);
  for (const v of variants) {
    const variant = variantOf(v, files.base);
    const t0 = Date.now();
    const model = trainAveraged(rows.slice(cut), { train: files.train, dev: files.dev, source: '', fit: variant.fit, sgd: variant.sgd, balance: variant.balances ?? variant.balance, seeds: variant.seeds });
    const offsets = tuneOffsets(model, rows.slice(0, cut), variant.withRules);
    const zero = model.labels.map(() => 0);
    const w = variant.withRules;
    console.log(`${name} ${v}: slice ${macroF1(model, rows.slice(0, cut), offsets, w).toFixed(4)} dev ${macroF1(model, dev, offsets, w).toFixed(4)} (dev without offsets ${macroF1(model, dev, zero, w).toFixed(4)}${w ? ', with rules' : `; dev with rules ${macroF1(model, dev, offsets, true).toFixed(4)}`}) ${Date.now() - t0} ms`);
  }
}

main(process.argv[2], process.argv.slice(3));
