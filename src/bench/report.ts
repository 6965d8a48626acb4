/** The human-readable side of `concord bench`: the result table and what limited throughput. */
import type { BenchResult } from './run-bench';

const COLUMNS = ['', 'msgs/s', 'first reply p50/p99 ms', 'ack p50/p99 ms', 'last reply p50/p99 ms', 'errors'];

/** The table printed on stderr after a run. */
export function formatReport(r: BenchResult, load: string): string {
  const rows = [
    COLUMNS,
    ['ws echo', fmt(r.wsEchoMsgsPerSec), `${r.echo.p50Ms} / ${r.echo.p99Ms}`, '-', '-', String(r.echo.errors)],
    ['concord', fmt(r.msgsPerSec), `${r.p50Ms} / ${r.p99Ms}`, `${r.ackP50Ms} / ${r.ackP99Ms}`, `${r.lastReplyP50Ms} / ${r.lastReplyP99Ms}`, String(r.errors)],
  ];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  lines.push('');
  lines.push(`${r.connections} connections${r.idle ? ` + ${r.idle} idle open conversations` : ''}, ${r.seconds}s measured, ${r.messages} customer messages, ${r.conversations} conversations finished (${r.target})`);
  lines.push(`ratio to echo: ${r.ratioToEcho}   server CPU per message: ${r.serverCpuMsPerMsg ?? "unknown"} ms   server RSS: ${r.rssMb === undefined ? 'unknown' : `${r.rssMb} MB`}   machine load: ${load}`);
  lines.push(`load generator: ${r.workers} process(es), client CPU per message: echo ${r.echo.clientCpuMsPerMsg} ms, concord ${r.clientCpuMsPerMsg} ms`);
  if (r.errors) lines.push(`errors: ${JSON.stringify(r.errorKinds)}`);
  if (r.rateLimited) lines.push(`rate_limited frames: ${r.rateLimited} (resent after retryAfterMs)`);
  lines.push(limitNote(r));
  return lines.join('\n');
}

function limitNote(r: BenchResult): string {
  if (r.limitedBy === 'rate limit') {
    return `note: throughput is limited by the per-connection rate limit (20 messages / 10 s, so at most ${fmt(r.rateLimitCeiling)} msgs/s with ${r.connections} connections); use more --connections to load the server`;
  }
  return `note: the server is the limit (${fmt(r.msgsPerSec)} msgs/s of ${fmt(r.rateLimitCeiling)} msgs/s the rate limit allows ${r.connections} connections)`;
}

function fmt(n: number): string {
  return n.toFixed(n >= 100 ? 0 : 1);
}
