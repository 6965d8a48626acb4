/**
 * The SQLite group commit (`write-queue.ts`): writes queued in the same tick share one
 * transaction, and a failing write rejects alone while the others commit.
 */
import Database from 'better-sqlite3';
import { WriteQueue } from '../../src/store/sqlite/write-queue';

describe('WriteQueue', () => {
  let db: Database.Database;
  let queue: WriteQueue;
  const rows = () => db.prepare('SELECT v FROM t ORDER BY v').pluck().all();
  const insert = (v: number) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)');
    queue = new WriteQueue(db);
  });
  afterEach(() => db.close());

  it('commits a batch and resolves each write with its own result', async () => {
    await expect(Promise.all([queue.enqueue(insert(1)), queue.enqueue(() => 'two'), queue.enqueue(insert(3))])).resolves.toEqual([1, 'two', 1]);
    expect(rows()).toEqual([1, 3]);
  });

  it('rolls back only the failing write, including what it wrote before it threw', async () => {
    await queue.enqueue(insert(5));
    const failing = () => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run(6);
      return insert(5)();
    };
    const results = await Promise.allSettled([queue.enqueue(insert(1)), queue.enqueue(failing), queue.enqueue(insert(2))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(rows()).toEqual([1, 2, 5]);
  });

  it('runs the write on a later turn of the event loop and leaves no transaction open', async () => {
    const pending = queue.enqueue(insert(7));
    expect(rows()).toEqual([]);
    await pending;
    expect(rows()).toEqual([7]);
    expect(db.inTransaction).toBe(false);
  });
});
