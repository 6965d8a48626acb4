/**
 * LR + SVM ensemble for CLINC150 in scope / out of scope. Step 1 (slow, cached in CACHE_DIR):
 * raw class scores of the LR and the SVM (C = 1) on out-of-fold training rows (3 folds, the same
 * split as `crossValidatedThreshold`) and of the full models on the dev file. Step 2 (fast):
 * temperatures, ensemble weight and threshold chosen on the out-of-fold rows only; prints the
 * dev pair (in-scope accuracy, oos recall) at that threshold and, for comparison only, the dev
 * in-scope accuracy at the threshold where dev oos recall first reaches 0.80.
 *
 *   CACHE_DIR=/tmp/clinc-results npx tsx bench/ensemble-oos.ts data/eval/clinc150-train.csv data/eval/clinc150-dev.csv
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { LinearModel, fitTemperature, softmax } from '../src/understanding/linear-model';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { trainSvm } from '../src/understanding/svm';
import { Vectorizer } from '../src/understanding/vectorizer';

const [trainFile, devFile] = process.argv.slice(2);
const CACHE = process.env.CACHE_DIR ?? '/tmp/clinc-results';
const FOLDS = 3;
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);
const labels = [...new Set(train.map((r) => r.label))].sort();
const K = labels.length;

/** Raw scores of `test` rows by an LR and an SVM trained on `rows` (one shared vectorizer). */
function scoresOf(rows: readonly LabelledRow[], test: readonly LabelledRow[]): { lr: Float32Array; svm: Float32Array } {
  const vec = Vectorizer.fit(rows.map((r) => r.text));
  const xs = rows.map((r) => vec.transform(r.text));
  const ys = rows.map((r) => labels.indexOf(r.label));
  let t0 = process.cpuUsage();
  const lrModel = LinearModel.train(xs, ys, labels, vec.size, { epochs: 15, learningRate: 1, l2: 1e-5, averageEpochs: 5 });
  const lrCpu = process.cpuUsage(t0);
  t0 = process.cpuUsage();
  const svmModel = trainSvm(xs, ys, labels, vec.size, { c: 1 });
  const svmCpu = process.cpuUsage(t0);
  console.error(`rows ${rows.length}: LR cpu ${((lrCpu.user + lrCpu.system) / 1e6).toFixed(1)} s, SVM cpu ${((svmCpu.user + svmCpu.system) / 1e6).toFixed(1)} s`);
  const lr = new Float32Array(test.length * K);
  const svm = new Float32Array(test.length * K);
  test.forEach((r, i) => {
    const x = vec.transform(r.text);
    lr.set(lrModel.scores(x), i * K);
    svm.set(svmModel.scores(x), i * K);
  });
  return { lr, svm };
}

function cached(name: string, make: () => { lr: Float32Array; svm: Float32Array }): { lr: Float32Array; svm: Float32Array } {
  const files = ['lr', 'svm'].map((m) => join(CACHE, `${name}-${m}.f32`));
  if (files.every((f) => existsSync(f))) {
    const [lr, svm] = files.map((f) => { const b = readFileSync(f); return new Float32Array(b.buffer, b.byteOffset, b.length / 4); });
    return { lr, svm };
  }
  const out = make();
  writeFileSync(files[0], Buffer.from(out.lr.buffer));
  writeFileSync(files[1], Buffer.from(out.svm.buffer));
  return out;
}

// Out-of-fold rows, in the order of `order` folds (as crossValidatedThreshold, seed 11).
const order = shuffled(train.map((_, i) => i), seededRandom(11));
const oofIdx: number[] = [];
const oofLr: Float32Array[] = [];
const oofSvm: Float32Array[] = [];
for (let f = 0; f < FOLDS; f++) {
  const testIdx = order.filter((_, j) => j % FOLDS === f);
  const rows = order.filter((_, j) => j % FOLDS !== f).map((i) => train[i]);
  const s = cached(`fold${f}`, () => scoresOf(rows, testIdx.map((i) => train[i])));
  oofIdx.push(...testIdx);
  oofLr.push(s.lr);
  oofSvm.push(s.svm);
}
const full = cached('full', () => scoresOf(train, dev));

