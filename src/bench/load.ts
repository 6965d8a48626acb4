/**
 * The load generator: N virtual customers, each on its own web chat connection, holding scripted
 * conversations (send, wait for the answer, send the next) for a warm-up and then a measured
 * window. It runs in its own process (see load-worker.ts) so it never competes with the server
 * for the server's event loop.
 */
import type { QuickReplyFrame } from '../channels/web/client';
import { BenchConnection } from './connection';
import { openIdle } from './idle';
import { complaintCycle, echoCycle, type BenchLanguage, type ScriptedTurn } from './scenario';
import { LatencySamples, Tally, round2 } from './stats';
import { runTurn, type TurnOutcome } from './turn';

/** What to run against which server. */
export interface LoadConfig {
  url: string;
  mode: 'concord' | 'echo';
  connections: number;
  /** Extra connections that start one conversation each and then stay idle (see idle.ts). */
  idle: number;
  seconds: number;
  warmupMs: number;
  /** Least time between two sends of one connection (the server's rate limit), 0 for none. */
  paceMs: number;
  timeoutMs: number;
  /** Index of this generator's first customer when several generators share the load (seeds, languages). */
  offset?: number;
}

/** What one load phase measured (latencies in ms; counts over the measured window unless noted). */
export interface LoadResult {
  connections: number;
  idle: number;
  seconds: number;
  messages: number;
  msgsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ackP50Ms: number;
  ackP99Ms: number;
  lastReplyP50Ms: number;
  lastReplyP99Ms: number;
  /** Failures over the whole run (warm-up and drain included), by kind. */
  errors: number;
  errorKinds: Record<string, number>;
  rateLimited: number;
  conversations: number;
  /** Turns completed over the whole run, warm-up and drain included (for CPU time per message). */
  totalMessages: number;
  /** CPU time (user + system) the load generator(s) spent over the phase, in ms. */
  clientCpuMs: number;
}

/** The raw latencies behind a `LoadResult`, so results of several generators can be merged. */
export interface LoadSamples {
  first: number[];
  ack: number[];
  last: number[];
}

const CONNECT_BATCH = 200;

/** Runs one load phase; `progress` gets a human-readable line about once a second. */
export async function runLoad(config: LoadConfig, progress: (line: string) => void): Promise<{ result: LoadResult; samples: LoadSamples }> {
  const cpu = process.cpuUsage();
  const run = new LoadRun(config);
  const idle = await openIdle(config.url, config.mode, config.idle, config.timeoutMs, run.errors, progress, config.offset ?? 0);
  const initial = await openAll(config, run, progress);
  const result = await run.execute(initial, progress);
  await Promise.all(idle.map((conn) => conn.close()));
  const { user, system } = process.cpuUsage(cpu);
  return { result: { ...result, totalMessages: result.totalMessages + idle.length, clientCpuMs: round2((user + system) / 1000) }, samples: run.samples() };
}

async function openAll(config: LoadConfig, run: LoadRun, progress: (line: string) => void): Promise<(BenchConnection | null)[]> {
  const conns: (BenchConnection | null)[] = [];
  for (let i = 0; i < config.connections; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, config.connections - i) }, (_, j) => run.connect(languageOf((config.offset ?? 0) + i + j)));
    conns.push(...(await Promise.all(batch)));
    if (config.connections > CONNECT_BATCH) progress(`${config.mode}: ${conns.length}/${config.connections} connections open`);
  }
  return conns;
}

function languageOf(n: number): BenchLanguage {
  return n % 2 === 0 ? 'en' : 'zh';
}

class LoadRun {
  private readonly first = new LatencySamples();
  private readonly ack = new LatencySamples();
  private readonly last = new LatencySamples();
  readonly errors = new Tally();
  private rateLimited = 0;
  private conversations = 0;
  private completed = 0;
  private windowStart = Infinity;
  private windowEnd = Infinity;
  private stopping = false;

  constructor(private readonly config: LoadConfig) {}

