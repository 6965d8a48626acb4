// The whole understanding step per turn (issue 3: p99 <= 2 ms): wall time of each `analyze` call
// of the built product (language, intent, entities, emotion with its rules, as the engine calls it),
// over real messages: every intent example in intents/, and the dev texts of GoEmotions and
// SMP2020 when bench/prepare-data.ts has written them. Prints p50 / p99 / max in microseconds.
// usage: npm run build && node bench/analyze-latency.js [dist]
const fs = require('fs');
const path = require('path');
const dist = path.resolve(process.argv[2] ?? 'dist');
const { createUnderstanding } = require(path.join(dist, 'understanding/index.js'));
const { loadIntentFiles } = require(path.join(dist, 'understanding/intents-file.js'));
const { readLabelledCsv } = require(path.join(dist, 'cli/eval-csv.js'));
const INTENTS = path.join(__dirname, '../intents');
const understanding = createUnderstanding({ intentsDir: INTENTS });
const sets = { intents: loadIntentFiles(INTENTS).intents.flatMap((i) => Object.values(i.examples ?? {}).flat()) };
for (const name of ['goemotions-dev', 'smp2020-dev']) {
  const file = path.join(__dirname, `../data/eval/${name}.csv`);
  if (fs.existsSync(file)) sets[name] = readLabelledCsv(file).map((r) => r.text);
}
const all = Object.values(sets).flat();
for (let i = 0; i < 2000; i++) understanding.analyze(all[i % all.length], { careContext: true });
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
for (const [name, texts] of [...Object.entries(sets), ['all', all]]) {
  const us = texts.map((t) => {
    const t0 = process.hrtime.bigint();
    understanding.analyze(t, { careContext: true });
    return Number(process.hrtime.bigint() - t0) / 1000;
  }).sort((a, b) => a - b);
  console.log(JSON.stringify({ set: name, n: us.length, p50Us: Math.round(pct(us, 50)), p99Us: Math.round(pct(us, 99)), maxUs: Math.round(us[us.length - 1]) }));
}
