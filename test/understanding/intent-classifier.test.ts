import { join } from 'node:path';
import { trainingExamples } from '../../src/understanding';
import { DEFAULT_DENSE, IntentClassifier, type LabelledText } from '../../src/understanding/intent-classifier';
import { loadIntentFiles } from '../../src/understanding/intents-file';
import { seededRandom, shuffled } from '../../src/understanding/rng';
import type { LinearModelState } from '../../src/understanding/linear-model';

const { intents } = loadIntentFiles(join(__dirname, '../../intents'));
const all = trainingExamples(intents);

describe('IntentClassifier', () => {
  // Folds by position (i % 5) put other examples in every fold whenever one example is added, so
  // one 5-fold mean moved between 0.747 and 0.774 on nearly the same files. Over seeded shuffles the
  // files of 2026-12-05's start (64e7488) measure 0.751 (seeds 1-2, this test) and 0.749 (seeds
  // 3-7); with that day's harder examples (a new intent, "no worries", "网站打不开", "说好昨天到的")
  // 0.730 and 0.741. The floor guards against a real loss, not against harder examples.
  it('reaches >= 0.72 accuracy on held-out fifths of the shipped examples (two shuffled 5-fold runs)', () => {
    const accuracies = [1, 2].flatMap((seed) => {
      const order = shuffled(all, seededRandom(seed));
      return [0, 1, 2, 3, 4].map((fold) => {
        const train: LabelledText[] = [];
        const test: LabelledText[] = [];
        order.forEach((e, i) => (i % 5 === fold ? test : train).push(e));
        const clf = IntentClassifier.train(train);
        const correct = test.filter((e) => {
          const r = clf.classify(e.text);
          return (e.label === 'oos' ? r.outOfScope : r.name === e.label);
        }).length;
        return correct / test.length;
      });
    });
    expect(accuracies.reduce((a, b) => a + b) / accuracies.length).toBeGreaterThanOrEqual(0.72);
  });

  it('is deterministic for the same data', () => {
    const a = IntentClassifier.train(all.slice(0, 300)).rank('where is my order');
    const b = IntentClassifier.train(all.slice(0, 300)).rank('where is my order');
    expect(a).toEqual(b);
  });

  it('averages the SGD weights of the last epochs by default (docs/quality.md)', () => {
    const averaged = IntentClassifier.train(all.slice(0, 300), { calibrationFolds: 0 }).scores('where is my order');
    const explicit = IntentClassifier.train(all.slice(0, 300), { calibrationFolds: 0, train: { averageEpochs: 5 } }).scores('where is my order');
    const last = IntentClassifier.train(all.slice(0, 300), { calibrationFolds: 0, train: { averageEpochs: 1 } }).scores('where is my order');
    expect(Array.from(averaged)).toEqual(Array.from(explicit));
    expect(Array.from(averaged)).not.toEqual(Array.from(last));
  });

  it('returns calibrated probabilities that sum to 1, best first', () => {
    const clf = IntentClassifier.train(all);
    const ranking = clf.rank('my parcel is late');
    expect(ranking.reduce((s, r) => s + r.confidence, 0)).toBeCloseTo(1, 5);
    expect(ranking[0].confidence).toBeGreaterThanOrEqual(ranking[1].confidence);
  });

  it('marks low-confidence turns as out of scope', () => {
    const clf = IntentClassifier.train(all, { threshold: 0.999999 });
    expect(clf.classify('my parcel is late, maybe').outOfScope).toBe(true);
  });
});

describe('IntentClassifier with word vectors', () => {
  const train: LabelledText[] = [
    { text: 'I want a refund', label: 'money' }, { text: 'give me my money back', label: 'money' },
    { text: 'where is my parcel', label: 'delivery' }, { text: 'the package has not arrived', label: 'delivery' },
  ];

  it('appends the word-vector embedding with fit.dense, not by default', () => {
    const dense = IntentClassifier.train(train, { calibrationFolds: 0, fit: { dense: DEFAULT_DENSE } }).toState();
    const plain = IntentClassifier.train(train, { calibrationFolds: 0 }).toState();
    expect(dense.vectorizer.dense).toEqual({ ...DEFAULT_DENSE, dims: 100 });
    expect(plain.vectorizer.dense).toBeUndefined();
    expect(dense.model.dim).toBe(plain.model.dim + 100);
  });

  it('leaves the dense block to the LR with svmFeatures: ngrams', () => {
    const options = { calibrationFolds: 0, algorithm: 'lr+svm' as const, fit: { dense: DEFAULT_DENSE } };
    const denseWeights = (state: { dim: number; labels: string[]; weights: number[] }) => state.weights.slice((state.dim - 100) * state.labels.length);
    const nonZero = (ws: number[]) => ws.filter((w) => w !== 0).length;
    const split = IntentClassifier.train(train, { ...options, svmFeatures: 'ngrams' }).toState();
    const both = IntentClassifier.train(train, options).toState();
    const splitSvm = split.second!.model as LinearModelState;
    expect(nonZero(denseWeights(splitSvm))).toBe(0);
    expect(nonZero(denseWeights(split.model))).toBeGreaterThan(0);
    expect(nonZero(denseWeights(both.second!.model as LinearModelState))).toBeGreaterThan(0);
    // The n-gram part of the SVM is the one trained without the dense block at all.
    const plainSvm = IntentClassifier.train(train, { calibrationFolds: 0, algorithm: 'svm' }).toState().model;
    expect(splitSvm.weights.slice(0, plainSvm.weights.length)).toEqual(plainSvm.weights);
  });

  it('moves between threads as plain data and scores the same after', () => {
    const clf = IntentClassifier.train(all.slice(0, 300), { fit: { dense: DEFAULT_DENSE } });
    const copy = IntentClassifier.fromState(structuredClone(clf.toState()));
    expect(copy.rank('where is my order')).toEqual(clf.rank('where is my order'));
  });

  it('generalises to words it never saw in training through their vectors', () => {
    const options = { calibrationFolds: 0, train: { epochs: 30 } };
    const dense = IntentClassifier.train(train, { ...options, fit: { dense: DEFAULT_DENSE } });
    const plain = IntentClassifier.train(train, options);
    const text = 'reimbursement';
    expect(dense.rank(text)[0].name).toBe('money');
    expect(dense.rank(text)[0].confidence).toBeGreaterThan(plain.rank(text).find((r) => r.name === 'money')!.confidence);
  });
});
