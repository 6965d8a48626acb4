/**
 * Remembers the analysis of the quick replies the bot itself offers ("Yes, that's right",
 * "5 😊", their values): a button press is the same text every time, so its n-gram models,
 * cue rules and entities need to run once per language context, not once per press. Only these
 * script-defined texts are cached (never free customer text, which may hold personal data), and
 * only when the analysis holds no entity (a relative date would depend on the turn's time).
 */
import type { AnalyzeContext, TurnAnalysis, Understanding } from './types';

/** Wraps `understanding` so that the exact `texts` are analysed once per previous language and care context. */
export function cacheQuickReplies(understanding: Understanding, texts: Iterable<string>): Understanding {
  const known = new Set(texts);
  const cache = new Map<string, TurnAnalysis | null>();
  return {
    intents: () => understanding.intents(),
    analyze(text: string, context: AnalyzeContext = {}): TurnAnalysis {
      if (!known.has(text)) return understanding.analyze(text, context);
      const key = `${context.previousLanguage ?? ''}\u0000${context.careContext ? 1 : 0}\u0000${text}`;
      const hit = cache.get(key);
      if (hit) return copyOf(hit);
      const analysis = understanding.analyze(text, context);
      if (hit === undefined) cache.set(key, analysis.entities.length === 0 ? copyOf(analysis) : null);
      return analysis;
    },
  };
}

/** A copy the turn may change without touching the cached one. */
function copyOf(a: TurnAnalysis): TurnAnalysis {
  return {
    ...a,
    intent: { ...a.intent, ranking: a.intent.ranking.map((r) => ({ ...r })) },
    entities: [],
    emotion: { ...a.emotion, cues: a.emotion.cues.map((c) => ({ ...c })) },
  };
}
