/**
 * Held-out model probabilities for every row of an emotion train file: k folds by text hash,
 * each fold scored by a model trained like the recipe on the other folds (minus their own 10%
 * slice, on which the per-label offsets are tuned for the model alone). Writes JSON lines
 * {text, label, probs} (labels in the model's order) for the rule-evidence tools.
 *
 *   npx tsx bench/emotion-oof.ts emotion-en 5 /tmp/oof-en.jsonl
 */
import { writeFileSync } from 'node:fs';
import { readLabelledCsv } from '../src/cli/eval-csv';
import { softmax } from '../src/understanding/linear-model';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { RECIPES, trainAveraged, tuneOffsets } from '../scripts/train-text-model';

function foldOf(text: string, k: number): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

function main(name: string, k: number, file: string): void {
  const recipe = RECIPES[name];
  const all = shuffled(readLabelledCsv(recipe.train), seededRandom(5));
  const lines: string[] = [];
  for (let f = 0; f < k; f++) {
    const fold = all.filter((r) => foldOf(r.text, k) === f);
    const rest = all.filter((r) => foldOf(r.text, k) !== f);
    const cut = Math.floor(rest.length * 0.1);
    const model = trainAveraged(rest.slice(cut), recipe);
    const offsets = tuneOffsets(model, rest.slice(0, cut), recipe.offsetsWithRules);
    for (const r of fold) {
      const s = model.scores(r.text);
      const probs = softmax(Array.from(s, (x, c) => x + offsets[c]), model.model.temperature);
      lines.push(JSON.stringify({ text: r.text, label: r.label, fold: f, labels: model.labels, probs: probs.map((x) => Math.round(x * 1e5) / 1e5) }));
    }
    console.error(`fold ${f}: ${fold.length} rows, offsets ${offsets.join(',')}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

main(process.argv[2], Number(process.argv[3] ?? 5), process.argv[4]);
