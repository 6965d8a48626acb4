/**
 * `concord bench`, the orchestration: in one run on one machine, the same load generator (a
 * separate process) first drives a bare `ws` echo server (the physical ceiling), then Concord,
 * started in this process on embedded defaults in a fresh temporary data directory (or an
 * already running server given by `--url`). The result is the contract of issue 7.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { LIMITS } from '../channels/web/protocol';
import { startConcord, type RunningConcord } from '../main';
import { startEchoProcess } from './echo-server';
import type { LoadConfig, LoadResult } from './load';
import { runGenerators } from './load-pool';
import { round2 } from './stats';

/** What `concord bench` was asked to do. */
export interface BenchOptions {
  connections: number;
  /** Extra connections that hold one open conversation each without writing. */
  idle: number;
  seconds: number;
  warmupSeconds: number;
  /** An already running Concord to bench instead of starting one. */
  url?: string;
  /** Load generator processes sharing the connections (default 1). */
  workers?: number;
  progress: (line: string) => void;
}

/**
 * What one load phase measured, plus the same-run echo baseline and the verdict. (The JSON puts
 * the contract fields first; that order comes from where the object is built.)
 */
export type BenchResult = Omit<LoadResult, 'totalMessages' | 'clientCpuMs'> & {
  wsEchoMsgsPerSec: number;
  ratioToEcho: number;
  rssMb?: number;
  /** Server CPU time (user + system) per customer message over the Concord phase, when known. */
  serverCpuMsPerMsg?: number;
  /** Load generator processes, and their CPU time per message in each phase (is the client the ceiling?). */
  workers: number;
  clientCpuMsPerMsg: number;
  /** Most messages/s the per-connection rate limit lets this many connections send. */
  rateLimitCeiling: number;
  limitedBy: 'rate limit' | 'server';
  echo: { p50Ms: number; p99Ms: number; errors: number; clientCpuMsPerMsg: number };
  target: string;
};

/** Time between two sends of one connection: the rate limit's average spacing plus 5 %. */
export const PACE_MS = Math.ceil(((LIMITS.rateLimitWindowSeconds * 1000) / LIMITS.rateLimitMessages) * 1.05);
const TURN_TIMEOUT_MS = 15_000;

/** Runs the echo phase, then the Concord phase, and combines them. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const echo = await startEchoProcess();
  let echoResult: LoadResult;
  try {
    options.progress(`ws echo baseline: ${options.connections} connections, ${options.seconds}s`);
    echoResult = await runPhase(options, echo.url, 'echo');
  } finally {
    await echo.close();
  }
  const target = options.url ? remoteTarget(options.url) : await startLocal();
  try {
    options.progress(`concord (${options.url ?? 'in-process, embedded SQLite'}): ${options.connections} connections (+${options.idle} idle), ${options.seconds}s`);
    const cpuBefore = await target.cpuSeconds();
    const peak = target.watchRss?.();
    const concord = await runPhase(options, target.url, 'concord');
    const cpuAfter = await target.cpuSeconds();
    const peakRssMb = peak?.stop();
    const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) * 1000;
    return combine(concord, echoResult, { rssMb: peakRssMb ?? (await target.rssMb()), cpuMs }, options.url ?? 'in-process', options.workers ?? 1);
  } finally {
    await target.close();
  }
}

/** What the server side measured about itself. */
interface ServerFigures {
  rssMb?: number;
  cpuMs?: number;
}

function combine(c: LoadResult, echo: LoadResult, server: ServerFigures, target: string, workers: number): BenchResult {
  const { rssMb, cpuMs } = server;
  const rateLimitCeiling = round2((c.connections * 1000) / PACE_MS);
  return {
    connections: c.connections,
    idle: c.idle,
    seconds: c.seconds,
    messages: c.messages,
    msgsPerSec: c.msgsPerSec,
    p50Ms: c.p50Ms,
    p99Ms: c.p99Ms,
    wsEchoMsgsPerSec: echo.msgsPerSec,
    ratioToEcho: echo.msgsPerSec > 0 ? Math.round((c.msgsPerSec / echo.msgsPerSec) * 10_000) / 10_000 : 0,
    ...(rssMb === undefined ? {} : { rssMb }),
    errors: c.errors,
    ...(cpuMs === undefined || !c.totalMessages ? {} : { serverCpuMsPerMsg: round2(cpuMs / c.totalMessages) }),
    ackP50Ms: c.ackP50Ms,
    ackP99Ms: c.ackP99Ms,
    lastReplyP50Ms: c.lastReplyP50Ms,
    lastReplyP99Ms: c.lastReplyP99Ms,
    rateLimitCeiling,
    limitedBy: c.msgsPerSec >= 0.9 * rateLimitCeiling ? 'rate limit' : 'server',
    errorKinds: c.errorKinds,
    rateLimited: c.rateLimited,
    conversations: c.conversations,
    workers,
    clientCpuMsPerMsg: cpuPerMessage(c),
    echo: { p50Ms: echo.p50Ms, p99Ms: echo.p99Ms, errors: echo.errors, clientCpuMsPerMsg: cpuPerMessage(echo) },
    target,
  };
}

function cpuPerMessage(r: LoadResult): number {
  return r.totalMessages ? round2(r.clientCpuMs / r.totalMessages) : 0;
}

/** Starts Concord in this process on embedded defaults in a fresh temporary data directory. */
async function startLocal() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
  const base = loadConfig();
  let concord: RunningConcord;
  try {
    concord = await startConcord({ env: {}, dataDir, port: 0, host: '127.0.0.1', logLevel: 'warn', dialogsDir: base.dialogsDir, intentsDir: base.intentsDir });
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: concord.url,
    rssMb: async () => round2(process.memoryUsage().rss / 2 ** 20),
    watchRss,
    cpuSeconds: async () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    },
    close: async () => {
      await concord.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Samples this process's resident memory during the Concord phase; `stop` returns the peak in MB,
 * i.e. with every connection (and every idle conversation) open, not after they closed.
 */
function watchRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  return {
    stop: () => {
      clearInterval(timer);
      return round2(Math.max(peak, process.memoryUsage().rss) / 2 ** 20);
    },
  };
}

/** A server already running at `url`: its memory and CPU come from its Prometheus metrics. */
function remoteTarget(url: string) {
  return {
    url,
    rssMb: async () => {
      const bytes = await remoteMetric(url, 'concord_process_resident_memory_bytes');
      return bytes === undefined ? undefined : round2(bytes / 2 ** 20);
    },
    cpuSeconds: () => remoteMetric(url, 'concord_process_cpu_seconds_total'),
    watchRss: undefined,
    close: async () => undefined,
  };
}

/** One unlabelled metric of a running server (undefined if unavailable). */
async function remoteMetric(url: string, name: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(new URL('/metrics', url))).text();
    const m = new RegExp(`^${name}\\s+([\\d.e+]+)`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one phase on `options.workers` load generator processes. */
function runPhase(options: BenchOptions, url: string, mode: LoadConfig['mode']): Promise<LoadResult> {
  const config: LoadConfig = {
    url,
    mode,
    connections: options.connections,
    idle: options.idle,
    seconds: options.seconds,
    warmupMs: options.warmupSeconds * 1000,
    paceMs: mode === 'echo' ? 0 : PACE_MS,
    timeoutMs: TURN_TIMEOUT_MS,
  };
  return runGenerators(config, options.workers ?? 1, options.progress);
}
