import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asToken, distill } from '../../scripts/distill-word-vectors';
import { Vectorizer } from '../../src/understanding/vectorizer';
import { loadWordVectors, WordVectors, WORD_VECTORS_FILE } from '../../src/understanding/word-vectors';

const WORDS = ['refund', 'money', 'back', 'do', 'not', 'can', 'will', 'weather', 'rain'];
/** Deterministic, distinct 4-d vectors with components of different magnitudes. */
const VECTORS = WORDS.map((_, i) => [Math.sin(i + 1) * 2, Math.cos(i + 1) * 0.5, (i - 4) / 7, i % 2 ? 0.01 : -1.3]);

function tinyFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wv-')), 'tiny.bin');
  writeFileSync(file, WordVectors.quantise(WORDS, VECTORS).toBuffer());
  return file;
}

describe('WordVectors', () => {
  it('round-trips through int8 within half a quantisation step per component', () => {
    const wv = WordVectors.fromBuffer(WordVectors.quantise(WORDS, VECTORS).toBuffer());
    expect(wv.words).toEqual(WORDS);
    expect(wv.dims).toBe(4);
    WORDS.forEach((w, i) => {
      const step = Math.max(...VECTORS[i].map(Math.abs)) / 127;
      Array.from(wv.vector(w)!).forEach((x, d) => expect(Math.abs(x - VECTORS[i][d])).toBeLessThanOrEqual(step / 2 + 1e-6));
    });
    expect(wv.vector('unknown')).toBeUndefined();
  });

  it('rejects a file that is not a word-vector file', () => {
    expect(() => WordVectors.fromBuffer(Buffer.from('{"words": []}'))).toThrow(/not a word-vector file/);
  });

  it('tokenises like the vectorizer and expands clitics the vectors lack', () => {
    const wv = WordVectors.quantise(WORDS, VECTORS);
    const words = (text: string) => wv.ranks(text).map((r) => wv.words[r]);
    expect(words('REFUND my Money!')).toEqual(['refund', 'money']);
    expect(words("Don't, can't, won't")).toEqual(['do', 'not', 'can', 'not', 'will', 'not']);
    expect(words('退款 refund 吗？')).toEqual(['refund']);
  });

  it('embeds a text as a unit-length weighted mean, zeros without known words', () => {
    const wv = WordVectors.quantise(WORDS, VECTORS);
    const e = wv.embed('refund money');
    expect(Math.hypot(...e)).toBeCloseTo(1, 5);
    expect(Array.from(wv.embed('refund'))).not.toEqual(Array.from(e));
    expect(Array.from(wv.embed('refund money', (r) => (r === 0 ? 1 : 0)))).toEqual(Array.from(wv.embed('refund')));
    expect(Array.from(wv.embed('我要退款'))).toEqual([0, 0, 0, 0]);
  });

  it('keeps the most frequent words when truncated', () => {
    const wv = WordVectors.quantise(WORDS, VECTORS).truncate(3);
    expect(wv.words).toEqual(['refund', 'money', 'back']);
    expect(wv.rank('weather')).toBe(-1);
    expect(Array.from(wv.vector('back')!)).toEqual(Array.from(WordVectors.quantise(WORDS, VECTORS).vector('back')!));
  });

  it('loads a file once and answers undefined for a missing one', () => {
    const file = tinyFile();
    expect(loadWordVectors(file)).toBe(loadWordVectors(file));
    expect(loadWordVectors(join(tmpdir(), 'no-such-vectors.bin'))).toBeUndefined();
  });
});

describe('distill-word-vectors', () => {
  it('keeps the first spelling of each token, digits folded, in frequency order', () => {
    const data = { words: ['the', ',', '1990', 'Refund', '2010', 'refund', 'e-mail'], dimensions: 2, vectors: {} as Record<string, number[]> };
    data.words.forEach((w, i) => (data.vectors[w] = [i, 1, 0.5, i]));
    const wv = distill(data, 10);
    expect(wv.words).toEqual(['the', '0', 'refund']);
    expect(wv.vector('0')![0]).toBeCloseTo(2, 1);
    expect(distill(data, 2).words).toEqual(['the', '0']);
    expect(asToken(',')).toBeUndefined();
  });
});

describe('Vectorizer with dense word vectors', () => {
  const texts = ['I want a refund', 'money back please', 'will it rain', 'weather today'];

  it('appends the scaled embedding after the n-gram features; Chinese gets none', () => {
    const file = tinyFile();
    const v = Vectorizer.fit(texts, { dense: { scale: 2, weighting: 'mean', file } });
    const plain = Vectorizer.fit(texts);
    expect(v.size).toBe(plain.size + 4);
    const x = v.transform('refund money');
    const dense = x.idx.map((i, j) => [i, x.val[j]]).filter(([i]) => i >= plain.size);
    expect(dense.map(([i]) => i - plain.size)).toEqual([0, 1, 2, 3]);
    const e = WordVectors.quantise(WORDS, VECTORS).embed('refund money');
    dense.forEach(([, val], d) => expect(val).toBeCloseTo(2 * e[d], 5));
    expect(v.transform('我要退款').idx.every((i) => i < plain.size)).toBe(true);
  });

  it('rebuilds from JSON state with the same vectors', () => {
    const v = Vectorizer.fit(texts, { dense: { scale: 1, file: tinyFile() } });
    const copy = new Vectorizer(JSON.parse(JSON.stringify(v.state)));
    expect(copy.transform('no refund, rain')).toEqual(v.transform('no refund, rain'));
  });

  it('says how to build a missing vectors file', () => {
    expect(() => Vectorizer.fit(texts, { dense: { scale: 1, file: join(tmpdir(), 'missing.bin') } })).toThrow(/distill-word-vectors/);
  });

  it('ships vectors in which related words are closer than unrelated ones', () => {
    const wv = loadWordVectors(WORD_VECTORS_FILE)!;
    const cos = (a: string, b: string) => {
      const [x, y] = [wv.vector(a)!, wv.vector(b)!];
      return x.reduce((s, v, d) => s + v * y[d], 0) / Math.hypot(...x) / Math.hypot(...y);
    };
    expect(wv.dims).toBe(100);
    expect(cos('refund', 'reimbursement')).toBeGreaterThan(cos('refund', 'weather') + 0.2);
  });
});
