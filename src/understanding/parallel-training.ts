/**
 * Training work that can run beside the main thread in worker threads, with the same result as
 * running it inline: the folds of `crossValidatedCalibration` (each in its own worker; same split,
 * same deterministic training, scores joined in fold order), and the network of `lr+mlp` while
 * the main thread trains the LR. Work whose worker cannot start or fails runs inline instead.
 */
import { availableParallelism } from 'node:os';
import { runWorkerOnce } from '../worker-entry';
import type { IntentClassifierOptions, LabelledText } from './intent-classifier';
import { MlpModel, type MlpOptions, type MlpState } from './mlp';
import { Vectorizer, type FitOptions } from './vectorizer';
import { calibrationFrom, foldsOf, joinFolds, scoreFold, type OosCalibration, type ThresholdSearch } from './oos-threshold';

type FoldResult = ReturnType<typeof scoreFold>;

/** Options of `crossValidatedCalibrationInWorkers`. */
export interface ParallelOptions {
  /** Train folds in worker threads (default: when the machine has more than one core). */
  workers?: boolean;
  /** Told where each fold was trained, in fold order, and why a worker failed. */
  onFolds?: (where: ('worker' | 'inline')[], errors: string[]) => void;
}

/** Where a piece of work ran, and why its worker failed if it did. */
interface Ran<T> {
  value: T;
  where: 'worker' | 'inline';
  error?: string;
}

/** `job` in worker `name` when `useWorkers`, else (or when the worker fails) `inline()` on this thread. */
async function inWorkerOrInline<T>(useWorkers: boolean, name: string, job: unknown, inline: () => T): Promise<Ran<T>> {
  if (!useWorkers) return { value: inline(), where: 'inline' };
  try {
    return { value: await runWorkerOnce<T>(__dirname, name, job, name.replace('-', ' ')), where: 'worker' };
  } catch (err) {
    return { value: inline(), where: 'inline', error: err instanceof Error ? err.message : String(err) };
  }
}

/** Same choice as `crossValidatedCalibration`, with the folds trained concurrently in worker threads. */
export async function crossValidatedCalibrationInWorkers(
  examples: readonly LabelledText[],
  options: IntentClassifierOptions = {},
  search: ThresholdSearch = {},
  parallel: ParallelOptions = {},
): Promise<OosCalibration> {
  const folds = foldsOf(examples, search.folds ?? 3, search.seed ?? 11);
  const useWorkers = parallel.workers ?? availableParallelism() > 1;
  const runs = await Promise.all(folds.map((fold) => {
    const texts = fold.test.map((i) => examples[i].text);
    return inWorkerOrInline<FoldResult>(useWorkers, 'fold-worker', { train: fold.train, texts, options }, () => scoreFold(fold.train, texts, options));
  }));
  parallel.onFolds?.(runs.map((r) => r.where), runs.flatMap((r) => (r.error ? [r.error] : [])));
  return calibrationFrom(joinFolds(examples, folds, runs.map((r) => r.value)), options, search);
}

/** What the `lr+mlp` network is trained from. */
export interface MlpJob {
  texts: string[];
  labels: string[];
  fit?: FitOptions;
  mlp?: MlpOptions;
}

/** The network of `lr+mlp` for these rows: the classifier's vectorizer and label order, then `MlpModel.train`. */
export function trainMlpMember(job: MlpJob): MlpModel {
  const vectorizer = Vectorizer.fit(job.texts, job.fit);
  const names = [...new Set(job.labels)].sort();
  return MlpModel.train(job.texts.map((t) => vectorizer.transform(t)), job.labels.map((l) => names.indexOf(l)), names, vectorizer.size, job.mlp);
}

/** `trainMlpMember` in a worker thread (inline on one core, or if the worker fails; `onDone` says which). */
export async function trainMlpInWorker(examples: readonly LabelledText[], options: IntentClassifierOptions, parallel: { workers?: boolean; onDone?: (where: 'worker' | 'inline', error?: string) => void } = {}): Promise<MlpModel> {
  const job: MlpJob = { texts: examples.map((e) => e.text), labels: examples.map((e) => e.label), fit: options.fit, mlp: options.mlp };
  const run = await inWorkerOrInline<MlpState>(parallel.workers ?? availableParallelism() > 1, 'mlp-worker', job, () => trainMlpMember(job).toState());
  parallel.onDone?.(run.where, run.error);
  return MlpModel.fromState(run.value);
}
