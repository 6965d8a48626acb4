/**
 * Inbox recovery, deterministically: customer messages stored (acknowledged) by a process that
 * died before their turns committed are written straight into a data directory; Concord started
 * on it answers each once, delivered once, before a new message of the same chat, and a second
 * start answers nothing again. Messages in chats no longer with the bot are only marked
 * processed; messages older than the recovery window are left alone. A recovered link command is
 * handled like a live one (the sender's channel identity comes from the stored message).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../src/clock';
import type { Conversation, ConversationStatus, StoredMessage } from '../../src/store/port';
import { SqliteStore } from '../../src/store/sqlite';
import { hashLinkCode } from '../../src/identity/link-codes';
import { startTestConcord, type TestConcord } from '../helpers/concord';
import { BOT_TOKEN, FakeTelegram, textUpdate } from '../helpers/fake-telegram';

const SECRET = 'test-secret-0123456789abcdef';
const NOW = new FakeClock().now();
const HOUR = 60 * 60 * 1000;

let fake: FakeTelegram;
let t: TestConcord | undefined;
let dataDir: string;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-inbox-'));
});

afterEach(async () => {
  await t?.stop();
  t = undefined;
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What a process killed between ack and commit leaves: a conversation with stored, unprocessed messages. */
async function leftBehind(store: SqliteStore, chatId: number, status: ConversationStatus, messages: { text: string; at: number; processed?: boolean; annotations?: Record<string, unknown> }[]): Promise<Conversation> {
  const customer = await store.resolveCustomer('telegram', String(chatId), NOW - 48 * HOUR);
  const first = messages[0].at;
  const conversation: Conversation = {
    id: randomUUID(), customerId: customer.id, channel: 'telegram', channelKey: String(chatId), status, language: 'en', state: {},
    emotionTrajectory: [], assignedAgentId: status === 'agent' ? 'agent-1' : null, version: 1, createdAt: first, updatedAt: first, lastMessageAt: first,
  };
  await store.createConversation(conversation);
  for (const m of messages) {
    await store.appendInbound({ id: randomUUID(), conversationId: conversation.id, direction: 'in', author: 'customer', channelMessageId: randomUUID(), text: m.text, annotations: m.processed ? { processed: true } : (m.annotations ?? null), createdAt: m.at });
  }
  return conversation;
}

function sentTo(chatId: number) {
  return fake.sent.filter((m) => m.chat.id === chatId);
}

function start(): Promise<TestConcord> {
  return startTestConcord({ dataDir, env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url } });
}

