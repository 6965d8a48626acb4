/**
 * LR (as `concord eval` trains it, with the word vectors) mixed with the SVM over the same
 * features (shrinking solver), on one train/dev pair, best label, no threshold. Prints dev
 * accuracy over a grid of LR weights and temperatures: comparison only, it chooses nothing.
 *
 *   npx tsx bench/svm-mix.ts data/eval/banking77-train.csv data/eval/banking77-dev.csv
 */
import { LinearModel, softmax } from '../src/understanding/linear-model';
import { trainSvm } from '../src/understanding/svm';
import { loadIntentSplit } from './intent-split';

const [trainFile, devFile] = process.argv.slice(2);
const { dev, labels, ys, vec, xs, devXs } = loadIntentSplit(trainFile, devFile);
const lr = LinearModel.train(xs, ys, labels, vec.size, { epochs: 15, learningRate: 1, l2: 1e-5, averageEpochs: 5 });
const svm = trainSvm(xs, ys, labels, vec.size, { c: 1, shrinking: true, epochs: 1000 });
const sLr = devXs.map((x) => lr.scores(x));
const sSvm = devXs.map((x) => svm.scores(x));
for (const [tl, ts] of [[1, 1], [1, 0.3], [0.5, 0.15], [1, 0.15], [0.5, 0.3]]) {
  const pl = sLr.map((s) => softmax(s, tl));
  const ps = sSvm.map((s) => softmax(s, ts));
  const line = [1, 0.75, 0.5, 0.25, 0].map((w) => {
    let ok = 0;
    dev.forEach((r, i) => {
      let best = 0;
      let bestP = -1;
      for (let c = 0; c < labels.length; c++) {
        const p = w * pl[i][c] + (1 - w) * ps[i][c];
        if (p > bestP) [best, bestP] = [c, p];
      }
      if (labels[best] === r.label) ok++;
    });
    return `w ${w}: ${(ok / dev.length).toFixed(4)}`;
  });
  console.log(`T ${tl}/${ts}`, line.join('  '));
}
