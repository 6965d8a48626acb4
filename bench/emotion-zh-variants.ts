/**
 * Model variants for the Chinese emotion model (SMP2020), scored as the bot decides (model +
 * cue rules + the zh margin gates): LR + SVM score ensembles, jieba word features, the review
 * sentiment model stacked as features, class weights. Each split trains like the recipe (fit on
 * the rows minus a seeded 10% slice, per-label offsets tuned on the slice with the rules).
 *
 *   CV=5 npx tsx bench/emotion-zh-variants.ts        # 5-fold CV on the train file (hash folds)
 *   DEV=1 npx tsx bench/emotion-zh-variants.ts       # the train file -> the dev file
 *
 * `VARIANTS=base,svm,...` chooses (`svm`: SVMs with C 0.1/0.25/0.5 and LR + w x SVM score mixes;
 * `senti0.5|1|2`; `jieba0.5|1`, needs `JIEBA=/path/to/node_modules/@node-rs/jieba`, not a project
 * dependency; `bal0.3|0.5|1`; `usual2|3|5`: usual-domain rows repeated). `SEED` reshuffles the
 * slice. Every variant is printed twice: offsets tuned on the plain slice, and (`/w`) on the slice
 * with usual-domain rows weighted to their dev share; `DOMAIN=1` weighs the CV folds the same way.
 */
import { readFileSync } from 'node:fs';
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { decide, emotionEvidence } from '../src/understanding/emotion';
import { combinedLabel, DEFAULT_GATES, DEFAULT_OVERRIDE_AT, DEFAULT_RULE_WEIGHT } from '../src/understanding/emotion-model';
import { balancedClassWeights, LinearModel, softmax } from '../src/understanding/linear-model';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { trainSvm } from '../src/understanding/svm';
import { normalizeText } from '../src/understanding/text-features';
import { TextModel } from '../src/understanding/text-model';
import { Vectorizer, type SparseVector } from '../src/understanding/vectorizer';
import { RECIPES, tuneOffsetsFor } from '../scripts/train-text-model';

const recipe = RECIPES['emotion-zh'];
type Scores = Float64Array[];
interface Split { fit: LabelledRow[]; slice: LabelledRow[]; test: LabelledRow[]; testWeights: number[] }

/** Texts of the `usual` (general Weibo) half of SMP2020; the rest of the train file is `virus` posts. */
const USUAL = new Set((JSON.parse(readFileSync('../shared/data/smp2020_ewect/usual_eval_labeled.txt', 'utf8')) as { content: string }[]).map((i) => i.content));
/** Share of usual posts in the dev file (915 of 2,869); the train file has 9.8%. */
const USUAL_SHARE = 915 / 2869;
/** Row weights that give the usual rows of `rows` the dev file's share. */
function domainWeights(rows: readonly LabelledRow[]): number[] {
  const usual = rows.filter((r) => USUAL.has(r.text)).length;
  const w = (USUAL_SHARE / (1 - USUAL_SHARE)) * ((rows.length - usual) / Math.max(1, usual));
  return rows.map((r) => (USUAL.has(r.text) ? w : 1));
}

/** Macro-F1 (labels present in gold) and accuracy with a weight per row. */
function weightedScore(gold: readonly string[], pred: readonly string[], w: readonly number[]): { macroF1: number; accuracy: number } {
  const tp = new Map<string, number>(), fp = new Map<string, number>(), fn = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, x: number) => m.set(k, (m.get(k) ?? 0) + x);
  let correct = 0, total = 0;
  gold.forEach((g, i) => {
    total += w[i];
    if (g === pred[i]) { correct += w[i]; add(tp, g, w[i]); } else { add(fp, pred[i], w[i]); add(fn, g, w[i]); }
  });
  const labels = [...new Set(gold)];
  const f1s = labels.map((l) => { const t = tp.get(l) ?? 0; return t === 0 ? 0 : (2 * t) / (2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0)); });
  return { macroF1: f1s.reduce((a, b) => a + b, 0) / labels.length, accuracy: correct / total };
}

