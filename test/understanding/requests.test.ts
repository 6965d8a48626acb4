import { join } from 'node:path';
import { createUnderstanding, type Understanding } from '../../src/understanding';
import { pieces, splitRequests } from '../../src/understanding/requests';
import type { IntentResult } from '../../src/understanding/types';

let u: Understanding;
beforeAll(() => {
  u = createUnderstanding({ intentsDir: join(__dirname, '../../intents') });
});

const requestsOf = (text: string) => u.analyze(text, { careContext: true }).requests?.map((r) => [r.intent.name, r.text]);

describe('pieces', () => {
  it('cuts at sentence ends and before words that start another request, not inside numbers or words', () => {
    expect(pieces("where's my order 12345? also can I change the delivery address?")).toEqual(["where's my order 12345?", 'also can I change the delivery address?']);
    expect(pieces('where is my order 12345 also can I change the address')).toEqual(['where is my order 12345', 'also can I change the address']);
    expect(pieces('I paid 12.50 for shipping. btw do you accept paypal')).toEqual(['I paid 12.50 for shipping.', 'btw do you accept paypal']);
    expect(pieces('订单12345到哪了？另外能改地址吗')).toEqual(['订单12345到哪了？', '另外能改地址吗']);
    expect(pieces('订单12345什么时候到？还有，退货政策是什么？')).toEqual(['订单12345什么时候到？', '还有，退货政策是什么？']);
    // "还有" alone is often "still": "还有货吗" is one question.
    expect(pieces('这款耳机还有货吗')).toEqual(['这款耳机还有货吗']);
    expect(pieces('Also, where is it?')).toEqual(['Also, where is it?']);
  });
});

describe('splitRequests', () => {
  it('finds two different requests in one message, in the customer\'s order, each with its own entities', () => {
    const got = u.analyze("where's my order 12345? also can I change the delivery address?", { careContext: true }).requests!;
    expect(got.map((r) => r.intent.name)).toEqual(['order_status', 'order_change']);
    expect(got[0].entities.map((e) => e.value)).toEqual(['12345']);
    expect(got[1].entities).toEqual([]);
    expect(requestsOf('Can you delete my data? Also what\'s your return policy?')).toEqual([['data_request', 'Can you delete my data?'], ['policy_question', "Also what's your return policy?"]]);
    expect(requestsOf('我的投诉CP-7K3M9Q处理得怎么样了？顺便问一下订单12345到哪了')).toEqual([['complaint_status', '我的投诉CP-7K3M9Q处理得怎么样了？'], ['order_status', '顺便问一下订单12345到哪了']]);
    expect(requestsOf('能开发票吗？我的订单12345什么时候发货？')).toEqual([['policy_question', '能开发票吗？'], ['order_status', '我的订单12345什么时候发货？']]);
  });

  it('gives each request its own corrected text, and none when nothing was misspelt', () => {
    const got = u.analyze("where is my order 12345? also what's your retrun policy?", { careContext: true }).requests!;
    expect(got.map((r) => [r.intent.name, r.spelled])).toEqual([['order_status', undefined], ['policy_question', "also what's your return policy?"]]);
  });

  it('keeps a greeting or thanks with the request next to it', () => {
    expect(requestsOf('hi, thanks. where is order 12345? also can I change the address?')).toEqual([['order_status', 'hi, thanks. where is order 12345?'], ['order_change', 'also can I change the address?']]);
  });

  it('leaves one request, a story and a complaint with a question whole', () => {
    for (const text of [
      'Hi. Where is my order 12345?',
      'Where is my order? It was supposed to arrive yesterday.',
      'My order 12345 arrived broken. Can I get a replacement?',
      'My headphones arrived broken. I want a refund.',
      "I've been waiting two weeks. This is ridiculous. I want to speak to a manager.",
      'my order 12345 hasn\'t arrived. also can I change my address?',
      '耳机坏了。我要退款。',
      '你好。我的订单12345到哪了？',
      // One order question in two sentences.
      "Where is my order? It's 12345.",
    ]) expect([text, requestsOf(text)]).toEqual([text, undefined]);
  });

  it('keeps two policy questions apart (each may be another topic), but not two sentences of one', () => {
    expect(requestsOf("what's your return policy? also do you accept paypal?")).toEqual([['policy_question', "what's your return policy?"], ['policy_question', 'also do you accept paypal?']]);
    expect(requestsOf('how long does shipping take? and do you ship to Canada?')).toHaveLength(2);
    expect(requestsOf('Do you accept paypal? I would like to pay that way.')).toBeUndefined();
  });

  it('answers a side question beside a complaint, and keeps the story whole', () => {
    expect(requestsOf("My headphones broke after 2 weeks. What's your warranty policy?")).toEqual([['complaint', 'My headphones broke after 2 weeks.'], ['policy_question', "What's your warranty policy?"]]);
    expect(requestsOf('充电器用了一周就坏了。你们的保修期是多久？')).toEqual([['complaint', '充电器用了一周就坏了。'], ['policy_question', '你们的保修期是多久？']]);
    expect(requestsOf('The screen cracked on day one. Unacceptable. How do I delete my account?')).toEqual([['complaint', 'The screen cracked on day one. Unacceptable.'], ['data_request', 'How do I delete my account?']]);
    // The story holds the order number asked about: the complaint is about that order too.
    const late = u.analyze('my package is late. where is my order 12345?', { careContext: true }).requests!;
    expect(late.map((r) => [r.intent.name, r.entities.map((e) => e.value)])).toEqual([['complaint', ['12345']], ['order_status', ['12345']]]);
    expect(late[0].category).toBe('logistics');
  });

  it('keeps a complaint whole when its other piece is no clear question, is unsure, or would replace it', () => {
    for (const text of [
      // A statement, not a question: part of the story.
      '@YahooCare the same two senders keep flooding my inbox. Surely Yahoo can do something with your technology.',
      // The question is the complaint's own remedy, and only 0.78 sure of the policy.
      'my item arrived broken. can I return it?',
      // The complaint piece is unsure (0.54): the order-status question carries the message.
      '我的快递到哪了？说好昨天送到的',
      // An order change replaces the topic.
      'my order hasn\'t arrived. also can I change my address?',
    ]) expect([text, requestsOf(text)]).toEqual([text, undefined]);
  });

  it('splits only when the whole message reads as one of the requests, and not a long list', () => {
    const analyse = (text: string) => { const a = u.analyze(text); return { intent: a.intent, entities: a.entities, category: a.category }; };
    const whole = (name: string): IntentResult => ({ name, confidence: 0.9, outOfScope: false, ranking: [] });
    const text = "where's my order 12345? also can I change the delivery address?";
    expect(splitRequests(text, whole('order_change'), analyse)).toHaveLength(2);
    expect(splitRequests(text, whole('complaint'), analyse)).toBeUndefined();
    expect(splitRequests(text, { ...whole('order_change'), outOfScope: true }, analyse)).toBeUndefined();
    const four = "where is order 12345? also can I cancel order 22222? also what's your return policy? also what's the status of complaint CP-7K3M9Q?";
    expect(splitRequests(four, whole('order_status'), analyse)).toBeUndefined();
    expect(splitRequests(four.slice(0, four.lastIndexOf(' also')), whole('order_status'), analyse)).toHaveLength(3);
  });
});
