/**
 * Runs the built `concord start` (`dist/cli/index.js`; built first when older than `src/`) as a
 * separate OS process, the way an operator runs one instance: reads the URL from the start-up banner and
 * stops it with SIGTERM (SIGKILL if it does not stop).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt } from './ensure-built';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'dist/cli/index.js');

/** The environment of a child: this one without Concord's settings, plus `extra`. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|DATA_DIR|STORE|MONGODB_URI|REDIS_|SLACK_|TELEGRAM_|MICROSOFT_|OPENAI_|ADMIN_)/.test(k)));
  return { ...clean, DOTENV_CONFIG_QUIET: 'true', LOG_LEVEL: 'warn', ...extra };
}

export interface ConcordProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `concord start` with `env` (PORT 0 unless given) and resolves once it is listening. */
export async function startConcordProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ConcordProcess> {
  ensureBuilt();
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: childEnv({ PORT: '0', ...env }) });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`concord start printed no URL in time:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /Concord is running on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`concord start exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}
