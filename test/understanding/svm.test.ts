import { IntentClassifier, type LabelledText } from '../../src/understanding/intent-classifier';
import { crossValidatedCalibration, crossValidatedThreshold, oosTradeOff } from '../../src/understanding/oos-threshold';
import { crossValidatedCalibrationInWorkers } from '../../src/understanding/parallel-training';
import { CARE_INTENTS, rows } from './intent-fixtures';

const DATA: LabelledText[] = [
  ...CARE_INTENTS,
  ...rows('oos', ['what is the weather', 'tell me a joke', 'who won the game', 'play some music', 'how tall is everest', 'recipe for pancakes', '讲个笑话', '今天天气怎么样']),
];

describe('one-vs-rest SVM intent model', () => {
  it('learns a small problem in both languages, deterministically', () => {
    const a = IntentClassifier.train(DATA, { algorithm: 'svm', calibrationFolds: 0, threshold: 0 });
    const b = IntentClassifier.train(DATA, { algorithm: 'svm', calibrationFolds: 0, threshold: 0 });
    for (const [text, label] of [['refund please', 'refund'], ['where is my order', 'track'], ['my card got declined', 'card'], ['我的包裹到哪了', 'track']]) {
      expect(a.classify(text).name).toBe(label);
    }
    expect(Array.from(a.scores('refund please'))).toEqual(Array.from(b.scores('refund please')));
  });
});

describe('SVM solver with shrinking', () => {
  it('reaches the optimum of the plain dual coordinate descent', () => {
    const many = [...DATA, ...DATA.map((r) => ({ text: `${r.text} now`, label: r.label })), ...DATA.map((r) => ({ text: `please ${r.text}`, label: r.label }))];
    const plain = IntentClassifier.train(many, { algorithm: 'svm', calibrationFolds: 0, threshold: 0, svm: { c: 1, epochs: 2000 } });
    const shrunk = IntentClassifier.train(many, { algorithm: 'svm', calibrationFolds: 0, threshold: 0, svm: { c: 1, epochs: 2000, shrinking: true, tolerance: 1e-4 } });
    const a = plain.toState().model.weights;
    const b = shrunk.toState().model.weights;
    let diff = 0;
    let norm = 0;
    a.forEach((w, i) => { diff = Math.max(diff, Math.abs(w - b[i])); norm = Math.max(norm, Math.abs(w)); });
    expect(norm).toBeGreaterThan(0.1);
    expect(diff / norm).toBeLessThan(0.01);
    for (const text of ['refund please', 'where is my order', 'my card got declined', '我的包裹到哪了', 'tell me a joke']) {
      expect(shrunk.classify(text).name).toBe(plain.classify(text).name);
    }
  });
});

describe('crossValidatedThreshold', () => {
  it('measures the in-scope / oos trade-off of out-of-fold outcomes', () => {
    const outcomes = [
      { gold: 'a', best: 'a', confidence: 0.9 }, { gold: 'a', best: 'b', confidence: 0.3 },
      { gold: 'oos', best: 'a', confidence: 0.2 }, { gold: 'oos', best: 'oos', confidence: 0.8 },
    ];
    expect(oosTradeOff(outcomes, 0)).toEqual({ inScope: 0.5, oosRecall: 0.5 });
    expect(oosTradeOff(outcomes, 0.25)).toEqual({ inScope: 0.5, oosRecall: 1 });
  });

  it('chooses a threshold from the training data alone', () => {
    const t = crossValidatedThreshold(DATA, { outOfScopeLabel: 'oos' }, { folds: 2, targetOosRecall: 0.5 });
    expect(t).toBeGreaterThanOrEqual(0);
    expect(t).toBeLessThanOrEqual(0.9);
  });
});

describe('cross-validation in worker threads', () => {
  it('chooses exactly what the sequential cross-validation chooses', async () => {
    const options = { outOfScopeLabel: 'oos', algorithm: 'lr+svm' as const, svm: { c: 1, shrinking: true, epochs: 1000 } };
    const search = { folds: 2, targetOosRecall: 0.5, lrWeights: [0.25, 0.75], temperatureScales: [1, 2] };
    const sequential = crossValidatedCalibration(DATA, options, search);
    let where: string[] = [];
    expect(await crossValidatedCalibrationInWorkers(DATA, options, search, { workers: true, onFolds: (w) => (where = w) })).toEqual(sequential);
    expect(where).toEqual(['worker', 'worker']);
    expect(await crossValidatedCalibrationInWorkers(DATA, options, search, { workers: false })).toEqual(sequential);
  });

  it('applies a later choice to a trained classifier without retraining it', () => {
    const options = { outOfScopeLabel: 'oos', algorithm: 'lr+svm' as const, calibrationFolds: 0 };
    const direct = IntentClassifier.train(DATA, { ...options, threshold: 0.4, lrWeight: 0.3 });
    const later = IntentClassifier.train(DATA, { ...options, threshold: 0 }).withDecision(0.4, 0.3);
    expect(later.threshold).toBe(0.4);
    for (const text of ['refund please', 'tell me a joke', '我的包裹到哪了']) expect(later.classify(text)).toEqual(direct.classify(text));
  });
});

