/**
 * Trains the intent classifier for a publish in a `worker_threads` worker (`train-worker.ts`), so
 * customers keep being answered meanwhile; only rebuilding the trained model from the worker's
 * data runs on the main thread. Falls back to training inline (blocking) when no worker can
 * start, and reports how long the main thread was blocked either way.
 */
import { performance } from 'node:perf_hooks';
import { IntentClassifier, type IntentClassifierState } from '../understanding/intent-classifier';
import { trainIntentClassifier, type IntentDefinition } from '../understanding';
import { runWorkerOnce } from '../worker-entry';

/** A trained classifier and what training cost the main thread. */
export interface Trained {
  classifier: IntentClassifier;
  where: 'worker' | 'inline';
  /** Milliseconds the event loop was blocked by training (rebuilding only, in a worker). */
  blockedMs: number;
  totalMs: number;
}

/** Trains on the main thread (start-up, before any traffic). */
export function trainInline(intents: readonly IntentDefinition[]): Trained {
  const start = performance.now();
  const classifier = trainIntentClassifier(intents);
  const ms = performance.now() - start;
  return { classifier, where: 'inline', blockedMs: ms, totalMs: ms };
}

/** Trains in a worker thread; inline when the worker fails to start or run. */
export async function trainInWorker(intents: readonly IntentDefinition[]): Promise<Trained> {
  const start = performance.now();
  let state: IntentClassifierState;
  try {
    state = await runWorker(intents);
  } catch {
    return trainInline(intents);
  }
  const rebuild = performance.now();
  const classifier = IntentClassifier.fromState(state);
  const end = performance.now();
  return { classifier, where: 'worker', blockedMs: end - rebuild, totalMs: end - start };
}

function runWorker(intents: readonly IntentDefinition[]): Promise<IntentClassifierState> {
  return runWorkerOnce<{ state?: IntentClassifierState }>(__dirname, 'train-worker', intents, 'training worker').then((m) => {
    if (!m.state) throw new Error('training failed');
    return m.state;
  });
}
