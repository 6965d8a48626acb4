/**
 * Retention (`RETENTION_DAYS`, docs/privacy.md): conversations closed or idle for longer than
 * the period are deleted with their messages, events, tickets, survey answers and notes by a
 * periodic sweep (an unref'd interval; the cutoff comes from the injected `Clock`). Each sweep
 * writes one audit entry with the counts. Safe on several instances at once (deletes are
 * idempotent). Tests call `sweepRetention` directly with a `FakeClock`.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ConversationStore, DeletionCounts } from '../store/port';

const DAY_MS = 86_400_000;
/** How often the sweep runs. */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** Conversations deleted per transaction, and transactions per sweep at most. */
const BATCH = 200;
const MAX_BATCHES = 50;

export interface RetentionDeps {
  store: ConversationStore;
  clock: Clock;
  log: Logger;
  /** 0 = keep forever (the sweep does nothing). */
  retentionDays: number;
}

/** Deletes what is past the retention period now; resolves the totals per table. */
export async function sweepRetention(deps: RetentionDeps): Promise<DeletionCounts> {
  const totals: DeletionCounts = { conversations: 0 };
  if (deps.retentionDays <= 0) return totals;
  const now = deps.clock.now();
  const cutoff = now - deps.retentionDays * DAY_MS;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const counts = await deps.store.deleteConversationsBefore(cutoff, BATCH);
    for (const [table, n] of Object.entries(counts)) totals[table] = (totals[table] ?? 0) + n;
    if (counts.conversations < BATCH) break;
  }
  await deps.store.appendAudit({ id: randomUUID(), actor: 'system', action: 'retention.sweep', target: null, data: { retentionDays: deps.retentionDays, cutoff, counts: totals }, at: now });
  if (totals.conversations) deps.log.info({ counts: totals, retentionDays: deps.retentionDays }, 'retention sweep deleted old conversations');
  return totals;
}

/** Starts the hourly sweep (first run right away); returns the function that stops it. */
export function startRetention(deps: RetentionDeps, intervalMs = SWEEP_INTERVAL_MS): () => void {
  if (deps.retentionDays <= 0) return () => undefined;
  const run = () => void sweepRetention(deps).catch((err: unknown) => deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'retention sweep failed'));
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
