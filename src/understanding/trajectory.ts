/**
 * Summarises the emotion of the customer turns so far, for the dialog and handoff rules:
 * is the customer getting more upset (rising), calming down (falling) or steady?
 */
import type { EmotionLabel, EmotionPoint, EmotionTrajectory, TrajectoryDirection } from './types';

/** What counts as negative for a trajectory and a frame's peak: the `NEGATIVE_EMOTIONS` and confusion. */
const NEGATIVE: ReadonlySet<EmotionLabel> = new Set(['anger', 'anxiety', 'sadness', 'confusion']);

/** Signed negativity of one point: its intensity for a negative label (confusion included), 0 otherwise. */
export function negativity(point: Pick<EmotionPoint, 'label' | 'intensity'>): number {
  return NEGATIVE.has(point.label) ? point.intensity : 0;
}

function direction(points: EmotionPoint[], window: number, delta: number): TrajectoryDirection {
  if (points.length < 2) return 'steady';
  const recent = points.slice(-window);
  const last = negativity(recent[recent.length - 1]);
  const earlier = recent.slice(0, -1);
  const before = earlier.reduce((sum, p) => sum + negativity(p), 0) / earlier.length;
  if (last - before >= delta) return 'rising';
  if (before - last >= delta) return 'falling';
  return 'steady';
}

/**
 * Computes the trajectory of `points` (oldest first): direction compares the latest turn's
 * negative intensity with the mean of the previous turns in a window of 3 (a change of 0.15
 * or more counts), `peak` is the highest negative intensity, and `angerStreak` counts the
 * latest consecutive anger turns.
 */
export function computeTrajectory(points: EmotionPoint[]): EmotionTrajectory {
  let peak = 0;
  for (const p of points) peak = Math.max(peak, negativity(p));
  let angerStreak = 0;
  for (let i = points.length - 1; i >= 0 && points[i].label === 'anger'; i--) angerStreak++;
  return { points, direction: direction(points, 3, 0.15), peak, angerStreak };
}
