/**
 * The `Scheduler` (DESIGN.md): durable timers that survive restarts and fire once across
 * instances. Timers are rows in the store (`TimerRecords`); every instance polls, claims the due
 * ones with a lease in one atomic store call, runs the handler of their kind and marks them done.
 * A crash between claim and done leaves the claim to expire, and another poll (on any instance)
 * runs the timer again: handlers must be idempotent (see `follow-up.ts`, `sla.ts`).
 *
 * Time comes from the injected `Clock`: tests with a `FakeClock` call `runDue()` themselves; the
 * real loop (`start()`) polls on an unref'd interval.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { ConversationStore, Timer } from '../store/port';

/** Runs one timer; throwing records a failed attempt (retried with backoff). */
export type TimerHandler = (timer: Timer) => Promise<void>;

export interface SchedulerOptions {
  store: ConversationStore;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  /** This instance's id in `claimedBy` (default: a random one per start). */
  owner?: string;
  /** How long a claim holds before another instance may run the timer again (default 60 s). */
  leaseMs?: number;
  /** How often the real loop polls (default 1 s). */
  pollMs?: number;
  /** Attempts before a timer is given up as `failed` (default 5). */
  maxAttempts?: number;
}

const BATCH = 50;
const RETRY_BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000];

export class Scheduler {
  private readonly handlers = new Map<string, TimerHandler>();
  private readonly beforeRuns: ((now: number) => Promise<void>)[] = [];
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private interval: NodeJS.Timeout | null = null;
  private chain: Promise<number> = Promise.resolve(0);
  private stopped = false;

  constructor(private readonly o: SchedulerOptions) {
    this.owner = o.owner ?? `instance-${randomUUID()}`;
    this.leaseMs = o.leaseMs ?? 60_000;
    this.maxAttempts = o.maxAttempts ?? 5;
  }

  /** Registers the handler of one timer kind. */
  handle(kind: string, handler: TimerHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /**
   * Runs `fn` at the start of every poll, before timers are claimed (agent presence renews its
   * console leases here, so the same clock drives both). A failure is logged; the poll goes on.
   */
  beforeEachRun(fn: (now: number) => Promise<void>): this {
    this.beforeRuns.push(fn);
    return this;
  }

  /** Starts the polling loop (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.interval || this.stopped) return;
    this.interval = setInterval(() => void this.runDue().catch((err) => this.o.log.error({ err: errorText(err) }, 'timer poll failed')), this.o.pollMs ?? 1_000);
    this.interval.unref();
  }

  /**
   * Claims and runs every timer due now (by the clock), batch after batch, after any run in
   * progress; resolves how many ran. Runs never overlap within one instance.
   */
  runDue(): Promise<number> {
    const run = this.chain.then(() => this.drain(), () => this.drain());
    this.chain = run.catch(() => 0);
    return run;
  }

  /** Stops polling and waits for the run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    await this.chain;
  }

  private async drain(): Promise<number> {
    let ran = 0;
    for (const fn of this.beforeRuns) await fn(this.o.clock.now()).catch((err) => this.o.log.error({ err: errorText(err) }, 'timer poll hook failed'));
    while (!this.stopped) {
      const due = await this.o.store.claimDueTimers({ now: this.o.clock.now(), owner: this.owner, leaseMs: this.leaseMs, limit: BATCH });
      for (const timer of due) await this.fire(timer);
      ran += due.length;
      if (due.length < BATCH) break;
    }
    return ran;
  }

  private async fire(timer: Timer): Promise<void> {
    const { store, clock, log, metrics } = this.o;
    const handler = this.handlers.get(timer.kind);
    try {
      if (!handler) throw new Error(`no handler for timer kind ${timer.kind}`);
      await handler(timer);
      await store.completeTimer(timer.id, this.owner, clock.now());
      metrics.timersFired.inc({ kind: timer.kind, outcome: 'done' });
    } catch (err) {
      const giveUp = !handler || timer.attempts >= this.maxAttempts;
      const retryAt = giveUp ? null : clock.now() + RETRY_BACKOFF_MS[Math.min(timer.attempts, RETRY_BACKOFF_MS.length) - 1];
      log.warn({ timerId: timer.id, kind: timer.kind, attempts: timer.attempts, err: errorText(err), giveUp }, 'timer failed');
      await store.failTimer(timer.id, this.owner, errorText(err), retryAt).catch(() => undefined);
      metrics.timersFired.inc({ kind: timer.kind, outcome: giveUp ? 'failed' : 'retry' });
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
