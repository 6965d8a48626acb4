/**
 * Group commit for the SQLite store. Writes issued while the event loop is busy are queued and
 * applied together in ONE `IMMEDIATE` transaction on the next turn of the loop; each write runs
 * in its own savepoint, so a failing write (version conflict, unknown id) is rolled back alone
 * and rejects alone. Every promise settles only after the shared COMMIT, so "resolved" still
 * means "durable". Under load this turns N commits (and N rewrites of the same hot pages) into
 * one; with a single caller it adds one `setImmediate` of latency.
 */
import type Database from 'better-sqlite3';

interface PendingWrite {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** How the records classes reach the queue: `(fn) => queue.enqueue(fn)`. */
export type Write = <T>(fn: () => T) => Promise<T>;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Most writes applied in one transaction; the rest wait for the next flush. */
const MAX_BATCH = 512;

/** Queues synchronous write functions and commits them in batches (see the module comment). */
export class WriteQueue {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private readonly applyBatch: Database.Transaction<(batch: PendingWrite[]) => Outcome[]>;

  constructor(db: Database.Database) {
    const savepoint = db.transaction((write: PendingWrite) => write.run());
    this.applyBatch = db.transaction((batch: PendingWrite[]) =>
      batch.map((write): Outcome => {
        try {
          return { ok: true, value: savepoint(write) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /** Runs `write` inside the next batch transaction; resolves with its result once committed. */
  enqueue<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once every write queued so far has been committed (or rejected). */
  async drain(): Promise<void> {
    if (this.pending.length > 0) await this.enqueue(() => undefined);
  }

  private flush(): void {
    const batch = this.pending.splice(0, MAX_BATCH);
    this.scheduled = false;
    if (this.pending.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    let outcomes: Outcome[];
    try {
      outcomes = this.applyBatch.immediate(batch);
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.value) : batch[i].reject(outcome.error)));
  }
}
