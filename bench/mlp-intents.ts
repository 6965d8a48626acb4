/**
 * Experiment: a one-hidden-layer network (ReLU) over the intent vectors (n-grams + word vectors),
 * trained by per-example SGD, alone and mixed with the shipped LR. Best label on dev, no threshold.
 * This is the first version, kept to reproduce docs/quality.md ("A hidden layer beside the LR");
 * `src/understanding/mlp.ts` is the shipped one (same method, its hidden sums in 64 bits, so its
 * figures differ by a few messages).
 *
 *   npx tsx bench/mlp-intents.ts data/eval/banking77-train.csv data/eval/banking77-dev.csv '{"hidden":128,"epochs":8,"lr":0.2}'
 */
import { LinearModel, softmax } from '../src/understanding/linear-model';
import { seededRandom, shuffled } from '../src/understanding/rng';
import type { SparseVector } from '../src/understanding/vectorizer';
import { loadIntentSplit } from './intent-split';

const [trainFile, devFile, json] = process.argv.slice(2);
const cfg = { hidden: 128, epochs: 8, lr: 0.2, dropout: 0, seed: 1, ...(JSON.parse(json ?? '{}') as Record<string, number>) };
const { dev, labels, ys, vec, xs, devXs } = loadIntentSplit(trainFile, devFile);
const D = vec.size, H = cfg.hidden, K = labels.length;
const rnd = seededRandom(cfg.seed);
const w1 = new Float32Array(D * H).map(() => (rnd() * 2 - 1) * 0.1);
const b1 = new Float32Array(H);
const w2 = new Float32Array(H * K).map(() => (rnd() * 2 - 1) * Math.sqrt(6 / (H + K)));
const b2 = new Float32Array(K);
const h = new Float32Array(H), dh = new Float32Array(H), logits = new Float64Array(K), mask = new Float32Array(H);

function forward(x: SparseVector, train = false): void {
  h.set(b1);
  for (let j = 0; j < x.idx.length; j++) {
    const base = x.idx[j] * H, v = x.val[j];
    for (let k = 0; k < H; k++) h[k] += w1[base + k] * v;
  }
  for (let k = 0; k < H; k++) {
    mask[k] = h[k] > 0 && (!train || cfg.dropout === 0 || rnd() >= cfg.dropout) ? (train && cfg.dropout ? 1 / (1 - cfg.dropout) : 1) : 0;
    h[k] *= mask[k];
  }
  for (let c = 0; c < K; c++) {
    let s = b2[c];
    for (let k = 0; k < H; k++) s += w2[k * K + c] * h[k];
    logits[c] = s;
  }
}

const t0 = process.cpuUsage();
const order = xs.map((_, i) => i);
const total = cfg.epochs * xs.length;
let step = 0;
for (let e = 0; e < cfg.epochs; e++) {
  for (const i of shuffled(order, rnd)) {
    const lr = cfg.lr * (1 - step++ / total);
    const x = xs[i];
    forward(x, true);
    const p = softmax(logits);
    p[ys[i]] -= 1;
    dh.fill(0);
    for (let k = 0; k < H; k++) {
      if (h[k] === 0) continue;
      for (let c = 0; c < K; c++) {
        dh[k] += w2[k * K + c] * p[c];
        w2[k * K + c] -= lr * p[c] * h[k];
      }
      dh[k] *= mask[k];
    }
    for (let c = 0; c < K; c++) b2[c] -= lr * p[c];
    for (let k = 0; k < H; k++) b1[k] -= lr * dh[k];
    for (let j = 0; j < x.idx.length; j++) {
      const base = x.idx[j] * H, v = x.val[j];
      for (let k = 0; k < H; k++) w1[base + k] -= lr * dh[k] * v;
    }
  }
}
const cpu = process.cpuUsage(t0);
const mlpP = devXs.map((x) => { forward(x); return softmax(logits); });
const lr = LinearModel.train(xs, ys, labels, D, { epochs: 15, learningRate: 1, l2: 1e-5, averageEpochs: 5 });
const lrP = devXs.map((x) => lr.probabilities(x));
const acc = (w: number) => {
  let ok = 0;
  dev.forEach((r, i) => {
    let best = 0, bestP = -1;
    for (let c = 0; c < K; c++) { const q = w * lrP[i][c] + (1 - w) * mlpP[i][c]; if (q > bestP) [best, bestP] = [c, q]; }
    if (labels[best] === r.label) ok++;
  });
  return (ok / dev.length).toFixed(4);
};
console.log(JSON.stringify(cfg), 'mlp train cpu s', ((cpu.user + cpu.system) / 1e6).toFixed(1), 'MLP', acc(0), 'LR', acc(1), 'mix .25/.5/.75', acc(0.25), acc(0.5), acc(0.75));
