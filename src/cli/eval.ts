/**
 * `concord eval intents|emotion|sentiment`: measures our understanding models and the
 * JavaScript baselines on labelled CSV files (`text,label`). Progress and a table go to stderr;
 * with `--json` the last stdout line is one JSON object (the contract of issue 3).
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConcordError, isConcordError } from '../errors';
import { EMOTION_LABELS } from '../understanding/types';
import { readLabelledCsv, type LabelledRow } from './eval-csv';
import type { EvalResult } from './eval-tasks';

/** The baselines (natural, nlp.js, AFINN) load only when `concord eval` runs. */
const tasks = () => import('./eval-tasks');

/** Where output goes; the CLI uses the process streams, tests capture them. */
export interface EvalIo {
  out: (line: string) => void;
  err: (line: string) => void;
  exit: (code: number) => void;
}

const processIo: EvalIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  exit: (code) => {
    process.exitCode = code;
  },
};

const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;

/** `"label" (line N)` for the first five labels of `firstLine` (label -> line where it first appears). */
function firstLines(firstLine: ReadonlyMap<string, number>): string {
  const shown = [...firstLine].slice(0, 5).map(([label, line]) => `"${label}" (line ${line})`).join(', ');
  return firstLine.size > 5 ? `${shown}, and ${firstLine.size - 5} more` : shown;
}

/**
 * Test labels of a fixed label set, matched without regard to case ("Anger" is `anger`). Labels
 * outside the set stay as they are (they count as wrong) and are reported on `warn` with the line
 * where each first appears, so a typo or another label scheme does not pass unnoticed.
 */
export function checkLabels(rows: readonly LabelledRow[], allowed: readonly string[], warn: (line: string) => void): LabelledRow[] {
  const known = new Set(allowed);
  const unknown = new Map<string, number>();
  let count = 0;
  const checked = rows.map((r) => {
    const lower = r.label.toLowerCase();
    if (known.has(lower)) return lower === r.label ? r : { ...r, label: lower };
    count++;
    if (!unknown.has(r.label)) unknown.set(r.label, r.line);
    return r;
  });
  if (count > 0) {
    warn(`warning: ${count} of ${rows.length} rows have a label outside ${allowed.join(', ')} and count as wrong: ${firstLines(unknown)}`);
  }
  return checked;
}

/**
 * Warns about intent test labels the training file never shows (they count as wrong); `oos` test
 * rows without `oos` training rows get their own message, since then no threshold is chosen.
 */
export function checkIntentLabels(train: readonly LabelledRow[], test: readonly LabelledRow[], warn: (line: string) => void): void {
  const trained = new Set(train.map((r) => r.label));
  const unseen = new Map<string, number>();
  let count = 0;
  for (const r of test) {
    if (trained.has(r.label) || r.label === 'oos') continue;
    count++;
    if (!unseen.has(r.label)) unseen.set(r.label, r.line);
  }
  const oos = test.filter((r) => r.label === 'oos').length;
  if (oos > 0 && !trained.has('oos')) warn(`warning: ${oos} test rows are labelled oos but the training file has no oos rows, so no out-of-scope threshold is chosen and they count as wrong`);
  if (count > 0) {
    warn(`warning: ${count} of ${test.length} test rows have a label the training file does not have and count as wrong: ${firstLines(unseen)}`);
  }
}

/** The human-readable result table. */
export function formatTable(result: EvalResult): string {
  const lines = [`${result.task}: n=${result.n} accuracy=${result.accuracy} macroF1=${result.macroF1} trainMs=${result.trainMs} predictUs p50=${result.predictUsP50} p99=${result.predictUsP99}`];
  if (result.oosRecall !== undefined) lines.push(`in-scope accuracy=${result.inScopeAccuracy} oos recall=${result.oosRecall}`);
  lines.push('label'.padEnd(28) + 'precision  recall     f1         support');
  for (const [label, s] of Object.entries(result.perLabel)) {
    lines.push(label.slice(0, 27).padEnd(28) + [s.precision, s.recall, s.f1].map((x) => x.toFixed(4).padEnd(11)).join('') + s.support);
  }
  lines.push('baselines:');
  for (const [name, b] of Object.entries(result.baselines)) lines.push(`  ${name.padEnd(26)}accuracy=${b.accuracy} macroF1=${b.macroF1}`);
  return lines.join('\n');
}

async function run(io: EvalIo, json: boolean, task: () => Promise<EvalResult>): Promise<void> {
  try {
    const result = await task();
    io.err(formatTable(result));
    if (json) io.out(JSON.stringify(result));
  } catch (err) {
    if (!isConcordError(err)) throw err;
    io.err(`error: ${err.message}`);
    io.exit(1);
  }
}

const MODELS_HELP = 'score the model files in this folder instead of the shipped models/ (e.g. a model retrained with scripts/train-text-model.ts before it replaces the shipped one)';

interface ShippedOptions {
  test: string;
  json?: boolean;
  models?: string;
}

/** The `--models` folder, which must hold the task's model `files` (without them the detector would silently score the rules alone). */
function modelsDir(opts: ShippedOptions, files: string[]): string | undefined {
  if (opts.models === undefined) return undefined;
  const missing = files.filter((f) => !existsSync(join(opts.models as string, f)));
  if (missing.length) throw new ConcordError('eval_models_missing', `--models ${opts.models}: ${missing.join(', ')} not found there`);
  return opts.models;
}

/** Adds the `eval` command and its three sub-commands to `program`. */
export function registerEvalCommand(program: Command, io: EvalIo = processIo): void {
  const progress = (m: string) => io.err(m);
  const evalCmd = program.command('eval').description('measure intent, emotion and sentiment quality on labelled CSV files (text,label)');
  evalCmd
    .command('intents')
    .description('train the intent model on --train and score it on --test (label "oos" = out of scope)')
    .requiredOption('--train <file>', 'training CSV (text,label)')
    .requiredOption('--test <file>', 'test CSV (text,label)')
    .option('--json', 'print the result as one JSON object on the last stdout line')
    .action((opts: { train: string; test: string; json?: boolean }) =>
      run(io, Boolean(opts.json), async () => {
        const [train, test] = [readLabelledCsv(opts.train), readLabelledCsv(opts.test)];
        checkIntentLabels(train, test, progress);
        return (await tasks()).evalIntents(train, test, progress);
      }));
  evalCmd
    .command('emotion')
    .description('score the shipped emotion detector (labels anger, anxiety, sadness, confusion, satisfaction, neutral)')
    .requiredOption('--test <file>', 'test CSV (text,label)')
    .option('--json', 'print the result as one JSON object on the last stdout line')
    .option('--models <dir>', MODELS_HELP)
    .action((opts: ShippedOptions) => run(io, Boolean(opts.json), async () => (await tasks()).evalEmotion(checkLabels(readLabelledCsv(opts.test), EMOTION_LABELS, progress), progress, modelsDir(opts, ['emotion-en.json', 'emotion-zh.json']))));
  evalCmd
    .command('sentiment')
    .description('score the shipped sentiment detector (labels negative, neutral, positive)')
    .requiredOption('--test <file>', 'test CSV (text,label)')
    .option('--json', 'print the result as one JSON object on the last stdout line')
    .option('--models <dir>', MODELS_HELP)
    .action((opts: ShippedOptions) => run(io, Boolean(opts.json), async () => (await tasks()).evalSentiment(checkLabels(readLabelledCsv(opts.test), SENTIMENT_LABELS, progress), progress, modelsDir(opts, ['sentiment-zh.json']))));
}