async function post(update: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${t!.concord.url}/channels/telegram/webhook`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update),
  });
  expect(res.status).toBe(200);
}

const direction = (messages: StoredMessage[]) => messages.map((m) => `${m.direction}:${m.author}`);

test('answers every stored but unprocessed message once after a restart, before new messages, and never again', async () => {
  const seed = new SqliteStore({ file: path.join(dataDir, 'concord.db') });
  await seed.init();
  const bot = await leftBehind(seed, 4201, 'bot', [
    { text: 'hello there', at: NOW - 3 * HOUR, processed: true },
    { text: 'where is my order 12345?', at: NOW - 2 * HOUR },
    { text: 'thanks', at: NOW - 2 * HOUR + 1 },
  ]);
  const withAgent = await leftBehind(seed, 4202, 'agent', [{ text: 'are you still there?', at: NOW - HOUR }]);
  const stale = await leftBehind(seed, 4203, 'bot', [{ text: 'hello?', at: NOW - 30 * HOUR }]);
  await seed.close();

  t = await start();
  await post(textUpdate({ chatId: 4201, text: 'what can you do?' })); // a new message, right after the start
  await t.concord.idle();
  const store = t.concord.store;

  const answered = await store.listMessages(bot.id);
  const inbound = answered.filter((m) => m.direction === 'in');
  expect(inbound.map((m) => m.text)).toEqual(['hello there', 'where is my order 12345?', 'thanks', 'what can you do?']);
  expect(inbound.every((m) => m.annotations?.processed === true)).toBe(true);
  // The recovered messages are answered oldest first, and before the new message is even stored.
  const live = inbound[3];
  const recoveredReplies = answered.filter((m) => m.direction === 'out' && m.seq < live.seq);
  expect(recoveredReplies.map((m) => m.text)).toEqual([expect.stringMatching(/order 12345/), expect.stringMatching(/welcome/i), expect.anything()]);
  expect(answered.filter((m) => m.direction === 'out' && m.seq > live.seq).length).toBeGreaterThan(0);
  // Every reply names the message it answers: each customer message is answered by exactly one turn.
  const answers = (m: StoredMessage) => answered.filter((o) => o.annotations?.inReplyTo === m.id).map((o) => o.seq);
  expect(answers(inbound[0])).toEqual([]);
  expect(answers(inbound[1])).toEqual([recoveredReplies[0].seq]);
  expect(answers(inbound[2])).toEqual([recoveredReplies[1].seq, recoveredReplies[2].seq]);
  expect(answers(live).length).toBeGreaterThan(0);
  const out = answered.filter((m) => m.direction === 'out');
  expect(out.every((m) => m.author === 'bot' && m.deliveredAt)).toBe(true);
  expect(sentTo(4201).map((m) => m.text)).toEqual(out.map((m) => m.text)); // each delivered exactly once, in order

  const agentChat = await store.listMessages(withAgent.id);
  expect(direction(agentChat)).toEqual(['in:customer']);
  expect(agentChat[0].annotations).toMatchObject({ processed: true, recovered: 'not_with_bot' });
  expect((await store.getConversation(withAgent.id))?.status).toBe('agent');
  expect(sentTo(4202)).toEqual([]);

  const staleChat = await store.listMessages(stale.id);
  expect(direction(staleChat)).toEqual(['in:customer']);
  expect(staleChat[0].annotations?.processed).toBeUndefined();
  expect(sentTo(4203)).toEqual([]);

  const sent = fake.sent.length;
  await t.restart();
  await t.concord.idle();
  expect(await t.concord.store.listMessages(bot.id)).toEqual(answered.map((m) => expect.objectContaining({ id: m.id })));
  expect(await t.concord.store.listMessages(bot.id)).toHaveLength(answered.length);
  expect(fake.sent.length).toBe(sent);
});

test('handles a recovered link command like a live one: the code links the sender, a bare "link" issues a code', async () => {
  const seed = new SqliteStore({ file: path.join(dataDir, 'concord.db') });
  await seed.init();
  const web = await seed.resolveCustomer('web', 'visitor-4301', NOW - HOUR);
  await seed.createLinkCode({ codeHash: hashLinkCode('482913'), customerId: web.id, createdAt: NOW - 2 * 60_000, expiresAt: NOW + 8 * 60_000 });
  // As the engine stores a link command: with the sender's channel identity.
  const redeem = await leftBehind(seed, 4301, 'bot', [{ text: 'link 482913', at: NOW - 60_000, annotations: { sender: { channelUserId: '4301' } } }]);
  // Stored by a version that did not record the sender: the customer's one Telegram identity is used.
  const issue = await leftBehind(seed, 4302, 'bot', [{ text: 'link', at: NOW - 60_000 }]);
  await seed.close();

  t = await start();
  await t.concord.idle();
  const store = t.concord.store;
  expect((await store.findCustomerByIdentity('telegram', '4301'))?.id).toBe(web.id);
  expect(sentTo(4301).map((m) => m.text)).toEqual([expect.stringMatching(/accounts are linked/)]);
  expect((await store.listEvents(redeem.id)).map((e) => e.type)).toContain('identity_linked');
  expect(sentTo(4302).map((m) => m.text)).toEqual([expect.stringMatching(/^Your link code is \d{6}\./)]);
  expect((await store.listEvents(issue.id)).map((e) => e.type)).toContain('link_code_issued');
  expect((await store.listMessages(issue.id)).filter((m) => m.direction === 'in').every((m) => m.annotations?.processed === true)).toBe(true);
});

test('stores the sender with a live link command, so a recovery could handle it', async () => {
  t = await start();
  await post(textUpdate({ chatId: 4303, text: 'link' }));
  await post(textUpdate({ chatId: 4303, text: 'hello' }));
  await t.concord.idle();
  const c = await t.concord.store.findOpenConversation('telegram', '4303');
  const inbound = (await t.concord.store.listMessages(c!.id)).filter((m) => m.direction === 'in');
  expect(inbound.map((m) => m.annotations?.sender ?? null)).toEqual([{ channelUserId: '4303' }, null]);
});
