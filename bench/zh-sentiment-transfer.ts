/**
 * Chinese review sentiment across domains: trains on hotel reviews (ChnSentiCorp) and tests on
 * food-delivery reviews (waimai_10k), and the other way round. The acceptance set is e-commerce
 * reviews, a domain we have no data for, so transfer between the two domains we have is the
 * evidence for what generalises. Variants are JSON recipe overrides.
 *
 *   npx tsx bench/zh-sentiment-transfer.ts '[{}, {"sgd":{"l2":1e-4}}]'
 *
 * The base recipe is `RECIPES['sentiment-zh']`; `alpha` is the lexicon weight (0 = the model alone).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readLabelledCsv } from '../src/cli/eval-csv';
import { zhLexiconScore } from '../src/understanding/sentiment-lexicon-zh';
import { RECIPES, trainAveraged, type Recipe } from '../scripts/train-text-model';

const DATA = join(__dirname, '../../shared/data/chinese_sentiment');
const read = (file: string) => (parse(readFileSync(join(DATA, file)), { columns: true }) as { label: string; review: string }[])
  .filter((r) => r.review && r.review.trim())
  .map((r, i) => ({ text: r.review, label: r.label === '1' ? 'positive' : 'negative', line: i + 2 }));
const hotel = read('ChnSentiCorp_htl_all.csv');
const waimai = read('waimai_10k.csv');

/** Plain accuracy of the recipe trained on `data/eval/zh-sentiment-train.csv`, on its dev split (both domains). */
function inDomain(recipe: Recipe, alpha: number): number {
  const rows = (file: string) => readLabelledCsv(file);
  const dev = rows('data/eval/zh-sentiment-dev.csv');
  const model = trainAveraged(rows('data/eval/zh-sentiment-train.csv'), recipe);
  const pos = model.labels.indexOf('positive');
  let ok = 0;
  for (const r of dev) {
    const s = model.scores(r.text);
    const logit = (s[pos] - s[1 - pos]) / model.model.temperature + alpha * zhLexiconScore(r.text);
    if ((logit >= 0 ? 'positive' : 'negative') === r.label) ok++;
  }
  return ok / dev.length;
}

/** Balanced accuracy (mean per-class recall): the two domains have opposite class priors. */
function accuracy(recipe: Recipe, train: typeof hotel, test: typeof hotel, alpha: number): number {
  const model = trainAveraged(train, recipe);
  const pos = model.labels.indexOf('positive');
  const hit = { positive: 0, negative: 0 };
  const n = { positive: 0, negative: 0 };
  for (const r of test) {
    const s = model.scores(r.text);
    const logit = (s[pos] - s[1 - pos]) / model.model.temperature + alpha * zhLexiconScore(r.text);
    const label = logit >= 0 ? 'positive' : 'negative';
    n[r.label as 'positive']++;
    if (label === r.label) hit[r.label as 'positive']++;
  }
  return (hit.positive / n.positive + hit.negative / n.negative) / 2;
}

for (const v of JSON.parse(process.argv[2] ?? '[{}]') as (Partial<Recipe> & { alpha?: number })[]) {
  const base = RECIPES['sentiment-zh'];
  const recipe = { ...base, ...v, fit: { ...base.fit, ...v.fit }, sgd: { ...base.sgd, ...v.sgd } } as Recipe;
  const a = accuracy(recipe, hotel, waimai, v.alpha ?? 0);
  const b = accuracy(recipe, waimai, hotel, v.alpha ?? 0);
  console.log(JSON.stringify(v), 'hotel->waimai', a.toFixed(4), 'waimai->hotel', b.toFixed(4), 'mean', ((a + b) / 2).toFixed(4), ...(process.env.IN_DOMAIN ? ['dev', inDomain(recipe, v.alpha ?? 0).toFixed(4)] : []));
}
