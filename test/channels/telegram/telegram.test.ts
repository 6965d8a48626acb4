/**
 * The Telegram channel end to end: the real telegraf client against a fake Bot API server, and
 * updates posted to the webhook the way Telegram posts them.
 */
import { startTestConcord, type TestConcord } from '../../helpers/concord';
import { BOT_TOKEN, FakeTelegram, pressUpdate, stickerUpdate, textUpdate } from '../../helpers/fake-telegram';

const SECRET = 'test-secret-0123456789abcdef';
const AGENT = { kind: 'agent' as const, id: 'agent-7' };

let fake: FakeTelegram;
let t: TestConcord;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  t = await startTestConcord({ env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url } });
});

afterEach(async () => {
  await t.stop();
  await fake.close();
});

async function post(body: unknown, secret: string | null = SECRET, raw = false): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
  return fetch(`${t.concord.url}/channels/telegram/webhook`, { method: 'POST', headers, body: raw ? String(body) : JSON.stringify(body) });
}

/** Posts an update, waits for the turn, returns the messages the bot sent meanwhile. */
async function turn(update: Record<string, unknown>) {
  const before = fake.sent.length;
  const res = await post(update);
  expect(res.status).toBe(200);
  await t.concord.idle();
  return fake.sent.slice(before);
}

function buttons(message: { reply_markup?: { inline_keyboard: { callback_data: string }[][] } } | undefined): string[] {
  return message?.reply_markup?.inline_keyboard.flat().map((b) => b.callback_data) ?? [];
}

async function conversationOf(chatId: number) {
  const conversation = await t.concord.store.findLatestConversation('telegram', String(chatId));
  if (!conversation) throw new Error(`no conversation for chat ${chatId}`);
  return conversation;
}

async function fiveSteps(chatId: number, languageCode: string, complaint: string, expected: RegExp[]): Promise<void> {
  const first = await turn(textUpdate({ chatId, text: complaint, languageCode }));
  expect(first).toHaveLength(2);
  expect(first.map((m) => m.text).join('\n')).toMatch(expected[0]);
  expect(buttons(first[1])).toEqual(['yes', 'no']);
  const confirmed = await turn(pressUpdate(first[1], 'yes', { languageCode }));
  expect(confirmed).toHaveLength(2);
  expect(confirmed[0].text).toMatch(/CP-[A-Z0-9]{6}/);
  expect(buttons(confirmed[1])).toEqual(['accept', 'reject']);
  const survey = await turn(pressUpdate(confirmed[1], 'accept', { languageCode }));
  expect(survey.at(-1)!.text).toMatch(expected[1]);
  expect(buttons(survey.at(-1))).toEqual(['1', '2', '3', '4', '5']);
  expect(survey.at(-1)!.reply_markup!.inline_keyboard).toHaveLength(1);
  const thanks = await turn(pressUpdate(survey.at(-1)!, '5', { languageCode }));
  expect(thanks.map((m) => m.text).join('\n')).toMatch(expected[2]);
  await fake.waitFor(() => fake.ok('answerCallbackQuery').length === 3);
  const conversation = await conversationOf(chatId);
  expect((await t.concord.store.listSurveys(conversation.id)).map((s) => s.score)).toEqual([5]);
  expect(await t.concord.store.listTicketsByConversation(conversation.id)).toHaveLength(1);
  const messages = await t.concord.store.listMessages(conversation.id);
  expect(messages.filter((m) => m.direction === 'out').every((m) => m.deliveredAt)).toBe(true);
  expect(messages.filter((m) => m.direction === 'in').map((m) => m.value ?? null)).toEqual([null, 'yes', 'accept', '5']);
}

test('a five-step complaint in English, with inline keyboard presses and the survey recorded', async () => {
  await fiveSteps(1001, 'en', 'My order 12345 arrived broken and nobody answers my emails, this is ridiculous', [/order 12345[\s\S]*correct\?/, /how satisfied/i, /thank you for your feedback/i]);
  expect((await conversationOf(1001)).language).toBe('en');
});

