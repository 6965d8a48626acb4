/**
 * Masking at rest in the agent console, in Debian's chromium against the real server
 * (`MASK_PII_AT_REST=true`): a web chat customer writes their email and phone and asks for a
 * person; the supervisor sees the queued chat with the data masked and a "Reveal" button that
 * shows the original; an agent sees the masked text with no button. English and Chinese labels.
 */
import { WebChatClient } from '../../src/channels/web/client';
import { ADMIN, ApiClient, type AgentTestServer, startAgentServer } from '../helpers/agent-api';
import { eventually, hasChromium, launchBrowser, screenshot, SKIP_REASON, type BrowserSession } from '../helpers/browser';

const suite = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn(`test/browser/privacy-reveal.test.ts ${SKIP_REASON}`);

const EMAIL = 'wang.fang.reveal@example.com';
const PASSWORD = 'a long enough password';

suite(`reveal masked personal data in the console${hasChromium ? '' : ` — ${SKIP_REASON}`}`, () => {
  let server: AgentTestServer;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    server = await startAgentServer({ MASK_PII_AT_REST: 'true' });
    const admin = new ApiClient(server.concord.url);
    await admin.login(ADMIN.email, ADMIN.password);
    for (const role of ['supervisor', 'agent']) {
      await admin.call('POST', '/api/agents', { name: role, email: `${role}@example.com`, password: PASSWORD, role, languages: ['en', 'zh'] });
    }
    const chat = await WebChatClient.connect(server.concord.url, { lang: 'en' });
    chat.send(`My parcel never came, email me at ${EMAIL} or call 13712345678`);
    await chat.waitFor((f) => f.type === 'message');
    const since = chat.frames.length;
    chat.send('I want to talk to a real person now');
    await chat.waitFor((f) => f.type === 'status' && f.status === 'queued', 15_000, since);
    await server.concord.idle();
    await chat.close();
  });
  afterAll(async () => server.stop());
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  async function openQueuedChat(email: string, locale: string) {
    browser = await launchBrowser({ locale, width: 1440, height: 900 });
    const { page } = browser;
    await page.goto(`${server.concord.url}/agent`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('queue-item').first().click();
    await page.getByTestId('masked').first().waitFor();
    return page;
  }

  test('a supervisor sees the masked text and reveals the original', async () => {
    const page = await openQueuedChat('supervisor@example.com', 'en-US');
    const text = page.locator('[data-testid="msg"][data-from="customer"] [data-testid="msg-text"]').first();
    await expect(text.textContent()).resolves.toContain('[email]');
    await expect(page.getByTestId('masked').first().textContent()).resolves.toMatch(/Personal data masked/);
    await screenshot(page, 'agent-console-pii-masked');
    await page.getByTestId('reveal-pii').first().click();
    await eventually('the original text', async () => ((await text.textContent())?.includes(EMAIL) ? true : undefined), 10_000);
    await expect(page.getByTestId('masked').first().textContent()).resolves.toMatch(/your access was logged/);
    const audit = await server.concord.store.listAudit(20);
    expect(audit.some((a) => a.action === 'message.reveal')).toBe(true);
  });

  test('an agent sees the masked text without a reveal button (Chinese UI)', async () => {
    const page = await openQueuedChat('agent@example.com', 'zh-CN');
    await expect(page.getByTestId('masked').first().textContent()).resolves.toContain('个人信息已隐藏');
    expect(await page.getByTestId('reveal-pii').count()).toBe(0);
    const texts = await page.locator('[data-testid="msg-text"]').allTextContents();
    expect(texts.join('\n')).not.toContain(EMAIL);
  });
});
