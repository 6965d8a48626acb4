/**
 * Runs one load phase on one or more load generator processes (`child_process.fork` of the built
 * `load-worker.js`) and merges what they measured. One process drives a few thousand sockets;
 * beyond that its own event loop (JSON, ws framing, timers) becomes the ceiling it is meant to
 * measure, so `--workers` splits the connections between several processes. Each generator
 * measures its own window of `seconds` after opening its connections; they open in parallel, so
 * the windows overlap to within the connection set-up time.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../errors';
import type { LoadConfig, LoadResult, LoadSamples } from './load';
import type { WorkerMessage } from './load-worker';
import { percentile, round2 } from './stats';

/** Splits `config` over `workers` generators, runs them at once and merges their results. */
export async function runGenerators(config: LoadConfig, workers: number, progress: (line: string) => void): Promise<LoadResult> {
  const n = Math.max(1, Math.min(workers, config.connections));
  const parts = Array.from({ length: n }, (_, i) => ({
    ...config,
    connections: share(config.connections, n, i),
    idle: share(config.idle, n, i),
    offset: Array.from({ length: i }, (_, j) => share(config.connections, n, j)).reduce((a, b) => a + b, 0),
  }));
  const outcomes = await Promise.all(parts.map((part, i) => runGenerator(part, n > 1 ? (line) => progress(`[generator ${i + 1}/${n}] ${line}`) : progress)));
  return merge(config, outcomes);
}

/** The `i`-th of `n` near-equal shares of `total`. */
function share(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}

function merge(config: LoadConfig, outcomes: { result: LoadResult; samples: LoadSamples }[]): LoadResult {
  if (outcomes.length === 1) return outcomes[0].result;
  const results = outcomes.map((o) => o.result);
  const all = (key: keyof LoadSamples) => outcomes.flatMap((o) => o.samples[key]);
  const sum = (key: 'messages' | 'errors' | 'rateLimited' | 'conversations' | 'totalMessages' | 'clientCpuMs') => results.reduce((a, r) => a + r[key], 0);
  const [first, ack, last] = [all('first'), all('ack'), all('last')];
  const errorKinds: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.errorKinds)) errorKinds[k] = (errorKinds[k] ?? 0) + v;
  return {
    connections: config.connections,
    idle: config.idle,
    seconds: config.seconds,
    messages: sum('messages'),
    msgsPerSec: round2(sum('messages') / config.seconds),
    p50Ms: percentile(first, 50),
    p99Ms: percentile(first, 99),
    ackP50Ms: percentile(ack, 50),
    ackP99Ms: percentile(ack, 99),
    lastReplyP50Ms: percentile(last, 50),
    lastReplyP99Ms: percentile(last, 99),
    errors: sum('errors'),
    errorKinds,
    rateLimited: sum('rateLimited'),
    conversations: sum('conversations'),
    totalMessages: sum('totalMessages'),
    clientCpuMs: round2(sum('clientCpuMs')),
  };
}

/** Runs one generator process and resolves with its result and raw samples. */
function runGenerator(config: LoadConfig, progress: (line: string) => void): Promise<{ result: LoadResult; samples: LoadSamples }> {
  const worker = path.join(__dirname, 'load-worker.js');
  if (!fs.existsSync(worker)) throw new ConcordError('bench_not_built', `${worker} is missing: run \`npm run build\` and use the built \`concord\``);
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--cpu-prof') && !a.startsWith('--prof'));
  const child = fork(worker, [], { stdio: ['ignore', 2, 2, 'ipc'], execArgv });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') return progress(m.line);
      settled = true;
      if (m.type === 'result') resolve({ result: m.result, samples: m.samples });
      else reject(new ConcordError('bench_failed', `the load generator failed: ${m.error}`));
    });
    child.on('exit', (code) => settled || reject(new ConcordError('bench_failed', `the load generator exited with code ${code}`)));
    child.send(config);
  });
}