/** Greedy per-label offsets (as `tuneOffsetsFor`) maximising the weighted macro-F1. */
function tuneWeighted(predict: (offsets: number[]) => string[], gold: string[], w: number[], k: number): number[] {
  const offsets = new Array<number>(k).fill(0);
  const f1 = () => weightedScore(gold, predict(offsets), w).macroF1;
  let best = f1();
  for (let round = 0; round < 3; round++) {
    for (let c = 0; c < k; c++) {
      for (const step of [-1, -0.5, -0.25, 0.25, 0.5, 1]) {
        offsets[c] += step;
        const got = f1();
        if (got > best + 1e-6) best = got;
        else offsets[c] -= step;
      }
    }
  }
  return offsets;
}
/** Named score sets of one split: slice scores and test scores. */
type Outcome = Map<string, { slice: Scores; test: Scores }>;

/** Word unigrams and bigrams from a segmenter, TF-IDF (sublinear) with NB weighting like the base features. */
class WordVectorizer {
  private constructor(private readonly index: Map<string, number>, private readonly idf: number[], private readonly cut: (s: string) => string[]) {}

  static keys(text: string, cut: (s: string) => string[]): string[] {
    const words = cut(normalizeText(text)).filter((w) => /[\p{L}\p{N}]/u.test(w));
    const keys = words.filter((w) => w.length > 1).map((w) => `u:${w}`);
    for (let i = 0; i + 1 < words.length; i++) keys.push(`b:${words[i]} ${words[i + 1]}`);
    return keys;
  }

  static fit(rows: readonly LabelledRow[], cut: (s: string) => string[], nb: number): WordVectorizer {
    const docs = rows.map((r) => [...new Set(WordVectorizer.keys(r.text, cut))]);
    const df = new Map<string, number>();
    for (const d of docs) for (const k of d) df.set(k, (df.get(k) ?? 0) + 1);
    const vocab = [...df].filter(([, c]) => c >= 3).map(([k]) => k).sort();
    const index = new Map(vocab.map((k, i) => [k, i]));
    const n = rows.length;
    const idf = vocab.map((k) => Math.log((1 + n) / (1 + df.get(k)!)) + 1);
    const classes = [...new Set(rows.map((r) => r.label))];
    const counts = classes.map(() => new Float64Array(vocab.length));
    const sizes = classes.map((c) => rows.filter((r) => r.label === c).length);
    docs.forEach((d, i) => { const c = classes.indexOf(rows[i].label); for (const k of d) { const j = index.get(k); if (j !== undefined) counts[c][j]++; } });
    const r = vocab.map((_, j) => {
      const total = counts.reduce((s, cc) => s + cc[j], 0);
      return Math.max(...classes.map((_, c) => Math.abs(Math.log(((counts[c][j] + 1) / (sizes[c] + 2)) / ((total - counts[c][j] + 1) / (n - sizes[c] + 2))))));
    });
    const mean = r.reduce((a, b) => a + b, 0) / Math.max(1, r.length);
    r.forEach((x, j) => (idf[j] *= 1 - nb + (nb * x) / mean));
    return new WordVectorizer(index, idf, cut);
  }

  get size(): number { return this.idf.length; }

  transform(text: string): SparseVector {
    const counts = new Map<number, number>();
    for (const k of WordVectorizer.keys(text, this.cut)) { const j = this.index.get(k); if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1); }
    const idx = [...counts.keys()];
    const val = idx.map((j) => (1 + Math.log(counts.get(j)!)) * this.idf[j]);
    const norm = Math.sqrt(val.reduce((s, v) => s + v * v, 0)) || 1;
    return { idx, val: val.map((v) => v / norm) };
  }
}

/** Concatenates `b` (scaled by `weight`, offset by `dim`) to `a`, renormalising to length 1. */
function concat(a: SparseVector, b: SparseVector, dim: number, weight: number): SparseVector {
  const val = [...a.val, ...b.val.map((v) => v * weight)];
  const norm = Math.sqrt(val.reduce((s, v) => s + v * v, 0)) || 1;
  return { idx: [...a.idx, ...b.idx.map((i) => i + dim)], val: val.map((v) => v / norm) };
}

let jieba: ((s: string) => string[]) | undefined;
function segmenter(): (s: string) => string[] {
  if (jieba) return jieba;
  const root = process.env.JIEBA;
  if (!root) throw new Error('set JIEBA to the @node-rs/jieba folder');
  const { Jieba } = require(root) as { Jieba: { withDict(d: Uint8Array): { cut(s: string, hmm: boolean): string[] } } };
  const { dict } = require(`${root}/dict`) as { dict: Uint8Array };
  const j = Jieba.withDict(dict);
  return (jieba = (s) => j.cut(s, false));
}

