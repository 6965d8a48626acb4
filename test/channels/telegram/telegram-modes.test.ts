/**
 * Telegram start-up modes: long polling through telegraf (and a clean stop), the webhook set
 * on start when PUBLIC_URL is known, and the refusal to run a webhook without a secret.
 */
import { startTestConcord } from '../../helpers/concord';
import { BOT_TOKEN, FakeTelegram, textUpdate } from '../../helpers/fake-telegram';

let fake: FakeTelegram;

beforeEach(async () => {
  fake = await FakeTelegram.start();
});

afterEach(async () => {
  await fake.close();
});

test('long polling: updates from getUpdates are answered, and stop() ends polling cleanly', async () => {
  const t = await startTestConcord({ env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_MODE: 'polling', TELEGRAM_API_ROOT: fake.url } });
  try {
    fake.queueUpdates(textUpdate({ chatId: 2001, text: 'hello', languageCode: 'en' }));
    await fake.waitFor(() => fake.ok('sendMessage').length === 1);
    expect(fake.ok('sendMessage')[0].payload).toMatchObject({ chat_id: 2001, text: expect.stringMatching(/Hello/) });
    expect(fake.ok('deleteWebhook')).toHaveLength(1);
    const webhook = await fetch(`${t.concord.url}/channels/telegram/webhook`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(webhook.status).toBe(404);
  } finally {
    const started = Date.now();
    await t.stop();
    expect(Date.now() - started).toBeLessThan(3000);
  }
  const polls = fake.calls.filter((c) => c.method === 'getUpdates').length;
  await new Promise((r) => setTimeout(r, 400));
  expect(fake.calls.filter((c) => c.method === 'getUpdates').length).toBe(polls);
});

test('webhook mode sets the webhook with its secret when PUBLIC_URL is set', async () => {
  const secret = 'another-secret-0123456789';
  const t = await startTestConcord({ env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_API_ROOT: fake.url, PUBLIC_URL: 'https://care.example.com/' } });
  try {
    expect(fake.ok('setWebhook').map((c) => c.payload)).toEqual([{ url: 'https://care.example.com/channels/telegram/webhook', secret_token: secret, allowed_updates: ['message', 'callback_query'] }]);
  } finally {
    await t.stop();
  }
});

test('webhook mode without TELEGRAM_WEBHOOK_SECRET refuses to start, saying what to set', async () => {
  await expect(startTestConcord({ env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: fake.url } })).rejects.toThrow(/TELEGRAM_WEBHOOK_SECRET: required in webhook mode/);
  await expect(startTestConcord({ env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: 'short' } })).rejects.toThrow(/TELEGRAM_WEBHOOK_SECRET: must be 16-256 characters/);
});
