/**
 * Out-of-scope scores for CLINC150: the max calibrated probability against a small logistic
 * combination of max probability, top-1 minus top-2 margin and the best cosine between the
 * message and a training example of the predicted intent. Weights and threshold are fitted
 * only on out-of-fold predictions over the training file, where each fold also holds out
 * whole intents (their rows act as extra out-of-scope examples). Prints val in-scope accuracy
 * and oos recall for each score.
 *
 *   npx tsx bench/oos-score.ts data/eval/clinc150-train.csv data/eval/clinc150-dev.csv
 */
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { LinearModel, softmax } from '../src/understanding/linear-model';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { Vectorizer, type SparseVector } from '../src/understanding/vectorizer';

const [trainFile, devFile, heldOutArg, targetArg] = process.argv.slice(2);
const HELD_OUT_PER_FOLD = Number(heldOutArg ?? 15);
const TARGET = Number(targetArg ?? 0.85);
const FOLDS = 3;
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);

interface Fitted { vec: Vectorizer; model: LinearModel; byClass: SparseVector[][] }
interface Row { gold: string; best: string; feats: number[] }

function fit(rows: readonly LabelledRow[]): Fitted {
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const vec = Vectorizer.fit(rows.map((r) => r.text));
  const xs = rows.map((r) => vec.transform(r.text));
  const ys = rows.map((r) => labels.indexOf(r.label));
  const model = LinearModel.train(xs, ys, labels, vec.size, { epochs: 15, learningRate: 1, l2: 1e-5 });
  const byClass: SparseVector[][] = labels.map(() => []);
  xs.forEach((x, i) => byClass[ys[i]].push(x));
  return { vec, model, byClass };
}

function maxCosine(x: SparseVector, examples: readonly SparseVector[]): number {
  const q = new Map<number, number>();
  x.idx.forEach((f, j) => q.set(f, x.val[j]));
  let best = 0;
  for (const e of examples) {
    let dot = 0;
    for (let j = 0; j < e.idx.length; j++) dot += (q.get(e.idx[j]) ?? 0) * e.val[j];
    if (dot > best) best = dot;
  }
  return best;
}

function describe(f: Fitted, text: string, gold: string): Row {
  const x = f.vec.transform(text);
  const p = softmax(f.model.scores(x));
  const order = p.map((_, c) => c).sort((a, b) => p[b] - p[a]);
  const [b1, b2] = order;
  const cos = maxCosine(x, f.byClass[b1]);
  return { gold, best: f.model.labels[b1], feats: [p[b1], p[b1] - p[b2], cos] };
}

// Out-of-fold rows: fold f trains without rows i % 3 == f and without its held-out intents.
const intents = [...new Set(train.map((r) => r.label))].filter((l) => l !== 'oos').sort();
const intentOrder = shuffled(intents, seededRandom(5));
const order = shuffled(train.map((_, i) => i), seededRandom(11));
const oof: Row[] = [];
for (let f = 0; f < FOLDS; f++) {
  const heldOut = new Set(intentOrder.slice(f * HELD_OUT_PER_FOLD, (f + 1) * HELD_OUT_PER_FOLD));
  const rows = order.filter((_, j) => j % FOLDS !== f).map((i) => train[i]).filter((r) => !heldOut.has(r.label));
  const fitted = fit(rows);
  for (const i of order.filter((_, j) => j % FOLDS === f)) {
    const r = train[i];
    oof.push(describe(fitted, r.text, heldOut.has(r.label) ? 'oos' : r.label));
  }
  console.error(`fold ${f} done`);
}
const full = fit(train);
const val = dev.map((r) => describe(full, r.text, r.label));

