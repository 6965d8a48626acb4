/**
 * Starts a real Concord on 127.0.0.1 with a fresh data directory for a test, and stops it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../src/clock';
import { startConcord, type RunningConcord, type StartOptions } from '../../src/main';

export interface TestConcord {
  concord: RunningConcord;
  dataDir: string;
  clock: FakeClock;
  /** Restarts on the same data directory (and port). */
  restart(): Promise<RunningConcord>;
  stop(): Promise<void>;
}

export async function startTestConcord(options: StartOptions = {}): Promise<TestConcord> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'concord-test-'));
  const clock = new FakeClock();
  const env = { ADMIN_EMAIL: 'test-admin@example.test', ADMIN_PASSWORD: 'test-admin-password-123', ...options.env };
  const start = (port: number) => startConcord({ dataDir, port, host: '127.0.0.1', clock, logLevel: 'silent', ...options, env });
  const handle: TestConcord = {
    concord: await start(0),
    dataDir,
    clock,
    async restart() {
      const port = Number(new URL(handle.concord.url).port);
      await handle.concord.close();
      handle.concord = await start(port);
      return handle.concord;
    },
    async stop() {
      await handle.concord.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
