/**
 * Trains one of the shipped text models from the prepared CSV files (`bench/prepare-data.ts`):
 * fits on the train file minus a seeded 10% slice, tunes per-label bias offsets for macro-F1 on
 * that slice (`fitRecipe`), reports the dev file's scores, and writes the model file under `models/`.
 *
 *   npx tsx scripts/train-text-model.ts emotion-en
 *   npx tsx scripts/train-text-model.ts emotion-zh
 *   npx tsx scripts/train-text-model.ts sentiment-zh
 */
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import type { TrainOptions } from '../src/understanding/linear-model';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { decide, emotionEvidence } from '../src/understanding/emotion';
import { combinedLabel, DEFAULT_GATES, DEFAULT_OVERRIDE_AT, DEFAULT_RULE_WEIGHT, type RuleGates } from '../src/understanding/emotion-model';
import { fitTemperature, softmax } from '../src/understanding/linear-model';
import { trainSvm } from '../src/understanding/svm';
import { TextModel } from '../src/understanding/text-model';
import { zhLexiconLogOdds } from '../src/understanding/sentiment';
import type { FitOptions } from '../src/understanding/vectorizer';

export interface Recipe {
  train: string;
  dev: string;
  /** Where the rows of the model come from, and their licence. */
  source: string;
  fit: FitOptions;
  sgd: TrainOptions;
  /**
   * Class-weighted loss: inverse label frequency to this power (0 or absent = unweighted). A list
   * trains one model per power and averages their weights (same features, so still one model).
   */
  balance?: number | number[];
  /** SGD seeds: one model per seed (and balance power), weights averaged. Default: the trainer's seed. */
  seeds?: number[];
  /** The product decides with the cue rules (`emotion-model.ts`: the emotion models); dev figures are scored that way. */
  rules?: boolean;
  /** Tune the offsets for the decision with the cue rules (emotion models) instead of the model alone. */
  offsetsWithRules?: boolean;
  /**
   * The product adds the Chinese review lexicon to this model's log-odds (`zhPositive` in
   * `sentiment.ts`): the bias offset is tuned, and the dev figure measured, on that decision.
   */
  zhLexicon?: boolean;
  /** Margin gates of that decision: the bot's `DEFAULT_GATES` of the model's language (default: no gates). */
  gates?: RuleGates;
  /**
   * LR + SVM: adds `weight` x the scores of a one-vs-rest SVM (`svm.ts`, cost `c`) trained on the
   * same features to the LR's scores (still one linear model). The sum is sharper than the LR, so
   * a temperature fitted on the slice calibrates the probabilities reported as intensity.
   */
  svm?: { c: number; weight: number };
}

const EN_FEATURES = { wordNgrams: [1, 2], charMin: 2, charMax: 5, cjkMin: 1, cjkMax: 3 };
const ZH_FEATURES = { wordNgrams: [1, 2], charMin: 2, charMax: 4, cjkMin: 1, cjkMax: 3 };
export const RECIPES: Record<string, Recipe> = {
  'emotion-en': {
    train: 'data/eval/goemotions-train.csv', dev: 'data/eval/goemotions-dev.csv',
    source: 'GoEmotions train split (Demszky et al. 2020, Apache-2.0 / CC BY 4.0), mapped to six labels as ../shared/data/README.md says',
    fit: { features: EN_FEATURES, minDf: 5 }, sgd: { epochs: 8, l2: 2e-5 }, balance: [0, 0.3, 0.6], rules: true,
  },
  'emotion-zh': {
    train: 'data/eval/smp2020-train.csv', dev: 'data/eval/smp2020-dev.csv',
    source: 'SMP2020-EWECT virus_train + half of usual_eval (research use), surprise dropped',
    fit: { features: { ...ZH_FEATURES, splitScripts: true }, minDf: 3, nb: 0.5 }, sgd: { epochs: 8, l2: 2e-5 }, rules: true, offsetsWithRules: true,
    gates: DEFAULT_GATES.zh, svm: { c: 0.25, weight: 2 },
  },
  'sentiment-zh': {
    train: 'data/eval/zh-sentiment-train.csv', dev: 'data/eval/zh-sentiment-dev.csv',
    source: 'ChnSentiCorp hotel reviews + waimai_10k food-delivery reviews, 90% split (research use)',
    fit: { features: ZH_FEATURES, minDf: 3, nb: 0.5 }, sgd: { epochs: 8, l2: 1e-5 }, zhLexicon: true,
  },
};