const concat = (parts: Float32Array[]) => { const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0)); let at = 0; for (const p of parts) { out.set(p, at); at += p.length; } return out; };
const oof: Set_ = { lr: concat(oofLr), svm: concat(oofSvm), gold: oofIdx.map((i) => train[i].label) };
const val: Set_ = { lr: full.lr, svm: full.svm, gold: dev.map((r) => r.label) };
interface Set_ { lr: Float32Array; svm: Float32Array; gold: string[] }
const row = (a: Float32Array, i: number) => a.subarray(i * K, (i + 1) * K);

const yOof = oof.gold.map((g) => labels.indexOf(g));
const nOof = oof.gold.length;
const tLr = fitTemperature(Array.from({ length: nOof }, (_, i) => row(oof.lr, i)), yOof);
const tSvm = fitTemperature(Array.from({ length: nOof }, (_, i) => row(oof.svm, i)), yOof);
console.log(`temperatures fitted on out-of-fold rows: LR ${tLr.toFixed(3)}, SVM ${tSvm.toFixed(3)}`);

interface Outcome { gold: string; best: string; p: number }
function outcomes(s: Set_, wLr: number, tl: number, ts: number): Outcome[] {
  return s.gold.map((gold, i) => {
    const a = wLr > 0 ? softmax(row(s.lr, i), tl) : [];
    const b = wLr < 1 ? softmax(row(s.svm, i), ts) : [];
    let best = 0, bp = -1;
    for (let c = 0; c < K; c++) {
      const p = (wLr > 0 ? wLr * a[c] : 0) + (wLr < 1 ? (1 - wLr) * b[c] : 0);
      if (p > bp) [best, bp] = [c, p];
    }
    return { gold, best: labels[best], p: bp };
  });
}
function pair(os: readonly Outcome[], t: number) {
  let ins = 0, insHit = 0, oos = 0, oosHit = 0;
  for (const o of os) {
    const pred = o.best === 'oos' || o.p < t ? 'oos' : o.best;
    if (o.gold === 'oos') [oos, oosHit] = [oos + 1, oosHit + (pred === 'oos' ? 1 : 0)];
    else [ins, insHit] = [ins + 1, insHit + (pred === o.gold ? 1 : 0)];
  }
  return { inScope: insHit / ins, oosRecall: oosHit / oos };
}
/** Lowest threshold on a 0.005 grid whose oos recall on `os` reaches `target`. */
function threshold(os: readonly Outcome[], target: number): number {
  for (let s = 0; s <= 200; s++) if (pair(os, s / 200).oosRecall >= target) return s / 200;
  return 1;
}
const f4 = (x: number) => x.toFixed(4);
const nll = (os: Set_, w: number) => {
  let sum = 0;
  os.gold.forEach((g, i) => {
    const c = labels.indexOf(g);
    const p = w * softmax(row(os.lr, i), tLr)[c] + (1 - w) * softmax(row(os.svm, i), tSvm)[c];
    sum -= Math.log(Math.max(1e-12, p));
  });
  return sum / os.gold.length;
};