test('a five-step complaint in Chinese', async () => {
  await fiveSteps(1002, 'zh-hans', '我的订单12345到了是坏的，客服一直不回复，太气人了', [/订单\s*12345[\s\S]*是这样吗/, /服务体验如何/, /感谢您的评价/]);
  expect((await conversationOf(1002)).language).toBe('zh');
});

test('a missing or forged secret token is refused with 401 and nothing is stored', async () => {
  const update = textUpdate({ chatId: 1003, text: 'hello' });
  expect((await post(update, null)).status).toBe(401);
  expect((await post(update, 'forged-secret-0123456789abcdef')).status).toBe(401);
  expect((await post('{not json', 'wrong', true)).status).toBe(401);
  await t.concord.idle();
  expect(await t.concord.store.findLatestConversation('telegram', '1003')).toBeNull();
  expect(fake.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
});

test('the same update delivered three times is stored once and answered once', async () => {
  const update = textUpdate({ chatId: 1004, text: 'hello', languageCode: 'en' });
  const answers = await Promise.all([post(update), post(update), post(update)]);
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
  await t.concord.idle();
  const messages = await t.concord.store.listMessages((await conversationOf(1004)).id);
  expect(messages.filter((m) => m.direction === 'in')).toHaveLength(1);
  expect(messages.filter((m) => m.direction === 'out')).toHaveLength(1);
  expect(fake.ok('sendMessage')).toHaveLength(1);
});

test('429 with retry_after, then 500: the reply is delivered once, late, with the failures recorded', async () => {
  fake.failNext('sendMessage', { status: 429, retryAfter: 1 }, { status: 500 });
  const started = Date.now();
  await turn(textUpdate({ chatId: 1005, text: 'hello', languageCode: 'en' }));
  await fake.waitFor(() => fake.ok('sendMessage').length === 1, 15_000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  expect(fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status)).toEqual([429, 500, 200]);
  const reply = (await t.concord.store.listMessages((await conversationOf(1005)).id)).find((m) => m.direction === 'out')!;
  let stored = await t.concord.store.getMessage(reply.id);
  for (let i = 0; i < 50 && !stored?.deliveredAt; i++) {
    await new Promise((r) => setTimeout(r, 20));
    stored = await t.concord.store.getMessage(reply.id);
  }
  expect(stored?.deliveredAt).toBeTruthy();
  expect(stored?.deliveryAttempts).toBe(2);
  expect(stored?.lastDeliveryError).toMatch(/500/);
  await new Promise((r) => setTimeout(r, 300));
  expect(fake.ok('sendMessage')).toHaveLength(1);
});

test('malformed payloads get 400 with a clear error and the server keeps serving', async () => {
  const bad = [
    await post('{"update_id": 1, "message": ', SECRET, true),
    await post({ hello: 'world' }),
    await post({ update_id: 'seven' }),
    await post({ update_id: 8, message: { message_id: 1, date: 1, text: 'no chat' } }),
  ];
  expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400]);
  const body = (await bad[3].json()) as { error: string; message: string };
  expect(body.error).toBe('invalid_update');
  expect(body.message).toMatch(/message\.chat/);
  const replies = await turn(textUpdate({ chatId: 1006, text: 'hello', languageCode: 'en' }));
  expect(replies).toHaveLength(1);
});

