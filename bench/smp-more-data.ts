/**
 * Would the Chinese emotion model (SMP2020) gain from more rows or steadier offsets? Four
 * experiments behind docs/quality.md, "Refitting on dev (rejected)"; every model is made by the
 * recipe's procedure (`fitRecipe`) and scored with the cue rules, as the product decides.
 *
 * 1. Learning curve on dev: 60 / 80 / 100% of the train file (minus the offset slice), and the
 *    train file without its usual_eval rows; dev scored whole and by domain.
 * 2. Offsets averaged over 1 / 3 / 5 / 10 slices (`fitRecipe`'s `slices`), train-only model, dev.
 * 3. Pooled out-of-fold predictions, 5 folds over train + dev: the train file's share of the
 *    other folds against all of them (offsets from 1 and from 5 slices), by domain.
 * 4. The official eval files held out: each half of dev (virus_eval, the usual_eval half) scored
 *    by models of the train file and of the train file + the other half of dev.
 *
 *   npx tsx bench/smp-more-data.ts        # about 4 minutes on 2 cores
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { RECIPES, fitRecipe, foldOf, productLabels } from '../scripts/train-text-model';

const recipe = RECIPES['emotion-zh'];
const usual = new Set((JSON.parse(readFileSync(join('..', 'shared', 'data', 'smp2020_ewect', 'usual_eval_labeled.txt'), 'utf8')) as { content: string }[]).map((r) => r.content));
const isUsual = (r: LabelledRow) => usual.has(r.text);
const train = readLabelledCsv(recipe.train);
const dev = readLabelledCsv(recipe.dev);
const f1 = (rows: readonly LabelledRow[], predicted: string[], keep: (r: LabelledRow) => boolean = () => true) => {
  const idx = rows.map((_, i) => i).filter((i) => keep(rows[i]));
  return score(idx.map((i) => rows[i].label), idx.map((i) => predicted[i])).macroF1.toFixed(4);
};
const byDomain = (rows: readonly LabelledRow[], predicted: string[]) => `all ${f1(rows, predicted)} / virus ${f1(rows, predicted, (r) => !isUsual(r))} / usual ${f1(rows, predicted, isUsual)}`;
const shuffledTrain = shuffled(train, seededRandom(5));
const cut = Math.floor(train.length * 0.1);

console.log('1. learning curve (dev macro-F1)');
const pool = shuffledTrain.slice(cut);
for (const [name, rows] of [['60%', pool.slice(0, Math.floor(pool.length * 0.6))], ['80%', pool.slice(0, Math.floor(pool.length * 0.8))], ['100%', pool], ['without usual rows', pool.filter((r) => !isUsual(r))]] as const) {
  const { model } = fitRecipe([...shuffledTrain.slice(0, cut), ...rows], recipe);
  console.log(`  ${name} (${rows.length} rows): ${byDomain(dev, productLabels(model, dev, recipe))}`);
}

console.log('2. offsets averaged over slices (train-only model, dev macro-F1)');
for (const slices of [1, 3, 5, 10]) {
  const { model, offsets } = fitRecipe(shuffledTrain, recipe, slices);
  console.log(`  ${slices}: ${byDomain(dev, productLabels(model, dev, recipe))}; offsets ${offsets.map((o) => o.toFixed(2)).join(',')}`);
}

console.log('3. 5-fold over train + dev, pooled out-of-fold macro-F1');
const all = shuffled([...train, ...dev], seededRandom(5));
const gold: LabelledRow[] = [];
const arms = { 'train-sized, 1 slice': [] as string[], 'all other folds, 1 slice': [] as string[], 'all other folds, 5 slices': [] as string[] };
for (let f = 0; f < 5; f++) {
  const fold = all.filter((r) => foldOf(r.text, 5) === f);
  const rest = all.filter((r) => foldOf(r.text, 5) !== f);
  gold.push(...fold);
  arms['train-sized, 1 slice'].push(...productLabels(fitRecipe(rest.slice(0, Math.round((rest.length * train.length) / all.length)), recipe).model, fold, recipe));
  arms['all other folds, 1 slice'].push(...productLabels(fitRecipe(rest, recipe).model, fold, recipe));
  arms['all other folds, 5 slices'].push(...productLabels(fitRecipe(rest, recipe, 5).model, fold, recipe));
}
for (const [name, predicted] of Object.entries(arms)) console.log(`  ${name}: ${byDomain(gold, predicted)}`);

console.log('4. official eval files held out');
const halves = { virus_eval: dev.filter((r) => !isUsual(r)), 'usual_eval half': dev.filter(isUsual) };
for (const [name, test, other] of [['virus_eval', halves.virus_eval, halves['usual_eval half']], ['usual_eval half', halves['usual_eval half'], halves.virus_eval]] as const) {
  for (const slices of [1, 5]) {
    const a = f1(test, productLabels(fitRecipe(shuffledTrain, recipe, slices).model, test, recipe));
    const b = f1(test, productLabels(fitRecipe(shuffled([...train, ...other], seededRandom(5)), recipe, slices).model, test, recipe));
    console.log(`  ${name} (${test.length} rows), ${slices} slice(s): train ${a}; train + the other half of dev (${other.length}) ${b}`);
  }
}
