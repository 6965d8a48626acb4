/** Latency samples and their percentiles (nearest rank), kept per measurement window. */
export class LatencySamples {
  constructor(readonly values: number[] = []) {}

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  /** The `p`-th percentile (0..100) in milliseconds, rounded to 0.01 ms; 0 when empty. */
  percentile(p: number): number {
    return percentile(this.values, p);
  }
}

/** Nearest-rank percentile of `values` (sorted in place), rounded to 0.01. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  const rank = Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1));
  return round2(values[rank]);
}

/** Rounds to two decimals (figures in reports). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Counts by key (errors by kind). */
export class Tally {
  readonly counts: Record<string, number> = {};

  add(key: string, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }

  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
}
