/**
 * `TimerRecords` on SQLite: table `timers` (migration 5). Every write is one statement group in
 * the store's group-commit queue, which runs in an `IMMEDIATE` transaction: the claim's
 * `UPDATE ... WHERE id IN (SELECT due ...) RETURNING` holds the file's write lock, so two
 * processes on one file can never both claim a timer.
 */
import type Database from 'better-sqlite3';
import type { NewTimer, Timer, TimerClaim, TimerRecords, TimerStatus } from '../port-timers';
import type { Write } from './write-queue';

interface TimerRow {
  id: string;
  kind: string;
  conversation_id: string | null;
  due_at: number;
  payload: string;
  status: TimerStatus;
  claimed_by: string | null;
  claim_until: number | null;
  attempts: number;
  last_error: string | null;
  created_at: number;
  fired_at: number | null;
}

const ACTIVE = `status IN ('pending', 'claimed')`;

/** The timer statements of one connection (also used inside `saveTurn`). */
export function prepareTimerStatements(db: Database.Database) {
  return {
    upsert: db.prepare<{ id: string; kind: string; conversationId: string | null; dueAt: number; payload: string; createdAt: number }>(
      `INSERT INTO timers (id, kind, conversation_id, due_at, payload, status, attempts, created_at)
       VALUES (@id, @kind, @conversationId, @dueAt, @payload, 'pending', 0, @createdAt)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, conversation_id = excluded.conversation_id,
         due_at = excluded.due_at, payload = excluded.payload, status = 'pending', claimed_by = NULL,
         claim_until = NULL, attempts = 0, last_error = NULL, created_at = excluded.created_at, fired_at = NULL
       WHERE timers.status NOT IN ('pending', 'claimed')`),
    cancel: db.prepare<[string]>(`UPDATE timers SET status = 'cancelled', claim_until = NULL WHERE id = ? AND ${ACTIVE}`),
    cancelConversation: db.prepare<[string]>(`UPDATE timers SET status = 'cancelled', claim_until = NULL WHERE conversation_id = ? AND ${ACTIVE}`),
    cancelConversationKind: db.prepare<[string, string]>(`UPDATE timers SET status = 'cancelled', claim_until = NULL WHERE conversation_id = ? AND kind = ? AND ${ACTIVE}`),
    claim: db.prepare<{ now: number; owner: string; until: number; limit: number }, TimerRow>(
      `UPDATE timers SET status = 'claimed', claimed_by = @owner, claim_until = @until, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM timers
         WHERE (status = 'pending' AND due_at <= @now) OR (status = 'claimed' AND claim_until <= @now)
         ORDER BY due_at LIMIT @limit)
       RETURNING *`),
    complete: db.prepare<[number, string, string]>(`UPDATE timers SET status = 'done', fired_at = ?, claim_until = NULL WHERE id = ? AND status = 'claimed' AND claimed_by = ?`),
    retry: db.prepare<[string, number, string, string]>(`UPDATE timers SET status = 'pending', last_error = ?, due_at = ?, claim_until = NULL WHERE id = ? AND status = 'claimed' AND claimed_by = ?`),
    fail: db.prepare<[string, string, string]>(`UPDATE timers SET status = 'failed', last_error = ?, claim_until = NULL WHERE id = ? AND status = 'claimed' AND claimed_by = ?`),
    get: db.prepare<[string], TimerRow>('SELECT * FROM timers WHERE id = ?'),
  };
}

export type TimerStatements = ReturnType<typeof prepareTimerStatements>;

/** Arms a timer unless one with its id is active; true when armed. Runs inside the caller's transaction. */
export function scheduleTimerTx(s: TimerStatements, t: NewTimer): boolean {
  const params = { id: t.id, kind: t.kind, conversationId: t.conversationId, dueAt: t.dueAt, payload: JSON.stringify(t.payload), createdAt: t.createdAt };
  return s.upsert.run(params).changes === 1;
}

function rowToTimer(r: TimerRow): Timer {
  return {
    id: r.id,
    kind: r.kind,
    conversationId: r.conversation_id,
    dueAt: r.due_at,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    status: r.status,
    claimedBy: r.claimed_by,
    claimUntil: r.claim_until,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    firedAt: r.fired_at,
  };
}

/** The SQLite implementation of {@link TimerRecords}; created by `SqliteStore.init()`. */
export class SqliteTimerRecords implements TimerRecords {
  constructor(private readonly s: TimerStatements, private readonly write: Write) {}

  scheduleTimer(timer: NewTimer): Promise<boolean> {
    return this.write(() => scheduleTimerTx(this.s, timer));
  }

  cancelTimer(id: string): Promise<boolean> {
    return this.write(() => this.s.cancel.run(id).changes === 1);
  }

  cancelConversationTimers(conversationId: string, kind?: string): Promise<number> {
    return this.write(() => (kind === undefined ? this.s.cancelConversation.run(conversationId) : this.s.cancelConversationKind.run(conversationId, kind)).changes);
  }

  /** Earliest `dueAt` first. */
  async claimDueTimers(c: TimerClaim): Promise<Timer[]> {
    const rows = await this.write(() => this.s.claim.all({ now: c.now, owner: c.owner, until: c.now + c.leaseMs, limit: Math.max(0, Math.floor(c.limit)) }));
    return rows.map(rowToTimer).sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
  }

  completeTimer(id: string, owner: string, at: number): Promise<boolean> {
    return this.write(() => this.s.complete.run(at, id, owner).changes === 1);
  }

  failTimer(id: string, owner: string, error: string, retryAt: number | null): Promise<boolean> {
    const message = error.slice(0, 500);
    return this.write(() => (retryAt === null ? this.s.fail.run(message, id, owner) : this.s.retry.run(message, retryAt, id, owner)).changes === 1);
  }

  async getTimer(id: string): Promise<Timer | null> {
    const row = this.s.get.get(id);
    return row ? rowToTimer(row) : null;
  }
}
