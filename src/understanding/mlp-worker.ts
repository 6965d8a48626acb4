/**
 * Worker thread entry: fits the vectorizer on the training texts (as the main thread does, with
 * the same options, so the features are the same) and trains the `lr+mlp` network on them.
 * Answers with the network's `MlpState` (weights transferred, not copied), or `{error}`.
 */
import { parentPort } from 'node:worker_threads';
import { trainMlpMember, type MlpJob } from './parallel-training';

parentPort?.once('message', (job: MlpJob) => {
  try {
    const state = trainMlpMember(job).toState();
    parentPort?.postMessage(state, [state.w1.buffer as ArrayBuffer, state.w2.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
