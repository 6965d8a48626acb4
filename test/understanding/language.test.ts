import { detectLanguage } from '../../src/understanding/language';

describe('detectLanguage', () => {
  it.each([
    ['Where is my order?', 'en'],
    ['我的订单到哪了', 'zh'],
    ['我的order还没到', 'zh'],
    ['my 订单 is late, please check it today', 'en'],
    ['iPhone 坏了', 'zh'],
    ['CP-ABC123 进度', 'zh'],
  ])('%s -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('keeps the previous language for emoji-only, digits-only and punctuation-only turns', () => {
    for (const text of ['😡😡😡', '12345', '???', '', '👍']) {
      expect(detectLanguage(text, 'zh')).toBe('zh');
      expect(detectLanguage(text)).toBe('en');
    }
  });

  it('keeps the conversation language for short or mixed turns and switches on clear evidence', () => {
    expect(detectLanguage('ok 好的', 'en')).toBe('en');
    expect(detectLanguage('iPhone 坏了', 'en')).toBe('en');
    for (const text of ['ok', '👍', '12345', 'yes，可以', 'thanks']) expect(detectLanguage(text, 'zh')).toBe('zh');
    expect(detectLanguage('你好', 'en')).toBe('zh');
    expect(detectLanguage('我的order还没到', 'en')).toBe('zh');
    expect(detectLanguage('where is my order', 'zh')).toBe('en');
    expect(detectLanguage('the 快递 never arrived', 'zh')).toBe('zh');
  });

  it('does not read reference codes, order numbers, emails or links as English words', () => {
    for (const text of ['CP-ABCDEF', 'cp-7k3m9q', 'DD-2023-1203001', 'AB12345678', 'jo.smith@mail.com', 'https://shop.example.com/orders/12']) {
      expect(detectLanguage(text, 'zh')).toBe('zh');
    }
    expect(detectLanguage('my e-mail is jo@x.com', 'zh')).toBe('en');
    expect(detectLanguage('where is CP-ABCDEF', 'zh')).toBe('en');
  });
});
