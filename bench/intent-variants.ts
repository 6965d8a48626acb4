/**
 * Intent-model variants on one train/dev pair, features vectorised once: averaged SGD,
 * seed-averaged runs, feature options, L2. Prints dev accuracy (best label, no threshold).
 * (The NB-scaled and extra n-gram variants of docs/quality.md ran at commit cef5ab3 and were
 * removed with their code when rejected.)
 *
 *   npx tsx bench/intent-variants.ts data/eval/banking77-train.csv data/eval/banking77-dev.csv '<json variants>'
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { LinearModel } from '../src/understanding/linear-model';
import { Vectorizer, type FitOptions } from '../src/understanding/vectorizer';

interface Variant {
  l2?: number;
  epochs?: number;
  learningRate?: number;
  averageEpochs?: number;
  /** Seeds whose models' weights are summed into one model. */
  seeds?: number[];
  /** Seeds trained separately: prints each accuracy and the mean (to see the seed noise). */
  repeat?: number[];
  fit?: FitOptions;
}

const [trainFile, devFile, variantsJson] = process.argv.slice(2);
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);
const labels = [...new Set(train.map((r) => r.label))].sort();
const ys = train.map((r) => labels.indexOf(r.label));
const cache = new Map<string, { vec: Vectorizer; xs: ReturnType<Vectorizer['transform']>[] }>();

function vectors(fit: FitOptions = {}) {
  const key = JSON.stringify(fit);
  if (!cache.has(key)) {
    const vec = Vectorizer.fit(train.map((r) => r.text), fit);
    cache.set(key, { vec, xs: train.map((r) => vec.transform(r.text)) });
  }
  return cache.get(key)!;
}

function accuracy(vec: Vectorizer, model: LinearModel): number {
  let correct = 0;
  for (const r of dev) {
    const s = model.scores(vec.transform(r.text));
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
    if (labels[best] === r.label) correct++;
  }
  return correct / dev.length;
}

const variants = (JSON.parse(variantsJson ?? '[{}]') as Variant[]).flatMap((v) => (v.repeat ? v.repeat.map((seed) => ({ ...v, repeat: undefined, seeds: [seed], tag: JSON.stringify(v) })) : [{ ...v, tag: '' }]));
const perTag = new Map<string, number[]>();
for (const v of variants) {
  const t0 = Date.now();
  const { vec, xs } = vectors(v.fit);
  const seeds = v.seeds ?? [42];
  const models = seeds.map((seed) => LinearModel.train(xs, ys, labels, vec.size, {
    epochs: v.epochs ?? 15, learningRate: v.learningRate ?? 1, l2: v.l2 ?? 1e-5, seed, averageEpochs: v.averageEpochs,
  }));
  const model = models[0];
  for (const m of models.slice(1)) for (let i = 0; i < m.weights.length; i++) model.weights[i] += m.weights[i];
  for (const m of models.slice(1)) for (let c = 0; c < m.bias.length; c++) model.bias[c] += m.bias[c];
  const ms = Date.now() - t0;
  const acc = accuracy(vec, model);
  const { tag, ...shown } = v;
  console.log(JSON.stringify(shown), 'dim', vec.size, 'acc', acc.toFixed(4), 'ms', ms);
  if (tag) {
    perTag.set(tag, [...(perTag.get(tag) ?? []), acc]);
    const accs = perTag.get(tag)!;
    if (accs.length === JSON.parse(tag).repeat.length) console.log(tag, 'mean', (accs.reduce((a, b) => a + b, 0) / accs.length).toFixed(4), 'min', Math.min(...accs).toFixed(4), 'max', Math.max(...accs).toFixed(4));
  }
}
