/**
 * Runs every golden conversation in test/conversations/ through a real server (fresh data
 * directory, fake clock) over the web chat WebSocket protocol.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runGoldenFile } from '../src/golden/runner';
import { report } from '../src/cli/test';

const DIR = path.join(__dirname, 'conversations');
const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('golden conversations', () => {
  it('has conversations to run', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s', async (file) => {
    const result = await runGoldenFile(path.join(DIR, file));
    if (!result.passed) throw new Error(report(result));
  });
});
