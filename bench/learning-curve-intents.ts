/**
 * Learning curve of the intent model: trains on seeded, stratified fractions of the training
 * file and prints dev accuracy (best label, no threshold), to estimate what more training
 * rows (the full train file, for the test split) are worth.
 *
 *   npx tsx bench/learning-curve-intents.ts data/eval/banking77-train.csv data/eval/banking77-dev.csv 0.6 0.8 1
 */
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { IntentClassifier, type IntentClassifierOptions } from '../src/understanding/intent-classifier';
import { seededRandom, shuffled } from '../src/understanding/rng';

const [trainFile, devFile, ...fractionArgs] = process.argv.slice(2);
const options = JSON.parse(process.env.INTENT_OPTIONS ?? '{}') as IntentClassifierOptions;
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);
const byLabel = new Map<string, LabelledRow[]>();
for (const r of train) byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r]);
const random = seededRandom(3);
const shuffledByLabel = [...byLabel.values()].map((rows) => shuffled(rows, random));
for (const fraction of fractionArgs.map(Number)) {
  const rows = shuffledByLabel.flatMap((group) => group.slice(0, Math.round(group.length * fraction)));
  const t0 = Date.now();
  const clf = IntentClassifier.train(rows, { calibrationFolds: 0, ...options });
  const ms = Date.now() - t0;
  const correct = dev.filter((r) => clf.rank(r.text)[0].name === r.label).length;
  console.log(`fraction ${fraction} rows ${rows.length} acc ${(correct / dev.length).toFixed(4)} trainMs ${ms}`);
}
