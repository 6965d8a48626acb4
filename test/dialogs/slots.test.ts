import { addToStory, appendDetail, bareAnswerOf, declinesSlot, fillSlot } from '../../src/dialogs/slots';
import type { Script } from '../../src/dialogs/schema';
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
    for (const text of ['I want to make a complaint', "I'd like to file a formal complaint", 'Hi, I have a problem with my order', 'I need to report an issue please', 'complaint', 'I want to return this item', 'how do I return my order?', "I'd like to send it back",
      // Asking for help says nothing of what happened either (2026-12-06: "I need help with my order" became the story).
      'I need help with my order', 'can you help me with my order?', 'Hi, I need some help please', "there's a problem with my order", 'something is wrong with my account']) {
      expect(story(text)).toBeUndefined();
    }
    for (const text of ['我要投诉', '你好，我想投诉一下', '我要反映个问题', '我想退货', '申请退货退款', '怎么退货', '这个能退吗']) expect(story(text, 'zh')).toBeUndefined();
    // A return with its reason is a story.
    expect(story('the shoes are too small, I want to return them')).toBe('the shoes are too small, I want to return them');
    expect(story('I need help, my order 12345 arrived broken')).toBe('I need help, my order 12345 arrived broken');
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

  it('is not filled by a turn that only gives the order number', () => {
    for (const text of ['my order number is 990011', 'the order number is #990011', 'order 990011', "it's order no. 990011"]) expect(story(text)).toBeUndefined();
    for (const text of ['订单号是 334455', '我的订单号是334455', '单号 334455']) expect(story(text, 'zh')).toBeUndefined();
    expect(story('order 990011 arrived with a cracked jug')).toBe('order 990011 arrived with a cracked jug');
  });
});

describe('a bare answer for an entity slot', () => {
  const ORDER = { from: 'entity', entity: 'order_number' } as SlotSpec;
  const typed = (text: string) => ({ text, analysis: { entities: [] } }) as unknown as DialogTurn;
  it('takes the words that introduce an order number', () => {
    for (const [text, value] of [['990011', '990011'], ['my order number is 990011', '990011'], ['order #ab-12345', 'AB-12345'], ['订单号是 334455', '334455'], ['好的，我的订单号是334455。', '334455'], ['单号：334455', '334455'],
      // Given again, impatiently.
      ["I already told you, it's 55123", '55123'], ['as I said, 55123', '55123'], ['i told you already. 55123', '55123'], ['我刚才说过了，55123', '55123'], ['我不是说了吗，订单号是55123', '55123']]) {
      expect(bareAnswerOf(typed(text), ORDER)).toBe(value);
    }
    for (const text of ['order 990011 never came', '订单 334455 没到', '2026-12-01', 'reorder 990011', 'I told you it broke after 3 days', 'I said 2026-12-01']) expect(bareAnswerOf(typed(text), ORDER)).toBeUndefined();
    expect(bareAnswerOf({ ...typed('990011'), value: '990011' } as DialogTurn, ORDER)).toBeUndefined();
  });
});

describe('a turn that says there is no order number', () => {
  const ORDER = { from: 'entity', entity: 'order_number' } as SlotSpec;
  const typed = (text: string) => ({ text, analysis: { entities: [] } }) as unknown as DialogTurn;
  it('declines the order number slot, whatever the intent model makes of the rest', () => {
    for (const text of ['no order number, it was just the courier', "I don't have the order number", "there's no order, it's about your agent", '没有订单号', '这个没有单号，是客服的问题']) {
      expect(declinesSlot(ORDER, typed(text))).toBe(true);
    }
    for (const text of ['order 990011', 'the order number is on the receipt', 'I have no idea what happened to my order']) expect(declinesSlot(ORDER, typed(text))).toBe(false);
    expect(declinesSlot({ from: 'text' } as SlotSpec, typed('没有订单号'))).toBe(false);
  });
});

describe('more of the story', () => {
  const frameWith = (description?: string) => ({ slots: description ? { description } : {}, skipped: [], prompts: {}, facts: {} }) as unknown as Frame;
  it('joins the story as a new sentence, once', () => {
    const zh = frameWith('我要投诉你们的客服，态度太差了');
    appendDetail(zh, 'description', '昨天打电话过去，客服直接挂我电话');
    expect(zh.slots.description).toBe('我要投诉你们的客服，态度太差了。昨天打电话过去，客服直接挂我电话');
    appendDetail(zh, 'description', '昨天打电话过去，客服直接挂我电话');
    expect(zh.slots.description).toBe('我要投诉你们的客服，态度太差了。昨天打电话过去，客服直接挂我电话');
    const en = frameWith('My parcel never arrived');
    appendDetail(en, 'description', 'I called twice and nobody helped');
    expect(en.slots.description).toBe('My parcel never arrived. I called twice and nobody helped');
    const ended = frameWith('My parcel never arrived!');
    appendDetail(ended, 'description', 'I called twice');
    expect(ended.slots.description).toBe('My parcel never arrived! I called twice');
  });

  it.each([
    ['the blender from order 551122 leaks everywhere', "mostly, but it's the lid that leaks, not the jug", "the blender from order 551122 leaks everywhere. It's the lid that leaks, not the jug"],
    ['The screen is cracked', 'yes, and the charger is missing too', 'The screen is cracked. The charger is missing too'],
    ['耳机左边没声音', '对，不过右边也有杂音', '耳机左边没声音。右边也有杂音'],
    ['The case does not fit', 'iPhone 15 is the model', 'The case does not fit. iPhone 15 is the model'],
    // Nothing but the agreement: kept as said rather than lost.
    ['The lid leaks', 'yes but', 'The lid leaks. Yes but'],
  ])('adds %j + %j without the half-agreement, as a new sentence', (story, added, expected) => {
    const frame = frameWith(story);
    appendDetail(frame, 'description', added);
    expect(frame.slots.description).toBe(expected);
  });

  it('takes only a story, and only where the story is already told', () => {
    const script = { slots: { description: DESCRIPTION, order_number: { from: 'entity', entity: 'order_number' } } } as unknown as Script;
    const turn = (text: string) => ({ text, analysis: { language: 'en', category: 'other', entities: [], emotion: { label: 'anger', intensity: 0.5, valence: -0.5, cues: [] } } }) as unknown as DialogTurn;
    const told = frameWith('The agent was rude to me');
    addToStory(told, script, turn('and then he hung up on me'));
    expect(told.slots.description).toBe('The agent was rude to me. And then he hung up on me');
    addToStory(told, script, turn('why?'));
    addToStory(told, script, turn('my order number is 990011'));
    expect(told.slots.description).toBe('The agent was rude to me. And then he hung up on me');
    const untold = frameWith();
    addToStory(untold, script, turn('and then he hung up on me'));
    expect(untold.slots.description).toBeUndefined();
  });
});
