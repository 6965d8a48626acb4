/**
 * A real SQLite store in a fresh temp directory for one test; `remove()` closes it and deletes
 * the directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite';

export interface TempSqliteStore {
  store: SqliteStore;
  remove(): Promise<void>;
}

/** Opens (and migrates) `concord.db` in a new directory named after `label`. */
export async function tempSqliteStore(label: string): Promise<TempSqliteStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `concord-${label}-`));
  const store = new SqliteStore({ file: path.join(dir, 'concord.db') });
  await store.init();
  return {
    store,
    async remove() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
