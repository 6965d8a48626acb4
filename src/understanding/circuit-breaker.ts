/**
 * A small circuit breaker: after `failures` consecutive failures it opens and refuses calls for
 * `cooldownMs` (by the injected clock); then it lets calls through again, and one more failure
 * opens it at once, while one success closes it.
 */
import type { Clock } from '../clock';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 3). */
  failures?: number;
  /** How long an open circuit refuses calls (default 30 s). */
  cooldownMs?: number;
}

export class CircuitBreaker {
  private consecutive = 0;
  private openUntil = 0;
  private readonly limit: number;
  private readonly cooldownMs: number;

  constructor(private readonly clock: Clock, options: CircuitBreakerOptions = {}) {
    this.limit = options.failures ?? 3;
    this.cooldownMs = options.cooldownMs ?? 30_000;
  }

  /** True when a call may be made now. */
  allows(): boolean {
    return this.clock.now() >= this.openUntil;
  }

  /** True while calls are refused. */
  get open(): boolean {
    return !this.allows();
  }

  success(): void {
    this.consecutive = 0;
    this.openUntil = 0;
  }

  /** Records a failure; returns true when this failure opened the circuit. */
  failure(): boolean {
    this.consecutive++;
    if (this.consecutive < this.limit || this.open) return false;
    this.openUntil = this.clock.now() + this.cooldownMs;
    return true;
  }
}
