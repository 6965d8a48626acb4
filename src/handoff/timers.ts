/**
 * Timers behind a port, so tests drive grace periods with a fake clock instead of waiting.
 */
import type { FakeClock } from '../clock';

/** A cancellable one-shot timer source. */
export interface Timers {
  /** Runs `fn` after `ms`; returns the function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** Real timers (unref'd, so they never keep the process alive). */
export const systemTimers: Timers = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

/** Timers that fire when `advance` moves the fake clock past them (tests). */
export class ManualTimers implements Timers {
  private pending: { at: number; fn: () => void; id: number }[] = [];
  private next = 0;

  constructor(private readonly clock: FakeClock) {}

  after(ms: number, fn: () => void): () => void {
    const id = this.next++;
    this.pending.push({ at: this.clock.now() + ms, fn, id });
    return () => {
      this.pending = this.pending.filter((p) => p.id !== id);
    };
  }

  /** Moves the clock by `ms` and runs every timer now due, in time order. */
  advance(ms: number): void {
    this.clock.advance(ms);
    const due = this.pending.filter((p) => p.at <= this.clock.now()).sort((a, b) => a.at - b.at);
    this.pending = this.pending.filter((p) => p.at > this.clock.now());
    for (const p of due) p.fn();
  }
}
