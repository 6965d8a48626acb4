/**
 * Store contract across OS processes: two children (`fixtures/concurrent-worker.js`, on the built
 * `dist/`) update one conversation at the same time through their own store connections,
 * alternating `saveTurn` and `updateConversation`. No update may be lost: every success writes
 * exactly the next version, each version is written once, a conflict is a `VersionConflictError`
 * (anything else fails the worker), and the final state counts every success.
 * Run by `sqlite.test.ts` on one file and by `mongo.test.ts` when `MONGODB_URI` is set.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { ConversationStore } from '../../src/store/port';
import { conversation } from './contract-fixtures';
import { ensureBuilt } from '../helpers/ensure-built';

/** How a worker opens the same store: `{kind: 'sqlite', file}` or `{kind: 'mongodb', uri, dbName}`. */
export type WorkerStoreSpec = { kind: 'sqlite'; file: string } | { kind: 'mongodb'; uri: string; dbName: string };

interface WorkerReport {
  conflicts: number;
  versions: number[];
}

const UPDATES_PER_WORKER = 200;

function nextMessage(proc: ChildProcess): Promise<unknown> {
  return new Promise((resolve) => proc.once('message', resolve));
}

/** Resolves with the worker's report once it exits cleanly; rejects otherwise. */
function waitForChild(proc: ChildProcess): Promise<WorkerReport> {
  let report: WorkerReport | null = null;
  proc.on('message', (m) => {
    const r = m as WorkerReport & { done?: boolean };
    if (r.done) report = { conflicts: r.conflicts, versions: r.versions };
  });
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 && report ? resolve(report) : reject(new Error(`worker exited with ${code}`))));
  });
}

/** Defines the two-process test; `open` gives the parent's store and the spec for the workers. */
export function runTwoProcessContract(open: () => Promise<{ store: ConversationStore; spec: WorkerStoreSpec; cleanup: () => Promise<void> }>): void {
  it('loses no update when two processes update the same conversation', async () => {
    ensureBuilt();
    const { store, spec, cleanup } = await open();
    try {
      const conv = conversation({ state: { counter: 0 } });
      await store.createConversation(conv);
      const children = ['a', 'b'].map((name) => fork(join(__dirname, 'fixtures', 'concurrent-worker.js'), [JSON.stringify(spec), conv.id, String(UPDATES_PER_WORKER), name], { stdio: 'inherit' }));
      const settled = children.map((proc) => waitForChild(proc));
      await Promise.all(children.map((proc) => nextMessage(proc)));
      for (const proc of children) proc.send('go');
      const reports = await Promise.all(settled);

      const total = 2 * UPDATES_PER_WORKER;
      // Every success wrote its own next version: together exactly 2..total+1, none twice.
      const written = reports.flatMap((r) => r.versions).sort((x, y) => x - y);
      expect(written).toEqual(Array.from({ length: total }, (_, i) => i + 2));
      const stored = await store.getConversation(conv.id);
      expect(stored?.version).toBe(total + 1);
      expect(stored?.state).toEqual({ counter: total, a: UPDATES_PER_WORKER, b: UPDATES_PER_WORKER });
      // Only successful saveTurns stored their reply (half the updates), numbered without gaps.
      const messages = await store.listMessages(conv.id, { limit: total });
      expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: total / 2 }, (_, i) => i + 1));
      expect(new Set(messages.map((m) => m.text)).size).toBe(total / 2);
      expect(reports.reduce((sum, r) => sum + r.conflicts, 0)).toBeGreaterThan(0); // the two really raced
    } finally {
      await cleanup();
    }
  });
}
