/**
 * Do near-duplicate training posts (reposts: 9% of the SMP2020 train rows repeat) predict dev labels
 * better than the shipped Chinese emotion model? TF-IDF cosine over character bigrams finds each dev
 * post's nearest training post; the table compares the neighbour's label and the model's decision
 * (with the cue rules, as the product decides) by similarity, then overrides the model above a
 * similarity. docs/quality.md, "Chinese emotion: nearest neighbours and noisy labels (rejected)".
 *
 *   npx tsx bench/smp-knn.ts        # about 20 seconds
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { TextModel } from '../src/understanding/text-model';
import { RECIPES, productLabels } from '../scripts/train-text-model';

const recipe = RECIPES['emotion-zh'];
const train = readLabelledCsv(recipe.train);
const dev = readLabelledCsv(recipe.dev);
const model = TextModel.load('models/emotion-zh.json');
const pred = productLabels(model, dev, recipe);
const gold = dev.map((r) => r.label);
console.log('model', score(gold, pred).macroF1.toFixed(4));
// char bigram sets
const grams = (t: string) => { const s = t.replace(/\s+/g, ''); const g = new Map<string, number>(); for (let i = 0; i + 2 <= s.length; i++) { const k = s.slice(i, i + 2); g.set(k, (g.get(k) ?? 0) + 1); } return g; };
const df = new Map<string, number>();
const tg = train.map((r) => grams(r.text));
for (const g of tg) for (const k of g.keys()) df.set(k, (df.get(k) ?? 0) + 1);
const N = train.length;
const vec = (g: Map<string, number>) => { const v = new Map<string, number>(); let n = 0; for (const [k, c] of g) { const w = (1 + Math.log(c)) * Math.log((N + 1) / ((df.get(k) ?? 0) + 1)); v.set(k, w); n += w * w; } n = Math.sqrt(n) || 1; for (const [k, w] of v) v.set(k, w / n); return v; };
const tv = tg.map(vec);
const inv = new Map<string, [number, number][]>();
tv.forEach((v, i) => { for (const [k, w] of v) { let l = inv.get(k); if (!l) inv.set(k, (l = [])); l.push([i, w]); } });
const buckets = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0];
const stat = buckets.map(() => ({ n: 0, nn: 0, m: 0 }));
const nnLabel: string[] = []; const nnSim: number[] = [];
dev.forEach((r, i) => {
  const v = vec(grams(r.text)); const acc = new Map<number, number>();
  for (const [k, w] of v) for (const [j, x] of inv.get(k) ?? []) acc.set(j, (acc.get(j) ?? 0) + w * x);
  let best = -1, bs = 0; for (const [j, s] of acc) if (s > bs) { bs = s; best = j; }
  nnLabel.push(best >= 0 ? train[best].label : ''); nnSim.push(bs);
  const b = buckets.findIndex((t) => bs >= t); const st = stat[b]; st.n++; if (best >= 0 && train[best].label === r.label) st.nn++; if (pred[i] === r.label) st.m++;
});
buckets.forEach((t, b) => console.log(`sim>=${t}: n ${stat[b].n} nn acc ${(stat[b].nn / stat[b].n).toFixed(3)} model acc ${(stat[b].m / stat[b].n).toFixed(3)}`));
for (const t of [0.95, 0.9, 0.85, 0.8, 0.7]) { const p = pred.map((l, i) => (nnSim[i] >= t ? nnLabel[i] : l)); const s = score(gold, p); console.log(`override at ${t}: ${s.macroF1.toFixed(4)} acc ${s.accuracy.toFixed(4)}`); }
