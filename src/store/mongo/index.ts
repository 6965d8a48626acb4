/** The MongoDB `ConversationStore` adapter. */
export { MongoStore, type MongoStoreOptions } from './mongo-store';
