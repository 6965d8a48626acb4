/**
 * Worker threads that do one job: where their entry file is (the built `.js` next to the caller,
 * or, when running from the TypeScript sources (tests, tsx), the `.ts` file loaded through tsx),
 * and one message in, one answer (or `{error}`) out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** `new Worker(...workerEntry(__dirname, 'train-worker'))`. */
export function workerEntry(dir: string, name: string): [string, { execArgv?: string[] }] {
  const built = path.join(dir, `${name}.js`);
  if (fs.existsSync(built)) return [built, {}];
  return [path.join(dir, `${name}.ts`), { execArgv: ['--require', require.resolve('tsx/cjs')] }];
}

/**
 * Starts worker `name` (in `dir`), posts `job`, and resolves with its one answer; rejects when it
 * answers `{error}`, fails or exits first. The worker is terminated once it has answered.
 */
export function runWorkerOnce<T>(dir: string, name: string, job: unknown, what = name): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(...workerEntry(dir, name));
    worker.once('message', (m: T & { error?: string }) => {
      void worker.terminate();
      if (m && typeof m === 'object' && 'error' in m && m.error) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
    worker.postMessage(job);
  });
}
