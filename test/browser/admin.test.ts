/**
 * The admin console (/admin) in Debian's chromium against the real server: an admin changes the
 * empathize wording of the complaint script in the form view, previews the draft (the preview
 * pane shows the new wording and why), and publishes it; a customer already in the middle of a
 * complaint (web chat protocol client) still gets the old wording at that step, a new customer
 * gets the new one; rolling back to version 1 restores it. Also: an agent gets 403 on the page
 * and the API, and the Chinese UI renders.
 */
import type { Page } from 'playwright-core';
import { WebChatClient, type ServerFrame } from '../../src/channels/web/client';
import { ADMIN, ApiClient, startAgentServer, type AgentTestServer } from '../helpers/agent-api';
import { ensureWebBuilt } from '../helpers/ensure-built';
import { expectText, hasChromium, launchBrowser, screenshot, SKIP_REASON, type BrowserSession } from '../helpers/browser';

const OLD = "Thank you for letting us know. I'm sorry for the trouble; I'll help you with it.";
const NEW = 'Thanks for flagging this; a real person on our team will own it from here.';
const skipReason = !hasChromium ? SKIP_REASON : '';
const suite = skipReason ? describe.skip : describe;
if (skipReason) console.warn(`test/browser/admin.test.ts ${skipReason}`);

