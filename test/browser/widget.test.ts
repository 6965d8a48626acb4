/**
 * The web chat widget against a fake protocol server (test/helpers/fake-webchat-server.ts):
 * reconnect + resend with the same id, protocol rendering, i18n, safety and the floating mode.
 * The real server is exercised end to end in webchat.test.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import {
  eventually, hasChromium, launchBrowser, quickReplies, say, screenshot, SKIP_REASON, transcript, type BrowserSession,
} from '../helpers/browser';
import { startFakeWebchatServer, type FakeWebchatServer } from '../helpers/fake-webchat-server';

const suite = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn(`test/browser/widget.test.ts ${SKIP_REASON}`);

suite(`web chat widget (fake server)${hasChromium ? '' : ` — ${SKIP_REASON}`}`, () => {
  let server: FakeWebchatServer;
  let browser: BrowserSession;

  beforeEach(async () => {
    server = await startFakeWebchatServer();
  });
  afterEach(async () => {
    await browser?.close();
    await server.close();
  });

  const openDemo = async (locale = 'en-US'): Promise<Page> => {
    browser = await launchBrowser({ locale });
    await browser.page.goto(server.url);
    await eventually('the session', async () => (server.connections > 0 ? true : undefined));
    return browser.page;
  };

  test('resends an unacknowledged message with the same id after the socket drops', async () => {
    const page = await openDemo();
    await eventually('the session token', () => page.evaluate(() => localStorage.getItem('concord.token') ?? undefined));
    server.dropNextMessage = true;
    server.refuseConnections = true;

    await say(page, 'Where is my parcel?');
    const customer = page.locator('[data-testid="msg"][data-from="customer"]');
    await customer.first().waitFor();
    expect(await customer.first().getAttribute('data-state')).toBe('pending');
    await page.getByTestId('connection').waitFor({ state: 'visible' });
    expect(await page.getByTestId('connection').textContent()).toMatch(/reconnecting/i);

    server.refuseConnections = false;
    await page.locator('[data-testid="msg"][data-from="customer"][data-state="sent"]').waitFor({ timeout: 15000 });
    await page.locator('[data-testid="msg"][data-from="bot"]').waitFor();
    await page.getByTestId('connection').waitFor({ state: 'hidden' });

    const sent = server.messagesOf('message');
    expect(sent).toHaveLength(2);
    expect(sent[1].id).toBe(sent[0].id);
    expect(sent[0].id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(server.stored().filter((m) => m.from === 'customer')).toHaveLength(1);

    await page.reload();
    await eventually('history after reload', async () => ((await transcript(page)).length === 2 ? true : undefined));
    expect(await transcript(page)).toEqual([
      { from: 'customer', text: 'Where is my parcel?', state: 'sent' },
      { from: 'bot', text: 'You said: Where is my parcel?', state: null },
    ]);
  });

  test('renders quick replies, queue and agent status, typing and errors, in Chinese and English', async () => {
    server.language = 'zh';
    server.respond = (text, value) => value === undefined
      ? [
        { text: '非常抱歉给您带来这样的体验，我完全理解您的心情。' },
        {
          text: `我确认一下：您的订单 12345 收到时已损坏，并且一直没有收到客服回复，对吗？`,
          quickReplies: [{ label: '是的，没错', value: 'confirm' }, { label: '不完全对', value: 'deny' }],
        },
      ]
      : [{ text: `已为您登记投诉，编号 CP-7QX2KD，我们会在 2 个工作日内联系您。（${value}）` }];
    const page = await openDemo('en-US'); // the server's session language wins over the browser's
    await eventually('Chinese UI', async () =>
      ((await page.getByTestId('input').getAttribute('placeholder')) === '请输入消息…' ? true : undefined));

    await say(page, '我的订单12345到了是坏的，客服一直不回复，太气人了');
    await page.getByTestId('quick-reply').first().waitFor();
    expect(await quickReplies(page)).toEqual([{ label: '是的，没错', value: 'confirm' }, { label: '不完全对', value: 'deny' }]);
    await screenshot(page, 'widget-zh-quick-replies');

    await page.getByTestId('quick-reply').first().click();
    await page.getByText(/CP-7QX2KD/).waitFor();
    expect(await page.getByTestId('quick-reply').count()).toBe(0);
    const withValue = server.messagesOf('message').at(-1);
    expect(withValue).toMatchObject({ type: 'message', text: '是的，没错', value: 'confirm' });

    server.broadcast({ type: 'typing', from: 'agent' });
    await page.getByTestId('typing').waitFor({ state: 'visible' });
    server.broadcast({ type: 'status', status: 'queued', position: 2, etaSeconds: 150 });
    await eventually('queue status', async () => ((await page.getByTestId('status').textContent())?.includes('第 2 位') ? true : undefined));
    expect(await page.getByTestId('status').textContent()).toContain('3 分钟');
    server.broadcast({ type: 'status', status: 'agent', agentName: '王芳' });
    await eventually('agent status', async () => ((await page.getByTestId('status').textContent())?.includes('王芳') ? true : undefined));
    server.say('agent', '您好，我是客服王芳，我来帮您跟进这个订单。');
    const agentMsg = page.locator('[data-testid="msg"][data-from="agent"]');
    await agentMsg.waitFor();
    expect(await agentMsg.textContent()).toContain('人工客服');
    expect(await page.getByTestId('typing').isVisible()).toBe(false);
    await screenshot(page, 'widget-zh-agent');

    server.broadcast({ type: 'error', code: 'rate_limited', message: 'Too many messages', retryAfterMs: 500 });
    await page.getByTestId('notice').waitFor();
    expect(await page.getByTestId('notice').textContent()).toMatch(/稍后/);

    await page.getByTestId('lang-en').click();
    expect(await page.getByTestId('input').getAttribute('placeholder')).toBe('Write a message…');
    expect(await page.getByTestId('status').textContent()).toBe('You are now chatting with 王芳.');
    expect(await agentMsg.textContent()).toContain('a person');
    await screenshot(page, 'widget-en-agent');
  });

  test('inserts text literally, supports Shift+Enter, shows refused messages, limits length, throttles typing', async () => {
    const page = await openDemo();
    const hostile = '<img src=x onerror="window.__pwned = 1"><b>bold?</b>';
    await say(page, hostile);
    await page.locator('[data-testid="msg"][data-from="bot"]').waitFor();
    expect((await transcript(page))[0].text).toBe(hostile);
    expect(await page.locator('concord-chat').evaluate((el) => el.shadowRoot?.querySelectorAll('img, b').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    const input = page.getByTestId('input');
    await input.pressSequentially('line one');
    await input.press('Shift+Enter');
    await input.pressSequentially('line two');
    await input.press('Enter');
    await eventually('the two-line message', async () =>
      ((await transcript(page)).some((m) => m.text === 'line one\nline two') ? true : undefined));
    const typingFrames = server.messagesOf('typing').length;
    expect(typingFrames).toBeGreaterThanOrEqual(1);
    expect(typingFrames).toBeLessThanOrEqual(2); // at most once per 3 s

    server.refuseNextMessage = 'message_too_long';
    await say(page, 'refused by the server');
    await page.locator('[data-testid="msg"][data-state="failed"]').waitFor();
    await page.getByTestId('retry').waitFor();
    expect(await page.getByTestId('notice').textContent()).toMatch(/too long/);

    await input.fill('x'.repeat(4100));
    expect((await input.inputValue()).length).toBe(4000);
    expect(await page.getByTestId('counter').textContent()).toBe('4000 / 4000');
  });

  test('floating mode: a host page with hostile CSS embeds the launcher, which opens a working chat', async () => {
    const host = await serveHostPage(`<script src="${server.url}/widget.js" data-concord-url="${server.url}" data-lang="en" defer></script>`);
    try {
      browser = await launchBrowser({ locale: 'zh-CN' });
      const page = browser.page;
      await page.goto(host.url);
      const launcher = page.getByTestId('launcher');
      await launcher.waitFor({ state: 'visible' });
      expect(await page.getByTestId('input').isVisible()).toBe(false);
      expect(server.connections).toBe(0); // nothing to resume: connect only when opened
      await launcher.click();
      await say(page, 'Hello, I need help with my order');
      await page.locator('[data-testid="msg"][data-from="bot"]').waitFor();
      const font = await page.locator('[data-testid="msg-text"]').first().evaluate((el) => getComputedStyle(el).fontSize);
      expect(font).toBe('15px');
      await screenshot(page, 'widget-floating-en');
      await page.keyboard.press('Escape');
      await page.getByTestId('input').waitFor({ state: 'hidden' });
    } finally {
      await host.close();
    }
  });
});

/** A plain third-party page on its own origin, with CSS that would wreck an unshielded widget. */
async function serveHostPage(snippet: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
<style>body{font:32px/3 serif;background:#fafafa} div,p,button,textarea{color:red!important;font-size:40px!important;border:5px solid lime!important}</style>
</head><body><h1>Example shop</h1><p>Products and prices.</p>${snippet}</body></html>`;
  const srv: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => {
      srv.closeAllConnections(); // the browser's keep-alive sockets would hold close() open
      srv.close(() => resolve());
    }),
  };
}
