/**
 * Per-label offsets for the English combined decision (added to the model's log-probabilities
 * before \`combinedLabel\`), tuned for macro-F1 on the out-of-fold train rows of
 * \`bench/emotion-oof.ts\` or on the shipped model's 10% train slice, and scored on both and on dev.
 * Measured on the goe branch and rejected (docs/quality.md): the offsets do not transfer.
 *
 *   npx tsx bench/combined-emotion-offsets.ts /tmp/oof-en.jsonl
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledCsv } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { decide, emotionEvidence } from '../src/understanding/emotion';
import { combinedLabel, MODELS_DIR } from '../src/understanding/emotion-model';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { TextModel } from '../src/understanding/text-model';
import { EMOTION_LABELS, type EmotionLabel } from '../src/understanding/types';
import { tuneOffsetsFor } from '../scripts/train-text-model';
type R = { label: string; lp: number[]; ev: ReturnType<typeof emotionEvidence> };
const L = EMOTION_LABELS as readonly EmotionLabel[];
const prep = (text: string, label: string, p: (l: EmotionLabel) => number): R => ({ label, lp: L.map((l) => Math.log(p(l) + 1e-9)), ev: emotionEvidence(text) });
const oof = readFileSync(process.argv[2], 'utf8').trim().split('\n').map((line) => { const o = JSON.parse(line); return prep(o.text, o.label, (l) => o.probs[o.labels.indexOf(l)]); });
const model = TextModel.load(join(MODELS_DIR, 'emotion-en.json'));
const shipped = (rows: { text: string; label: string }[]) => rows.map((r) => { const pr = model.probabilities(r.text); return prep(r.text, r.label, (l) => pr[model.labels.indexOf(l)]); });
const all = shuffled(readLabelledCsv('data/eval/goemotions-train.csv'), seededRandom(5));
const slice = shipped(all.slice(0, Math.floor(all.length * 0.1)));
const dev = shipped(readLabelledCsv('data/eval/goemotions-dev.csv'));
const predict = (rows: R[]) => (off: number[]) => rows.map((r) => {
  const s = r.lp.map((x, i) => x + off[i]); const m = Math.max(...s); const e = s.map((x) => Math.exp(x - m)); const z = e.reduce((a, b) => a + b, 0);
  return combinedLabel((l) => e[L.indexOf(l)] / z, r.ev, decide(r.ev));
});
const f1 = (rows: R[], off: number[]) => score(rows.map((r) => r.label), predict(rows)(off)).macroF1.toFixed(4);
const zero = L.map(() => 0);
for (const [name, rows] of [['oof', oof], ['slice', slice]] as const) {
  const off = tuneOffsetsFor(predict(rows), rows.map((r) => r.label), L.length);
  console.log(`tuned on ${name}: ${L.map((l, i) => `${l} ${off[i]}`).join(', ')}; oof ${f1(oof, zero)} -> ${f1(oof, off)}, slice ${f1(slice, zero)} -> ${f1(slice, off)}, dev ${f1(dev, zero)} -> ${f1(dev, off)}`);
}