let server: AgentTestServer;
let browser: BrowserSession | undefined;
beforeAll(async () => {
  ensureWebBuilt();
  server = await startAgentServer();
});
afterAll(async () => server.stop());
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto(`${server.concord.url}/admin`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Sends a customer message and resolves with the bot's replies to it. */
async function customerSays(client: WebChatClient, text: string): Promise<string[]> {
  const before = client.frames.length;
  client.send(text);
  await client.waitFor((f) => f.type === 'message' && !!f.quickReplies?.length, 15000, before);
  return client.frames.slice(before).filter((f): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message').map((f) => f.text);
}

suite(`admin console access and languages${skipReason ? ` — ${skipReason}` : ''}`, () => {
  test('an agent gets 403 on /admin and on every admin API; the sign-in form refuses them', async () => {
    const admin = new ApiClient(server.concord.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const agent = { name: 'Mei', email: `mei-${Date.now()}@example.com`, password: 'agent-password-123', role: 'agent' };
    expect((await admin.call('POST', '/api/agents', agent)).status).toBe(201);
    const client = new ApiClient(server.concord.url);
    await client.login(agent.email, agent.password);
    expect((await fetch(`${server.concord.url}/admin`, { headers: { cookie: client.cookie! } })).status).toBe(403);
    for (const url of ['/api/admin/content', '/api/admin/audit', '/api/admin/capabilities', '/api/admin/golden']) {
      expect([url, (await client.call('GET', url)).status]).toEqual([url, 403]);
    }
    expect((await client.call('POST', '/api/admin/preview', { kind: 'script', name: 'complaint', source: 'id: complaint' })).status).toBe(403);

    browser = await launchBrowser({ locale: 'en-US' });
    const { page, context } = browser;
    await signIn(page, agent.email, agent.password);
    await expectText(page, 'login-error', /Only administrators/);
    await context.request.post(`${server.concord.url}/api/auth/login`, { data: { email: agent.email, password: agent.password } });
    const res = await page.goto(`${server.concord.url}/admin`);
    expect(res?.status()).toBe(403);
    await expectText(page, 'forbidden', '403');
  });

  test('the Chinese UI renders for a Chinese browser', async () => {
    browser = await launchBrowser({ locale: 'zh-CN', width: 1440, height: 900 });
    const { page } = browser;
    await page.goto(`${server.concord.url}/admin`);
    await expectText(page, 'login', '登录管理控制台');
    await screenshot(page, 'admin-login-zh');
    await signIn(page);
    await expectText(page, 'console-name', '管理控制台');
    await expectText(page, 'tab-content', '内容');
    await expectText(page, 'tab-audit', '审计日志');
    await page.locator('[data-testid="content-item"][data-kind="intent"][data-name="thanks"]').click();
    await page.getByTestId('view-form').click();
    await expectText(page, 'form-examples-zh', '示例');
    await page.getByTestId('test-sentence').fill('太感谢你们了');
    await page.getByTestId('test-sentence-go').click();
    await expectText(page, 'test-intent', '意图: thanks');
    await expectText(page, 'test-emotion', '情绪');
    await screenshot(page, 'admin-intent-zh');
    await page.getByTestId('lang-en').click();
    await expectText(page, 'tab-audit', 'Audit log');
  });

  test('a concurrent save is refused with the message and a diff; the admin keeps their text and can save it', async () => {
    browser = await launchBrowser({ locale: 'en-US', width: 1440, height: 900 });
    const { page } = browser;
    await signIn(page);
    await page.locator('[data-testid="content-item"][data-kind="script"][data-name="goodbye"]').click();
    await page.getByTestId('view-form').click();
    await page.getByTestId('template-en').first().fill('Mine: goodbye and good luck!');
    // Another admin saves a draft of the same script first.
    const other = new ApiClient(server.concord.url);
    await other.login(ADMIN.email, ADMIN.password);
    const item = await other.call('GET', '/api/admin/content/script/goodbye');
    const theirs = String((item.body.published as { source: string }).source).replace('Take care, and come back any time!', 'Theirs: see you soon.');
    expect((await other.call('PUT', '/api/admin/content/script/goodbye/draft', { source: theirs, expectedRevision: 0 })).status).toBe(200);

    await page.getByTestId('save-draft').click();
    await expectText(page, 'conflict-message', /.+/);
    await expectText(page, 'diff', 'Theirs: see you soon.');
    await expectText(page, 'diff', 'Mine: goodbye and good luck!');
    await expect(page.getByTestId('template-en').first().inputValue()).resolves.toBe('Mine: goodbye and good luck!');
    await screenshot(page, 'admin-conflict');
    await page.getByTestId('conflict-keep-mine').click();
    await page.getByTestId('save-draft').click();
    await expectText(page, 'toast', /Draft saved \(revision 2\)/);
    const draft = await server.concord.store.getContentDraft('script', 'goodbye');
    expect(draft?.source).toContain('Mine: goodbye and good luck!');
    await page.getByTestId('discard').click();
    await page.getByTestId('dialog-confirm').click();
    await expectText(page, 'toast', /Draft discarded/);
    expect(await server.concord.store.getContentDraft('script', 'goodbye')).toBeNull();
  });
});

suite(`admin edits, previews, publishes and rolls back the complaint script${skipReason ? ` — ${skipReason}` : ''}`, () => {
  test('preview shows the draft; in-progress conversations keep their version; rollback restores', async () => {
    // A customer is mid-complaint: the bot asked for the order number, empathize comes next.
    const early = await WebChatClient.connect(server.concord.url, { lang: 'en' });
    early.send('I want to complain about my order, the colour is wrong');
    await early.waitFor((f) => f.type === 'message' && /order number/i.test(f.text), 15000);

    browser = await launchBrowser({ locale: 'en-US', width: 1440, height: 900 });
    const { page } = browser;
    await signIn(page);
    await page.locator('[data-testid="content-item"][data-kind="script"][data-name="complaint"]').click();
    await expectText(page, 'item-name', 'complaint');
    await page.getByTestId('view-form').click();
    const variant = page.locator('[data-testid="form-step-empathize"] [data-testid="form-variant"]').last();
    await expect(variant.getByTestId('template-en').inputValue()).resolves.toBe(OLD);
    await variant.getByTestId('template-en').fill(NEW);
    await expectText(page, 'draft-state', /Unsaved/);

    // Preview the unsaved draft: the new wording and why the bot chose it.
    await page.getByTestId('side-preview').click();
    await page.getByTestId('preview-start').click();
    await page.getByTestId('preview-input').fill('I want to complain about order 12345, the colour is wrong');
    await page.getByTestId('preview-send').click();
    await expectText(page, 'preview-reply', NEW);
    await expectText(page, 'trace-why', /starts script "complaint"/);
    await expectText(page, 'trace-step', /complaint \/ confirm/);
    await screenshot(page, 'admin-preview-en');

    // The YAML view has the same text, comments kept; save, then publish with a message.
    await page.getByTestId('view-yaml').click();
    await page.getByTestId('save-draft').click();
    await expectText(page, 'toast', /Draft saved/);
    const draft = await server.concord.store.getContentDraft('script', 'complaint');
    expect(draft?.source).toContain(NEW);
    expect(draft?.source).toContain('# Complaint handling: listen -> empathize');
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-message').fill('Warmer empathize wording');
    await page.getByTestId('dialog-confirm').click();
    await expectText(page, 'toast', /Published version 2/);
    await expectText(page, 'item-version', 'v2');

    // Mid-conversation: the old wording at empathize. New customer: the new one.
    expect((await customerSays(early, '12345')).join('\n')).toContain(OLD);
    const fresh = await WebChatClient.connect(server.concord.url, { lang: 'en' });
    const freshReplies = await customerSays(fresh, 'I want to complain about order 12345, the colour is wrong');
    expect(freshReplies.join('\n')).toContain(NEW);

    // Versions: diff v1 -> v2 shows the change; roll back to v1 (published as v3).
    await page.getByTestId('side-versions').click();
    await page.locator('[data-testid="version"][data-version="1"] [data-testid="version-diff"]').click();
    await expectText(page, 'diff', NEW);
    await screenshot(page, 'admin-versions-diff');
    await page.locator('[data-testid="version"][data-version="1"] [data-testid="version-rollback"]').click();
    await page.getByTestId('rollback-message').fill('Back to the original wording');
    await page.getByTestId('dialog-confirm').click();
    await expectText(page, 'toast', /Rolled back: version 3/);
    const later = await WebChatClient.connect(server.concord.url, { lang: 'en' });
    const laterReplies = await customerSays(later, 'I want to complain about order 12345, the colour is wrong');
    expect(laterReplies.join('\n')).toContain(OLD);
    expect(laterReplies.join('\n')).not.toContain(NEW);

    await page.getByTestId('tab-audit').click();
    await expectText(page, 'audit', /publish/);
    for (const c of [early, fresh, later]) await c.close();
  });
});
