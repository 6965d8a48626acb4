/**
 * Real customer turns the golden conversations found misunderstood (issue 3, part A): the
 * full understanding stage must read each one as a person would.
 */
import { join } from 'node:path';
import { createUnderstanding } from '../../src/understanding';
import type { Understanding } from '../../src/understanding';

let u: Understanding;
beforeAll(() => {
  u = createUnderstanding({ intentsDir: join(__dirname, '../../intents') });
});

const intentOf = (text: string, previousLanguage?: 'en' | 'zh') => u.analyze(text, { previousLanguage }).intent;

describe('customer turns from the golden conversations', () => {
  it.each([
    // 1. accepting an offer, even grudgingly or urgently
    ['ok fine, add the voucher then', 'affirm'], ['算了，那就加优惠券吧', 'affirm'], ['对！赶紧处理', 'affirm'],
    ['fine, send me the replacement then', 'affirm'], ['行吧，那就加优惠券', 'affirm'],
    // 2. not having the order number is a "no"
    ["I don't have it, I deleted the email", 'deny'], ['我没有订单号', 'deny'], ["sorry, I don't have the number", 'deny'],
    // 3. a greeting followed by a request is the request
    ['你好，我又来问一下投诉的进度', 'complaint_status'], ['hi, where is my order 123456?', 'order_status'],
    ['hello again, any news on my complaint?', 'complaint_status'], ['您好，我的订单12345到哪了', 'order_status'],
    // 4. a closing bye wins over thanks
    ['ok thanks, bye', 'goodbye'], ['没有了，好的谢谢，再见', 'goodbye'], ['thank you so much, bye bye', 'goodbye'], ['好的谢谢，拜拜', 'goodbye'],
    // 5. dissatisfaction is a complaint
    ["I'm not happy at all with how long this takes", 'complaint'],
    // 5b. a late order is a complaint, a question about one is a status request (both with "my order")
    ['my order 12345 is 2 weeks late', 'complaint'], ["my delivery didn't come, 订单 556677 还没到", 'complaint'], ['我的快递还没到', 'complaint'],
    ['when will order 55512 arrive', 'order_status'], ['对了，我另一个订单55555到哪了？说好昨天到的', 'order_status'],
    // 5c. asking whether the bot is a bot; cancelling or changing an order
    ['are you a bot?', 'bot_identity'], ['你们是机器人吗', 'bot_identity'], ['I want to cancel my order 55512', 'order_change'], ['我想修改收货地址', 'order_change'],
    // 5d. an insult to the offered solution rejects it
    ['这什么破方案', 'deny'], ["that's a joke of a solution", 'deny'],
    // 6. emoji and short answers
    ['👍', 'affirm'], ['👌', 'affirm'], ['ok', 'affirm'], ['好的', 'affirm'], ['👎', 'deny'], ['👍👍', 'affirm'],
  ])('%s -> %s', (text, intent) => {
    const result = intentOf(text);
    expect(result.name).toBe(intent);
    expect(result.outOfScope).toBe(false);
  });

  it('keeps plain greetings, thanks and requests that merely end the chat', () => {
    expect(intentOf('hi').name).toBe('greeting');
    expect(intentOf('你好').name).toBe('greeting');
    expect(intentOf('thanks a lot').name).toBe('thanks');
    expect(intentOf('where is my order 12345? bye').name).toBe('order_status');
  });

  it('7. keeps the conversation language for short or mixed turns', () => {
    expect(u.analyze('ok 好的', { previousLanguage: 'en' }).language).toBe('en');
    for (const text of ['ok', '👍', '12345', 'yes，可以']) expect(u.analyze(text, { previousLanguage: 'zh' }).language).toBe('zh');
    expect(u.analyze('我的订单到哪了', { previousLanguage: 'en' }).language).toBe('zh');
    expect(u.analyze('can you answer in English please', { previousLanguage: 'zh' }).language).toBe('en');
  });

  it('8. categories by scoring, not by the first lexicon that matches', () => {
    expect(u.analyze("the headphones from order 31337 don't work").category).toBe('product');
    expect(u.analyze('My package is 2 weeks late and I paid $40 for express shipping!!!').category).toBe('logistics');
  });

  it('9. "no thanks" is not negated satisfaction and ids are not shouting', () => {
    const declined = u.analyze("no thanks, it's probably just late").emotion;
    expect(declined.label).not.toBe('anger');
    expect(declined.intensity).toBeLessThan(0.5);
    for (const text of ['CP-ZZZZZZ', 'order ABC123', 'sent with UPS, not DHL, OK']) {
      expect(u.analyze(text).emotion.cues.filter((c) => c.kind === 'capitals')).toEqual([]);
    }
  });

  it.each([
    ['我要退款', 'complaint'], ['你们是骗子吧', 'complaint'], ['我买的手机屏幕有问题 order 5521', 'complaint'],
    ['there is a problem with my order 5521', 'complaint'], ['不用了，谢谢', 'deny'], ['nah thanks', 'deny'],
    ['呵呵，真是好服务', 'complaint'], ['Yeah right, thanks a lot', 'complaint'],
  ])('10. read as a person would when trying the bot: %s -> %s', (text, intent) => {
    expect(intentOf(text).name).toBe(intent);
  });

  it('11. a demand "right now!" is impatience in a care conversation, not satisfaction', () => {
    expect(u.analyze('I want to talk to a real person right now!', { careContext: true }).emotion.label).toBe('anger');
    expect(u.analyze("I'm so happy right now").emotion.label).toBe('satisfaction');
  });

  it('12. a repeat failure or contact is anger, and a card dispute is a threat', () => {
    for (const text of ['这是第几次了', '怎么又是这样？每次都这样', 'this is the 5th time this happened', 'third time I am writing about order 12345', '打了三次电话都说在排队', '我催了好几遍了', '安装师傅一直不上门']) {
      expect(u.analyze(text, { careContext: true }).emotion.label).toBe('anger');
    }
    expect(intentOf('这是第几次了？每次都这样').name).toBe('complaint');
    // A visit that did not happen, a long wait on hold, a charge nobody agreed to: anger in a care conversation.
    for (const text of ["The technician didn't show up for the installation appointment", "I've been on hold for 45 minutes", 'my subscription renewed without my permission']) {
      expect(u.analyze(text, { careContext: true }).emotion.label).toBe('anger');
    }
    expect(u.analyze("he didn't show up to practice").emotion.label).not.toBe('anger');
    expect(u.analyze("I'm disputing the charge with my bank", { careContext: true }).emotion.cues.map((c) => c.kind)).toContain('threat');
  });

  it('13. someone else in the customer\'s account is anxiety and a complaint fact', () => {
    for (const text of ['someone logged into my account and changed my email!!', 'somebody changed my password', 'there is an unauthorized charge on my card', '账号被人登录了，密码也被改了', '有人登了我的账号']) {
      const felt = u.analyze(text, { careContext: true }).emotion;
      expect(felt.label).toBe('anxiety');
      expect(felt.cues.some((c) => c.fact)).toBe(true);
    }
    // Outside a care conversation the ambiguous English ones are not facts.
    expect(u.analyze('somebody broke into our garage last night').emotion.cues.some((c) => c.fact)).toBe(false);
  });

  it('14. a parcel marked delivered that did not come is anxiety and a complaint fact', () => {
    for (const text of ["the tracking says delivered but there's nothing here", '显示已签收但我没收到']) {
      const felt = u.analyze(text, { careContext: true }).emotion;
      expect(felt.label).toBe('anxiety');
      expect(felt.cues.some((c) => c.fact)).toBe(true);
    }
  });

  it('15. an empty box, a soaked parcel, someone else\'s order, an unanswered email, a crashing app and a regulator are heard', () => {
    const cases: [string, string][] = [
      ['the box was empty when I opened it', 'sadness'], ['the package was left in the rain and everything is soaked', 'sadness'],
      ["I received someone else's order", 'confusion'], ["I've sent 4 emails and nobody replied", 'anger'],
      ['你们的APP总是闪退', 'sadness'], ['商品和图片完全不一样', 'sadness'], ['同样的问题已经反映三次了', 'anger'],
      ['my account has been locked for no reason', 'anxiety'], ['the courier said he tried to deliver but I was home all day', 'anger'],
      ['验证码一直收不到', 'anxiety'], ['快递员说送了，但我一直在家', 'anger'],
    ];
    for (const [text, label] of cases) {
      const felt = u.analyze(text, { careContext: true }).emotion;
      expect([text, felt.label]).toEqual([text, label]);
      expect(felt.cues.some((c) => c.fact)).toBe(true);
    }
    // Staying home is a fact only in a care conversation ("疫情期间一直在家" on Weibo is not a complaint).
    expect(u.analyze('疫情期间一直在家').emotion.cues.some((c) => c.fact)).toBe(false);
    const threat = u.analyze("I'll be reporting you to trading standards", { careContext: true });
    expect(threat.intent.name).toBe('complaint');
    expect(threat.emotion.cues.map((c) => c.kind)).toContain('threat');
  });
});