const TARGETS = (process.env.TARGETS ?? '0.8,0.85,0.9').split(',').map(Number);
const configs: [string, number, number, number][] = [
  ['LR T=1 (as shipped)', 1, 1, 1],
  ['LR T fitted', 1, tLr, tSvm],
  ['SVM T fitted', 0, tLr, tSvm],
  ...[0.25, 0.5, 0.75].map((w): [string, number, number, number] => [`ensemble w_LR=${w}`, w, tLr, tSvm]),
];
for (const [name, w, tl, ts] of configs) {
  const o = outcomes(oof, w, tl, ts);
  const v = outcomes(val, w, tl, ts);
  const raw = pair(v, 0);
  const vt = threshold(v, 0.8);
  const cells = TARGETS.map((target) => {
    const t = threshold(o, target);
    const op = pair(o, t);
    const vp = pair(v, t);
    return `target ${target}: t=${t.toFixed(3)} oof ${f4(op.inScope)}/${op.oosRecall.toFixed(2)} val ${f4(vp.inScope)}/${vp.oosRecall.toFixed(2)}`;
  });
  console.log(`${name.padEnd(22)} oofNLL ${w === 1 || w === 0 ? '  -   ' : nll(oof, w).toFixed(4)} val raw ${f4(raw.inScope)} | [val@0.80: ${f4(pair(v, vt).inScope)}/${pair(v, vt).oosRecall.toFixed(2)}]`);
  for (const c of cells) console.log(`    ${c}`);
}

// Weight chosen on out-of-fold rows: best oof in-scope accuracy at the threshold reaching 0.85 oof recall.
let bestW = 0, bestAcc = -1;
for (let s = 0; s <= 10; s++) {
  const w = s / 10;
  const o = outcomes(oof, w, tLr, tSvm);
  const acc = pair(o, threshold(o, 0.85)).inScope;
  console.log(`w_LR=${w.toFixed(1)} oof in-scope at oof recall 0.85: ${f4(acc)}${w > 0 && w < 1 ? ` oofNLL ${nll(oof, w).toFixed(4)}` : ''}`);
  if (acc > bestAcc) [bestW, bestAcc] = [w, acc];
}
const o = outcomes(oof, bestW, tLr, tSvm);
const v = outcomes(val, bestW, tLr, tSvm);
const t = threshold(o, 0.85);
console.log(`chosen w_LR=${bestW}: t=${t} val ${f4(pair(v, t).inScope)}/${pair(v, t).oosRecall.toFixed(2)} [val@0.80 ${f4(pair(v, threshold(v, 0.8)).inScope)}]`);

// Temperature multipliers: the NLL-optimal temperature need not rank oos best (a softer softmax
// makes the max probability follow the best score against the mean, a sharper one the top-2 gap).
// Criterion on out-of-fold rows only: mean in-scope accuracy at oof recall 0.80, 0.85, 0.90.
if (process.env.GRID) {
  const crit = (os: readonly Outcome[]) => [0.8, 0.85, 0.9].reduce((s, r) => s + pair(os, threshold(os, r)).inScope, 0) / 3;
  let best = { c: -1, line: '', m: 1, w: 0 };
  for (const m of [1, 1.5, 2, 3, 4]) {
    for (const w of [0, 0.25, 0.5, 0.75, 1]) {
      const o = outcomes(oof, w, tLr * m, tSvm * m);
      const v = outcomes(val, w, tLr * m, tSvm * m);
      const t = threshold(o, 0.85);
      const c = crit(o);
      const vt = threshold(v, 0.8);
      const line = `T x${m} w_LR=${w}: oof crit ${f4(c)} oof@0.85 ${f4(pair(o, t).inScope)} t=${t} val ${f4(pair(v, t).inScope)}/${pair(v, t).oosRecall.toFixed(2)} [val@0.80 ${f4(pair(v, vt).inScope)}/${pair(v, vt).oosRecall.toFixed(2)}]`;
      console.log(line);
      if (c > best.c) best = { c, line, m, w };
    }
  }
  console.log(`chosen by oof criterion: ${best.line}`);
  const o = outcomes(oof, best.w, tLr * best.m, tSvm * best.m);
  const v = outcomes(val, best.w, tLr * best.m, tSvm * best.m);
  for (const target of [0.8, 0.85, 0.9]) {
    const t = threshold(o, target);
    console.log(`  oof target ${target}: t=${t} val ${f4(pair(v, t).inScope)}/${pair(v, t).oosRecall.toFixed(2)}`);
  }
}