/** Labels of `rows` for given bias offsets as the product decides a Chinese review: model log-odds plus the weighted lexicon score. */
export function zhLexiconPredictor(model: TextModel, rows: readonly LabelledRow[]): (offsets: number[]) => string[] {
  const pos = model.labels.indexOf('positive');
  const neg = model.labels.indexOf('negative');
  const t = model.model.temperature;
  const logOdds = rows.map((r) => {
    const s = model.scores(r.text);
    return (s[pos] - s[neg]) / t + zhLexiconLogOdds(r.text);
  });
  return (offsets) => logOdds.map((x) => (x + (offsets[pos] - offsets[neg]) / t >= 0 ? 'positive' : 'negative'));
}

/** Labels of `rows` for given bias offsets: the model alone, or as the emotion detector decides with the cue rules (and `gates`). */
export function predictor(model: TextModel, rows: readonly LabelledRow[], withRules = false, gates?: RuleGates): (offsets: number[]) => string[] {
  return scoresPredictor(model.labels, model.model.temperature, rows.map((r) => model.scores(r.text)), rows, withRules, gates);
}

/** `predictor` over precomputed class scores of `rows` (e.g. out-of-fold scores). */
export function scoresPredictor(labels: string[], temperature: number, scores: ArrayLike<number>[], rows: readonly LabelledRow[], withRules = false, gates?: RuleGates): (offsets: number[]) => string[] {
  if (!withRules) return (offsets) => scores.map((s) => labels[argmax(s, offsets)]);
  const evidence = rows.map((r) => emotionEvidence(r.text));
  const rules = evidence.map(decide);
  return (offsets) => scores.map((s, i) => {
    const probs = softmax(Array.from(s, (x, c) => x + offsets[c]), temperature);
    return combinedLabel((l) => { const c = labels.indexOf(l); return c < 0 ? 0 : probs[c]; }, evidence[i], rules[i], DEFAULT_RULE_WEIGHT, DEFAULT_OVERRIDE_AT, gates);
  });
}

/** Greedy per-label bias offsets that maximise macro-F1 on `rows` (of the model alone, or with the rules and `gates`). */
export function tuneOffsets(model: TextModel, rows: readonly LabelledRow[], withRules = false, gates?: RuleGates): number[] {
  return tuneOffsetsFor(predictor(model, rows, withRules, gates), rows.map((r) => r.label), model.labels.length);
}

/** Greedy per-label bias offsets (three rounds of steps 0.25 to 1; `fine` adds two of 0.05 and 0.1) maximising macro-F1 of `predict` against `gold`. */
export function tuneOffsetsFor(predict: (offsets: number[]) => string[], gold: string[], k: number, fine = false): number[] {
  const offsets = new Array<number>(k).fill(0);
  const f1 = () => score(gold, predict(offsets)).macroF1;
  let best = f1();
  const coarse = [-1, -0.5, -0.25, 0.25, 0.5, 1];
  const rounds = fine ? [coarse, coarse, coarse, [-0.1, -0.05, 0.05, 0.1], [-0.1, -0.05, 0.05, 0.1]] : [coarse, coarse, coarse];
  for (const steps of rounds) {
    for (let c = 0; c < offsets.length; c++) {
      for (const step of steps) {
        offsets[c] += step;
        const got = f1();
        if (got > best + 1e-6) best = got;
        else offsets[c] -= step;
      }
    }
  }
  return offsets;
}

/** Out-of-fold class scores of every row: `folds` models, each trained (as the recipe says) without its fold. */
export function outOfFoldScores(rows: readonly LabelledRow[], recipe: Recipe, folds: number): { labels: string[]; temperature: number; scores: Float64Array[] } {
  const scores = new Array<Float64Array>(rows.length);
  let labels: string[] = [];
  let temperature = 1;
  for (let f = 0; f < folds; f++) {
    const model = trainAveraged(rows.filter((_, i) => i % folds !== f), recipe);
    [labels, temperature] = [model.labels, model.model.temperature];
    rows.forEach((r, i) => { if (i % folds === f) scores[i] = model.scores(r.text); });
  }
  return { labels, temperature, scores };
}

export function argmax(s: ArrayLike<number>, offsets: number[]): number {
  let best = 0;
  for (let c = 1; c < s.length; c++) if (s[c] + offsets[c] > s[best] + offsets[best]) best = c;
  return best;
}

