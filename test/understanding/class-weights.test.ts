/**
 * Class-weighted training of the linear model (used by the shipped English emotion model):
 * inverse-frequency weights, and their effect on a class the data under-represents.
 */
import { LinearModel, balancedClassWeights } from '../../src/understanding/linear-model';
import type { SparseVector } from '../../src/understanding/vectorizer';

describe('balancedClassWeights', () => {
  it('weighs rare classes up, with a mean of 1 over the examples', () => {
    const ys = [0, 0, 0, 1];
    const w = balancedClassWeights(ys, 2);
    expect(w[1] / w[0]).toBeCloseTo(3);
    expect(ys.reduce((s, y) => s + w[y], 0) / ys.length).toBeCloseTo(1);
    const half = balancedClassWeights(ys, 2, 0.5);
    expect(half[1] / half[0]).toBeCloseTo(Math.sqrt(3));
  });
});

describe('weighted training', () => {
  // Feature 0 is shared by both classes; feature 1 marks class 0, feature 2 class 1.
  const shared = (extra: number): SparseVector => ({ idx: [0, extra], val: [0.9, 0.44] });
  const xs = [...Array.from({ length: 45 }, () => shared(1)), ...Array.from({ length: 5 }, () => shared(2))];
  const ys = [...new Array(45).fill(0), ...new Array(5).fill(1)];
  const ambiguous: SparseVector = { idx: [0], val: [1] };

  it('moves an ambiguous input towards the rare class', () => {
    const plain = LinearModel.train(xs, ys, ['common', 'rare'], 3, { epochs: 20, seed: 1 });
    const weighted = LinearModel.train(xs, ys, ['common', 'rare'], 3, { epochs: 20, seed: 1, classWeights: balancedClassWeights(ys, 2) });
    expect(plain.probabilities(ambiguous)[1]).toBeLessThan(0.3);
    expect(weighted.probabilities(ambiguous)[1]).toBeGreaterThan(plain.probabilities(ambiguous)[1] + 0.2);
  });
});
