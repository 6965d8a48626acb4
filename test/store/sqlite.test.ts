/**
 * The store contract against SQLite on a real temp file, plus what only SQLite must show:
 * data survives close + reopen, and two OS processes sharing one file lose no update.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite';
import { runStoreContract } from './contract';
import { conversation, inbound } from './contract-fixtures';
import { ensureBuilt } from './fixtures/ensure-built';

/** Resolves with the child's next IPC message. */
function nextMessage(proc: ChildProcess): Promise<unknown> {
  return new Promise((resolve) => proc.once('message', resolve));
}

/** Resolves with the conflicts a worker retried once it exits cleanly; rejects otherwise. */
function waitForChild(proc: ChildProcess): Promise<number> {
  let conflicts = -1;
  proc.on('message', (m) => {
    const report = m as { done?: boolean; conflicts?: number };
    if (report.done) conflicts = report.conflicts ?? -1;
  });
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 && conflicts >= 0 ? resolve(conflicts) : reject(new Error(`worker exited with ${code}`))));
  });
}

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

  it('loses no update when two processes increment the same conversation', async () => {
    ensureBuilt();
    const file = join(dir, 'concord.db');
    const store = new SqliteStore({ file });
    await store.init();
    const conv = conversation({ state: { counter: 0 } });
    await store.createConversation(conv);

    const children = ['a', 'b'].map((name) =>
      fork(join(__dirname, 'fixtures', 'increment-worker.js'), [file, conv.id, '200', name], { stdio: 'inherit' }),
    );
    const settled = children.map((proc) => waitForChild(proc));
    await Promise.all(children.map((proc) => nextMessage(proc)));
    for (const proc of children) proc.send('go');
    const conflicts = (await Promise.all(settled)).reduce((sum, n) => sum + n, 0);

    const stored = await store.getConversation(conv.id);
    expect(stored?.state).toEqual({ counter: 400 });
    expect(stored?.version).toBe(401);
    const seqs = (await store.listMessages(conv.id)).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(conflicts).toBeGreaterThan(0); // the two really raced

    await store.close();
  });
});
