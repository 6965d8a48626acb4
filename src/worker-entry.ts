/**
 * Where a worker thread's entry file is: the built `.js` next to the caller, or, when running
 * from the TypeScript sources (tests, tsx), the `.ts` file loaded through tsx.
 */
import fs from 'node:fs';
import path from 'node:path';

/** `new Worker(...workerEntry(__dirname, 'train-worker'))`. */
export function workerEntry(dir: string, name: string): [string, { execArgv?: string[] }] {
  const built = path.join(dir, `${name}.js`);
  if (fs.existsSync(built)) return [built, {}];
  return [path.join(dir, `${name}.ts`), { execArgv: ['--require', require.resolve('tsx/cjs')] }];
}
