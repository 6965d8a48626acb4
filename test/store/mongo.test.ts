/**
 * The store contract against MongoDB. Runs only when MONGODB_URI is set; it should point at a
 * replica set (a single-node one is enough) because `saveTurn` atomicity relies on transactions.
 * Every run uses a fresh database, dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoStore } from '../../src/store/mongo';
import { runStoreContract } from './contract';
import { runTwoProcessContract } from './two-processes';

const uri = process.env.MONGODB_URI;

if (uri) {
  const dbName = `concord_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  afterAll(async () => {
    const client = new MongoClient(uri);
    try {
      await client.db(dbName).dropDatabase();
    } finally {
      await client.close();
    }
  });
  const open = async () => {
    const store = new MongoStore({ uri, dbName });
    return {
      store,
      another: async () => {
        const second = new MongoStore({ uri, dbName });
        await second.init();
        return second;
      },
      cleanup: async () => {
        await store.close();
        const client = new MongoClient(uri);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  };
  runStoreContract('mongodb', open);
  describe('MongoStore across two processes', () => {
    runTwoProcessContract(async () => {
      const opened = await open();
      await opened.store.init();
      return { ...opened, spec: { kind: 'mongodb', uri, dbName } };
    });
  });
} else {
  describe.skip('ConversationStore contract: mongodb (skipped: set MONGODB_URI to a replica set to run it)', () => {
    it('runs the contract suite against MongoDB', () => undefined);
  });
}
