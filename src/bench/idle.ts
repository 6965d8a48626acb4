/**
 * Idle customers: connections that open a session, start a conversation with one complaint
 * (so the server holds an open conversation for each) and then stay connected without writing.
 * They are set up before the warm-up, so they are not part of the measured window; they show
 * what many open conversations cost the server (memory, heartbeats) while others are active.
 */
import { BenchConnection } from './connection';
import { complaintCycle, echoCycle } from './scenario';
import type { Tally } from './stats';
import { runTurn } from './turn';

const BATCH = 200;

/** Opens `count` idle customers in batches; failures are added to `errors`. */
export async function openIdle(url: string, mode: 'concord' | 'echo', count: number, timeoutMs: number, errors: Tally, progress: (line: string) => void, offset = 0): Promise<BenchConnection[]> {
  const open: BenchConnection[] = [];
  for (let i = 0; i < count; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => idleCustomer(url, mode, offset + i + j, timeoutMs, errors));
    for (const conn of await Promise.all(batch)) if (conn) open.push(conn);
    progress(`${mode}: ${Math.min(i + BATCH, count)}/${count} idle conversations open`);
  }
  return open;
}

async function idleCustomer(url: string, mode: 'concord' | 'echo', n: number, timeoutMs: number, errors: Tally): Promise<BenchConnection | null> {
  const language = n % 2 === 0 ? 'en' : 'zh';
  let conn: BenchConnection;
  try {
    conn = await BenchConnection.open(url, language, timeoutMs);
  } catch {
    errors.add('connect_failed');
    return null;
  }
  const [first] = (mode === 'concord' ? complaintCycle : echoCycle)(language, n);
  const outcome = await runTurn(conn, first, { expectAck: mode === 'concord', timeoutMs, offered: [] });
  if (outcome.ok) return conn;
  errors.add(outcome.error);
  await conn.close();
  return null;
}
