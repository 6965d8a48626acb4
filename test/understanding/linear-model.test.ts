/**
 * Training options of the linear model: averaging the SGD weights of the last epochs (what the
 * intent classifier does by default, docs/quality.md).
 */
import { LinearModel } from '../../src/understanding/linear-model';
import type { SparseVector } from '../../src/understanding/vectorizer';

// Feature 0 is in every example; feature 1 only in class 0, feature 2 only in class 1.
const xs: SparseVector[] = [
  ...Array.from({ length: 10 }, () => ({ idx: [0, 1], val: [0.6, 0.8] })),
  ...Array.from({ length: 10 }, () => ({ idx: [0, 2], val: [0.6, 0.8] })),
];
const ys = [...new Array(10).fill(0), ...new Array(10).fill(1)];

describe('LinearModel training options', () => {
  const train = (extra: object) => LinearModel.train(xs, ys, ['a', 'b'], 3, { epochs: 6, seed: 3, ...extra });

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
