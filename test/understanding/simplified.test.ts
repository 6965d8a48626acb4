import { join } from 'node:path';
import { createUnderstanding } from '../../src/understanding';
import { simplified } from '../../src/understanding/simplified';

describe('Traditional Chinese is read as Simplified', () => {
  it('converts Traditional characters and leaves Simplified, English and mixed text as written', () => {
    expect(simplified('我的訂單12345還沒到，等了一個星期了')).toBe('我的订单12345还没到，等了一个星期了');
    expect(simplified('這是第幾次了？每次都這樣')).toBe('这是第几次了？每次都这样');
    for (const text of ['我的订单12345还没到', 'my order 12345 is late', '我的order 12345还没到', '']) expect(simplified(text)).toBe(text);
  });

  it('understands a Traditional turn as its Simplified twin: intent, emotion cues and entities', () => {
    const u = createUnderstanding({ intentsDir: join(__dirname, '../../intents') });
    const pairs = [['謝謝', '谢谢'], ['東西壞了', '东西坏了'], ['這是第幾次了？每次都這樣', '这是第几次了？每次都这样'], ['我的訂單12345還沒到', '我的订单12345还没到']];
    for (const [traditional, simple] of pairs) {
      const [a, b] = [u.analyze(traditional, { careContext: true }), u.analyze(simple, { careContext: true })];
      expect(a.intent).toEqual(b.intent);
      expect(a.emotion).toEqual(b.emotion);
      expect(a.language).toBe('zh');
      expect(a.entities).toEqual(b.entities);
    }
    expect(u.analyze('謝謝').intent.name).toBe('thanks');
    expect(u.analyze('東西壞了', { careContext: true }).emotion.cues.map((c) => c.text)).toContain('坏了');
  });
});

describe('variant forms and pinyin-input slips are read in their standard form', () => {
  it('replaces whole variant words only, keeping the length', () => {
    expect(simplified('定单334455还没到')).toBe('订单334455还没到');
    expect(simplified('我要退宽，什么时候到帐')).toBe('我要退款，什么时候到账');
    expect(simplified('收获地址写错了')).toBe('收货地址写错了');
    expect(simplified('在也不会买了')).toBe('再也不会买了');
    // Not inside other words: "所以经常", "因该酒店" (because the hotel), a harvest (收获).
    for (const text of ['所以经常来', '因该酒店太远', '今年收获很大']) expect(simplified(text)).toBe(text);
  });

  it('finds the order number and the refund in a turn that used them', () => {
    const u = createUnderstanding({ intentsDir: join(__dirname, '../../intents') });
    expect(u.analyze('定单334455还没到', { careContext: true }).entities.map((e) => [e.type, e.value])).toEqual([['order_number', '334455']]);
    const [typed, standard] = [u.analyze('我要退宽', { careContext: true }), u.analyze('我要退款', { careContext: true })];
    expect([typed.intent.name, typed.category]).toEqual([standard.intent.name, standard.category]);
    // Scripts' `mentions` read the turn as read: "退宽" and the Traditional "換貨" say 退款 and 换货.
    expect([typed.spelled, u.analyze('可以換貨嗎').spelled, standard.spelled]).toEqual(['我要退款', '可以换货吗', undefined]);
  });
});
