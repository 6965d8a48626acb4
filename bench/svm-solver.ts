/**
 * SVM solver variants on one train/dev pair: training time and dev accuracy (best label, no
 * threshold), with and without the word-vector block.
 *
 *   npx tsx bench/svm-solver.ts data/eval/clinc150-train.csv data/eval/clinc150-dev.csv '<json variants>'
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { DEFAULT_DENSE } from '../src/understanding/intent-classifier';
import { trainSvm, type SvmOptions } from '../src/understanding/svm';
import { Vectorizer, type SparseVector } from '../src/understanding/vectorizer';

interface Variant extends SvmOptions {
  dense?: boolean;
}

const [trainFile, devFile, variantsJson] = process.argv.slice(2);
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);
const labels = [...new Set(train.map((r) => r.label))].sort();
const ys = train.map((r) => labels.indexOf(r.label));
const vec = Vectorizer.fit(train.map((r) => r.text), { dense: DEFAULT_DENSE });
const ngrams = vec.state.vocab.length;
const cut = (x: SparseVector): SparseVector => {
  const end = x.idx.findIndex((i) => i >= ngrams);
  return end < 0 ? x : { idx: x.idx.slice(0, end), val: x.val.slice(0, end) };
};
const full = train.map((r) => vec.transform(r.text));
const devXs = dev.map((r) => vec.transform(r.text));
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
