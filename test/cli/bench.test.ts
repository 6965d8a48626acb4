/**
 * `concord bench` as a user runs it: the built binary in a child process, a small load, the JSON
 * contract of issue 7 on the last stdout line. Speed is never asserted here.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'dist/cli/index.js');
const WORKER = path.join(ROOT, 'dist/bench/load-worker.js');

/** Newest modification time under `dir` (the sources), to tell whether `dist/` is stale. */
function newest(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .reduce((t, e) => Math.max(t, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}

beforeAll(() => {
  const stale = !fs.existsSync(WORKER) || fs.statSync(BIN).mtimeMs < newest(path.join(ROOT, 'src'));
  if (!stale) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}, 120_000);

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|DATA_DIR|STORE|MONGODB_URI|REDIS_URL|SLACK_|TELEGRAM_|MICROSOFT_|OPENAI_|ADMIN_)/.test(k)));
  const child = spawn(process.execPath, [BIN, 'bench', ...args], { cwd: ROOT, env: { ...env, DOTENV_CONFIG_QUIET: 'true' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('concord bench', () => {
  it('holds real conversations on 5 connections and prints the JSON contract last, with no errors', async () => {
    const r = await runBench(['--connections', '5', '--seconds', '2', '--warmup', '1', '--json']);
    expect(r.code).toBe(0);
    const last = r.stdout.trim().split('\n').pop() ?? '';
    const result = JSON.parse(last) as Record<string, unknown>;
    for (const key of ['connections', 'seconds', 'messages', 'msgsPerSec', 'p50Ms', 'p99Ms', 'wsEchoMsgsPerSec', 'ratioToEcho', 'rssMb', 'errors']) {
      expect(typeof result[key]).toBe('number');
    }
    expect(result).toMatchObject({ connections: 5, seconds: 2, errors: 0 });
    expect(result.messages).toBeGreaterThan(0);
    expect(result.wsEchoMsgsPerSec).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/ws echo/);
    expect(r.stderr).toMatch(/rate limit/);
  }, 90_000);

  it('splits the load over two generator processes and merges their results', async () => {
    const r = await runBench(['--connections', '4', '--seconds', '2', '--warmup', '1', '--workers', '2', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
    expect(result).toMatchObject({ connections: 4, workers: 2, errors: 0 });
    expect(result.messages).toBeGreaterThan(0);
    expect(result.clientCpuMsPerMsg).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/\[generator 1\/2\]/);
    expect(r.stderr).toMatch(/\[generator 2\/2\]/);
  }, 90_000);

  it('refuses a bad option with a message', async () => {
    const r = await runBench(['--connections', 'many']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--connections/);
  });
});