test('an escalation taken over by an agent: status notices, typing, agent replies, survey keyboard on return', async () => {
  const chatId = 1007;
  await turn(textUpdate({ chatId, text: "My order 12345 arrived broken and I'm really annoyed", languageCode: 'en' }));
  const handoff = await turn(textUpdate({ chatId, text: 'I want to talk to a real person please', languageCode: 'en' }));
  await fake.waitFor(() => fake.sent.some((m) => /in the queue/.test(m.text)));
  expect(fake.sent.find((m) => /in the queue/.test(m.text))!.text).toMatch(/You're (next|number \d+) in line; the wait is about \d+ minutes?\./);
  expect(handoff.map((m) => m.text).join('\n')).toMatch(/colleague/);
  const conversation = await conversationOf(chatId);
  expect(conversation.status).toBe('queued');
  // Right after the queue notice the bot says nothing more.
  expect(await turn(textUpdate({ chatId, text: 'hello? is anyone there?' }))).toHaveLength(0);
  // Two minutes on, a customer who writes again hears where they stand, once per two minutes.
  t.clock.advance(121_000);
  await turn(textUpdate({ chatId, text: 'still waiting...' }));
  await fake.waitFor(() => fake.sent.some((m) => /still in the queue/.test(m.text)));
  expect(fake.sent.find((m) => /still in the queue/.test(m.text))!.text).toMatch(/saved.*You're (next|number \d+) in line; the wait is about \d+ minutes?\./);
  await turn(textUpdate({ chatId, text: 'hello??' }));
  await new Promise((r) => setTimeout(r, 200));
  expect(fake.sent.filter((m) => /still in the queue/.test(m.text))).toHaveLength(1);

  await t.concord.control.assign(conversation.id, AGENT.id, AGENT);
  await fake.waitFor(() => fake.sent.some((m) => /colleague has joined/.test(m.text)));
  t.concord.control.agentTyping(conversation.id, AGENT.id);
  await fake.waitFor(() => fake.ok('sendChatAction').length === 1);
  expect(fake.ok('sendChatAction')[0].payload).toMatchObject({ chat_id: chatId, action: 'typing' });
  await t.concord.control.agentReply(conversation.id, AGENT.id, "Hi, I'm Dana. A replacement ships tomorrow.");
  expect(fake.ok('sendMessage').at(-1)!.payload).toMatchObject({ chat_id: chatId, text: "Hi, I'm Dana. A replacement ships tomorrow." });
  expect(await turn(textUpdate({ chatId, text: 'thank you so much' }))).toHaveLength(0);

  await t.concord.control.returnToBot(conversation.id, AGENT, 'resolved');
  const survey = fake.sent.at(-1)!;
  expect(survey.text).toMatch(/how satisfied/i);
  expect(buttons(survey)).toEqual(['1', '2', '3', '4', '5']);
  await turn(pressUpdate(survey, '5'));
  expect(fake.sent.at(-1)!.text).toMatch(/thank you for your feedback/i);
  await fake.waitFor(() => fake.ok('editMessageReplyMarkup').length > 0);
  expect(fake.ok('editMessageReplyMarkup').at(-1)!.payload).toMatchObject({ chat_id: chatId, message_id: survey.message_id, reply_markup: { inline_keyboard: [] } });
  expect((await t.concord.store.listSurveys(conversation.id)).map((s) => s.score)).toEqual([5]);
});

test('in a group only messages that mention the bot or reply to it are taken', async () => {
  const group = -100555;
  expect(await turn(textUpdate({ chatId: group, userId: 42, chatType: 'supergroup', text: 'hello everyone' }))).toHaveLength(0);
  expect(await t.concord.store.findLatestConversation('telegram', String(group))).toBeNull();
  const mention = '@concord_test_bot';
  const replies = await turn(textUpdate({ chatId: group, userId: 42, chatType: 'supergroup', text: `${mention} hello`, languageCode: 'en', entities: [{ type: 'mention', offset: 0, length: mention.length }] }));
  expect(replies).toHaveLength(1);
  expect(await turn(textUpdate({ chatId: group, userId: 42, chatType: 'supergroup', text: 'thanks', replyToBot: true }))).toHaveLength(1);
  const inbound = (await t.concord.store.listMessages((await conversationOf(group)).id)).filter((m) => m.direction === 'in');
  expect(inbound.map((m) => m.text)).toEqual(['hello', 'thanks']);
  expect(fake.ok('getMe')).toHaveLength(1);
});

test('a sticker gets a polite text-only answer in the customer language, and is stored', async () => {
  const replies = await turn(stickerUpdate({ chatId: 1008, languageCode: 'zh-hans' }));
  expect(replies).toHaveLength(1);
  expect(replies[0].text).toMatch(/文字/);
  const inbound = (await t.concord.store.listMessages((await conversationOf(1008)).id)).filter((m) => m.direction === 'in');
  expect(inbound).toHaveLength(1);
  expect(inbound[0].annotations?.attachments).toEqual([{ kind: 'sticker' }]);
});
