/**
 * Sweeps the out-of-scope threshold of the intent model on a train/dev pair whose dev file
 * has `oos` rows (CLINC150 val): prints in-scope accuracy and oos recall per threshold.
 *
 *   npx tsx bench/sweep-oos.ts data/eval/clinc150-train.csv data/eval/clinc150-dev.csv
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { IntentClassifier } from '../src/understanding/intent-classifier';

const [trainFile, devFile, optionsJson] = process.argv.slice(2);
const clf = IntentClassifier.train(readLabelledCsv(trainFile), { calibrationFolds: 0, ...(JSON.parse(optionsJson ?? '{}') as object) });
const dev = readLabelledCsv(devFile).map((r) => ({ label: r.label, top: clf.top(r.text, 1)[0] }));
for (const threshold of [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
  let ins = 0, insHit = 0, oos = 0, oosHit = 0;
  for (const { label, top } of dev) {
    const predicted = top.name === 'oos' || top.confidence < threshold ? 'oos' : top.name;
    if (label === 'oos') [oos, oosHit] = [oos + 1, oosHit + (predicted === 'oos' ? 1 : 0)];
    else [ins, insHit] = [ins + 1, insHit + (predicted === label ? 1 : 0)];
  }
  console.log(`threshold ${threshold.toFixed(2)} in-scope ${(insHit / ins).toFixed(4)} oos-recall ${(oosHit / oos).toFixed(4)}`);
}
