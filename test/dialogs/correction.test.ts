import { bareAnswerOf, correctionOf } from '../../src/dialogs/slots';
import type { SlotSpec } from '../../src/dialogs/schema';
import type { DialogTurn } from '../../src/dialogs/turn';

const DESCRIPTION = { from: 'text', min_length: { en: 4, zh: 6 } } as SlotSpec;
const ORDER = { from: 'entity', entity: 'order_number' } as SlotSpec;
const turn = (text: string, language: 'en' | 'zh' = 'en', value?: string, orders: string[] = []) =>
  ({ text, value, analysis: { language, entities: orders.map((o) => ({ type: 'order_number', value: o, text: o })) } }) as unknown as DialogTurn;

describe('correctionOf: what a "no" to the summary says is right', () => {
  it.each([
    ["No, it's the left earbud that has no sound", "it's the left earbud that has no sound"],
    ["no no, that's wrong. The charger is broken, not the phone", 'The charger is broken, not the phone'],
    ['Not quite - the box arrived empty yesterday', 'the box arrived empty yesterday'],
    ['You got it wrong: I was charged twice for one order', 'I was charged twice for one order'],
  ])('en: %s', (text, correction) => {
    expect(correctionOf(turn(text), DESCRIPTION)).toBe(correction);
  });

  it.each([
    ['不对，耳机是左边没声音', '耳机是左边没声音'],
    ['不是，是充电器坏了不是手机', '是充电器坏了不是手机'],
    ['你理解错了，我是说快递员态度很差', '我是说快递员态度很差'],
  ])('zh: %s', (text, correction) => {
    expect(correctionOf(turn(text, 'zh'), DESCRIPTION)).toBe(correction);
  });

  it.each([
    ['no', 'en'], ['No, let me explain', 'en'], ["no, that's not what I said", 'en'], ['nope, wrong', 'en'],
    ['不对', 'zh'], ['不对，我再说明', 'zh'], ['不是这个意思', 'zh'], ['错了错了', 'zh'],
  ] as const)('is nothing for a bare rejection: %s', (text, language) => {
    expect(correctionOf(turn(text, language), DESCRIPTION)).toBeUndefined();
  });

  it('is nothing for a button press', () => {
    expect(correctionOf(turn('No, the left earbud has no sound', 'en', 'no'), DESCRIPTION)).toBeUndefined();
    expect(correctionOf(turn('no', 'en', 'no', ['654321']), ORDER, '123456')).toBeUndefined();
  });

  it('is, for an entity slot, the turn\'s other value of that kind', () => {
    expect(correctionOf(turn("No, wrong order, it's 654321", 'en', undefined, ['654321']), ORDER, '123456')).toBe('654321');
    expect(correctionOf(turn('不对，订单号是654321', 'zh', undefined, ['654321']), ORDER, '123456')).toBe('654321');
    expect(correctionOf(turn('no, order 123456 is right but the charger is broken', 'en', undefined, ['123456']), ORDER, '123456')).toBeUndefined();
    expect(correctionOf(turn('No, the left earbud has no sound'), ORDER, '123456')).toBeUndefined();
    expect(correctionOf(turn('no, it was 654321', 'en', undefined, ['654321']), ORDER)).toBe('654321');
  });
});

describe('bareAnswerOf: a turn that is nothing but another value for an entity slot', () => {
  it.each([['654321'], ["it's 654321"], ['#654321'], ['是 654321'], ['654321。']])('%s', (text) => {
    expect(bareAnswerOf(turn(text), ORDER, '123456')).toBe('654321');
  });

  it('is nothing for the same value, more words, a press or a text slot', () => {
    expect(bareAnswerOf(turn('123456'), ORDER, '123456')).toBeUndefined();
    expect(bareAnswerOf(turn('where is order 654321?'), ORDER, '123456')).toBeUndefined();
    expect(bareAnswerOf(turn('2026-12-01'), ORDER, '123456')).toBeUndefined();
    expect(bareAnswerOf(turn('654321', 'en', '654321'), ORDER, '123456')).toBeUndefined();
    expect(bareAnswerOf(turn('654321'), DESCRIPTION, 'x')).toBeUndefined();
  });

  it('is taken as the correction of an entity slot when no entity was found', () => {
    expect(correctionOf(turn('it is 654321'), ORDER, '123456')).toBe('654321');
    expect(bareAnswerOf(turn('654321'), ORDER)).toBe('654321');
  });
});