const sentiment = TextModel.load('models/sentiment-zh.json');
/** Review-sentiment evidence as two features: the positive and negative parts of its score difference. */
function sentimentVector(text: string, scale: number): SparseVector {
  const s = sentiment.scores(text);
  const d = s[1] - s[0];
  return { idx: [0, 1], val: [Math.max(0, d) * scale, Math.max(0, -d) * scale] };
}
function appendDense(a: SparseVector, b: SparseVector, dim: number): SparseVector {
  return { idx: [...a.idx, ...b.idx.map((i) => i + dim)], val: [...a.val, ...b.val] };
}

/** Trains an LR (and optionally an SVM) on `featurize` and returns their scores on the slice and the test rows. */
function fitScores(split: Split, labels: string[], featurize: (t: string) => SparseVector, dim: number, opts: { svm?: number[]; balance?: number } = {}): Outcome {
  const xs = split.fit.map((r) => featurize(r.text));
  const ys = split.fit.map((r) => labels.indexOf(r.label));
  const sliceX = split.slice.map((r) => featurize(r.text));
  const testX = split.test.map((r) => featurize(r.text));
  const classWeights = opts.balance ? balancedClassWeights(ys, labels.length, opts.balance) : undefined;
  const lr = LinearModel.train(xs, ys, labels, dim, { ...recipe.sgd, classWeights });
  const out: Outcome = new Map([['lr', { slice: sliceX.map((x) => lr.scores(x)), test: testX.map((x) => lr.scores(x)) }]]);
  for (const c of opts.svm ?? []) {
    const svm = trainSvm(xs, ys, labels, dim, { c });
    out.set(`svm${c}`, { slice: sliceX.map((x) => svm.scores(x)), test: testX.map((x) => svm.scores(x)) });
  }
  return out;
}

/** Every variant's scores on one split. */
function outcomes(split: Split, labels: string[], names: Set<string>): Outcome {
  const texts = split.fit.map((r) => r.text);
  const flabels = split.fit.map((r) => r.label);
  const base = Vectorizer.fit(texts, recipe.fit, flabels);
  const all: Outcome = new Map();
  const add = (prefix: string, o: Outcome) => o.forEach((v, k) => all.set(k === 'lr' ? prefix : `${prefix}+${k}`, v));
  add('base', fitScores(split, labels, (t) => base.transform(t), base.size, { svm: names.has('svm') ? [0.1, 0.25, 0.5] : [] }));
  for (const u of [2, 3, 5]) {
    if (!names.has(`usual${u}`)) continue;
    const fit = split.fit.flatMap((r) => (USUAL.has(r.text) ? new Array<LabelledRow>(u).fill(r) : [r]));
    const v = Vectorizer.fit(fit.map((r) => r.text), recipe.fit, fit.map((r) => r.label));
    add(`usual${u}`, fitScores({ ...split, fit }, labels, (t) => v.transform(t), v.size, { svm: names.has('svm') ? [0.5] : [] }));
  }
  for (const b of [0.3, 0.5, 1]) if (names.has(`bal${b}`)) add(`bal${b}`, fitScores(split, labels, (t) => base.transform(t), base.size, { balance: b }));
  for (const g of [0.5, 1, 2]) {
    if (names.has(`senti${g}`)) add(`senti${g}`, fitScores(split, labels, (t) => appendDense(base.transform(t), sentimentVector(t, g * 0.1), base.size), base.size + 2));
  }
  for (const w of [0.5, 1]) {
    if (!names.has(`jieba${w}`)) continue;
    const words = WordVectorizer.fit(split.fit, segmenter(), recipe.fit.nb ?? 0);
    add(`jieba${w}`, fitScores(split, labels, (t) => concat(base.transform(t), words.transform(t), base.size, w), base.size + words.size, { svm: names.has('svm') ? [0.25] : [] }));
  }
  return all;
}

