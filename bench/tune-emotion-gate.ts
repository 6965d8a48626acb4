/**
 * Margin gates for the cue-rule overrides (`RuleGates` in `src/understanding/emotion-model.ts`):
 * each kind of override applies only while the model's probability margin is below its gate.
 * Chosen on the seeded 10% train slice the shipped model never saw (never on dev), by
 * coordinate ascent over a grid, with a floor per kind: the largest margin at which a customer
 * turn of the golden conversations (`test/conversations/*.yaml`) needs that override. Prints
 * the floors, the chosen gates, and slice/dev macro-F1 with and without them.
 *
 *   npx tsx bench/tune-emotion-gate.ts emotion-en
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledCsv } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { decide, emotionEvidence } from '../src/understanding/emotion';
import { combinedLabel, MODELS_DIR, NO_GATES, type RuleGates } from '../src/understanding/emotion-model';
import { detectLanguage } from '../src/understanding/language';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { TextModel } from '../src/understanding/text-model';
import type { EmotionLabel } from '../src/understanding/types';
import { RECIPES } from '../scripts/train-text-model';

const KINDS = Object.keys(NO_GATES) as (keyof RuleGates)[];
const GRID = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, Infinity];

function prepare(model: TextModel, texts: readonly string[]) {
  return texts.map((text) => {
    const probs = model.probabilities(text);
    const p = (l: EmotionLabel) => { const i = model.labels.indexOf(l); return i < 0 ? 0 : probs[i]; };
    const sorted = [...probs].sort((a, b) => b - a);
    const ev = emotionEvidence(text);
    return { p, ev, rule: decide(ev), margin: sorted[0] - sorted[1] };
  });
}
type Prepared = ReturnType<typeof prepare>;

/** Customer turns of the golden conversations in the model's language. */
function goldenTurns(language: 'en' | 'zh'): string[] {
  const dir = join(__dirname, '../test/conversations');
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/say: *["']?(.*?)["']?\s*$/gm)) {
      if (m[1] && (detectLanguage(m[1]) === 'zh') === (language === 'zh')) out.push(m[1]);
    }
  }
  return out;
}

/** Per kind, just above the largest margin at which that override alone changes a golden turn's label. */
function floors(golden: Prepared): RuleGates {
  const floor = { ...NO_GATES };
  for (const k of KINDS) {
    let need = 0;
    for (const g of golden) {
      const off = combinedLabel(g.p, g.ev, g.rule, undefined, undefined, { ...NO_GATES, [k]: -1 });
      if (off !== combinedLabel(g.p, g.ev, g.rule)) need = Math.max(need, g.margin);
    }
    floor[k] = need;
  }
  return floor;
}

function main(name: string): void {
  const recipe = RECIPES[name];
  const model = TextModel.load(join(MODELS_DIR, `${name}.json`));
  const rows = shuffled(readLabelledCsv(recipe.train), seededRandom(5)).slice(0, Math.floor(readLabelledCsv(recipe.train).length * 0.1));
  const devRows = readLabelledCsv(recipe.dev);
  const slice = prepare(model, rows.map((r) => r.text));
  const dev = prepare(model, devRows.map((r) => r.text));
  const f1 = (set: Prepared, gold: string[], gates: RuleGates) => score(gold, set.map((x) => combinedLabel(x.p, x.ev, x.rule, undefined, undefined, gates))).macroF1;
  const sliceGold = rows.map((r) => r.label);
  const devGold = devRows.map((r) => r.label);
  const floor = floors(prepare(model, goldenTurns(name.endsWith('zh') ? 'zh' : 'en')));
  console.log('floors (golden conversations):', JSON.stringify(floor));
  const gates = { ...NO_GATES };
  let best = f1(slice, sliceGold, gates);
  for (let round = 0; round < 2; round++) {
    for (const k of KINDS) {
      for (const g of GRID.filter((x) => x > floor[k])) {
        const got = f1(slice, sliceGold, { ...gates, [k]: g });
        if (got > best + 1e-6) [best, gates[k]] = [got, g];
      }
    }
  }
  console.log(`${name} no gates: slice ${f1(slice, sliceGold, NO_GATES).toFixed(4)} dev ${f1(dev, devGold, NO_GATES).toFixed(4)}`);
  console.log(`${name} gates ${JSON.stringify(gates)}: slice ${best.toFixed(4)} dev ${f1(dev, devGold, gates).toFixed(4)}`);
  for (const k of KINDS) {
    const one = { ...NO_GATES, [k]: gates[k] };
    console.log(`  only ${k} ${gates[k]}: slice ${f1(slice, sliceGold, one).toFixed(4)} dev ${f1(dev, devGold, one).toFixed(4)}`);
  }
}

main(process.argv[2] ?? 'emotion-en');
