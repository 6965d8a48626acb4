/**
 * The understanding of "no customer words": used when the bot speaks without a customer turn
 * (after an agent hands a conversation back).
 */
import type { Language } from '../engine/messages';
import { computeTrajectory } from './trajectory';
import type { EmotionPoint, EmotionTrajectory, TurnAnalysis } from './types';

export function neutralAnalysis(language: Language): TurnAnalysis {
  return {
    language,
    intent: { name: 'oos', confidence: 0, outOfScope: true, ranking: [] },
    entities: [],
    emotion: { label: 'neutral', intensity: 0, valence: 0, cues: [] },
    category: 'other',
  };
}

/** The conversation's trajectory as it stands, with no new point. */
export function stillTrajectory(points: unknown[]): EmotionTrajectory {
  return computeTrajectory(points as EmotionPoint[]);
}
