import { holds } from '../../src/dialogs/conditions';
import type { Condition, Script } from '../../src/dialogs/schema';
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

describe('condition mentions', () => {
  const script = { slots: { description: { from: 'text' }, order_number: { from: 'entity', entity: 'order_number' } } } as unknown as Script;
  function mentions(words: string | string[], text: string, slots: Record<string, string> = {}, value?: string, key: 'mentions' | 'turn_mentions' = 'mentions', restating = false): boolean {
    const turn = { text, value, language: 'en', analysis: { emotion: { label: 'neutral', intensity: 0, valence: 0, cues: [] }, entities: [] } } as unknown as DialogTurn;
    const frame = { slots, facts: {} } as unknown as Frame;
    return holds({ [key]: words }, { turn, frame, script, state: { stack: [frame], counters: {} } as unknown as DialogState, intent: 'affirm', restating });
  }

  it('reads only the frame when its question is restated after another topic took the turn', () => {
    expect(mentions(['refund', '退货'], '你们的退货政策是什么？', {}, undefined, 'mentions', true)).toBe(false);
    expect(mentions(['refund', '退货'], '你们的退货政策是什么？', { description: '我要退货' }, undefined, 'mentions', true)).toBe(true);
    expect(mentions('refund', 'what is your refund policy?', {}, undefined, 'turn_mentions', true)).toBe(false);
    expect(mentions(['refund', '退货'], '你们的退货政策是什么？')).toBe(true);
  });

  it('turn_mentions reads only the turn itself, never the story or a button value', () => {
    expect(mentions(['exchange', '换货'], 'can I exchange it instead?', {}, undefined, 'turn_mentions')).toBe(true);
    expect(mentions(['exchange', '换货'], '能换货吗', {}, undefined, 'turn_mentions')).toBe(true);
    expect(mentions('exchange', 'how long?', { description: 'I want an exchange' }, undefined, 'turn_mentions')).toBe(false);
    expect(mentions('exchange', 'exchange', {}, 'exchange', 'turn_mentions')).toBe(false);
  });

  it('finds a word of the list in the turn or in a free-text slot of the frame', () => {
    expect(mentions(['refund', '退款'], 'yes', { description: 'I returned a jacket and still no refund' })).toBe(true);
    expect(mentions(['refund', '退款'], '退款三周了还没到')).toBe(true);
    expect(mentions('refund', 'They REFUNDED the wrong card')).toBe(true);
    expect(mentions('money back', 'I want my money back')).toBe(true);
  });

  it('matches Latin words from a word start only, and ignores entity slots and button values', () => {
    expect(mentions('fund', 'where is my refund')).toBe(false);
    expect(mentions('refund', 'yes', { order_number: 'refund' })).toBe(false);
    expect(mentions('refund', 'refund', {}, 'refund')).toBe(false);
    expect(mentions(['refund', '退款'], 'I was charged twice', { description: 'charged twice for order 55120' })).toBe(false);
  });

  it('treats the words literally ("c++", "$5")', () => {
    expect(mentions(['c++'], 'my c++ course')).toBe(true);
    expect(mentions(['$5'], 'a $5 fee')).toBe(true);
    expect(mentions(['a.b'], 'axb')).toBe(false);
  });
});

describe('condition turn_emotion', () => {
  it('reads this turn\'s emotion, not the strongest of the frame', () => {
    const turn = { text: 'how long will it take?', language: 'en', analysis: { emotion: { label: 'neutral', intensity: 0, valence: 0, cues: [] }, entities: [] } } as unknown as DialogTurn;
    const frame = { slots: {}, facts: {}, peak: { label: 'anger', intensity: 0.8 } } as unknown as Frame;
    const ctx = { turn, frame, state: { stack: [frame], counters: {} } as unknown as DialogState, intent: 'complaint' };
    expect(holds({ turn_emotion: ['neutral', 'confusion'] }, ctx)).toBe(true);
    expect(holds({ emotion: ['neutral', 'confusion'] }, ctx)).toBe(false);
    expect(holds({ turn_emotion: 'anger' }, ctx)).toBe(false);
  });
});

describe('condition not', () => {
  const script = { slots: { description: { from: 'text' } } } as unknown as Script;
  function when(c: Condition, description: string, intent = 'affirm'): boolean {
    const turn = { text: 'yes', language: 'en', analysis: { emotion: { label: 'neutral', intensity: 0, valence: 0, cues: [] }, entities: [] } } as unknown as DialogTurn;
    const frame = { slots: { description }, facts: {} } as unknown as Frame;
    return holds(c, { turn, frame, script, state: { stack: [frame], counters: {} } as unknown as DialogState, intent });
  }
  const exchangeOnly: Condition = { mentions: ['replacement', '换新'], not: { mentions: ['refund', '退款'] } };

  it('holds when its own tests do not all hold, together with the tests beside it', () => {
    expect(when(exchangeOnly, 'the lid is cracked, please send a replacement')).toBe(true);
    expect(when(exchangeOnly, 'the lid is cracked, a replacement or a refund is fine')).toBe(false);
    expect(when(exchangeOnly, 'the lid is cracked')).toBe(false);
    expect(when({ not: { mentions: 'refund', intent: 'deny' } }, 'I want a refund', 'affirm')).toBe(true);
    expect(when({ not: { mentions: 'refund', intent: 'deny' } }, 'I want a refund', 'deny')).toBe(false);
  });
});

describe('condition declines', () => {
  const script = { slots: { description: { from: 'text' }, order_number: { from: 'entity', entity: 'order_number' } } } as unknown as Script;
  function declines(slot: string, text: string, value?: string): boolean {
    const turn = { text, value, language: 'en', analysis: { emotion: { label: 'neutral', intensity: 0, valence: 0, cues: [] }, entities: [] } } as unknown as DialogTurn;
    const frame = { slots: {}, facts: {} } as unknown as Frame;
    return holds({ declines: slot }, { turn, frame, script, state: { stack: [frame], counters: {} } as unknown as DialogState, intent: 'deny' });
  }

  it('holds when the typed turn says there is no order number', () => {
    expect(declines('order_number', "I don't have an order number, it's my account")).toBe(true);
    expect(declines('order_number', '我没有订单号，是账号的问题')).toBe(true);
    expect(declines('order_number', 'no, the order number is 12345')).toBe(false);
    expect(declines('order_number', 'no order number', 'no')).toBe(false);
    // Only entity slots with words for "none" (order numbers).
    expect(declines('description', "I don't have an order number")).toBe(false);
  });
});

describe('condition turn_intensity_below', () => {
  it('reads the intensity of this turn, not of the story', () => {
    const turn = { text: 'x', language: 'en', analysis: { emotion: { label: 'anger', intensity: 0.35, valence: -0.3, cues: [] }, entities: [] } } as unknown as DialogTurn;
    const frame = { slots: {}, facts: {}, peak: { label: 'anger', intensity: 0.9 } } as unknown as Frame;
    const ctx = { turn, frame, state: { stack: [frame], counters: {} } as unknown as DialogState, intent: 'complaint' };
    expect(holds({ turn_intensity_below: 0.5 }, ctx)).toBe(true);
    expect(holds({ turn_intensity_below: 0.3 }, ctx)).toBe(false);
  });
});
