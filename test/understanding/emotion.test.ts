import { detectEmotion, shoutedWords } from '../../src/understanding/emotion';
import type { CueKind } from '../../src/understanding/types';

const kinds = (text: string): CueKind[] => detectEmotion(text).cues.map((c) => c.kind);

describe('detectEmotion', () => {
  it.each([
    ['My order 12345 arrived broken and nobody answers my emails, this is ridiculous', 'anger'],
    ['我的订单12345到了是坏的，客服一直不回复，太气人了', 'anger'],
    ['nobody answers my emails', 'anger'],
    ['it arrived broken', 'sadness'],
    ['三天了还没到', 'anxiety'],
    ['I am worried my card was stolen', 'anxiety'],
    ['I am confused, what does this mean?', 'confusion'],
    ['这是什么意思，看不懂', 'confusion'],
    ['thank you so much, that was really helpful', 'satisfaction'],
    ['太好了，谢谢你们', 'satisfaction'],
    ['where is my order 12345', 'neutral'],
    ['hello', 'neutral'],
  ])('%s -> %s', (text, label) => {
    expect(detectEmotion(text).label).toBe(label);
  });

  it('reads negated satisfaction as negative ("not happy at all", 不是很满意, 不满意)', () => {
    for (const text of ['not happy at all', 'I am not satisfied', '不是很满意', '不满意']) {
      const r = detectEmotion(text);
      expect(r.label).toBe('anger');
      expect(r.valence).toBeLessThan(0);
    }
    expect(kinds('not happy at all')).toEqual(expect.arrayContaining(['negation', 'intensifier']));
  });

  it('does not read a Chinese A-not-A question as a negation (是不是骗子 asks, 不是骗子 negates)', () => {
    expect(detectEmotion('你们是不是骗子').label).toBe('anger');
    expect(kinds('你们是不是骗子')).not.toContain('negation');
    expect(kinds('不是骗子')).toContain('negation');
    expect(kinds('好不好用啊')).not.toContain('negation');
  });

  it('detects sarcasm in both languages', () => {
    for (const text of ['great, just great', 'Oh great, it broke again', '太好了，又坏了']) {
      const r = detectEmotion(text);
      expect(r.label).toBe('anger');
      expect(kinds(text)).toContain('sarcasm');
    }
  });

  it('reports capitals, repeated punctuation, emoji, profanity and threats as cues', () => {
    expect(kinds('THIS IS UNACCEPTABLE!!!')).toEqual(expect.arrayContaining(['capitals', 'punctuation', 'lexicon']));
    expect(kinds('why??? 😡')).toEqual(expect.arrayContaining(['punctuation', 'emoji']));
    expect(kinds('this is shit')).toContain('profanity');
    expect(kinds("I'll post this on twitter")).toContain('threat');
    expect(kinds('我要投诉到消协')).toContain('threat');
    expect(kinds('差评')).toContain('threat');
  });

  it('reads leaving a membership as a threat only when it is one, not a plain request to cancel', () => {
    for (const text of ["I'll cancel my membership if you don't fix this", 'fix it or I\'ll cancel my subscription', '再这样我就退会员', '不然我就取消会员']) expect([text, kinds(text)]).toEqual([text, expect.arrayContaining(['threat'])]);
    for (const text of ['cancel my membership', 'how do I cancel my subscription?', '退订会员', '我要取消会员']) expect([text, kinds(text)]).toEqual([text, expect.not.arrayContaining(['threat'])]);
  });

  it('finds Chinese swearing but not the ordinary words that share its characters', () => {
    for (const text of ['操，又坏了', '滚！', '你个sb', '他妈的']) expect(kinds(text)).toContain('profanity');
    for (const text of ['这个怎么操作', '别操心了', '我的滚筒洗衣机坏了', '页面滚动不了', 'my USB cable is broken', '体操垫']) {
      expect(kinds(text)).not.toContain('profanity');
    }
  });

  it('reads a greeting alone as neutral, even with "good" in it', () => {
    for (const text of ['good afternoon', 'hi there', '您好，在吗', '你好']) expect(detectEmotion(text).label).toBe('neutral');
  });

  it('does not read ids, short acronyms or "no thanks" as anger', () => {
    expect(shoutedWords('CP-ZZZZZZ order ABC123 via UPS or DHL, OK? THIS IS ENOUGH')).toEqual(['THIS', 'ENOUGH']);
    for (const text of ['CP-ZZZZZZ', 'order ABC123', 'shipped with UPS', 'OK']) expect(kinds(text)).not.toContain('capitals');
    for (const text of ["no thanks, it's probably just late", 'no thank you', 'nope, thanks']) {
      const r = detectEmotion(text);
      expect(r.label).not.toBe('anger');
      expect(r.intensity).toBeLessThan(0.5);
    }
    expect(detectEmotion('thanks for nothing').label).toBe('anger');
  });

  it('makes intensity grow with intensifiers and shouting', () => {
    const plain = detectEmotion('I am angry').intensity;
    expect(detectEmotion('I am very angry').intensity).toBeGreaterThan(plain);
    expect(detectEmotion('I AM VERY ANGRY!!!').intensity).toBeGreaterThan(detectEmotion('I am very angry').intensity);
    expect(detectEmotion('我有点生气').intensity).toBeLessThan(detectEmotion('我非常生气').intensity);
  });

  it('takes an intensifier only from the emotion word\'s own clause, and not the 好 of 好像 ("seems")', () => {
    expect(kinds('我的账号好像被盗了，很担心')).not.toContain('intensifier');
    expect(kinds('好担心')).toContain('intensifier');
    expect(kinds("so, it's broken")).not.toContain('intensifier');
    expect(detectEmotion('我的账号好像被盗了，很担心').intensity).toBeLessThan(detectEmotion('我的账号被盗了，好担心').intensity);
  });

  it('handles emoji-only turns', () => {
    expect(detectEmotion('😡😡😡').label).toBe('anger');
    expect(detectEmotion('😭').label).toBe('sadness');
    expect(detectEmotion('👍👍').label).toBe('satisfaction');
  });

  it('keeps intensity in 0..1 and valence in -1..1', () => {
    const r = detectEmotion('FUCK THIS SHIT!!! WORST SERVICE EVER, I WILL SUE YOU 😡😡😡 垃圾 骗子');
    expect(r.intensity).toBeLessThanOrEqual(1);
    expect(r.valence).toBeGreaterThanOrEqual(-1);
  });
});
