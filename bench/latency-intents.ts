/**
 * Prediction latency of the LR + SVM ensemble against its own LR alone, in the same process and
 * interleaved rounds (so a shared machine's load hits both alike). Prints p50 / p99 per round.
 *
 *   npx tsx bench/latency-intents.ts data/eval/clinc150-train.csv data/eval/clinc150-dev.csv
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { percentile, timedPredictions } from '../src/cli/eval-metrics';
import { IntentClassifier } from '../src/understanding/intent-classifier';

const [trainFile, devFile] = process.argv.slice(2);
const texts = readLabelledCsv(devFile).map((r) => r.text);
const ensemble = IntentClassifier.train(readLabelledCsv(trainFile), { calibrationFolds: 0, algorithm: 'lr+svm', svm: { c: 1 }, threshold: 0.35 });
ensemble.setTemperatures([0.813, 0.214]);
const { second: _, ...lrState } = ensemble.toState();
const lr = IntentClassifier.fromState(lrState);
for (let round = 0; round < 3; round++) {
  for (const [name, clf] of [['LR', lr], ['LR+SVM', ensemble]] as const) {
    const { micros } = timedPredictions(texts, (t) => clf.classify(t));
    console.log(`round ${round} ${name.padEnd(6)} p50 ${percentile(micros, 50).toFixed(0)} us p99 ${percentile(micros, 99).toFixed(0)} us`);
  }
}