/** Macro-F1 and accuracy of scores with offsets tuned on the slice, decided with the rules and the zh gates. */
function decideAll(labels: string[], rows: readonly LabelledRow[], scores: Scores): (offsets: number[]) => string[] {
  const evidence = rows.map((r) => emotionEvidence(r.text));
  const rules = evidence.map(decide);
  return (offsets) => scores.map((s, i) => {
    const probs = softmax(Array.from(s, (x, c) => x + offsets[c]));
    return combinedLabel((l) => { const c = labels.indexOf(l); return c < 0 ? 0 : probs[c]; }, evidence[i], rules[i], DEFAULT_RULE_WEIGHT, DEFAULT_OVERRIDE_AT, DEFAULT_GATES.zh);
  });
}

/** Score mixes to evaluate from the raw outcomes: `name` or `a+b*w` (scores of a plus w times b). */
function mixes(o: Outcome): Map<string, { slice: Scores; test: Scores }> {
  const out = new Map(o);
  const add = (a: string, b: string, w: number) => {
    const [x, y] = [o.get(a)!, o.get(b)!];
    const mix = (p: Scores, q: Scores) => p.map((s, i) => s.map((v, c) => v + w * q[i][c]));
    out.set(`${b}*${w}`, { slice: mix(x.slice, y.slice), test: mix(x.test, y.test) });
  };
  for (const k of o.keys()) {
    const m = /^(.*)\+(svm[\d.]+)$/.exec(k);
    if (m) for (const w of [0.5, 1, 2, 4]) add(m[1], k, w);
  }
  return out;
}

function evaluate(split: Split, labels: string[], names: Set<string>): Map<string, { macroF1: number; accuracy: number }> {
  const res = new Map<string, { macroF1: number; accuracy: number }>();
  const gold = split.test.map((r) => r.label);
  for (const [name, s] of mixes(outcomes(split, labels, names))) {
    const sliceGold = split.slice.map((r) => r.label);
    const predictSlice = decideAll(labels, split.slice, s.slice);
    const predictTest = decideAll(labels, split.test, s.test);
    const plain = tuneOffsetsFor(predictSlice, sliceGold, labels.length);
    res.set(name, weightedScore(gold, predictTest(plain), split.testWeights));
    const weighted = tuneWeighted(predictSlice, sliceGold, domainWeights(split.slice), labels.length);
    res.set(`${name}/w`, weightedScore(gold, predictTest(weighted), split.testWeights));
  }
  return res;
}

function foldOf(text: string, k: number): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

function main(): void {
  const names = new Set((process.env.VARIANTS ?? 'base,svm').split(','));
  const all = shuffled(readLabelledCsv(recipe.train), seededRandom(Number(process.env.SEED ?? 5)));
  const labels = [...new Set(all.map((r) => r.label))].sort();
  const k = Number(process.env.CV ?? 0);
  const splits: Split[] = [];
  if (process.env.DEV) {
    const cut = Math.floor(all.length * 0.1);
    const test = readLabelledCsv(recipe.dev);
    splits.push({ fit: all.slice(cut), slice: all.slice(0, cut), test, testWeights: test.map(() => 1) });
  } else {
    for (let f = 0; f < k; f++) {
      const rest = all.filter((r) => foldOf(r.text, k) !== f);
      const cut = Math.floor(rest.length * 0.1);
      const test = all.filter((r) => foldOf(r.text, k) === f);
      // DOMAIN=1: usual rows weigh as their share in the dev file (the train file has fewer).
      splits.push({ fit: rest.slice(cut), slice: rest.slice(0, cut), test, testWeights: process.env.DOMAIN ? domainWeights(test) : test.map(() => 1) });
    }
  }
  const per = new Map<string, { f1: number[]; acc: number[] }>();
  for (const split of splits) {
    const t0 = Date.now();
    for (const [name, r] of evaluate(split, labels, names)) {
      const e = per.get(name) ?? { f1: [], acc: [] };
      e.f1.push(r.macroF1);
      e.acc.push(r.accuracy);
      per.set(name, e);
    }
    console.error(`split done in ${Date.now() - t0} ms`);
  }
  const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(4);
  for (const [name, e] of per) console.log(`${process.env.DEV ? 'dev' : `${k}-fold`} ${name}: macro-F1 ${mean(e.f1)} (${e.f1.map((x) => x.toFixed(4)).join(' ')}) accuracy ${mean(e.acc)}`);
}

main();