describe('LR + SVM ensemble (algorithm lr+svm)', () => {
  const opts = { calibrationFolds: 0, threshold: 0 };

  it('averages the calibrated probabilities of an LR and an SVM with lrWeight', () => {
    const ens = IntentClassifier.train(DATA, { ...opts, algorithm: 'lr+svm', lrWeight: 0.3 });
    const lr = IntentClassifier.train(DATA, opts);
    const svm = IntentClassifier.train(DATA, { ...opts, algorithm: 'svm' });
    ens.setTemperatures([0.5, 0.2]);
    lr.setTemperature(0.5);
    svm.setTemperature(0.2);
    const text = 'where is my refund';
    const pLr = new Map(lr.rank(text).map((r) => [r.name, r.confidence]));
    const pSvm = new Map(svm.rank(text).map((r) => [r.name, r.confidence]));
    const ranking = ens.rank(text);
    expect(ranking).toHaveLength(4);
    for (const { name, confidence } of ranking) expect(confidence).toBeCloseTo(0.3 * pLr.get(name)! + 0.7 * pSvm.get(name)!, 10);
    expect(ens.rawScores(text)).toHaveLength(2);
    expect(Array.from(ens.rawScores(text)[1])).toEqual(Array.from(svm.scores(text)));
  });

  it('keeps both models, their temperatures and the weight through toState / fromState', () => {
    const ens = IntentClassifier.train(DATA, { ...opts, algorithm: 'lr+svm', lrWeight: 0.7, threshold: 0.4 });
    ens.setTemperatures([0.8, 0.15]);
    const copy = IntentClassifier.fromState(JSON.parse(JSON.stringify(ens.toState())) as ReturnType<typeof ens.toState>);
    for (const text of ['refund please', 'tell me a joke', '我的包裹到哪了']) expect(copy.classify(text)).toEqual(ens.classify(text));
    expect(copy.toState().second?.lrWeight).toBe(0.7);
  });

  it('fits both temperatures on folds when calibrationFolds > 1', () => {
    const ens = IntentClassifier.train(DATA, { algorithm: 'lr+svm', calibrationFolds: 2 });
    const [lrT, svmT] = [ens.toState().model.temperature, ens.toState().second!.model.temperature];
    expect(lrT).toBeGreaterThan(0);
    expect(svmT).toBeGreaterThan(0);
    expect(svmT).not.toBe(1);
  });

  it('chooses temperatures, LR weight and threshold from training folds alone', () => {
    const cal = crossValidatedCalibration(DATA, { outOfScopeLabel: 'oos', algorithm: 'lr+svm' }, { folds: 2, targetOosRecall: 0.5, lrWeights: [0.25, 0.75] });
    expect(cal.temperatures).toHaveLength(2);
    expect(cal.temperatures.every((t) => t > 0 && t <= 5)).toBe(true);
    expect([0.25, 0.75]).toContain(cal.lrWeight);
    expect(cal.threshold).toBeGreaterThanOrEqual(0);
    expect(cal.threshold).toBeLessThanOrEqual(0.9);
    expect(cal.outOfFold.oosRecall).toBeGreaterThanOrEqual(0);
    const lrOnly = crossValidatedCalibration(DATA, { outOfScopeLabel: 'oos' }, { folds: 2, targetOosRecall: 0.5 });
    expect(lrOnly.temperatures).toEqual([1]);
    expect(lrOnly.threshold).toBe(crossValidatedThreshold(DATA, { outOfScopeLabel: 'oos' }, { folds: 2, targetOosRecall: 0.5 }));
  });

  it('scales the fitted temperatures by a candidate factor chosen on the folds', () => {
    const options = { outOfScopeLabel: 'oos', algorithm: 'lr+svm' as const };
    const search = { folds: 2, targetOosRecall: 0.5 };
    const fitted = crossValidatedCalibration(DATA, options, search).temperatures;
    const scaled = crossValidatedCalibration(DATA, options, { ...search, temperatureScales: [1, 3], lrWeights: [0.5] }).temperatures;
    const factor = scaled[0] / fitted[0];
    expect([1, 3].some((f) => Math.abs(factor - f) < 1e-9)).toBe(true);
    expect(scaled[1] / fitted[1]).toBeCloseTo(factor, 9);
  });
});
