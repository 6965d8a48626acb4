/**
 * Learns how much the cue rules weigh against the shipped emotion model, on the held-out 10%
 * slice of the training file that `scripts/train-text-model.ts` keeps out of the model (same
 * seed), never on the dev file. Prints macro-F1 per (ruleWeight, overrideAt).
 *
 *   npx tsx bench/tune-emotion-rules.ts data/eval/goemotions-train.csv
 */
import { readLabelledCsv } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { createEmotionDetector } from '../src/understanding/emotion-model';
import { seededRandom, shuffled } from '../src/understanding/rng';

const rows = shuffled(readLabelledCsv(process.argv[2]), seededRandom(5));
const heldOut = rows.slice(0, Math.floor(rows.length * 0.1));
for (const ruleWeight of [0, 0.25, 0.5, 1]) {
  for (const overrideAt of [0.5, 1, 2, Infinity]) {
    const detect = createEmotionDetector({ ruleWeight, overrideAt });
    const s = score(heldOut.map((r) => r.label), heldOut.map((r) => detect(r.text).label));
    console.log(JSON.stringify({ ruleWeight, overrideAt }), 'macroF1', s.macroF1.toFixed(4), 'acc', s.accuracy.toFixed(4));
  }
}
