/**
 * Worker thread entry: trains one cross-validation fold of an intent classifier and answers with
 * each model's raw scores of the fold's test texts (`scoreFold`), or `{error}`.
 */
import { parentPort } from 'node:worker_threads';
import type { IntentClassifierOptions, LabelledText } from './intent-classifier';
import { scoreFold } from './oos-threshold';

parentPort?.once('message', (job: { train: LabelledText[]; texts: string[]; options: IntentClassifierOptions }) => {
  try {
    const result = scoreFold(job.train, job.texts, job.options);
    parentPort?.postMessage(result, [...new Set(result.scores.flat().map((s) => s.buffer as ArrayBuffer))]);
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
