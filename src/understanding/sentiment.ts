/**
 * Sentiment (negative, neutral, positive) of a customer message. Chinese uses the shipped
 * review model (`models/sentiment-zh.json`, ChnSentiCorp + waimai); English uses the emotion
 * rules, which know complaint facts ("flight delayed 3 hours", "nobody answers") that general
 * sentiment lexicons miss.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { emotionEvidence } from './emotion';
import { MODELS_DIR } from './emotion-model';
import { detectLanguage } from './language';
import { TextModel } from './text-model';

/** A sentiment label. */
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** Sentiment with its score (-1..1). */
export interface SentimentResult {
  label: SentimentLabel;
  score: number;
}

/** Sentiment from the rule evidence alone. */
export function ruleSentiment(text: string): SentimentResult {
  const { scores } = emotionEvidence(text);
  const negative = scores.anger + scores.anxiety + scores.sadness + 0.3 * scores.confusion;
  const positive = scores.satisfaction;
  const score = Math.tanh(positive - negative);
  const label: SentimentLabel = score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral';
  return { label, score: Math.round(score * 1000) / 1000 };
}

/** Returns a sentiment detector for English and Chinese text. */
export function createSentimentDetector(modelsDir = MODELS_DIR): (text: string) => SentimentResult {
  const file = join(modelsDir, 'sentiment-zh.json');
  const zh = existsSync(file) ? TextModel.load(file) : undefined;
  return (text) => {
    if (!zh || detectLanguage(text) !== 'zh') return ruleSentiment(text);
    const p = zh.probabilities(text)[zh.labels.indexOf('positive')];
    const score = 2 * p - 1;
    return { label: score >= 0 ? 'positive' : 'negative', score: Math.round(score * 1000) / 1000 };
  };
}