/** Tiny logistic regression (batch gradient descent) on standardised features; y = 1 for oos. */
function fitScorer(rows: readonly Row[], use: number[]): (feats: number[]) => number {
  const xs = rows.map((r) => use.map((u) => r.feats[u]));
  const mean = use.map((_, j) => xs.reduce((s, x) => s + x[j], 0) / xs.length);
  const sd = use.map((_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j] - mean[j]) ** 2, 0) / xs.length) || 1);
  const zs = xs.map((x) => x.map((v, j) => (v - mean[j]) / sd[j]));
  const ys = rows.map((r) => (r.gold === 'oos' ? 1 : 0));
  const w = new Array(use.length).fill(0);
  let b = 0;
  for (let it = 0; it < 2000; it++) {
    const gw = new Array(use.length).fill(0);
    let gb = 0;
    zs.forEach((z, i) => {
      const p = 1 / (1 + Math.exp(-(b + z.reduce((s, v, j) => s + v * w[j], 0))));
      const e = p - ys[i];
      z.forEach((v, j) => (gw[j] += e * v));
      gb += e;
    });
    for (let j = 0; j < w.length; j++) w[j] -= (0.5 * gw[j]) / zs.length;
    b -= (0.5 * gb) / zs.length;
  }
  console.error('weights', use, w.map((v) => v.toFixed(3)), b.toFixed(3));
  // In-scope-ness: higher = more in scope.
  return (feats) => -(b + use.reduce((s, u, j) => s + ((feats[u] - mean[j]) / sd[j]) * w[j], 0));
}

function tradeOff(rows: readonly Row[], score: (r: Row) => number, t: number) {
  let ins = 0, insHit = 0, oos = 0, oosHit = 0;
  for (const r of rows) {
    const predicted = r.best === 'oos' || score(r) < t ? 'oos' : r.best;
    if (r.gold === 'oos') [oos, oosHit] = [oos + 1, oosHit + (predicted === 'oos' ? 1 : 0)];
    else [ins, insHit] = [ins + 1, insHit + (predicted === r.gold ? 1 : 0)];
  }
  return { inScope: insHit / ins, oosRecall: oosHit / oos };
}

/** The lowest threshold (over a grid of score quantiles) whose oos recall on `rows` reaches `target`. */
function chooseThreshold(rows: readonly Row[], score: (r: Row) => number, target = TARGET): number {
  const values = rows.map(score).sort((a, b) => a - b);
  for (let q = 0; q < values.length; q += Math.max(1, Math.floor(values.length / 2000))) {
    if (tradeOff(rows, score, values[q]).oosRecall >= target) return values[q];
  }
  return values[values.length - 1];
}

// Rows for choosing the threshold: only real oos rows count as oos (held-out intents are left out),
// or all pseudo-oos rows as well.
const oofReal: Row[] = [];
const oofAll: Row[] = oof;
{
  let k = 0;
  for (let f = 0; f < FOLDS; f++) {
    for (const i of order.filter((_, j) => j % FOLDS === f)) {
      const row = oof[k++];
      if (row.gold !== 'oos' || train[i].label === 'oos') oofReal.push(row);
    }
  }
}
const scorers: Record<string, (r: Row) => number> = { maxProb: (r) => r.feats[0] };
for (const [name, use] of [['prob+margin', [0, 1]], ['prob+cos', [0, 2]], ['prob+margin+cos', [0, 1, 2]], ['cos', [2]]] as [string, number[]][]) {
  const s = fitScorer(oofAll, use);
  scorers[name] = (r) => s(r.feats);
}
for (const [name, score] of Object.entries(scorers)) {
  for (const [tuneName, rows] of [['real-oos', oofReal], ['real+held-out', oofAll]] as [string, Row[]][]) {
    const t = chooseThreshold(rows, score);
    const v = tradeOff(val, score, t);
    const o = tradeOff(rows, score, t);
    console.log(`${name.padEnd(16)} threshold on ${tuneName.padEnd(14)} t=${t.toFixed(3)} oof ${o.inScope.toFixed(4)}/${o.oosRecall.toFixed(3)} val in-scope ${v.inScope.toFixed(4)} oos-recall ${v.oosRecall.toFixed(3)}`);
  }
  // For comparison only (chosen on val): in-scope at val oos recall >= 0.80.
  const vt = chooseThreshold(val, score, 0.8);
  const vv = tradeOff(val, score, vt);
  console.log(`${name.padEnd(16)} [val-chosen, comparison only] in-scope ${vv.inScope.toFixed(4)} at oos-recall ${vv.oosRecall.toFixed(3)}`);
}
