/**
 * `concord bench`: the load benchmark of issue 7. Progress and a table go to stderr; with
 * `--json` the last stdout line is one JSON object
 * `{"connections","seconds","messages","msgsPerSec","p50Ms","p99Ms","wsEchoMsgsPerSec","ratioToEcho","rssMb","errors", ...}`.
 */
import os from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { isConcordError } from '../errors';
import { formatReport } from '../bench/report';
import { runBench } from '../bench/run-bench';

interface BenchFlags {
  connections: number;
  idle: number;
  seconds: number;
  warmup: number;
  url?: string;
  workers: number;
  json?: boolean;
}

/** Adds `concord bench` to `program`. */
export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('load benchmark: web chat complaint conversations against Concord and a bare ws echo server, in the same run')
    .option('--connections <n>', 'web chat connections (each sends at most 20 messages / 10 s, the protocol limit)', positiveInt, 1000)
    .option('--idle <n>', 'extra connections that each open one conversation and then stay idle (memory with many open conversations)', nonNegativeInt, 0)
    .option('--seconds <n>', 'measured seconds (after the warm-up)', positiveInt, 10)
    .option('--warmup <n>', 'warm-up seconds, not measured', nonNegativeInt, 2)
    .option('--url <url>', 'bench an already running Concord instead of starting one')
    .option('--workers <n>', 'load generator processes sharing the connections (one process tops out at a few thousand sockets)', positiveInt, 1)
    .option('--json', 'print the result as one JSON object on the last stdout line')
    .action((flags: BenchFlags) => bench(flags));
}

async function bench(flags: BenchFlags): Promise<void> {
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const result = await runBench({ connections: flags.connections, idle: flags.idle, seconds: flags.seconds, warmupSeconds: flags.warmup, url: flags.url, workers: flags.workers, progress });
    progress(formatReport(result, machineLoad()));
    if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  } catch (err) {
    if (!isConcordError(err)) throw err;
    progress(`error: ${err.message}`);
    process.exit(1);
  }
}

function machineLoad(): string {
  return `${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of at least 0');
  return n;
}
