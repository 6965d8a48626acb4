/**
 * Hyper-parameter search for the intent model on a train/dev pair of prepared CSV files
 * (`bench/prepare-data.ts`). Prints dev accuracy and training time per configuration.
 *
 *   npx tsx bench/tune-intents.ts data/eval/banking77-train.csv data/eval/banking77-dev.csv '<json configs>'
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { IntentClassifier, type IntentClassifierOptions } from '../src/understanding/intent-classifier';

const [trainFile, devFile, configsJson] = process.argv.slice(2);
const train = readLabelledCsv(trainFile);
const dev = readLabelledCsv(devFile);
const configs = JSON.parse(configsJson ?? '[{}]') as IntentClassifierOptions[];
for (const cfg of configs) {
  const t0 = Date.now();
  const clf = IntentClassifier.train(train, { calibrationFolds: 0, ...cfg });
  const trainMs = Date.now() - t0;
  let correct = 0;
  for (const r of dev) if (clf.rank(r.text)[0].name === r.label) correct++;
  console.log(JSON.stringify(cfg), 'acc', (correct / dev.length).toFixed(4), 'trainMs', trainMs);
}
