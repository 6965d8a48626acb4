/**
 * Secrets kept as a file in the data directory: 32 random bytes written once as hex (mode 0600),
 * read on every start. Used for the web chat token secret and the personal-data key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConcordError } from './errors';

/**
 * The 32-byte key in `<dataDir>/<fileName>`, created on first use. `damaged` says what deleting
 * a damaged file costs (it is part of the error message).
 */
export function loadKeyFile(dataDir: string, fileName: string, damaged: string): Buffer {
  const file = path.join(dataDir, fileName);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length < 32) throw new ConcordError('secret_invalid', `${file} is damaged (expected 64 hex characters); delete it to create a new one (${damaged})`);
  return key;
}
