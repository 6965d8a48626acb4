import { afterGreeting, applyIntentRules, emojiAnswer, endsWithClosing } from '../../src/understanding/intent-rules';
import type { IntentResult } from '../../src/understanding';

const result = (name: string, confidence = 0.6): IntentResult => ({
  name, confidence, outOfScope: name === 'oos', ranking: [{ name, confidence }],
});

describe('intent rules', () => {
  it('reads emoji-only answers', () => {
    expect(emojiAnswer('👍')).toBe('affirm');
    expect(emojiAnswer(' 👌 ')).toBe('affirm');
    expect(emojiAnswer('👍🏻')).toBe('affirm');
    expect(emojiAnswer('👎')).toBe('deny');
    expect(emojiAnswer('👍👎')).toBeUndefined();
    expect(emojiAnswer('😡')).toBeUndefined();
    expect(emojiAnswer('ok 👍')).toBeUndefined();
  });

  it('finds a closing in the last clause only', () => {
    for (const text of ['bye', 'ok thanks, bye', '没有了，好的谢谢，再见', 'thanks! see you later', '拜拜~']) expect(endsWithClosing(text)).toBe(true);
    for (const text of ['thanks', 'bye, where is my order', 'goodbye to my money', '再见面吧']) expect(endsWithClosing(text)).toBe(false);
  });

  it('splits a greeting from the request after it', () => {
    expect(afterGreeting('hi, where is my order 123456?')).toBe('where is my order 123456?');
    expect(afterGreeting('你好，我又来问一下投诉的进度')).toBe('我又来问一下投诉的进度');
    expect(afterGreeting('你好我的订单到哪了')).toBe('我的订单到哪了');
    expect(afterGreeting('hi there!')).toBeUndefined();
    expect(afterGreeting('high prices')).toBeUndefined();
  });

  it('only overrides the decisions it is meant for', () => {
    const classify = () => result('complaint_status', 0.8);
    expect(applyIntentRules('ok thanks, bye', result('thanks'), classify).name).toBe('goodbye');
    expect(applyIntentRules('my order is late, bye', result('complaint'), classify).name).toBe('complaint');
    expect(applyIntentRules('hi, any news on my complaint', result('greeting'), classify).name).toBe('complaint_status');
    expect(applyIntentRules('hi, any news on my complaint', result('greeting'), () => result('oos')).name).toBe('greeting');
    expect(applyIntentRules('👍', result('oos', 0.3), classify)).toMatchObject({ name: 'affirm', outOfScope: false });
  });
});
