/**
 * Experiment: the Chinese emotion model (LR + SVM, the recipe's procedure) with a one-hidden-layer
 * network over the same features beside it: the two models' probabilities mixed (weight `w` on the
 * linear model), per-label offsets tuned with the cue rules on the recipe's 10% slice, scored on dev
 * with the rules, as the product decides.
 *   npx tsx bench/smp-mlp.ts [hidden=128] [epochs=8] [lr=0.2]
 */
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { softmax } from '../src/understanding/linear-model';
import { MlpModel } from '../src/understanding/mlp';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { RECIPES, fitRecipe, scoresPredictor, tuneOffsetsFor } from '../scripts/train-text-model';

const [hidden, epochs, learningRate] = [Number(process.argv[2] ?? 128), Number(process.argv[3] ?? 8), Number(process.argv[4] ?? 0.2)];
const recipe = RECIPES['emotion-zh'];
const rows = shuffled(readLabelledCsv(recipe.train), seededRandom(5));
const cut = Math.floor(rows.length * 0.1);
const dev = readLabelledCsv(recipe.dev);
const { model, offsets } = fitRecipe(rows, recipe);
const t0 = Date.now();
const fitRows = rows.slice(cut);
const tune = rows.slice(0, cut);
const net = MlpModel.train(fitRows.map((r) => model.vectorizer.transform(r.text)), fitRows.map((r) => model.labels.indexOf(r.label)), model.labels, model.vectorizer.size, { hidden, epochs, learningRate });
console.log(`network trained in ${Date.now() - t0} ms`);
// The linear model's probabilities without the offsets that fitRecipe folded into its biases.
const linear = (r: LabelledRow) => softmax(Array.from(model.scores(r.text), (s, c) => s - offsets[c]), model.model.temperature);
const netProbs = (r: LabelledRow) => softmax(Array.from(net.scores(model.vectorizer.transform(r.text))));
const cache = (set: LabelledRow[]) => set.map((r) => [linear(r), netProbs(r)]);
const [tuneP, devP] = [cache(tune), cache(dev)];
for (const w of [1, 0.75, 0.6, 0.5, 0.4, 0.25, 0]) {
  const mixed = (ps: number[][][]) => ps.map(([a, b]) => Float64Array.from(a, (x, c) => Math.log(w * x + (1 - w) * b[c] + 1e-12)));
  const o = tuneOffsetsFor(scoresPredictor(model.labels, 1, mixed(tuneP), tune, true, recipe.gates), tune.map((r) => r.label), model.labels.length);
  const s = score(dev.map((r) => r.label), scoresPredictor(model.labels, 1, mixed(devP), dev, true, recipe.gates)(o));
  console.log(`w ${w}: dev macro-F1 ${s.macroF1.toFixed(4)} acc ${s.accuracy.toFixed(4)} offsets ${o.join(',')}`);
}
