/**
 * One customer turn over the web chat protocol: send, then wait for the `ack` (when the server
 * acknowledges) and for the bot replies that end the turn. Times are taken in the client process
 * with `performance.now()`, from the send to the ack, the first reply and the last reply.
 */
import { randomUUID } from 'node:crypto';
import type { QuickReplyFrame, ServerFrame } from '../channels/web/client';
import type { BenchConnection } from './connection';
import type { ScriptedTurn } from './scenario';

/** How a finished turn went. */
export type TurnOutcome =
  | { ok: true; ackMs: number | null; firstMs: number; lastMs: number; quickReplies: QuickReplyFrame[]; rateLimited: number }
  | { ok: false; error: string; rateLimited: number };

/** How to run one turn. */
export interface TurnOptions {
  /** Wait for an `ack` before the turn counts as done (the echo server sends none). */
  expectAck: boolean;
  timeoutMs: number;
  /** Quick replies of the previous turn's last reply (a press must pick one of them). */
  offered: QuickReplyFrame[];
}

/** Runs one turn on `client`; never throws (failures are outcomes). */
export function runTurn(client: BenchConnection, turn: ScriptedTurn, options: TurnOptions): Promise<TurnOutcome> {
  const chosen = turn.press === undefined ? undefined : options.offered.find((q) => q.value === turn.press);
  if (turn.press !== undefined && !chosen) return Promise.resolve({ ok: false, error: 'unexpected_reply', rateLimited: 0 });
  return new Promise((resolve) => new PendingTurn(client, turn, options, chosen, resolve).start());
}

class PendingTurn {
  private readonly id = randomUUID();
  private sentAt = 0;
  private ackMs: number | null = null;
  private firstMs = 0;
  private replies = 0;
  private rateLimited = 0;
  private quickReplies: QuickReplyFrame[] = [];
  private timer?: NodeJS.Timeout;
  private done = false;

  constructor(
    private readonly client: BenchConnection,
    private readonly turn: ScriptedTurn,
    private readonly options: TurnOptions,
    private readonly chosen: QuickReplyFrame | undefined,
    private readonly resolve: (o: TurnOutcome) => void,
  ) {}

  start(): void {
    this.client.setHandler((f) => this.onFrame(f), () => this.fail('disconnected'));
    this.timer = setTimeout(() => this.fail('timeout'), this.options.timeoutMs);
    this.sentAt = performance.now();
    this.send();
  }

  private send(): void {
    try {
      this.client.send(this.chosen?.label ?? this.turn.text, this.chosen?.value, this.id);
    } catch {
      this.fail('disconnected');
    }
  }

  private onFrame(frame: ServerFrame): void {
    const elapsed = performance.now() - this.sentAt;
    if (frame.type === 'ack' && frame.id === this.id) this.ackMs ??= elapsed;
    else if (frame.type === 'message') this.onReply(frame, elapsed);
    else if (frame.type === 'error') return this.onError(frame);
    else return;
    this.maybeFinish(elapsed);
  }

  private onReply(frame: Extract<ServerFrame, { type: 'message' }>, elapsed: number): void {
    if (this.replies++ === 0) this.firstMs = elapsed;
    this.quickReplies = frame.quickReplies ?? [];
  }

  private onError(frame: Extract<ServerFrame, { type: 'error' }>): void {
    if (frame.code !== 'rate_limited') return this.fail(`error_${frame.code}`);
    this.rateLimited++;
    setTimeout(() => !this.done && this.send(), frame.retryAfterMs ?? 1000);
  }

  private maybeFinish(elapsed: number): void {
    if (this.replies < this.turn.replies || (this.options.expectAck && this.ackMs === null)) return;
    this.finish({ ok: true, ackMs: this.ackMs, firstMs: this.firstMs, lastMs: elapsed, quickReplies: this.quickReplies, rateLimited: this.rateLimited });
  }

  private fail(error: string): void {
    this.finish({ ok: false, error, rateLimited: this.rateLimited });
  }

  private finish(outcome: TurnOutcome): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.client.setHandler(undefined, undefined);
    this.resolve(outcome);
  }
}