/** One model, or the weight average of one model per balance power and SGD seed. */
export function trainAveraged(rows: readonly LabelledRow[], recipe: Recipe): TextModel {
  const powers = Array.isArray(recipe.balance) ? recipe.balance : [recipe.balance ?? 0];
  const seeds = recipe.seeds ?? [recipe.sgd.seed];
  const models = powers.flatMap((b) => seeds.map((seed) => TextModel.train(rows, recipe.fit, { ...recipe.sgd, seed }, b)));
  const [first] = models;
  for (const other of models.slice(1)) {
    other.model.weights.forEach((w, i) => (first.model.weights[i] += w));
    other.model.bias.forEach((b, i) => (first.model.bias[i] += b));
  }
  first.model.weights.forEach((w, i) => (first.model.weights[i] = w / models.length));
  first.model.bias.forEach((b, i) => (first.model.bias[i] = b / models.length));
  if (recipe.svm) addSvm(first, rows, recipe.svm);
  return first;
}

/** Adds `weight` x an SVM trained on `model`'s own features of `rows` to its weights and biases. */
function addSvm(model: TextModel, rows: readonly LabelledRow[], { c, weight }: { c: number; weight: number }): void {
  const xs = rows.map((r) => model.vectorizer.transform(r.text));
  const svm = trainSvm(xs, rows.map((r) => model.labels.indexOf(r.label)), model.labels, model.vectorizer.size, { c });
  svm.weights.forEach((w, i) => (model.model.weights[i] += weight * w));
  svm.bias.forEach((b, i) => (model.model.bias[i] += weight * b));
}

/**
 * The recipe's whole procedure on `rows` (already shuffled): the model is fitted on all but the
 * first 10%, and that slice tunes the per-label bias offsets (folded into the biases) and, for
 * LR + SVM, the temperature. With `slices` > 1 the offsets are the mean of those tuned on the
 * first `slices` disjoint 10% slices, each for a model fitted without its slice (a 10% slice
 * holds few rows of the rare labels, so one slice's offsets swing by up to a point).
 */
export function fitRecipe(rows: readonly LabelledRow[], recipe: Recipe, slices = 1): { model: TextModel; offsets: number[] } {
  const cut = Math.floor(rows.length * 0.1);
  const sliceOffsets = (model: TextModel, tuneRows: readonly LabelledRow[]) => recipe.zhLexicon
    ? tuneOffsetsFor(zhLexiconPredictor(model, tuneRows), tuneRows.map((r) => r.label), model.labels.length)
    : tuneOffsets(model, tuneRows, recipe.offsetsWithRules, recipe.gates);
  const model = trainAveraged(rows.slice(cut), recipe);
  const tuneRows = rows.slice(0, cut);
  const offsets = sliceOffsets(model, tuneRows);
  for (let i = 1; i < slices; i++) {
    const other = sliceOffsets(trainAveraged([...rows.slice(0, i * cut), ...rows.slice((i + 1) * cut)], recipe), rows.slice(i * cut, (i + 1) * cut));
    other.forEach((o, c) => (offsets[c] += o));
  }
  offsets.forEach((o, c) => (offsets[c] = o / slices));
  offsets.forEach((o, c) => (model.model.bias[c] += o));
  if (recipe.svm) model.calibration = fitTemperature(tuneRows.map((r) => model.scores(r.text)), tuneRows.map((r) => model.labels.indexOf(r.label)));
  return { model, offsets };
}

/** Labels of `rows` as the product decides with `model` (offsets already in its biases). */
export function productLabels(model: TextModel, rows: readonly LabelledRow[], recipe: Recipe): string[] {
  const zeros = model.labels.map(() => 0);
  if (recipe.zhLexicon) return zhLexiconPredictor(model, rows)(zeros);
  if (recipe.rules) return predictor(model, rows, true, recipe.gates)(zeros);
  return rows.map((r) => model.labels[argmax(model.scores(r.text), zeros)]);
}

/** Fold of a text by a hash of the text, so duplicate texts (9% of the SMP2020 rows are repeated reposts) share a fold. */
export function foldOf(text: string, k: number): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

function main(name: string): void {
  const recipe = RECIPES[name];
  if (!recipe) throw new Error(`unknown model ${name}; one of ${Object.keys(RECIPES).join(', ')}`);
  const t0 = Date.now();
  const { model, offsets } = fitRecipe(shuffled(readLabelledCsv(recipe.train), seededRandom(5)), recipe);
  console.error(`${name}: trained in ${Date.now() - t0} ms, offsets ${offsets.join(',')}, calibration ${model.calibration ?? '-'}`);
  const dev = readLabelledCsv(recipe.dev);
  const s = score(dev.map((r) => r.label), productLabels(model, dev, recipe));
  console.error(`${name}: dev accuracy ${s.accuracy} macro-F1 ${s.macroF1} (as the product decides)`);
  model.save(`models/${name}.json`, name, recipe.source);
}

if (require.main === module) main(process.argv[2]);
