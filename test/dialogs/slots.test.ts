import { fillSlot } from '../../src/dialogs/slots';
import type { SlotSpec } from '../../src/dialogs/schema';
import type { Frame } from '../../src/dialogs/state';
import type { DialogTurn } from '../../src/dialogs/turn';

const DESCRIPTION = { from: 'text', min_length: { en: 4, zh: 6 } } as SlotSpec;
const fact = { kind: 'lexicon', text: 'x', label: 'sadness', weight: 0.6, fact: true } as const;

function story(text: string, language: 'en' | 'zh' = 'en', facts = false): string | undefined {
  const turn = { text, analysis: { language, category: 'other', entities: [], emotion: { label: 'neutral', intensity: 0, valence: 0, cues: facts ? [fact] : [] } } } as unknown as DialogTurn;
  const frame = { slots: {}, skipped: [], prompts: {}, facts: {} } as unknown as Frame;
  fillSlot(frame, 'description', DESCRIPTION, turn);
  return frame.slots.description;
}

describe('the description slot', () => {
  it('is not filled by a request to complain, however long', () => {
    for (const text of ['I want to make a complaint', "I'd like to file a formal complaint", 'Hi, I have a problem with my order', 'I need to report an issue please', 'complaint', 'I want to return this item', 'how do I return my order?', "I'd like to send it back"]) {
      expect(story(text)).toBeUndefined();
    }
    for (const text of ['我要投诉', '你好，我想投诉一下', '我要反映个问题', '我想退货', '申请退货退款', '怎么退货', '这个能退吗']) expect(story(text, 'zh')).toBeUndefined();
    // A return with its reason is a story.
    expect(story('the shoes are too small, I want to return them')).toBe('the shoes are too small, I want to return them');
  });

  it('is not filled by an outburst that says nothing of what happened', () => {
    for (const text of ['are you kidding me?!', 'You have got to be kidding me', 'Oh come on, this is absolutely ridiculous!!', 'is this a joke?', 'seriously???']) expect(story(text)).toBeUndefined();
    for (const text of ['你们在开玩笑吗', '你们是在开玩笑吧？', '开什么玩笑！', '真是太过分了！！', '无语']) expect(story(text, 'zh')).toBeUndefined();
    // With what happened, it is a story.
    expect(story('are you kidding me, the parcel came empty')).toBe('are you kidding me, the parcel came empty');
    expect(story('太过分了，快递员把包裹扔在门口', 'zh')).toBe('太过分了，快递员把包裹扔在门口');
  });

  it('takes a short turn that states a problem, and a long enough one', () => {
    expect(story('it never arrived', 'en', true)).toBe('it never arrived');
    expect(story('屏幕碎了', 'zh', true)).toBe('屏幕碎了');
    expect(story('it never arrived')).toBeUndefined();
    expect(story('the courier left my parcel in the rain')).toBe('the courier left my parcel in the rain');
    expect(story('I want to make a complaint: the box was empty')).toBe('I want to make a complaint: the box was empty');
  });
});
