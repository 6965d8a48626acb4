/**
 * Per-label offsets tuned on out-of-fold scores of the whole training file (k-fold) instead of
 * the seeded 10% slice, for the model alone or for the decision with the cue rules. Prints dev
 * macro-F1 with the rules (what `concord eval emotion` measures) for each combination of final
 * model (90% of train as shipped before, or all of it) and offsets.
 *
 *   npx tsx bench/cv-emotion-offsets.ts emotion-en 3
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { TextModel } from '../src/understanding/text-model';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { RECIPES, outOfFoldScores, predictor, scoresPredictor, trainAveraged, tuneOffsets, tuneOffsetsFor } from '../scripts/train-text-model';

/** Writes the model file under /tmp (folds and offsets in the name) and returns its path. */
function saveTo(model: TextModel, name: string, source: string, tag: string): string {
  const file = `/tmp/${name}-${process.argv[3] ?? 3}fold-${tag}.json`;
  model.save(file, name, source);
  return file;
}

function main(name: string, folds: number): void {
  const recipe = RECIPES[name];
  const rows = shuffled(readLabelledCsv(recipe.train), seededRandom(5));
  const cut = Math.floor(rows.length * 0.1);
  const dev = readLabelledCsv(recipe.dev);
  const gold = rows.map((r) => r.label);
  const t0 = Date.now();
  const oof = outOfFoldScores(rows, recipe, folds);
  const k = oof.labels.length;
  const offsets: Record<string, number[]> = {
    zero: new Array<number>(k).fill(0),
    cvModel: tuneOffsetsFor(scoresPredictor(oof.labels, oof.temperature, oof.scores, rows, false), gold, k),
    cvRules: tuneOffsetsFor(scoresPredictor(oof.labels, oof.temperature, oof.scores, rows, true), gold, k),
  };
  console.log(`${name}: ${folds}-fold scores in ${Date.now() - t0} ms; offsets ${JSON.stringify(offsets)}`);
  const all = trainAveraged(rows, recipe);
  const models: Record<string, TextModel> = { all };
  if (process.env.WITH_SLICE) {
    models['90%'] = trainAveraged(rows.slice(cut), recipe);
    offsets.slice = tuneOffsets(models['90%'], rows.slice(0, cut), recipe.offsetsWithRules);
    offsets.sliceRules = tuneOffsets(models['90%'], rows.slice(0, cut), true);
  }
  for (const o of ['cvModel', 'cvRules']) {
    const copy = TextModel.load(saveTo(all, name, recipe.source, 'raw'));
    offsets[o].forEach((x, c) => (copy.model.bias[c] += x));
    saveTo(copy, name, recipe.source, o);
  }
  for (const [m, model] of Object.entries(models)) {
    const withRules = predictor(model, dev, true);
    const alone = predictor(model, dev, false);
    for (const [o, off] of Object.entries(offsets)) {
      const r = score(dev.map((d) => d.label), withRules(off));
      console.log(`${name} model ${m} offsets ${o}: dev with rules ${r.macroF1.toFixed(4)} acc ${r.accuracy.toFixed(4)}; model alone ${score(dev.map((d) => d.label), alone(off)).macroF1.toFixed(4)}`);
    }
  }
}

main(process.argv[2], Number(process.argv[3] ?? 3));
