/**
 * Worker thread entry: trains the intent classifier off the main thread, so a publish that
 * changes intents does not stop the event loop (and every conversation) while it trains.
 * Receives `IntentDefinition[]`, answers with `IntentClassifierState` (or `{error}`).
 */
import { parentPort } from 'node:worker_threads';
import { trainIntentClassifier, type IntentDefinition } from '../understanding';

parentPort?.once('message', (intents: IntentDefinition[]) => {
  try {
    parentPort?.postMessage({ state: trainIntentClassifier(intents).toState() });
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
