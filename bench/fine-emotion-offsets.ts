/**
 * Coarse (shipped) against coarse-then-fine (steps of 0.05 and 0.1) per-label offsets, tuned on
 * the seeded 10% slice as `scripts/train-text-model.ts` does; prints dev macro-F1 with the rules.
 *
 *   npx tsx bench/fine-emotion-offsets.ts emotion-en
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { RECIPES, predictor, trainAveraged, tuneOffsetsFor } from '../scripts/train-text-model';

function main(name: string): void {
  const recipe = RECIPES[name];
  const rows = shuffled(readLabelledCsv(recipe.train), seededRandom(5));
  const cut = Math.floor(rows.length * 0.1);
  const slice = rows.slice(0, cut);
  const dev = readLabelledCsv(recipe.dev);
  const model = trainAveraged(rows.slice(cut), recipe);
  const onSlice = predictor(model, slice, recipe.offsetsWithRules);
  const devRules = predictor(model, dev, true);
  for (const fine of [false, true]) {
    const offsets = tuneOffsetsFor(onSlice, slice.map((r) => r.label), model.labels.length, fine);
    const r = score(dev.map((d) => d.label), devRules(offsets));
    console.log(`${name} ${fine ? 'fine' : 'coarse'} offsets ${offsets.map((o) => o.toFixed(2)).join(',')}: dev with rules ${r.macroF1.toFixed(4)} acc ${r.accuracy.toFixed(4)}`);
  }
}

main(process.argv[2]);
