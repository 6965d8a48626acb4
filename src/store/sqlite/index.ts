/** The embedded SQLite `ConversationStore` adapter. */
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store';
