/**
 * Compares single intent models with averages of their calibrated probabilities on a
 * train/dev pair of prepared CSV files. Temperatures are fitted on the training data only.
 *
 *   npx tsx bench/ensemble-intents.ts data/eval/banking77-train.csv data/eval/banking77-dev.csv
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { IntentClassifier, type IntentClassifierOptions } from '../src/understanding/intent-classifier';

const [trainFile, devFile] = process.argv.slice(2);
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);
const WORD = { wordNgrams: [1, 2], charMin: 2, charMax: 0, cjkMin: 1, cjkMax: 2 };
const CHAR = { wordNgrams: [1], charMin: 1, charMax: 5, cjkMin: 1, cjkMax: 3 };
const configs: Record<string, IntentClassifierOptions> = {
  lr: {},
  svm: { algorithm: 'svm', svm: { c: 1 } },
  lrWord: { fit: { features: WORD } },
  lrChar: { fit: { features: CHAR } },
};
const probs: Record<string, Map<string, number>[]> = {};
for (const [name, cfg] of Object.entries(configs)) {
  const t0 = Date.now();
  const clf = IntentClassifier.train(train, { calibrationFolds: 0, ...cfg });
  const ms = Date.now() - t0;
  if (cfg.algorithm === 'svm') clf.setTemperature(0.1);
  probs[name] = dev.map((r) => new Map(clf.rank(r.text).map((x) => [x.name, x.confidence])));
  const acc = dev.filter((r, i) => argmax(probs[name][i]) === r.label).length / dev.length;
  console.log(name, 'acc', acc.toFixed(4), 'trainMs', ms);
}
function argmax(m: Map<string, number>): string {
  let best = '';
  let p = -1;
  for (const [k, v] of m) if (v > p) [best, p] = [k, v];
  return best;
}
for (const combo of [['lr', 'svm'], ['lrWord', 'lrChar'], ['lr', 'lrWord', 'lrChar'], ['lr', 'svm', 'lrWord', 'lrChar'], ['svm', 'lrWord', 'lrChar']]) {
  const acc = dev.filter((r, i) => {
    const sum = new Map<string, number>();
    for (const n of combo) for (const [k, v] of probs[n][i]) sum.set(k, (sum.get(k) ?? 0) + v);
    return argmax(sum) === r.label;
  }).length / dev.length;
  console.log(combo.join('+'), 'acc', acc.toFixed(4));
}
