/**
 * Launches Debian's chromium through playwright-core (never a downloaded browser) with a fresh
 * profile per session, and reads the web chat widget the way a customer sees it.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const SKIP_REASON = `skipped: ${CHROMIUM_PATH} not found (apt-get install -y chromium fonts-noto-cjk)`;
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(options: { locale?: string; width?: number; height?: number } = {}): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'concord-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1200, height: options.height ?? 820 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a PNG under test-artifacts/ (kept out of git) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

export interface ShownMessage {
  from: string;
  text: string;
  state: string | null;
}

/** The conversation as rendered: one entry per `data-testid="msg"` (shadow DOM is pierced). */
export async function transcript(page: Page): Promise<ShownMessage[]> {
  return page.locator('[data-testid="msg"]').evaluateAll((els) =>
    els.map((el) => ({
      from: el.getAttribute('data-from') ?? '',
      text: el.querySelector('[data-testid="msg-text"]')?.textContent ?? '',
      state: el.getAttribute('data-state'),
    })),
  );
}

export interface ShownQuickReply { label: string; value: string }

export async function quickReplies(page: Page): Promise<ShownQuickReply[]> {
  return page.locator('[data-testid="quick-reply"]').evaluateAll((els) =>
    els.map((el) => ({ label: el.textContent ?? '', value: el.getAttribute('data-value') ?? '' })),
  );
}

/** Polls `probe` until it returns something other than undefined; fails naming `what`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Types into the widget's input and presses Enter, as a customer would. */
export async function say(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('input');
  await input.fill(text);
  await input.press('Enter');
}

/** Waits until some element with this `data-testid` shows `expected` (a substring or a pattern). */
export async function expectText(page: Page, testid: string, expected: string | RegExp, timeoutMs = 10000): Promise<void> {
  await eventually(`${testid} to show ${String(expected)}`, async () => {
    const texts = await page.getByTestId(testid).allTextContents();
    return texts.some((t) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t))) ? true : undefined;
  }, timeoutMs);
}
