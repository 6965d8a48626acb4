/**
 * Builds the configured `ConversationStore`. The composition root calls this with values from
 * `src/config.ts`; nothing here reads `process.env`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConcordError } from '../errors';
import type { ConversationStore } from './port';
import { SqliteStore } from './sqlite';

/** Which store to build and where its data lives. */
export interface CreateStoreOptions {
  kind: 'sqlite' | 'mongodb';
  /** SQLite keeps its file at `<dataDir>/concord.db` (the directory is created if needed). */
  dataDir: string;
  /** Required for `mongodb`; the database name comes from the URI path (default `concord`). */
  mongodbUri?: string;
}

/**
 * Returns an unopened store of the requested kind; call `init()` before use. Throws a
 * `ConcordError` with code `config_invalid` when `mongodb` is asked for without a URI.
 */
export function createStore(options: CreateStoreOptions): ConversationStore {
  if (options.kind === 'mongodb') {
    if (!options.mongodbUri) {
      throw new ConcordError('config_invalid', 'STORE=mongodb needs MONGODB_URI (e.g. mongodb://localhost:27017/concord?replicaSet=rs0)');
    }
    // Required here, not at the top: the driver costs about 20 MB of memory that the embedded default never needs.
    const { MongoStore } = require('./mongo') as typeof import('./mongo');
    return new MongoStore({ uri: options.mongodbUri });
  }
  mkdirSync(options.dataDir, { recursive: true });
  return new SqliteStore({ file: join(options.dataDir, 'concord.db') });
}

/** The port every store implements (re-exported for the composition root). */
export type { ConversationStore } from './port';
/** The MongoDB adapter's options (import the adapter itself from `./mongo`: it loads the driver). */
export type { MongoStoreOptions } from './mongo';
/** The SQLite adapter, for callers that need its specific options (e.g. `synchronous: 'FULL'`). */
export { SqliteStore, type SqliteStoreOptions } from './sqlite';
