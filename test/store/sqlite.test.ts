/**
 * The store contract against SQLite on a real temp file, plus what only SQLite must show:
 * data survives close + reopen; and two OS processes sharing one file lose no update
 * (`two-processes.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite';
import { runStoreContract } from './contract';
import { conversation, inbound } from './contract-fixtures';
import { runTwoProcessContract } from './two-processes';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'concord-store-'));
}

runStoreContract('sqlite (file)', async () => {
  const dir = tempDir();
  const store = new SqliteStore({ file: join(dir, 'concord.db') });
  return {
    store,
    another: async () => {
      const second = new SqliteStore({ file: join(dir, 'concord.db') });
      await second.init();
      return second;
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStore across two processes (one file, WAL)', () => {
  runTwoProcessContract(async () => {
    const dir = tempDir();
    const file = join(dir, 'concord.db');
    const store = new SqliteStore({ file });
    await store.init();
    return {
      store,
      spec: { kind: 'sqlite', file },
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describe('SqliteStore specifics', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every committed write across close and reopen', async () => {
    const file = join(dir, 'concord.db');
    const first = new SqliteStore({ file, synchronous: 'FULL' });
    await first.init();
    const conv = conversation({ state: { zh: '保存' } });
    await first.createConversation(conv);
    const { message } = await first.appendInbound(inbound(conv.id));
    await first.close();

    const reopened = new SqliteStore({ file });
    await reopened.init();
    expect(await reopened.getConversation(conv.id)).toEqual(conv);
    expect(await reopened.listMessages(conv.id)).toEqual([message]);
    expect((await reopened.appendInbound(inbound(conv.id))).message.seq).toBe(2);
    await reopened.close();
  });

  it('refuses an unknown synchronous mode and use before init', async () => {
    expect(() => new SqliteStore({ file: ':memory:', synchronous: 'OFF' as 'FULL' })).toThrow(/NORMAL or FULL/);
    const store = new SqliteStore({ file: ':memory:' });
    await expect(store.getConversation('x')).rejects.toMatchObject({ code: 'store_not_ready' });
    await store.close();
  });
});
