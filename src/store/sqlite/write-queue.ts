/**
 * Group commit for the SQLite store. Writes issued while the event loop is busy are queued and
 * applied together in ONE `IMMEDIATE` transaction on the next turn of the loop. Every promise
 * settles only after the shared COMMIT, so "resolved" still means "durable". Under load this
 * turns N commits (and N rewrites of the same hot pages) into one; with a single caller it adds
 * one `setImmediate` of latency.
 *
 * A failing write (version conflict, unknown id) must reject alone. Writes rarely fail, so a
 * batch first runs plainly; only if one of its writes throws is that transaction rolled back and
 * the batch run again with each write in its own savepoint, where the failing write is rolled
 * back alone. Write functions only touch the database, so running one twice is safe: the first
 * run left nothing behind.
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

/** Thrown out of the plain run when a write failed, so the batch is run again with savepoints. */
class WriteFailed extends Error {}

/** Queues synchronous write functions and commits them in batches (see the module comment). */
export class WriteQueue {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private readonly applyPlain: Database.Transaction<(batch: PendingWrite[]) => Outcome[]>;
  private readonly applyIsolated: Database.Transaction<(batch: PendingWrite[]) => Outcome[]>;

  constructor(db: Database.Database) {
    this.applyPlain = db.transaction((batch: PendingWrite[]) =>
      batch.map((write): Outcome => {
        try {
          return { ok: true, value: write.run() };
        } catch {
          throw new WriteFailed();
        }
      }),
    );
    const savepoint = db.transaction((write: PendingWrite) => write.run());
    this.applyIsolated = db.transaction((batch: PendingWrite[]) =>
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
      outcomes = this.apply(batch);
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.value) : batch[i].reject(outcome.error)));
  }

  /** The plain run, or (one write failed, everything rolled back) the run with savepoints. */
  private apply(batch: PendingWrite[]): Outcome[] {
    try {
      return this.applyPlain.immediate(batch);
    } catch (error) {
      if (!(error instanceof WriteFailed)) throw error;
      return this.applyIsolated.immediate(batch);
    }
  }
}
