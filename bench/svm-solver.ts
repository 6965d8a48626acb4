/**
 * SVM solver variants on one train/dev pair: training time and dev accuracy (best label, no
 * threshold), with and without the word-vector block.
 *
 *   npx tsx bench/svm-solver.ts data/eval/clinc150-train.csv data/eval/clinc150-dev.csv '<json variants>'
 */
import { trainSvm, type SvmOptions } from '../src/understanding/svm';
import type { SparseVector } from '../src/understanding/vectorizer';
import { loadIntentSplit } from './intent-split';

interface Variant extends SvmOptions {
  dense?: boolean;
}

const [trainFile, devFile, variantsJson] = process.argv.slice(2);
const { dev, labels, ys, vec, xs: full, devXs } = loadIntentSplit(trainFile, devFile);
const ngrams = vec.state.vocab.length;
const cut = (x: SparseVector): SparseVector => {
  const end = x.idx.findIndex((i) => i >= ngrams);
  return end < 0 ? x : { idx: x.idx.slice(0, end), val: x.val.slice(0, end) };
};
for (const v of JSON.parse(variantsJson ?? '[{}]') as Variant[]) {
  const { dense, ...svm } = v;
  const xs = dense ? full : full.map(cut);
  const t0 = process.cpuUsage();
  const model = trainSvm(xs, ys, labels, vec.size, { c: 1, ...svm });
  const cpu = process.cpuUsage(t0);
  let correct = 0;
  devXs.forEach((x0, k) => {
    const s = model.scores(dense ? x0 : cut(x0));
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
    if (labels[best] === dev[k].label) correct++;
  });
  console.log(JSON.stringify(v), 'acc', (correct / dev.length).toFixed(4), 'cpu s', ((cpu.user + cpu.system) / 1e6).toFixed(1));
}
