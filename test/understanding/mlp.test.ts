import { IntentClassifier, type LabelledText } from '../../src/understanding/intent-classifier';
import { LinearModel } from '../../src/understanding/linear-model';
import { MlpModel } from '../../src/understanding/mlp';
import { trainMlpInWorker, trainMlpMember } from '../../src/understanding/parallel-training';
import { Vectorizer } from '../../src/understanding/vectorizer';
import { CARE_INTENTS, rows } from './intent-fixtures';

const DATA: LabelledText[] = [
  ...CARE_INTENTS,
  ...rows('greet', ['hello there', 'hi', 'good morning', 'hey', 'hello', 'hi team', '你好', '早上好']),
  ...rows('bye', ['bye', 'goodbye', 'see you', 'thanks bye', 'talk later', 'cheers bye', '再见', '拜拜']),
];
const labels = [...new Set(DATA.map((r) => r.label))].sort();

describe('one-hidden-layer network (mlp.ts)', () => {
  const vec = Vectorizer.fit(DATA.map((r) => r.text));
  const xs = DATA.map((r) => vec.transform(r.text));
  const ys = DATA.map((r) => labels.indexOf(r.label));

  it('learns a small problem in both languages, deterministically, with any hidden size', () => {
    for (const hidden of [16, 6]) {
      const a = MlpModel.train(xs, ys, labels, vec.size, { hidden, epochs: 30 });
      const b = MlpModel.train(xs, ys, labels, vec.size, { hidden, epochs: 30 });
      expect(Array.from(a.scores(xs[0]))).toEqual(Array.from(b.scores(xs[0])));
      const correct = DATA.filter((r, i) => labels[argmax(a.scores(xs[i]))] === r.label).length;
      expect(correct).toBeGreaterThanOrEqual(DATA.length - 1);
      for (const [text, label] of [['refund please', 'refund'], ['where is my order', 'track'], ['包裹到哪了', 'track'], ['hello', 'greet']]) {
        expect(labels[argmax(a.scores(vec.transform(text)))]).toBe(label);
      }
    }
  });

  it('moves between threads as plain data and scores the same', () => {
    const m = MlpModel.train(xs, ys, labels, vec.size, { hidden: 8, epochs: 5 });
    m.temperature = 0.7;
    const copy = MlpModel.fromState(structuredClone(m.toState()));
    expect(copy.temperature).toBe(0.7);
    expect(copy.probabilities(xs[3])).toEqual(m.probabilities(xs[3]));
  });

  it('is trained the same in a worker thread as inline', async () => {
    const options = { mlp: { hidden: 8, epochs: 5 } };
    let where = '';
    const inWorker = await trainMlpInWorker(DATA, options, { workers: true, onDone: (w) => (where = w) });
    expect(where).toBe('worker');
    const inline = trainMlpMember({ texts: DATA.map((r) => r.text), labels: DATA.map((r) => r.label), mlp: options.mlp });
    for (const text of ['refund please', '你好', 'track my parcel']) expect(Array.from(inWorker.scores(vec.transform(text)))).toEqual(Array.from(inline.scores(vec.transform(text))));
  });
});

describe('lr+mlp intent classifier', () => {
  it('averages the LR and the network, and survives toState/fromState', () => {
    const options = { calibrationFolds: 0, threshold: 0, algorithm: 'lr+mlp' as const, mlp: { hidden: 16, epochs: 20 } };
    const clf = IntentClassifier.train(DATA, options);
    const lr = IntentClassifier.train(DATA, { calibrationFolds: 0, threshold: 0 });
    const mixed = lr.withSecond(trainMlpMember({ texts: DATA.map((r) => r.text), labels: DATA.map((r) => r.label), mlp: options.mlp }), 0.5);
    const again = IntentClassifier.fromState(structuredClone(clf.toState()));
    for (const text of ['refund please', 'where is my order', '卡被锁了', 'see you']) {
      expect(clf.classify(text)).toEqual(mixed.classify(text));
      expect(again.classify(text)).toEqual(clf.classify(text));
    }
    expect(clf.classify('where is my order').name).toBe('track');
  });

  it('refuses a second model trained on other features', () => {
    const lr = IntentClassifier.train(DATA, { calibrationFolds: 0 });
    const other = trainMlpMember({ texts: DATA.slice(0, 20).map((r) => r.text), labels: DATA.slice(0, 20).map((r) => r.label), mlp: { hidden: 4, epochs: 1 } });
    expect(() => lr.withSecond(other)).toThrow(/other features or labels/);
  });
});

describe('LinearModel.scores', () => {
  it('equals the plain sum for any number of classes (the loop is unrolled by 4)', () => {
    for (const k of [1, 3, 4, 5, 9]) {
      const dim = 7;
      const weights = Float32Array.from({ length: dim * k }, (_, i) => Math.sin(i + 1));
      const bias = Float32Array.from({ length: k }, (_, c) => c / 10);
      const model = new LinearModel(Array.from({ length: k }, (_, c) => `c${c}`), dim, weights, bias);
      const x = { idx: [0, 3, 6], val: [0.5, -1.25, 2] };
      const expected = Array.from({ length: k }, (_, c) => x.idx.reduce((s, f, j) => s + weights[f * k + c] * x.val[j], bias[c]));
      Array.from(model.scores(x)).forEach((s, c) => expect(s).toBeCloseTo(expected[c], 12));
    }
  });
});

function argmax(s: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
  return best;
}
