/**
 * 5-fold cross-validation of the intent classifier on the bot's own intents (`intents/*.yaml`,
 * with its `oos` class and 0.35 threshold, as the bot trains it), one line per fit variant:
 * accuracy, in-scope accuracy and out-of-scope recall.
 *
 *   npx tsx bench/cv-own-intents.ts '[{},{"dense":{"scale":1}}]' [seed]
 */
import { join } from 'node:path';
import { trainingExamples } from '../src/understanding';
import { IntentClassifier, type LabelledText } from '../src/understanding/intent-classifier';
import { loadIntentFiles } from '../src/understanding/intents-file';
import type { FitOptions } from '../src/understanding/vectorizer';

const { intents } = loadIntentFiles(join(__dirname, '../intents'));
const all = trainingExamples(intents);
const seed = Number(process.argv[3] ?? 42);
const variants = JSON.parse(process.argv[2] ?? '[{}]') as Record<string, unknown>[];
for (const variant of variants) {
  const fit = variant as FitOptions;
  const hits = { all: 0, ins: 0, insN: 0, oos: 0, oosN: 0 };
  for (let f = 0; f < 5; f++) {
    const train: LabelledText[] = [];
    const test: LabelledText[] = [];
    all.forEach((e, i) => (i % 5 === f ? test : train).push(e));
    const clf = IntentClassifier.train(train, { outOfScopeLabel: 'oos', fit, train: { seed } });
    for (const e of test) {
      const r = clf.classify(e.text);
      const oos = e.label === 'oos';
      const hit = oos ? r.outOfScope : r.name === e.label;
      hits.all += Number(hit);
      if (oos) [hits.oos, hits.oosN] = [hits.oos + Number(hit), hits.oosN + 1];
      else [hits.ins, hits.insN] = [hits.ins + Number(hit), hits.insN + 1];
    }
  }
  const f4 = (x: number) => x.toFixed(4);
  console.log(JSON.stringify(variant), 'seed', seed, 'accuracy', f4(hits.all / all.length), 'in-scope', f4(hits.ins / hits.insN), 'oos recall', f4(hits.oos / hits.oosN), `(${all.length} examples)`);
}
