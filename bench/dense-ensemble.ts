/**
 * Word vectors as a second intent model instead of extra features (docs/quality.md, "Word
 * vectors"): an LR over the sentence embedding alone, its probabilities mixed with the n-gram
 * LR's at several weights, on one train/dev pair (best label, no threshold).
 *
 *   npx tsx bench/dense-ensemble.ts TRAIN.csv DEV.csv VECTORS.bin
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { LinearModel, softmax } from '../src/understanding/linear-model';
import { Vectorizer } from '../src/understanding/vectorizer';
import { WordVectors } from '../src/understanding/word-vectors';
import { readFileSync } from 'node:fs';

const [trainFile, devFile, vectorsFile] = process.argv.slice(2);
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);
const labels = [...new Set(train.map((r) => r.label))].sort();
const ys = train.map((r) => labels.indexOf(r.label));
const wv = WordVectors.fromBuffer(readFileSync(vectorsFile));
const vec = Vectorizer.fit(train.map((r) => r.text));
const base = LinearModel.train(train.map((r) => vec.transform(r.text)), ys, labels, vec.size, { epochs: 15, learningRate: 1, l2: 1e-5, averageEpochs: 5 });
const dense = (t: string) => {
  const e = wv.embed(t);
  return { idx: Array.from(e, (_, d) => d), val: Array.from(e, (x) => x * 3) };
};
const pBase = dev.map((r) => softmax(base.scores(vec.transform(r.text))));
for (const [lr, l2] of [[0.3, 1e-5], [1, 1e-6]]) {
  const m = LinearModel.train(train.map((r) => dense(r.text)), ys, labels, wv.dims, { epochs: 30, learningRate: lr, l2, averageEpochs: 10 });
  const pDense = dev.map((r) => softmax(m.scores(dense(r.text))));
  const line = [0, 0.1, 0.2, 0.3, 0.5, 1].map((w) => {
    let ok = 0;
    dev.forEach((r, i) => {
      let best = 0;
      for (let c = 1; c < labels.length; c++) if ((1 - w) * pBase[i][c] + w * pDense[i][c] > (1 - w) * pBase[i][best] + w * pDense[i][best]) best = c;
      if (labels[best] === r.label) ok++;
    });
    return `w ${w}: ${(ok / dev.length).toFixed(4)}`;
  });
  console.log(`dense LR lr ${lr} l2 ${l2}`, line.join('  '));
}
