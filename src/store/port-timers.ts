/**
 * The part of the `ConversationStore` port that keeps durable timers (`src/scheduler/`): a
 * follow-up tomorrow, an SLA alert in five minutes. Timers live in the store, so they survive
 * restarts, and are claimed with a lease in one atomic step, so two instances never run one timer
 * at the same time. Every implementation runs `test/store/contract-timers.ts`.
 *
 * Life of a timer: `pending` -> (due) `claimed` by one instance until `claimUntil` -> `done`,
 * or back to `pending` with a later `dueAt` after a failed attempt, or `failed` after the last
 * attempt. `cancelled` from `pending`/`claimed`. A claim whose lease expired (the instance
 * crashed between claim and done) can be claimed again, so handlers must be idempotent.
 */

export type TimerStatus = 'pending' | 'claimed' | 'done' | 'cancelled' | 'failed';

export interface Timer {
  /** The caller's key, e.g. `follow_up:CP-7K3M9Q` or `sla_breach:<conversationId>`. */
  id: string;
  /** Which handler runs it (`follow_up`, `sla_breach`). */
  kind: string;
  conversationId: string | null;
  dueAt: number;
  payload: Record<string, unknown>;
  status: TimerStatus;
  /** The instance holding the claim (null unless `claimed`, or after it). */
  claimedBy: string | null;
  /** When the claim expires; another instance may claim it from then on. */
  claimUntil: number | null;
  /** Claims so far (a claim that crashed counts). */
  attempts: number;
  lastError: string | null;
  createdAt: number;
  /** When a handler completed it. */
  firedAt: number | null;
}

/** What a caller gives to schedule a timer; the store fills in the rest. */
export type NewTimer = Pick<Timer, 'id' | 'kind' | 'conversationId' | 'dueAt' | 'payload' | 'createdAt'>;

/** How one instance claims due timers. */
export interface TimerClaim {
  now: number;
  /** The instance's id (stored in `claimedBy`). */
  owner: string;
  /** The lease: another instance may take the timer over from `now + leaseMs`. */
  leaseMs: number;
  /** Most timers claimed in one call. */
  limit: number;
}

export interface TimerRecords {
  /**
   * Arms a timer, idempotent by `id`: while a timer with this id is `pending` or `claimed`
   * nothing changes and this resolves `false`. Otherwise (new id, or an earlier timer with this
   * id that is done, cancelled or failed) the timer is stored as `pending` (attempts 0) and this
   * resolves `true`.
   */
  scheduleTimer(timer: NewTimer): Promise<boolean>;
  /** Cancels a `pending` or `claimed` timer; resolves whether one was cancelled. */
  cancelTimer(id: string): Promise<boolean>;
  /** Cancels every `pending`/`claimed` timer of a conversation (of one kind when given); resolves how many. */
  cancelConversationTimers(conversationId: string, kind?: string): Promise<number>;
  /**
   * Atomically claims up to `limit` timers that are due (`pending` with `dueAt <= now`) or whose
   * claim expired (`claimed` with `claimUntil <= now`), earliest `dueAt` first: each becomes
   * `claimed` by `owner` until `now + leaseMs`, attempts + 1. Two concurrent callers (any
   * instance) never both receive one timer. Resolves the claimed timers.
   */
  claimDueTimers(claim: TimerClaim): Promise<Timer[]>;
  /** Marks a timer this owner holds `done`; resolves false (nothing written) when the claim was lost or cancelled. */
  completeTimer(id: string, owner: string, at: number): Promise<boolean>;
  /**
   * Records a failed attempt of a timer this owner holds: back to `pending` at `retryAt`, or
   * `failed` when `retryAt` is null. Resolves false when the claim was lost.
   */
  failTimer(id: string, owner: string, error: string, retryAt: number | null): Promise<boolean>;
  getTimer(id: string): Promise<Timer | null>;
}
