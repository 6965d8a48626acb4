/**
 * Cost of the word-vector features: CPU time to train the intent LR with and without them, and
 * prediction latency in interleaved rounds in the same process (so a shared machine's load hits
 * both alike). Prints accuracy, training CPU seconds, p50 / p99 per round.
 *
 *   npx tsx bench/cost-dense-intents.ts data/eval/banking77-train.csv data/eval/banking77-dev.csv
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { percentile, timedPredictions } from '../src/cli/eval-metrics';
import { DEFAULT_DENSE, IntentClassifier } from '../src/understanding/intent-classifier';

const [trainFile, devFile] = process.argv.slice(2);
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);
const models = (['n-grams', 'dense'] as const).map((name) => {
  const cpu = process.cpuUsage();
  const clf = IntentClassifier.train(train, { calibrationFolds: 0, threshold: 0, ...(name === 'dense' ? { fit: { dense: DEFAULT_DENSE } } : {}) });
  const { user, system } = process.cpuUsage(cpu);
  const accuracy = dev.filter((r) => clf.classify(r.text).name === r.label).length / dev.length;
  console.log(`${name.padEnd(7)} accuracy ${accuracy.toFixed(4)} train CPU ${((user + system) / 1e6).toFixed(1)} s`);
  return { name, clf };
});
for (let round = 0; round < 3; round++) {
  for (const { name, clf } of models) {
    const { micros } = timedPredictions(dev.map((r) => r.text), (t) => clf.classify(t));
    console.log(`round ${round} ${name.padEnd(7)} p50 ${percentile(micros, 50).toFixed(0)} us p99 ${percentile(micros, 99).toFixed(0)} us`);
  }
}
