/**
 * Are noisy SMP2020 training labels worth removing (confident learning, Northcutt et al. 2021)?
 * 5-fold out-of-fold probabilities (folds by text hash, temperature fitted per fold) find rows whose
 * given label is unlikely: `cl` (another label above its class's mean self-confidence and above the
 * given one), `p10` / `p20` (given label below 0.1 / 0.2). Each variant is fitted like the
 * `emotion-zh` recipe without those rows (the 10% offset slice keeps all its rows) and scored on
 * dev as the product decides, for three slice seeds. docs/quality.md, "Chinese emotion: nearest
 * neighbours and noisy labels (rejected)".
 *
 *   SEEDS=5,6,7 npx tsx bench/smp-prune-labels.ts        # about 5 minutes
 */
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { softmax, fitTemperature } from '../src/understanding/linear-model';
import { RECIPES, trainAveraged, tuneOffsets, productLabels, foldOf } from '../scripts/train-text-model';

const recipe = RECIPES['emotion-zh'];
const train = readLabelledCsv(recipe.train);
const dev = readLabelledCsv(recipe.dev);
const K = 5;
const probs = new Array<number[]>(train.length);
let labels: string[] = [];
for (let f = 0; f < K; f++) {
  const m = trainAveraged(train.filter((r) => foldOf(r.text, K) !== f), recipe);
  labels = m.labels;
  const t = fitTemperature(train.filter((r) => foldOf(r.text, K) === f).map((r) => m.scores(r.text)), train.filter((r) => foldOf(r.text, K) === f).map((r) => m.labels.indexOf(r.label)));
  train.forEach((r, i) => { if (foldOf(r.text, K) === f) probs[i] = softmax(Array.from(m.scores(r.text)), t); });
  console.error('fold', f);
}
const given = train.map((r) => labels.indexOf(r.label));
const thr = labels.map((_, c) => { const ps = probs.filter((_, i) => given[i] === c).map((p) => p[c]); return ps.reduce((a, b) => a + b, 0) / ps.length; });
console.log('class thresholds', labels.map((l, c) => `${l} ${thr[c].toFixed(2)}`).join(', '));
const cl = train.map((_, i) => { const p = probs[i]; const g = given[i]; if (p[g] >= thr[g]) return false; let best = -1; for (let c = 0; c < p.length; c++) if (c !== g && p[c] >= thr[c] && (best < 0 || p[c] > p[best])) best = c; return best >= 0 && p[best] > p[g]; });
const variants: Record<string, boolean[]> = {
  none: train.map(() => false),
  cl: cl,
  p10: train.map((_, i) => probs[i][given[i]] < 0.1),
  p20: train.map((_, i) => probs[i][given[i]] < 0.2),
};
for (const [k, v] of Object.entries(variants)) console.log(k, 'drops', v.filter(Boolean).length);
const seeds = (process.env.SEEDS ?? '5,6,7').split(',').map(Number);
const gold = dev.map((r) => r.label);
for (const [name, noisy] of Object.entries(variants)) {
  const fs: number[] = [];
  for (const seed of seeds) {
    const idx = shuffled(train.map((_, i) => i), seededRandom(seed));
    const cut = Math.floor(idx.length * 0.1);
    const slice = idx.slice(0, cut).map((i) => train[i]);
    const rest: LabelledRow[] = idx.slice(cut).filter((i) => !noisy[i]).map((i) => train[i]);
    const model = trainAveraged(rest, recipe);
    const off = tuneOffsets(model, slice, true, recipe.gates);
    off.forEach((o, c) => (model.model.bias[c] += o));
    const s = score(gold, productLabels(model, dev, recipe));
    fs.push(s.macroF1);
    console.log(`${name} seed ${seed}: ${s.macroF1.toFixed(4)} acc ${s.accuracy.toFixed(4)}`);
  }
  console.log(`${name} mean ${(fs.reduce((a, b) => a + b, 0) / fs.length).toFixed(4)}`);
}
