/**
 * One train/dev pair of intent CSVs vectorised as `concord eval intents` does (n-grams plus the
 * word vectors), for the bench scripts that compare models on it.
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { DEFAULT_DENSE } from '../src/understanding/intent-classifier';
import { Vectorizer } from '../src/understanding/vectorizer';

export function loadIntentSplit(trainFile: string, devFile: string) {
  const train = readLabelledCsv(trainFile);
  const dev = readLabelledCsv(devFile);
  const labels = [...new Set(train.map((r) => r.label))].sort();
  const ys = train.map((r) => labels.indexOf(r.label));
  const vec = Vectorizer.fit(train.map((r) => r.text), { dense: DEFAULT_DENSE });
  return { train, dev, labels, ys, vec, xs: train.map((r) => vec.transform(r.text)), devXs: dev.map((r) => vec.transform(r.text)) };
}
