/**
 * What the cue rules do to the English emotion model's decisions, measured on held-out text:
 * macro-F1 of the model alone, of the combined decision (`combinedLabel`), and of the combined
 * decision without each kind of override; then, per complaint-fact pattern, threat and sarcasm
 * pattern, how often its override changed a decision and whether the change was right. Reads
 * the out-of-fold probabilities of `bench/emotion-oof.ts` (the train file, k folds), or scores
 * the shipped model on the seeded 10% train slice (`slice`) or the dev file (`dev`, to confirm).
 *
 *   npx tsx bench/emotion-oof.ts emotion-en 5 /tmp/oof-en.jsonl
 *   npx tsx bench/emotion-rule-evidence.ts /tmp/oof-en.jsonl      # or: slice | dev
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledCsv } from '../src/cli/eval-csv';
import { score } from '../src/cli/eval-metrics';
import { decide, emotionEvidence, type EmotionEvidence } from '../src/understanding/emotion';
import { combinedLabel, MODELS_DIR, NO_GATES, type RuleGates } from '../src/understanding/emotion-model';
import { EN_LEXICON, FACT_PATTERNS, SARCASM } from '../src/understanding/emotion-lexicon';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { TextModel } from '../src/understanding/text-model';
import { EMOTION_LABELS, type EmotionLabel, type EmotionResult } from '../src/understanding/types';

interface Row { text: string; label: string; p: (l: EmotionLabel) => number; ev: EmotionEvidence; rule: EmotionResult }

function withEvidence(text: string, label: string, p: (l: EmotionLabel) => number): Row {
  const ev = emotionEvidence(text);
  return { text, label, p, ev, rule: decide(ev) };
}

/** Held-out rows: from an out-of-fold JSON-lines file, or the shipped model on `slice`/`dev`. */
function heldOutRows(source: string): Row[] {
  if (source !== 'slice' && source !== 'dev') {
    return readFileSync(source, 'utf8').trim().split('\n').map((line) => {
      const { text, label, labels, probs } = JSON.parse(line) as { text: string; label: string; labels: string[]; probs: number[] };
      return withEvidence(text, label, (l) => probs[labels.indexOf(l)] ?? 0);
    });
  }
  const model = TextModel.load(join(MODELS_DIR, 'emotion-en.json'));
  const all = shuffled(readLabelledCsv('data/eval/goemotions-train.csv'), seededRandom(5));
  const rows = source === 'dev' ? readLabelledCsv('data/eval/goemotions-dev.csv') : all.slice(0, Math.floor(all.length * 0.1));
  return rows.map((r) => {
    const probs = model.probabilities(r.text);
    return withEvidence(r.text, r.label, (l) => probs[model.labels.indexOf(l)] ?? 0);
  });
}

const modelLabel = (p: (l: EmotionLabel) => number) => EMOTION_LABELS.reduce((a, b) => (p(b) > p(a) ? b : a), 'neutral' as EmotionLabel);
const KINDS = Object.keys(NO_GATES) as (keyof RuleGates)[];
const FACTS = EN_LEXICON.filter(([p]) => FACT_PATTERNS.has(p)).map(([p]) => [p, new RegExp(`^(?:${p})$`, 'i')] as const);

/** The patterns of one override kind that fired in `row`. */
function firedPatterns(kind: keyof RuleGates, row: Row): string[] {
  if (kind === 'sarcasm') return SARCASM.filter((re) => re.test(row.text)).slice(0, 1).map((re) => `sarcasm ${re.source.slice(0, 40)}`);
  const cues = row.ev.cues.filter((c) => (kind === 'lexicon' ? c.kind === 'lexicon' : c.kind === kind));
  if (kind === 'lexicon') return [...new Set(cues.map((c) => FACTS.find(([, re]) => re.test(c.text))?.[0]).filter((p): p is string => !!p))];
  return [...new Set(cues.map((c) => `${kind} ${c.text.toLowerCase()}`))];
}

function main(source: string): void {
  const rows = heldOutRows(source);
  const gold = rows.map((r) => r.label);
  const f1 = (labels: string[]) => { const s = score(gold, labels); return `${s.macroF1.toFixed(4)} (acc ${s.accuracy.toFixed(4)})`; };
  const decideAll = (gates: RuleGates) => rows.map((r) => combinedLabel(r.p, r.ev, r.rule, undefined, undefined, gates));
  const combined = decideAll(NO_GATES);
  console.log(`${source}: ${rows.length} rows; macro-F1 model alone ${f1(rows.map((r) => modelLabel(r.p)))}, with the rules ${f1(combined)}`);
  console.log(`  without any override ${f1(decideAll(Object.fromEntries(KINDS.map((k) => [k, -1])) as RuleGates))}`);
  const changes: Record<string, [number, number, number]> = {};
  for (const kind of KINDS) {
    const off = decideAll({ ...NO_GATES, [kind]: -1 });
    console.log(`  without ${kind} overrides ${f1(off)}`);
    rows.forEach((r, i) => {
      if (off[i] === combined[i]) return;
      for (const p of firedPatterns(kind, r)) (changes[p] ??= [0, 0, 0])[off[i] === r.label ? 0 : combined[i] === r.label ? 1 : 2]++;
    });
  }
  console.log('decisions an override changed, per pattern: was right before / made right / wrong both ways');
  for (const [p, [w, r, b]] of Object.entries(changes).sort((a, b) => b[1][0] + b[1][1] + b[1][2] - (a[1][0] + a[1][1] + a[1][2]))) {
    console.log(`  ${p.padEnd(52)} ${w} / ${r} / ${b}`);
  }
}

main(process.argv[2] ?? 'slice');
