import { join } from 'node:path';
import { cacheQuickReplies, createUnderstanding } from '../../src/understanding';
import type { AnalyzeContext, TurnAnalysis, Understanding } from '../../src/understanding';

let base: Understanding;
beforeAll(() => {
  base = createUnderstanding({ intentsDir: join(__dirname, '../../intents') });
});

/** Counts the calls that reach the wrapped understanding. */
function counting(u: Understanding): { u: Understanding; calls: () => number } {
  let n = 0;
  return { u: { intents: () => u.intents(), analyze: (t: string, c?: AnalyzeContext) => (n++, u.analyze(t, c)) }, calls: () => n };
}

describe('cacheQuickReplies', () => {
  const labels = ["Yes, that's right", '对，没错', '5 😊', 'yes'];

  it.each(labels)('gives the same analysis for %s as the models, computed once per previous language', (text) => {
    const { u, calls } = counting(base);
    const cached = cacheQuickReplies(u, labels);
    for (const previousLanguage of ['en', 'zh'] as const) {
      const expected = base.analyze(text, { previousLanguage });
      expect(cached.analyze(text, { previousLanguage })).toEqual(expected);
      expect(cached.analyze(text, { previousLanguage })).toEqual(expected);
    }
    expect(calls()).toBe(2);
  });

  it('analyses any other text every time (free customer text is never kept)', () => {
    const { u, calls } = counting(base);
    const cached = cacheQuickReplies(u, labels);
    cached.analyze('my order 12345 arrived broken');
    cached.analyze('my order 12345 arrived broken');
    expect(calls()).toBe(2);
  });

  it('does not cache an analysis with entities (dates depend on the turn time)', () => {
    const { u, calls } = counting(base);
    const cached = cacheQuickReplies(u, ['tomorrow']);
    cached.analyze('tomorrow', { now: Date.UTC(2026, 0, 1) });
    const later: TurnAnalysis = cached.analyze('tomorrow', { now: Date.UTC(2026, 5, 1) });
    expect(calls()).toBe(2);
    expect(later.entities).toEqual(base.analyze('tomorrow', { now: Date.UTC(2026, 5, 1) }).entities);
  });

  it('hands out copies: a turn changing its analysis does not change the next one', () => {
    const cached = cacheQuickReplies(base, labels);
    const first = cached.analyze('yes');
    first.intent.name = 'changed';
    first.emotion.cues.push({ kind: 'lexicon', text: 'x' });
    first.entities.push({ type: 'date', value: 'x', text: 'x', start: 0, end: 1 });
    const second = cached.analyze('yes');
    expect(second).toEqual(base.analyze('yes'));
  });
});
