import { computeTrajectory } from '../../src/understanding/trajectory';
import type { EmotionLabel, EmotionPoint } from '../../src/understanding/types';

const points = (...items: [EmotionLabel, number][]): EmotionPoint[] =>
  items.map(([label, intensity], seq) => ({ seq, label, intensity, valence: label === 'satisfaction' ? intensity : -intensity, at: seq * 1000 }));

describe('computeTrajectory', () => {
  it('is steady with no or one point', () => {
    expect(computeTrajectory([])).toMatchObject({ direction: 'steady', peak: 0, angerStreak: 0 });
    expect(computeTrajectory(points(['anger', 0.8]))).toMatchObject({ direction: 'steady', peak: 0.8, angerStreak: 1 });
  });

  it('rises when the customer gets more upset', () => {
    const t = computeTrajectory(points(['neutral', 0], ['anxiety', 0.4], ['anger', 0.9]));
    expect(t).toMatchObject({ direction: 'rising', peak: 0.9, angerStreak: 1 });
  });

  it('falls when the customer calms down, and counts the anger streak', () => {
    expect(computeTrajectory(points(['anger', 0.9], ['anger', 0.8], ['satisfaction', 0.6])).direction).toBe('falling');
    expect(computeTrajectory(points(['sadness', 0.5], ['anger', 0.6], ['anger', 0.7])).angerStreak).toBe(2);
  });

  it('is steady for small changes', () => {
    expect(computeTrajectory(points(['anger', 0.6], ['anger', 0.65], ['anger', 0.62])).direction).toBe('steady');
  });
});
