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
  return runWorkerOnce<FoldResult>(__dirname, 'fold-worker', { train, texts, options }, 'fold worker');
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

/** `trainMlpMember` in a worker thread (inline on one core, or if the worker fails; `where` says which). */
export async function trainMlpInWorker(examples: readonly LabelledText[], options: IntentClassifierOptions, parallel: { workers?: boolean; onDone?: (where: 'worker' | 'inline', error?: string) => void } = {}): Promise<MlpModel> {
  const job: MlpJob = { texts: examples.map((e) => e.text), labels: examples.map((e) => e.label), fit: options.fit, mlp: options.mlp };
  if (!(parallel.workers ?? availableParallelism() > 1)) {
    parallel.onDone?.('inline');
    return trainMlpMember(job);
  }
  try {
    const state = await runWorkerOnce<MlpState>(__dirname, 'mlp-worker', job, 'network worker');
    parallel.onDone?.('worker');
    return MlpModel.fromState(state);
  } catch (err) {
    parallel.onDone?.('inline', err instanceof Error ? err.message : String(err));
    return trainMlpMember(job);
  }
}
