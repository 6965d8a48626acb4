import { holds } from '../../src/dialogs/conditions';
import type { Condition } from '../../src/dialogs/schema';
import type { DialogState, Frame } from '../../src/dialogs/state';
import type { DialogTurn } from '../../src/dialogs/turn';
import type { EmotionCue, EmotionLabel } from '../../src/understanding/types';

function check(c: Condition, label: EmotionLabel, cues: EmotionCue[]): boolean {
  const turn = { text: 'x', language: 'en', analysis: { emotion: { label, intensity: 0.7, valence: -0.5, cues }, entities: [] } } as unknown as DialogTurn;
  const frame = { slots: {}, facts: {} } as unknown as Frame;
  return holds(c, { turn, frame, state: { stack: [frame], counters: {} } as unknown as DialogState, intent: 'bot_identity' });
}

const model = (label: EmotionLabel): EmotionCue => ({ kind: 'model', text: `${label} p=0.88`, label, weight: 0.88 });

describe('condition emotion_cue', () => {
  it('holds when a cue of a listed kind backs the emotion', () => {
    expect(check({ emotion_cue: ['lexicon', 'profanity'] }, 'anger', [{ kind: 'lexicon', text: 'useless', label: 'anger', weight: 0.9 }, model('anger')])).toBe(true);
    expect(check({ emotion_cue: 'profanity' }, 'anger', [{ kind: 'profanity', text: 'wtf', weight: 1 }, model('anger')])).toBe(true);
  });

  it('does not hold on the model alone ("你是真人吗？" read as anger)', () => {
    expect(check({ emotion_cue: ['lexicon', 'profanity'] }, 'anger', [model('anger')])).toBe(false);
  });

  it('does not count an emotion word of another feeling', () => {
    expect(check({ emotion_cue: 'lexicon' }, 'anger', [{ kind: 'lexicon', text: 'thank you', label: 'satisfaction', weight: 0.8 }, model('anger')])).toBe(false);
  });

  it('does not hold for a cue of a kind not listed', () => {
    expect(check({ emotion_cue: 'lexicon' }, 'anger', [{ kind: 'punctuation', text: '!!!', weight: 0.5 }])).toBe(false);
  });
});
