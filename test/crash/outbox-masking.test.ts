/**
 * The outbox after a crash with masking at rest (`MASK_PII_AT_REST=true`): a reply stored (masked)
 * but not sent before the process died is sent on the next start with its original text, revealed
 * from the vault for delivery only; the store keeps the masked text and no original in clear.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../src/clock';
import { withMaskingAtRest } from '../../src/privacy/masking-store';
import { loadVault } from '../../src/privacy/vault';
import type { Conversation } from '../../src/store/port';
import { SqliteStore } from '../../src/store/sqlite';
import { startTestConcord, type TestConcord } from '../helpers/concord';
import { BOT_TOKEN, FakeTelegram } from '../helpers/fake-telegram';
import { scanSqlite } from '../helpers/scan-sqlite';

const SECRET = 'test-secret-0123456789abcdef';
const NOW = new FakeClock().now();
const EMAIL = 'li.na.outbox@example.com';
const REPLY = `I have sent the replacement details to ${EMAIL}.`;

let fake: FakeTelegram;
let t: TestConcord | undefined;
let dataDir: string;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-outbox-'));
});

afterEach(async () => {
  await t?.stop();
  t = undefined;
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What a process killed between a turn's commit and its delivery leaves: a reply stored masked, undelivered. */
async function storedUnsent(chatId: number): Promise<{ conversation: Conversation; replyId: string }> {
  const plain = new SqliteStore({ file: path.join(dataDir, 'concord.db') });
  await plain.init();
  const store = withMaskingAtRest(plain, loadVault(dataDir));
  const customer = await store.resolveCustomer('telegram', String(chatId), NOW - 60_000);
  const conversation: Conversation = {
    id: randomUUID(), customerId: customer.id, channel: 'telegram', channelKey: String(chatId), status: 'agent', language: 'en', state: {},
    emotionTrajectory: [], assignedAgentId: 'agent-1', version: 1, createdAt: NOW - 60_000, updatedAt: NOW - 60_000, lastMessageAt: NOW - 60_000,
  };
  await store.createConversation(conversation);
  const replyId = randomUUID();
  const reply = { id: replyId, conversationId: conversation.id, direction: 'out' as const, author: 'agent' as const, authorId: 'agent-1', text: REPLY, createdAt: NOW - 30_000, deliveredAt: null, deliveryAttempts: 0 };
  await store.saveTurn({ conversation, expectedVersion: 1, outbound: [reply] });
  await plain.close();
  return { conversation, replyId };
}

test('re-sends a reply masked at rest with its original text, and keeps it masked in the store', async () => {
  const { conversation, replyId } = await storedUnsent(4401);
  t = await startTestConcord({ dataDir, env: { MASK_PII_AT_REST: 'true', TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url } });
  await t.concord.idle();
  expect(fake.sent.filter((m) => m.chat.id === 4401).map((m) => m.text)).toEqual([REPLY]);
  const stored = (await t.concord.store.listMessages(conversation.id)).find((m) => m.id === replyId);
  expect(stored).toMatchObject({ text: 'I have sent the replacement details to [email].', deliveredAt: expect.any(Number) });
  expect(scanSqlite(path.join(dataDir, 'concord.db'), [EMAIL])).toEqual([]);
});
