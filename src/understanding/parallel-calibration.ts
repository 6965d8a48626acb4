/**
 * `crossValidatedCalibration` with each fold trained in its own worker thread. The folds are
 * independent and CPU-bound, so on a machine with several cores they run side by side; the
 * result is the same as the sequential one (same split, same deterministic training, scores
 * joined in fold order). A fold whose worker cannot start or fails is trained inline instead.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { IntentClassifierOptions, LabelledText } from './intent-classifier';
import { calibrationFrom, foldsOf, joinFolds, scoreFold, type OosCalibration, type ThresholdSearch } from './oos-threshold';

type FoldResult = ReturnType<typeof scoreFold>;

/** Options of `crossValidatedCalibrationInWorkers`. */
export interface ParallelOptions {
  /** Train folds in worker threads (default: when the machine has more than one core). */
  workers?: boolean;
  /** Told where each fold was trained, in fold order, and why a worker failed. */
  onFolds?: (where: ('worker' | 'inline')[], errors: string[]) => void;
}

/** Same choice as `crossValidatedCalibration`, with the folds trained concurrently in worker threads. */
export async function crossValidatedCalibrationInWorkers(
  examples: readonly LabelledText[],
  options: IntentClassifierOptions = {},
  search: ThresholdSearch = {},
  parallel: ParallelOptions = {},
): Promise<OosCalibration> {
  const folds = foldsOf(examples, search.folds ?? 3, search.seed ?? 11);
  const texts = folds.map((fold) => fold.test.map((i) => examples[i].text));
  const useWorkers = parallel.workers ?? availableParallelism() > 1;
  const where = folds.map(() => (useWorkers ? 'worker' : 'inline') as 'worker' | 'inline');
  const errors: string[] = [];
  const inline = (f: number) => scoreFold(folds[f].train, texts[f], options);
  const results = useWorkers
    ? await Promise.all(folds.map((fold, f) => runFold(fold.train, texts[f], options).catch((err: Error) => {
      where[f] = 'inline';
      errors.push(err.message);
      return inline(f);
    })))
    : folds.map((_, f) => inline(f));
  parallel.onFolds?.(where, errors);
  return calibrationFrom(joinFolds(examples, folds, results), options, search);
}

function runFold(train: LabelledText[], texts: string[], options: IntentClassifierOptions): Promise<FoldResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(...workerEntry(__dirname, 'fold-worker'));
    worker.once('message', (m: FoldResult & { error?: string }) => {
      void worker.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve({ labels: m.labels, scores: m.scores });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`fold worker exited with ${code}`)));
    worker.postMessage({ train, texts, options });
  });
}
