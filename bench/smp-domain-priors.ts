/**
 * Do general Weibo posts (`usual_eval`) and epidemic posts (`virus_*`) of SMP2020 need their own
 * label priors? Their label mix differs (usual: anger 32%, satisfaction 21%; virus: anger 16%,
 * satisfaction 53%) and the shipped Chinese emotion model learns from 90% virus rows. This fits
 * the `emotion-zh` recipe as shipped, then adds alpha x T x log(p_domain(c) / p_train(c)) to each
 * dev post's class scores (Saerens-style prior shift), the domain taken from the file the post
 * came from (`oracle`) or from epidemic words in the text (`detect`), and scores dev as the product
 * decides (cue rules and zh gates). docs/quality.md, "Chinese emotion: domain priors (rejected)".
 *
 *   npx tsx bench/smp-domain-priors.ts        # about a minute
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledCsv, type LabelledRow } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { RECIPES, fitRecipe, scoresPredictor } from '../scripts/train-text-model';

const recipe = RECIPES['emotion-zh'];
const usual = new Set((JSON.parse(readFileSync(join('..', 'shared', 'data', 'smp2020_ewect', 'usual_eval_labeled.txt'), 'utf8')) as { content: string }[]).map((r) => r.content));
const isUsual = (r: LabelledRow) => usual.has(r.text);
const VIRUS = /疫情|肺炎|病毒|新冠|冠状|武汉|口罩|确诊|隔离|防控|抗疫|医护|钟南山|感染|病例|封城|疫|NCP|COVID|防疫|消毒|火神山|雷神山|医院|医生|护士|白衣|逆行|加油|复工|开学|在家|宅|返校|延期/i;
/** A post without epidemic words is read as a general post. */
const detect = (r: LabelledRow) => !VIRUS.test(r.text);
const train = readLabelledCsv(recipe.train);
const dev = readLabelledCsv(recipe.dev);
for (const [name, rows] of [['train', train], ['dev', dev]] as const) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const r of rows) { const u = isUsual(r), d = detect(r); if (u && d) tp++; else if (!u && d) fp++; else if (u && !d) fn++; else tn++; }
  console.log(`${name}: usual detected tp ${tp} fp ${fp} fn ${fn} tn ${tn}`);
}
const shuffledTrain = shuffled(train, seededRandom(5));
const { model } = fitRecipe(shuffledTrain, recipe);
const labels = model.labels;
const prior = (rows: readonly LabelledRow[]) => labels.map((l) => (rows.filter((r) => r.label === l).length + 1) / (rows.length + labels.length));
const pAll = prior(train), pU = prior(train.filter(isUsual)), pV = prior(train.filter((r) => !isUsual(r)));
console.log('labels', labels.join(','), '\nall', pAll.map((x) => x.toFixed(3)).join(','), '\nusual', pU.map((x) => x.toFixed(3)).join(','), '\nvirus', pV.map((x) => x.toFixed(3)).join(','));
const T = model.model.temperature;
const scores = dev.map((r) => model.scores(r.text));
const f1 = (gold: string[], pred: string[]) => score(gold, pred).macroF1.toFixed(4);
for (const dom of ['oracle', 'detect'] as const) {
  for (const alpha of [0, 0.25, 0.5, 0.75, 1]) {
    const pred = new Array<string>(dev.length);
    for (const u of [true, false]) {
      const idx = dev.map((_, i) => i).filter((i) => (dom === 'oracle' ? isUsual(dev[i]) : detect(dev[i])) === u);
      const p = u ? pU : pV;
      const off = labels.map((_, c) => alpha * T * Math.log(p[c] / pAll[c]));
      const got = scoresPredictor(labels, T, idx.map((i) => scores[i]), idx.map((i) => dev[i]), true, recipe.gates)(off);
      idx.forEach((i, k) => (pred[i] = got[k]));
    }
    const g = dev.map((r) => r.label);
    const sub = (keep: (r: LabelledRow) => boolean) => { const ii = dev.map((_, i) => i).filter((i) => keep(dev[i])); return f1(ii.map((i) => g[i]), ii.map((i) => pred[i])); };
    console.log(`${dom} alpha ${alpha}: all ${f1(g, pred)} acc ${score(g, pred).accuracy.toFixed(4)} virus ${sub((r) => !isUsual(r))} usual ${sub(isUsual)}`);
  }
}
