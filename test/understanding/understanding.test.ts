import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isConcordError } from '../../src/errors';
import { createUnderstanding, loadIntentFiles, trainIntentClassifier } from '../../src/understanding';
import type { Understanding } from '../../src/understanding';

let u: Understanding;
beforeAll(() => {
  u = createUnderstanding({ intentsDir: join(__dirname, '../../intents'), products: ['iPhone 15', 'AirPods'] });
});

describe('createUnderstanding', () => {
  it('trains the same intent model whatever order the intents come in (files and published content list them differently)', () => {
    const { intents } = loadIntentFiles(join(__dirname, '../../intents'));
    const a = trainIntentClassifier(intents);
    const b = trainIntentClassifier([...intents].reverse());
    for (const text of ['Why do you need that? I already told you it never came', '那个东西怎么办', 'never mind', '我想退货', 'hello?']) {
      expect(b.classify(text)).toEqual(a.classify(text));
    }
  });

  it('calms a plain question about the bot, whether anyone is there or an order in a care turn, not an angry one', () => {
    // The Weibo model reads these as jibes (anger); asked of a service they ask for information.
    // Shop questions too (2026-12-05: "你们有实体店吗" showed as anger 58% in the agent console).
    for (const text of ['你是真人吗？', '有人吗', '你们是机器人吗', '能换个尺码吗', '我的订单到哪了？', '什么时候能处理好', '你们有实体店吗', '你们客服电话多少', '你们几点下班', '退货运费谁出？']) {
      expect(u.analyze(text, { careContext: true }).emotion).toMatchObject({ label: 'neutral', intensity: 0 });
    }
    // Rhetorical anger stays anger: another intent, or the words say it.
    for (const text of ['你们是干什么吃的？', '你们还管不管了？', '你是傻子吗']) expect(u.analyze(text, { careContext: true }).emotion.label).toBe('anger');
    // Outside a care conversation (concord eval) the model decides as before.
    expect(u.analyze('你是真人吗？').emotion.label).toBe('anger');
  });

  it('reads a half-agreement that goes on with more of the problem as a complaint, and one that goes on with thanks as before', () => {
    for (const text of ['yes, and the right one crackles too', 'mostly, but the lid is cracked as well', '对，不过右边也有杂音', '是的，而且充电盒也坏了']) expect([text, u.analyze(text, { careContext: true }).intent.name]).toEqual([text, 'complaint']);
    expect(u.analyze('yes and thank you', { careContext: true }).intent.name).toBe('thanks');
    for (const text of ['yes but hurry up', 'yes, and please be quick', '对，但是快点']) expect([text, u.analyze(text, { careContext: true }).intent.name]).toEqual([text, 'affirm']);
    expect(u.analyze('yes', { careContext: true }).intent.name).toBe('affirm');
  });

  it('reads a site or app that does not work as a complaint ("网站打不开" was a no, "your website is down" out of scope)', () => {
    for (const text of ['网站打不开', 'app打不开', 'your website is down', "the app won't load"]) expect([text, u.analyze(text, { careContext: true }).intent.name]).toEqual([text, 'complaint']);
  });

  it('calms a complaint that plainly asks for a remedy ("能不能直接退款"), not one that demands it angrily', () => {
    for (const text of ['能不能直接退款', '能不能直接退款？', '可不可以换一个']) {
      const a = u.analyze(text, { careContext: true });
      expect(a.intent.name).toBe('complaint');
      expect(a.emotion).toMatchObject({ label: 'neutral', intensity: 0 });
    }
    expect(u.analyze('凭什么不能退款？', { careContext: true }).emotion.label).toBe('anger');
    expect(u.analyze('能不能直接退款！！', { careContext: true }).emotion.label).not.toBe('neutral');
  });

  it('trains from the intent files and lists the intents without oos (training time is reported by `concord eval`, not asserted)', () => {
    createUnderstanding({ intentsDir: join(__dirname, '../../intents') });
    expect(u.intents()).toEqual(['affirm', 'bot_identity', 'complaint', 'complaint_status', 'data_request', 'deny', 'goodbye', 'greeting', 'human_agent', 'language', 'membership', 'order_change', 'order_status', 'policy_question', 'thanks']);
  });

  it.each([
    ['yes', 'affirm'], ['correct', 'affirm'], ['对', 'affirm'], ['是的', 'affirm'], ['没错', 'affirm'],
    ['no', 'deny'], ["that's wrong", 'deny'], ['不对', 'deny'], ['不是', 'deny'], ['不', 'deny'],
    ['hi', 'greeting'], ['你好', 'greeting'], ['bye', 'goodbye'], ['再见', 'goodbye'], ['thanks!', 'thanks'], ['谢谢', 'thanks'],
    ['where is my order 12345', 'order_status'], ['我的订单到哪了', 'order_status'],
    ['where is my complaint CP-ABC123', 'complaint_status'], ["what's the status of my ticket", 'complaint_status'], ['我的投诉处理得怎么样了', 'complaint_status'],
    ['let me talk to a real person', 'human_agent'], ['转人工', 'human_agent'], ['我要找人工客服', 'human_agent'], ['客服挂我电话', 'complaint'], ['you guys are amazing, problem solved!', 'thanks'], ['你们太棒了，问题解决了', 'thanks'], ['can I get a refund?', 'complaint'], ['how long will that take', 'complaint_status'],
    // A complaint about the service is no policy question, though both speak of 客服.
    ['你们的客服只会复制粘贴', 'complaint'], ['商家发的是二手的', 'complaint'],
    ['what is your return policy?', 'policy_question'], ['do you ship to canada', 'policy_question'], ['退货运费谁出', 'policy_question'], ['可以开发票吗', 'policy_question'],
    ['My order 12345 arrived broken and nobody answers my emails, this is ridiculous', 'complaint'],
    ['我的订单12345到了是坏的，客服一直不回复，太气人了', 'complaint'],
    ['my account is locked', 'complaint'],
  ])('%s -> %s', (text, intent) => {
    expect(u.analyze(text).intent.name).toBe(intent);
  });

  it('says out of scope for things the bot does not handle', () => {
    for (const text of ['how do I bake a cake', 'what is the weather in london', '给我讲个笑话']) {
      expect(u.analyze(text).intent).toMatchObject({ name: 'oos', outOfScope: true });
    }
  });

  it('returns a full analysis for a complaint', () => {
    const a = u.analyze('My iPhone 15 from order 12345 arrived broken yesterday!!!', { now: Date.UTC(2026, 10, 25) });
    expect(a.language).toBe('en');
    expect(a.category).toBe('product');
    expect(a.entities.map((e) => [e.type, e.value])).toEqual([['product', 'iPhone 15'], ['order_number', '12345'], ['date', '2026-11-24']]);
    expect(['anger', 'sadness']).toContain(a.emotion.label);
    expect(a.emotion.valence).toBeLessThan(0);
  });

  it('handles emoji-only, mixed-language and very long turns', () => {
    expect(u.analyze('😡😡😡', { previousLanguage: 'zh' })).toMatchObject({ language: 'zh', emotion: { label: 'anger' } });
    expect(u.analyze('我的order还没到').language).toBe('zh');
    expect(u.analyze('x'.repeat(10000)).intent.outOfScope).toBe(true);
  });

  it('throws intents_invalid listing file:line messages for broken files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'intents-'));
    writeFileSync(join(dir, 'bad.yaml'), 'name: bad\ndescription: x\nexamples:\n  en: ["a"]\n');
    try {
      createUnderstanding({ intentsDir: dir });
      throw new Error('expected a throw');
    } catch (err) {
      expect(isConcordError(err, 'intents_invalid')).toBe(true);
      expect((err as Error).message).toContain(`${dir}/bad.yaml:3: missing examples.zh`);
    }
  });
});