  async connect(language: BenchLanguage): Promise<BenchConnection | null> {
    try {
      return await BenchConnection.open(this.config.url, language, this.config.timeoutMs);
    } catch {
      this.errors.add('connect_failed');
      return null;
    }
  }

  async execute(initial: (BenchConnection | null)[], progress: (line: string) => void): Promise<Omit<LoadResult, 'clientCpuMs'>> {
    const start = performance.now();
    this.windowStart = start + this.config.warmupMs;
    this.windowEnd = this.windowStart + this.config.seconds * 1000;
    const ticker = setInterval(() => progress(this.progressLine(start)), 1000);
    const users = initial.map((conn, i) => this.customer(conn, (this.config.offset ?? 0) + i));
    await sleep(this.windowEnd - performance.now());
    this.stopping = true;
    await Promise.all(users);
    clearInterval(ticker);
    return this.result();
  }

  private progressLine(start: number): string {
    const t = ((performance.now() - start) / 1000).toFixed(0);
    const phase = performance.now() < this.windowStart ? 'warm-up' : 'measuring';
    return `${this.config.mode}: ${t}s ${phase}, ${this.last.count} msgs measured, ${this.errors.total} errors`;
  }

  /** One virtual customer: conversations one after another until the window closes. */
  private async customer(conn: BenchConnection | null, n: number): Promise<void> {
    const language = languageOf(n);
    let lastSend = performance.now() - Math.random() * this.config.paceMs;
    for (let cycle = n; !this.stopping; cycle++) {
      conn ??= await this.connect(language);
      if (!conn) {
        await sleep(1000);
        continue;
      }
      lastSend = await this.converse(conn, this.turnsFor(language, cycle), lastSend);
      if (this.config.mode === 'concord' || conn.isClosed || this.stopping) {
        await conn.close();
        conn = null;
      }
    }
    await conn?.close();
  }

  private turnsFor(language: BenchLanguage, cycle: number): ScriptedTurn[] {
    return this.config.mode === 'concord' ? complaintCycle(language, cycle) : echoCycle(language, cycle);
  }

  /** Plays the turns; stops early on a failure (the next cycle starts a new session). */
  private async converse(conn: BenchConnection, turns: ScriptedTurn[], lastSend: number): Promise<number> {
    let offered: QuickReplyFrame[] = [];
    for (const turn of turns) {
      await sleep(lastSend + this.config.paceMs - performance.now());
      if (this.stopping) return lastSend;
      lastSend = performance.now();
      const outcome = await runTurn(conn, turn, { expectAck: this.config.mode === 'concord', timeoutMs: this.config.timeoutMs, offered });
      this.record(outcome);
      if (!outcome.ok) return lastSend;
      offered = outcome.quickReplies;
    }
    this.conversations++;
    return lastSend;
  }

  private record(outcome: TurnOutcome): void {
    this.rateLimited += outcome.rateLimited;
    if (!outcome.ok) return this.errors.add(outcome.error);
    this.completed++;
    const now = performance.now();
    if (now < this.windowStart || now >= this.windowEnd) return;
    this.first.add(outcome.firstMs);
    this.last.add(outcome.lastMs);
    if (outcome.ackMs !== null) this.ack.add(outcome.ackMs);
  }

  samples(): LoadSamples {
    return { first: this.first.values, ack: this.ack.values, last: this.last.values };
  }

  private result(): Omit<LoadResult, 'clientCpuMs'> {
    const messages = this.last.count;
    return {
      connections: this.config.connections,
      idle: this.config.idle,
      seconds: this.config.seconds,
      messages,
      msgsPerSec: round2(messages / this.config.seconds),
      p50Ms: this.first.percentile(50),
      p99Ms: this.first.percentile(99),
      ackP50Ms: this.ack.percentile(50),
      ackP99Ms: this.ack.percentile(99),
      lastReplyP50Ms: this.last.percentile(50),
      lastReplyP99Ms: this.last.percentile(99),
      errors: this.errors.total,
      errorKinds: this.errors.counts,
      rateLimited: this.rateLimited,
      conversations: this.conversations,
      totalMessages: this.completed,
    };
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
