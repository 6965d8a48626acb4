import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConcordError } from '../../src/errors';
import { createStore } from '../../src/store';
import { MongoStore } from '../../src/store/mongo';
import { SqliteStore } from '../../src/store/sqlite';

const root = join(__dirname, '../..');

describe('createStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'concord-create-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the embedded SQLite store in a data directory it creates', async () => {
    const store = createStore({ kind: 'sqlite', dataDir: join(dir, 'nested') });
    expect(store).toBeInstanceOf(SqliteStore);
    await store.init();
    expect(existsSync(join(dir, 'nested', 'concord.db'))).toBe(true);
    await store.close();
  });

  it('builds the MongoDB store only with a URI, and says what is missing otherwise', () => {
    expect(createStore({ kind: 'mongodb', dataDir: dir, mongodbUri: 'mongodb://127.0.0.1:1/concord' })).toBeInstanceOf(MongoStore);
    let error: unknown;
    try {
      createStore({ kind: 'mongodb', dataDir: dir });
    } catch (err) {
      error = err;
    }
    expect(isConcordError(error) && error.code === 'config_invalid' && /MONGODB_URI/.test(error.message)).toBe(true);
  });

  it('does not load the MongoDB, Redis or OpenAI clients until they are configured (resident memory)', () => {
    const script = [
      "require('./src/store'); require('./src/understanding'); require('./src/main');",
      "const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](mongodb|redis|@redis[\\\\/]client|openai)[\\\\/]/.test(f));",
      'console.log(JSON.stringify(loaded));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual([]);
  });
});
