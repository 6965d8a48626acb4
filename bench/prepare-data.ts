/**
 * Builds the labelled `text,label` CSV files the quality benchmarks and `concord eval` read,
 * from the public data sets in `../shared/data` (never copied into the repository). Output goes
 * to `data/eval/` (git-ignored). Splits are seeded and stratified; only train/dev files are used.
 *
 *   npx tsx bench/prepare-data.ts [--data ../shared/data] [--out data/eval]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { seededRandom, shuffled } from '../src/understanding/rng';
import { toCsv, type Row } from './csv-write';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DATA = arg('--data', '../shared/data');
const OUT = arg('--out', 'data/eval');

/** Splits rows per label: `share` of each label goes to the second part (seeded). */
function stratified(rows: Row[], share: number, seed: number): [Row[], Row[]] {
  const random = seededRandom(seed);
  const byLabel = new Map<string, Row[]>();
  for (const r of rows) byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r]);
  const a: Row[] = [];
  const b: Row[] = [];
  for (const group of byLabel.values()) {
    const s = shuffled(group, random);
    const cut = Math.round(s.length * share);
    b.push(...s.slice(0, cut));
    a.push(...s.slice(cut));
  }
  return [shuffled(a, random), shuffled(b, random)];
}

function write(name: string, rows: Row[]): void {
  writeFileSync(join(OUT, name), toCsv(rows));
  process.stderr.write(`${name}: ${rows.length} rows\n`);
}

function banking77(): void {
  const rows = (parse(readFileSync(join(DATA, 'banking77/train.csv')), { columns: true }) as { text: string; category: string }[])
    .map((r) => ({ text: r.text, label: r.category }));
  const [train, dev] = stratified(rows, 0.2, 77);
  write('banking77-full-train.csv', rows);
  write('banking77-train.csv', train);
  write('banking77-dev.csv', dev);
}

function clinc150(): void {
  const d = JSON.parse(readFileSync(join(DATA, 'clinc150/data_train_val.json'), 'utf8')) as Record<string, [string, string][]>;
  const rows = (pairs: [string, string][]) => pairs.map(([text, label]) => ({ text, label }));
  write('clinc150-train.csv', [...rows(d.train), ...rows(d.oos_train)]);
  write('clinc150-dev.csv', [...rows(d.val), ...rows(d.oos_val)]);
}

const GO_MAP: Record<string, string> = {
  anger: 'anger', annoyance: 'anger', disapproval: 'anger', fear: 'anxiety', nervousness: 'anxiety',
  sadness: 'sadness', disappointment: 'sadness', grief: 'sadness', remorse: 'sadness', confusion: 'confusion',
  gratitude: 'satisfaction', joy: 'satisfaction', approval: 'satisfaction', relief: 'satisfaction', admiration: 'satisfaction', neutral: 'neutral',
};

/** GoEmotions rows whose labels map to exactly one of the six emotions (others are dropped). */
function goemotions(file: string): Row[] {
  const names = readFileSync(join(DATA, 'goemotions/original/labels.txt'), 'utf8').trim().split('\n');
  const out: Row[] = [];
  for (const line of readFileSync(join(DATA, 'goemotions/original', file), 'utf8').split('\n')) {
    const [text, ids] = line.split('\t');
    if (!ids) continue;
    const mapped = new Set(ids.split(',').map((i) => GO_MAP[names[Number(i)]]).filter(Boolean));
    if (mapped.size === 1) out.push({ text, label: [...mapped][0] });
  }
  return out;
}

const SMP_MAP: Record<string, string> = { angry: 'anger', fear: 'anxiety', sad: 'sadness', happy: 'satisfaction', neutral: 'neutral' };

function smp(file: string): Row[] {
  const items = JSON.parse(readFileSync(join(DATA, 'smp2020_ewect', file), 'utf8')) as { content: string; label: string }[];
  return items.filter((i) => SMP_MAP[i.label] && i.content.trim()).map((i) => ({ text: i.content, label: SMP_MAP[i.label] }));
}

function chineseSentiment(): void {
  const read = (file: string) => (parse(readFileSync(join(DATA, 'chinese_sentiment', file)), { columns: true }) as { label: string; review: string }[])
    .filter((r) => r.review && r.review.trim())
    .map((r) => ({ text: r.review, label: r.label === '1' ? 'positive' : 'negative' }));
  const [train, dev] = stratified([...read('ChnSentiCorp_htl_all.csv'), ...read('waimai_10k.csv')], 0.1, 11);
  write('zh-sentiment-train.csv', train);
  write('zh-sentiment-dev.csv', dev);
}

type CustomerTurn = { tweet_ID: string; message: string };

/**
 * Rows for the customer tweets labelled by hand in `bench/<file>` (labels only, texts read here).
 * With `keep`, only those tweets, each once (a tweet can open several dialogs); without it, every
 * occurrence, as the first 106-row dev file has always been built.
 */
function customerCare(file: string, keep?: (tweetId: string) => boolean): Row[] {
  const { labels } = JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as { labels: Record<string, string> };
  const dialogs = JSON.parse(readFileSync(join(DATA, 'customer_care_dialogs/ibm_cdp_dev.json'), 'utf8')) as { dialogContent: CustomerTurn[] }[];
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const d of dialogs) {
    for (const m of d.dialogContent) {
      if (!labels[m.tweet_ID] || (keep && (!keep(m.tweet_ID) || seen.has(m.tweet_ID)))) continue;
      seen.add(m.tweet_ID);
      rows.push({ text: m.message, label: labels[m.tweet_ID] });
    }
  }
  return rows;
}

/** The second labelled set splits by tweet ID: an even first byte of its SHA-1 goes to `tune`. */
const inTune = (tweetId: string) => createHash('sha1').update(tweetId).digest()[0] % 2 === 0;

function englishCustomerSentiment(): void {
  write('en-customer-sentiment-dev.csv', customerCare('customer-care-labels.json'));
  write('en-customer-sentiment-tune.csv', customerCare('customer-care-labels-extra.json', inTune));
  write('en-customer-sentiment-holdout.csv', customerCare('customer-care-labels-extra.json', (id) => !inTune(id)));
}

mkdirSync(OUT, { recursive: true });
banking77();
clinc150();
write('goemotions-train.csv', goemotions('train.tsv'));
write('goemotions-dev.csv', goemotions('dev.tsv'));
const [usualTrain, usualDev] = stratified(smp('usual_eval_labeled.txt'), 0.5, 2020);
write('smp2020-train.csv', [...smp('virus_train.txt'), ...usualTrain]);
write('smp2020-dev.csv', [...smp('virus_eval_labeled.txt'), ...usualDev]);
chineseSentiment();
englishCustomerSentiment();
