/**
 * Options of the linear intent model that the benchmarks measure (docs/quality.md): naive-Bayes
 * feature scales, averaged SGD weights, and the extra n-gram kinds of the feature extractor.
 */
import { LinearModel } from '../../src/understanding/linear-model';
import { nbFeatureScale } from '../../src/understanding/nb-scale';
import { DEFAULT_FEATURES, extractNgrams } from '../../src/understanding/text-features';
import type { SparseVector } from '../../src/understanding/vectorizer';

// Feature 0 is in every example; feature 1 only in class 0, feature 2 only in class 1.
const xs: SparseVector[] = [
  ...Array.from({ length: 10 }, () => ({ idx: [0, 1], val: [0.6, 0.8] })),
  ...Array.from({ length: 10 }, () => ({ idx: [0, 2], val: [0.6, 0.8] })),
];
const ys = [...new Array(10).fill(0), ...new Array(10).fill(1)];

describe('nbFeatureScale', () => {
  it('scales a class-specific feature up and a shared one down, mean 1 over gold pairs', () => {
    const s = nbFeatureScale(xs, ys, 2, 3);
    expect(s[1 * 2 + 0]).toBeGreaterThan(10 * s[0 * 2 + 0]);
    expect(s[2 * 2 + 1]).toBeGreaterThan(10 * s[0 * 2 + 1]);
    const gold = xs.flatMap((x, i) => x.idx.map((f) => s[f * 2 + ys[i]]));
    expect(gold.reduce((a, b) => a + b, 0) / gold.length).toBeCloseTo(1, 2);
  });

  it('gives every class the same scale in pooled mode, and all ones at power 0', () => {
    const pooled = nbFeatureScale(xs, ys, 2, 3, { mode: 'pooled' });
    for (let f = 0; f < 3; f++) expect(pooled[f * 2]).toBe(pooled[f * 2 + 1]);
    expect([...nbFeatureScale(xs, ys, 2, 3, { power: 0 })]).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('LinearModel training options', () => {
  const train = (extra: object) => LinearModel.train(xs, ys, ['a', 'b'], 3, { epochs: 6, seed: 3, ...extra });

  it('folds a feature scale into the weights (scale 1 changes nothing)', () => {
    const plain = train({});
    expect(Array.from(train({ featureScale: new Float32Array(6).fill(1) }).weights)).toEqual(Array.from(plain.weights));
    // Scale 2 everywhere = training on doubled inputs; folded, the model takes the plain input.
    const doubled = xs.map((x) => ({ idx: x.idx, val: x.val.map((v) => 2 * v) }));
    const onDoubled = LinearModel.train(doubled, ys, ['a', 'b'], 3, { epochs: 6, seed: 3 });
    const folded = train({ featureScale: new Float32Array(6).fill(2) });
    const probe = { idx: [0, 1], val: [0.6, 0.8] };
    expect(folded.probabilities(probe)[0]).toBeCloseTo(onDoubled.probabilities(doubled[0])[0], 6);
    expect(folded.probabilities(probe)[0]).not.toBeCloseTo(onDoubled.probabilities(probe)[0], 3);
    const scaled = train({ featureScale: nbFeatureScale(xs, ys, 2, 3) });
    expect(scaled.probabilities({ idx: [1], val: [1] })[0]).toBeGreaterThan(0.9);
    expect(Math.abs(scaled.weights[0] - scaled.weights[1])).toBeLessThan(Math.abs(plain.weights[0] - plain.weights[1]));
  });

  it('averages the weights of the last epochs', () => {
    const last = train({});
    const averaged = train({ averageEpochs: 3 });
    expect(Array.from(train({ averageEpochs: 1 }).weights)).toEqual(Array.from(last.weights));
    expect(Array.from(averaged.weights)).not.toEqual(Array.from(last.weights));
    // SGD weights grow with every epoch here, so their average is smaller than the last ones.
    expect(Math.abs(averaged.weights[1 * 2])).toBeLessThan(Math.abs(last.weights[1 * 2]));
    expect(averaged.probabilities({ idx: [2], val: [1] })[1]).toBeGreaterThan(0.9);
  });
});

describe('extra n-gram kinds', () => {
  const keys = (options: object) => [...extractNgrams("I'm transferring money?", { ...DEFAULT_FEATURES, ...options }).keys()];

  it('adds none by default', () => {
    expect(keys({}).filter((k) => /^[sxk]:/.test(k))).toEqual([]);
  });

  it('adds Porter-stemmed word n-grams', () => {
    expect(keys({ stemNgrams: [1, 2] })).toEqual(expect.arrayContaining(['s:transfer', 's:transfer monei']));
  });

  it('adds character n-grams only where they cross a word boundary', () => {
    const cross = keys({ crossChar: [3, 4] }).filter((k) => k.startsWith('x:'));
    expect(cross).toEqual(expect.arrayContaining(['x:m t', 'x:g mo']));
    expect(cross.every((k) => k.slice(2).trim().includes(' '))).toBe(true);
  });

  it('adds skip-bigrams', () => {
    expect(keys({ skipBigrams: true })).toEqual(expect.arrayContaining(["k:i'm _ money", 'k:transferring _ ?']));
  });
});
