/**
 * What refitting a shipped text model on train + dev (after the recipe was chosen on dev) is worth,
 * by k-fold cross-validation over train + dev (folds by text hash, so repeated texts share a fold):
 * in each fold the recipe's whole procedure (`fitRecipe`) runs once on a random share of the other
 * folds as large as the train file's share of train + dev (the model as measured on dev) and once
 * on all of them (a refit, its offsets averaged over `slices` slices), and both are scored on the
 * fold as the product decides. docs/quality.md, "Refitting on dev (rejected)".
 *
 *   npx tsx bench/refit-gain.ts emotion-zh [k=5] [slices=1]
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { RECIPES, fitRecipe, foldOf, productLabels } from '../scripts/train-text-model';

const name = process.argv[2];
const k = Number(process.argv[3] ?? 5);
const slices = Number(process.argv[4] ?? 1);
const recipe = RECIPES[name];
const train = readLabelledCsv(recipe.train);
const all = shuffled([...train, ...readLabelledCsv(recipe.dev)], seededRandom(5));
const share = train.length / all.length;
const results = { base: [] as number[], refit: [] as number[], baseAcc: [] as number[], refitAcc: [] as number[] };
for (let f = 0; f < k; f++) {
  const fold = all.filter((r) => foldOf(r.text, k) === f);
  const rest = all.filter((r) => foldOf(r.text, k) !== f);
  const gold = fold.map((r) => r.label);
  const base = score(gold, productLabels(fitRecipe(rest.slice(0, Math.round(rest.length * share)), recipe).model, fold, recipe));
  const refit = score(gold, productLabels(fitRecipe(rest, recipe, slices).model, fold, recipe));
  results.base.push(base.macroF1); results.refit.push(refit.macroF1);
  results.baseAcc.push(base.accuracy); results.refitAcc.push(refit.accuracy);
  console.log(`fold ${f}: ${fold.length} rows; ${Math.round(rest.length * share)} training rows macro-F1 ${base.macroF1.toFixed(4)} acc ${base.accuracy.toFixed(4)}; ${rest.length} rows macro-F1 ${refit.macroF1.toFixed(4)} acc ${refit.accuracy.toFixed(4)}`);
}
const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(4);
console.log(`${name} ${k}-fold over train + dev (${all.length} rows): train-sized ${mean(results.base)} / acc ${mean(results.baseAcc)}; refit ${mean(results.refit)} / acc ${mean(results.refitAcc)}; refit better in ${results.refit.filter((x, i) => x > results.base[i]).length} of ${k} folds`);
