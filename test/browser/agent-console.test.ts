/**
 * The agent console (web/agent/) in Debian's chromium against a fake of the console API
 * (test/helpers/fake-agent-api.ts): login errors and throttling, the queue and the packet,
 * claim, canned replies, notes, CSRF on every state-changing request, escaping, both languages.
 * The end-to-end flow with a real customer and the real server is test/browser/handoff.test.ts.
 */
import type { Page } from 'playwright-core';
import { FakeAgentApi } from '../helpers/fake-agent-api';
import { eventually, expectText, hasChromium, launchBrowser, screenshot, SKIP_REASON, type BrowserSession } from '../helpers/browser';

const suite = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn(`test/browser/agent-console.test.ts ${SKIP_REASON}`);

suite(`agent console against a fake API${hasChromium ? '' : ` — ${SKIP_REASON}`}`, () => {
  let api: FakeAgentApi;
  let browser: BrowserSession | undefined;

  beforeEach(async () => { api = await new FakeAgentApi().start(); });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    await api.close();
  });

  async function signIn(page: Page, email = 'mei@example.com', password = api.password) {
    await page.goto(`${api.url}/agent`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  test('wrong passwords show an error, then the throttle with the time to wait', async () => {
    browser = await launchBrowser({ locale: 'en-US' });
    const { page } = browser;
    await signIn(page, 'mei@example.com', 'nope');
    await expectText(page, 'login-error', /wrong email or password/i);
    await screenshot(page, 'agent-console-login-error');
    api.failedLogins = 5;
    await page.getByTestId('login-password').fill('nope again');
    await page.getByTestId('login-submit').click();
    await expectText(page, 'login-error', /too many.*14m/i);
    await expect(page.getByTestId('login-submit').isDisabled()).resolves.toBe(true);
  });

  test('queue, packet, claim, canned reply, note, resolve; CSRF on every change; text never parsed as HTML', async () => {
    browser = await launchBrowser({ locale: 'en-US', width: 1440, height: 900 });
    const { page } = browser;
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await signIn(page);
    await page.getByTestId('queue-item').first().waitFor();
    expect(await page.getByTestId('queue-item').count()).toBe(2);
    await expectText(page, 'queue-count', '2');

    await page.getByTestId('queue-item').first().click();
    await page.getByTestId('packet').waitFor();
    await expectText(page, 'packet-problem', /Order 12345/);
    await expectText(page, 'packet-reasons', /Asked for a person.*Legal threat/s);
    expect(await page.locator('[data-testid="msg"][data-from="customer"] [data-testid="emotion"]').count()).toBe(3);
    const scripted = page.locator('[data-testid="msg-text"]', { hasText: '<script>alert(1)</script>' });
    await expect(scripted.count()).resolves.toBe(1); // shown as text
    await screenshot(page, 'agent-console-fake-en');

    await page.getByTestId('claim').click();
    await eventually('the chat under "my chats"', async () => ((await page.getByTestId('chat-item').count()) === 1 ? true : undefined));
    const composer = page.getByTestId('composer');
    await composer.fill('');
    await composer.pressSequentially('/ref');
    await page.getByTestId('canned-item').first().waitFor();
    await composer.press('Enter');
    await expect(composer.inputValue()).resolves.toBe('已为您发起全额退款，3 到 5 个工作日内到账。'); // the conversation's language
    expect(api.received.some((f) => f.type === 'typing' && f.conversationId === 'conv-zh')).toBe(true);
    await composer.press('Enter');
    await page.locator('[data-testid="msg"][data-from="agent"]').waitFor();

    await page.getByTestId('mode-note').click();
    await expectText(page, 'note-warning', /customer never sees/i);
    await composer.fill('VIP, threatened 12315 — refund approved by Sam');
    await composer.press('Enter');
    await expectText(page, 'note', /refund approved by Sam/);

    api.customerTyping('conv-zh');
    await page.getByTestId('customer-typing').waitFor();
    api.customerSays('conv-zh', '好的，谢谢', { label: 'satisfaction', intensity: 0.5 });
    await page.locator('[data-testid="msg-text"]', { hasText: '好的，谢谢' }).waitFor();

    await page.getByTestId('resolve').click();
    await page.getByTestId('dialog-confirm').click();
    await eventually('the chat handed back to the bot', async () => (api.conversations[0].status === 'bot' ? true : undefined));
    await expectText(page, 'toast', /Resolved/);
    await eventually('the resolved chat closed in the console', async () => ((await page.getByTestId('conversation-header').count()) === 0 ? true : undefined));

    expect(api.mutations.length).toBeGreaterThanOrEqual(4);
    expect(api.mutations.every((m) => typeof m.csrf === 'string' && m.csrf.length > 10)).toBe(true);
    expect(dialogs).toEqual([]);
  });

  test('Chinese UI by default for a Chinese browser; supervisors see live bot chats and take over', async () => {
    browser = await launchBrowser({ locale: 'zh-CN', width: 1440, height: 900 });
    const { page } = browser;
    await signIn(page, 'sam@example.com');
    await page.getByTestId('queue-item').first().waitFor();
    await expectText(page, 'tab-inbox', '收件箱');
    await page.getByTestId('queue-item').first().click();
    await page.getByTestId('packet').waitFor();
    await screenshot(page, 'agent-console-fake-zh');

    await page.getByTestId('tab-live').click();
    await page.getByTestId('live-item').first().waitFor();
    await expectText(page, 'live', /Priya/);
    await page.getByTestId('live-takeover').first().click();
    await eventually('the live chat taken over', async () => (api.conversations[2].status === 'agent' ? true : undefined));
    await page.getByTestId('lang-en').click();
    await expectText(page, 'tab-inbox', 'Inbox');

    // Hand the chat on to Mei with a note.
    await page.getByTestId('transfer').click();
    await page.getByTestId('transfer-agent').selectOption('mei');
    await page.getByTestId('transfer-note').fill('Parcel late, customer anxious — please follow up with the carrier.');
    await page.getByTestId('dialog-confirm').click();
    await eventually('the chat transferred to Mei', async () => (api.conversations[2].assignedAgentId === 'mei' ? true : undefined));
    expect(api.mutations.find((m) => m.path.endsWith('/transfer'))?.csrf).toBeTruthy();
  });

  test('live updates come back after the socket drops (reconnect with backoff)', async () => {
    browser = await launchBrowser({ locale: 'en-US' });
    const { page } = browser;
    await signIn(page);
    await page.getByTestId('queue-item').first().waitFor();
    await eventually('the console socket', async () => (api.openSockets === 1 ? true : undefined));
    api.dropSockets();
    await page.getByTestId('connection').waitFor({ state: 'visible' });
    await expectText(page, 'connection', /Reconnecting/);
    await page.getByTestId('connection').waitFor({ state: 'hidden', timeout: 10000 });
    api.customerSays('conv-en', 'Still there?', { label: 'anxiety', intensity: 0.5 });
    await page.getByTestId('queue-item').nth(1).click();
    await page.locator('[data-testid="msg-text"]', { hasText: 'Still there?' }).waitFor();
  });
});

