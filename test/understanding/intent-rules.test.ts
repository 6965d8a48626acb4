import { afterGreeting, afterPartialAgreement, applyIntentRules, introducesThemselves, assentsWithThanks, settlesForOffer, emojiAnswer, endsWithClosing, humanOverComplaint, problemOverPolicy, problemOverStatus, sarcasticAssent, saysSolved, withdraws, asksToFile, wantsMore } from '../../src/understanding/intent-rules';
import type { EmotionResult, IntentResult } from '../../src/understanding';

const result = (name: string, confidence = 0.6): IntentResult => ({
  name, confidence, outOfScope: name === 'oos', ranking: [{ name, confidence }],
});

describe('intent rules', () => {
  it('finds what follows a half-agreement with the restatement, and nothing else', () => {
    expect(afterPartialAgreement("mostly, but it's the lid that leaks")).toBe("it's the lid that leaks");
    expect(afterPartialAgreement('Yes, and the right one crackles too')).toBe('the right one crackles too');
    expect(afterPartialAgreement('对，不过右边也有杂音')).toBe('右边也有杂音');
    expect(afterPartialAgreement('是的，而且充电盒也坏了')).toBe('充电盒也坏了');
    expect(afterPartialAgreement('right, but the case is scratched')).toBe('the case is scratched');
    for (const text of ['yes', 'yes but', '对', "yesterday's order and the lid", 'and the lid is cracked', 'butter is missing', 'right and left earbuds are both dead', 'correct and complete refund please']) expect([text, afterPartialAgreement(text)]).toEqual([text, undefined]);
  });

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

  it('reads a greeting with only a name as a greeting, not the start of "this is ridiculous"', () => {
    for (const text of ['Hi, this is Kaitlyn', 'hello, this is Ann from Boston', 'Good morning, this is Dr. Patel speaking', 'hey, I\'m John', 'my name is Sarah Lee']) {
      expect([text, applyIntentRules(text, result('complaint', 0.86), () => result('complaint')).name]).toEqual([text, 'greeting']);
    }
    // A feeling, a lower-case word or more than a name: the model decides.
    for (const text of ['hi, this is unacceptable', 'This Is Unacceptable', "Hi, I'm Furious", "Hi, I'm Done", 'hi this is rob', 'Hi, this is Kaitlyn and my order 12345 is late', "I'm John"]) {
      expect([text, introducesThemselves(text)]).toEqual([text, false]);
    }
  });

  it('splits a greeting from the request after it', () => {
    expect(afterGreeting('hi, where is my order 123456?')).toBe('where is my order 123456?');
    expect(afterGreeting('你好，我又来问一下投诉的进度')).toBe('我又来问一下投诉的进度');
    expect(afterGreeting('你好我的订单到哪了')).toBe('我的订单到哪了');
    expect(afterGreeting('hi there!')).toBeUndefined();
    expect(afterGreeting('high prices')).toBeUndefined();
    expect(afterGreeting('Hi-fi speaker arrived broken')).toBeUndefined();
    expect(afterGreeting('Hey, hey! Dear team, the app crashes')).toBe('the app crashes');
    expect(afterGreeting('您好，在吗？订单12345的耳机坏了')).toBe('订单12345的耳机坏了');
  });

  it('reads a turn that is only an order number as an order-status question', () => {
    const classify = () => result('oos');
    for (const text of ['12345', ' #778812 ', 'AB-123456', '2025110800123.']) expect(applyIntentRules(text, result('oos', 0.3), classify)).toMatchObject({ name: 'order_status', outOfScope: false });
    // A Chinese mobile number, a short number, a number in words, or an in-scope decision: unchanged.
    for (const text of ['13812345678', '13812345678.', '1234', 'my number is 12345']) expect(applyIntentRules(text, result('oos', 0.3), classify).name).toBe('oos');
    expect(applyIntentRules('12345', result('affirm'), classify).name).toBe('affirm');
  });

  it('only overrides the decisions it is meant for', () => {
    const classify = () => result('complaint_status', 0.8);
    expect(applyIntentRules('ok thanks, bye', result('thanks'), classify).name).toBe('goodbye');
    expect(applyIntentRules('my order is late, bye', result('complaint'), classify).name).toBe('complaint');
    expect(applyIntentRules('hi, any news on my complaint', result('greeting'), classify).name).toBe('complaint_status');
    expect(applyIntentRules('hi, any news on my complaint', result('greeting'), () => result('oos')).name).toBe('greeting');
    expect(applyIntentRules('👍', result('oos', 0.3), classify)).toMatchObject({ name: 'affirm', outOfScope: false });
  });

  it('reads a sarcastic yes or thanks as a complaint, and leaves sincere ones alone', () => {
    const felt = (kinds: string[]): EmotionResult => ({ label: 'anger', intensity: 0.7, valence: -0.6, cues: kinds.map((kind) => ({ kind, text: 'x', weight: 1 })) as EmotionResult['cues'] });
    expect(sarcasticAssent(result('affirm', 0.76), felt(['sarcasm', 'model']))).toMatchObject({ name: 'complaint', confidence: 0.9, outOfScope: false, ranking: [{ name: 'affirm', confidence: 0.76 }] });
    expect(sarcasticAssent(result('thanks'), felt(['lexicon', 'sarcasm'])).name).toBe('complaint');
    expect(sarcasticAssent(result('affirm'), felt(['lexicon', 'model'])).name).toBe('affirm');
    expect(sarcasticAssent(result('deny'), felt(['sarcasm'])).name).toBe('deny');
  });
  it('reads a policy question that states a problem as a complaint ("what is your return policy? mine is damaged")', () => {
    const cues = (fact: boolean): EmotionResult => ({ label: 'sadness', intensity: 0.5, valence: -0.4, cues: [{ kind: 'lexicon', text: 'damaged', label: 'sadness', weight: 0.5, ...(fact ? { fact: true as const } : {}) }] });
    expect(problemOverPolicy(result('policy_question', 0.91), cues(true))).toMatchObject({ name: 'complaint', outOfScope: false });
    expect(problemOverPolicy(result('policy_question', 0.91), cues(false)).name).toBe('policy_question');
    expect(problemOverPolicy(result('order_status', 0.91), cues(true)).name).toBe('order_status');
  });

  it('tells thanks that also assent ("ok thanks", "好的谢谢") from thanks alone and from polite refusals', () => {
    for (const text of ['ok thanks', 'OK, thank you!', 'okay thanks', 'great, thanks', "that's fine, thank you", 'thanks, that works', 'perfect thank you so much', '好的谢谢', '好的，谢谢！', '可以，谢谢', '嗯嗯 谢谢', '谢谢，没问题']) expect(assentsWithThanks(text)).toBe(true);
    for (const text of ['thanks', '谢谢', 'no thanks', 'ok', 'thanks for nothing', 'ok thanks, but the screen is still broken', '不用了谢谢', 'thanks but no', 'okay thanks bye']) expect(assentsWithThanks(text)).toBe(false);
  });

  it('honours a request for a person in so many words over a near tie with complaint', () => {
    const tie: IntentResult = { name: 'complaint', confidence: 0.52, outOfScope: false, ranking: [{ name: 'complaint', confidence: 0.52 }, { name: 'human_agent', confidence: 0.48 }] };
    expect(humanOverComplaint(tie, '我要找人工客服，退款一直没到账')).toMatchObject({ name: 'human_agent', confidence: 0.48, ranking: tie.ranking });
    expect(humanOverComplaint(tie, 'let me talk to a real person, my refund never came').name).toBe('human_agent');
    // A complaint about agents names no request; a complaint the model is sure of keeps its intent.
    expect(humanOverComplaint(tie, '你们的人工客服态度太差了').name).toBe('complaint');
    expect(humanOverComplaint(tie, 'I talked to an agent yesterday and he hung up on me').name).toBe('complaint');
    expect(humanOverComplaint({ ...tie, ranking: [{ name: 'complaint', confidence: 0.95 }, { name: 'human_agent', confidence: 0.05 }] }, '转人工，东西坏了').name).toBe('complaint');
  });

  it('reads an order-status question that states a fault with the goods as a complaint, not one about the delivery', () => {
    const fact: EmotionResult = { label: 'sadness', intensity: 0.4, valence: -0.3, cues: [{ kind: 'lexicon', text: 'leaking', label: 'sadness', weight: 0.5, fact: true }] };
    const none: EmotionResult = { label: 'neutral', intensity: 0, valence: 0, cues: [] };
    expect(problemOverStatus(result('order_status', 0.66), fact, 'product')).toMatchObject({ name: 'complaint', outOfScope: false });
    expect(problemOverStatus(result('order_status', 0.66), fact, 'logistics').name).toBe('order_status');
    expect(problemOverStatus(result('order_status', 0.66), none, 'product').name).toBe('order_status');
    expect(problemOverStatus(result('order_change', 0.66), fact, 'product').name).toBe('order_change');
  });

  it('tells settling for an offer ("那就这样吧", "也只能这样了", "let\'s go with that") from a goodbye', () => {
    for (const text of ['那就这样吧', '就这样吧', '也只能这样了', '只能这样了', '好，那就这样', '算了，那就这样吧', "let's go with that", 'ok, let\'s do that', "I don't care, just fix it", 'whatever, just sort it already', '赶紧处理吧', '算了，你们快点解决', '你们看着办吧', 'whatever', 'fine, whatever', '随便', '随便吧', '无所谓了', '都行']) expect(settlesForOffer(text)).toBe(true);
    for (const text of ['先这样', '就这样吧拜拜', '不能这样', 'bye', "that's all for now", '这样不行', "I don't care about your voucher", 'just fix it or I will sue', '赶紧退钱', 'whatever you say is a lie', '随便你们怎么说，我要投诉']) expect(settlesForOffer(text)).toBe(false);
  });

  it('tells a customer dropping the matter ("never mind", "算了，不投诉了") from a no or a skipped question', () => {
    for (const text of ['never mind', 'Nevermind.', 'forget it, never mind', 'oh forget it', "actually, forget about it, I'll sort it myself", "don't worry about it, thanks", 'it doesn\'t matter anymore', '算了', '算了吧', '算了，不用了', '不投诉了', '算了，不想投诉了', '不用了，谢谢', '没事了']) expect([text, withdraws(text)]).toEqual([text, true]);
    for (const text of ['no', 'I don\'t have it', 'never mind the order number, it was the courier', 'forget it, I want a refund', '算了，你们快点处理', '不用了，我要退款', '不对', "don't forget my refund"]) expect([text, withdraws(text)]).toEqual([text, false]);
  });

  it('hears a customer asking for more than the offer ("is that all?", "能不能快点")', () => {
    for (const text of ['is that all?', "can't you do better?", "is that the best you can do", 'fine but I want it faster', 'could it be any quicker?', '就这？', '就这样？', '好吧，但是能不能快点', '能快点吗', '没有别的补偿吗']) expect([text, wantsMore(text)]).toEqual([text, true]);
    for (const text of ['yes', "that's all, thanks", 'that works', '好的', '就这样吧', 'faster delivery next time would be nice, thanks']) expect([text, wantsMore(text)]).toEqual([text, false]);
  });

  it('hears a request to file the complaint ("yes please open a complaint", "是的，帮我投诉")', () => {
    for (const text of ['yes please open a complaint', 'please file a complaint for me', 'ok, log it', 'yes, raise a ticket', '是的，帮我投诉', '对，帮我登记一下', '好的，登记投诉', '我要投诉']) expect([text, asksToFile(text)]).toEqual([text, true]);
    for (const text of ["don't open a complaint", 'no need to file a complaint', '不用登记投诉了', 'the complaint I opened last week', 'yes', '投诉进度怎么样了']) expect([text, asksToFile(text)]).toEqual([text, false]);
  });

  it('reads a typed answer to "has it been solved?" as solved, not solved, or neither', () => {
    for (const text of ["it's fixed now", 'yes, the replacement arrived and works', 'all good now', 'got the refund, thanks', 'Solved!', '嗯，解决了，谢谢', '收到退款了', '已经好了', '没问题了', '挺不错的，解决了', 'no worries, it works now', "yes it's solved, nothing else needed", '不好意思，已经好了']) expect([text, saysSolved(text)]).toEqual([text, true]);
    for (const text of ['not fixed yet', "it isn't solved", 'I never received anything', 'partly, I got the refund but not the voucher', 'still not working', '没有解决', '还没收到', '问题还是没解决', '退款还没到账', '只解决了一半']) expect([text, saysSolved(text)]).toEqual([text, false]);
    for (const text of ['no', 'thanks', 'still waiting for the replacement', '还是坏的', 'what is going on?', '谢谢']) expect([text, saysSolved(text)]).toEqual([text, undefined]);
  });
});

