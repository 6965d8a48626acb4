/**
 * Nearest neighbours on the LR model's own TF-IDF vectors mixed with its probabilities:
 * score(c) = log p(c) + w * (best cosine of a training example of c). Prints accuracy per w on
 * the test file; a sweep for information (choosing w on dev would tune on dev).
 *
 *   npx tsx bench/knn-intents.ts data/eval/banking77-train.csv data/eval/banking77-dev.csv
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { IntentClassifier } from '../src/understanding/intent-classifier';
import { Vectorizer, type SparseVector } from '../src/understanding/vectorizer';

const [trainFile, devFile] = process.argv.slice(2);
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);
const clf = IntentClassifier.train(train, { calibrationFolds: 0 });
const vectorizer = new Vectorizer(clf.toState().vectorizer);
const postings = new Map<number, { row: number; val: number }[]>();
train.forEach((r, row) => {
  const x = vectorizer.transform(r.text);
  for (let j = 0; j < x.idx.length; j++) {
    const list = postings.get(x.idx[j]) ?? [];
    list.push({ row, val: x.val[j] });
    postings.set(x.idx[j], list);
  }
});

/** Best cosine per label (vectors are L2-normalised by the vectorizer; else a dot product). */
function bestSimilarity(x: SparseVector): Map<string, number> {
  const dots = new Float64Array(train.length);
  for (let j = 0; j < x.idx.length; j++) for (const p of postings.get(x.idx[j]) ?? []) dots[p.row] += x.val[j] * p.val;
  const best = new Map<string, number>();
  dots.forEach((d, row) => { const l = train[row].label; if (d > (best.get(l) ?? 0)) best.set(l, d); });
  return best;
}

const rows = dev.map((r) => ({ gold: r.label, rank: clf.rank(r.text), sim: bestSimilarity(vectorizer.transform(r.text)) }));
for (const w of [0, 0.5, 1, 2, 3, 5, 8]) {
  let right = 0;
  for (const r of rows) {
    let best = '';
    let top = -Infinity;
    for (const { name, confidence } of r.rank) {
      const s = Math.log(confidence + 1e-9) + w * (r.sim.get(name) ?? 0);
      if (s > top) [best, top] = [name, s];
    }
    if (best === r.gold) right++;
  }
  console.log(`w ${w}: accuracy ${(right / rows.length).toFixed(4)}`);
}
