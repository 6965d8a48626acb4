/**
 * The `concord` command as a user runs it: the built binary in a child process.
 * (`npm test` builds `dist/` first; `npx jest` alone needs `npm run build`.)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BIN, childEnv as env, ROOT } from '../helpers/concord-process';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'concord-cli-'));
}

function run(args: string[], extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(extra), encoding: 'utf8', timeout: 30_000 });
}

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
});

describe('configuration', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ STORE: 'oracle' }, 'STORE'],
    [{ STORE: 'mongodb' }, 'MONGODB_URI'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
    [{ ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
  ])('refuses %p with one message naming %s, exit 1', (bad, name) => {
    const r = run(['start'], { DATA_DIR: tmp(), ...bad });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^  ${name}: `, 'm'));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('concord validate', () => {
  it('accepts the shipped scripts and intents', () => {
    const r = run(['validate']);
    expect(r.stderr).toMatch(/OK: \d+ dialog scripts, \d+ intents/);
    expect(r.status).toBe(0);
  });

  it('prints file:line: message per problem and exits 1', () => {
    const dir = tmp();
    const goodbye = fs.readFileSync(path.join(ROOT, 'dialogs/goodbye.yaml'), 'utf8');
    fs.writeFileSync(path.join(dir, 'goodbye.yaml'), goodbye.replace(/\n\s+zh: "感谢您的联系[^\n]*/, ''));
    const smallTalk = fs.readFileSync(path.join(ROOT, 'dialogs/small-talk.yaml'), 'utf8');
    fs.writeFileSync(path.join(dir, 'small-talk.yaml'), smallTalk.replace(/actions: \[[^\n]*\bend\]/, 'next: nowhere'));
    const r = run(['validate', dir]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/goodbye\.yaml:\d+: steps\.bye\.say\.0\.zh: /));
    expect(r.stdout).toMatch(/small-talk\.yaml:\d+: step "nowhere" does not exist/);
  });
});

describe('concord start', () => {
  it('starts on embedded defaults, says where everything is, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: env({ DATA_DIR: tmp(), PORT: '0' }) });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 20_000);
      child.stdout.on('data', () => {
        const m = /Concord is running on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    expect(out).toMatch(/Web chat\s+http:/);
    expect(out).toMatch(/Store\s+SQLite .*concord\.db/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

describe('concord chat', () => {
  it('talks to the same bot in the terminal and resumes next time', async () => {
    const dataDir = tmp();
    const talk = async (lines: string[], wait: RegExp) => {
      const child = spawn(process.execPath, [BIN, 'chat'], { cwd: ROOT, env: env({ DATA_DIR: dataDir }) });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      await waitUntil(() => out.includes('type /quit'), () => out);
      for (const line of lines) child.stdin.write(`${line}\n`);
      await waitUntil(() => wait.test(out), () => out);
      child.stdin.write('/quit\n');
      await new Promise((resolve) => child.on('exit', resolve));
      return out;
    };
    const first = await talk(['我的订单12345到了是坏的，客服一直不回复，太气人了'], /\[1\] 对，没错/);
    expect(first).toMatch(/bot> .*订单 12345/);
    const second = await talk(['1'], /CP-[A-Z0-9]{6}/);
    expect(second).toMatch(/you> 我的订单12345到了是坏的/);
  });
});

async function waitUntil(test: () => boolean, show: () => string, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > ms) throw new Error(`timed out; output so far:\n${show()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
