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
