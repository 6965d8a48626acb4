/**
 * Maps n-gram counts to sparse, L2-normalised TF-IDF vectors over a vocabulary learned from
 * the training texts. The vocabulary and IDF weights are plain arrays so a model can be saved
 * as JSON and loaded again.
 */
import { extractNgrams, visitNgrams, NGRAM_PREFIXES, type FeatureOptions, DEFAULT_FEATURES } from './text-features';
import { loadWordVectors, type WordVectors } from './word-vectors';

/** A sparse vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  idx: number[];
  val: number[];
}

/** What a vectorizer needs to be rebuilt from a model file. */
export interface VectorizerState {
  features: FeatureOptions;
  vocab: string[];
  idf: number[];
  sublinear: boolean;
  /** Normalise word and character n-grams as separate blocks, each weighted (default: one block). */
  blocks?: { word: number; char: number };
  /** Dense sentence embedding appended after the n-gram features (see `DenseOptions`). */
  dense?: DenseState;
}

/**
 * A dense sentence embedding from pretrained word vectors (`word-vectors.ts`), appended to the
 * n-gram features: the L2-normalised weighted mean of the text's unit word vectors, times `scale`.
 */
export interface DenseOptions {
  scale: number;
  /** Word weights: `idf` (default) = the word unigram's IDF (unseen words: the largest), `mean` = 1 each. */
  weighting?: 'idf' | 'mean';
  /** Use only the most frequent this many words of the file. */
  words?: number;
  /** Vectors file (default: the shipped `models/word-vectors-en.bin`). */
  file?: string;
}

/** `DenseOptions` with the embedding's size, as a model stores it. */
export interface DenseState extends DenseOptions {
  dims: number;
}

/** Options for fitting a vocabulary. */
export interface FitOptions {
  features?: FeatureOptions;
  /** Drop n-grams seen in fewer documents than this. */
  minDf?: number;
  sublinear?: boolean;
  /** Use IDF weights (otherwise every feature weighs 1). */
  useIdf?: boolean;
  blocks?: { word: number; char: number };
  /**
   * Naive-Bayes feature weighting (after Wang & Manning 2012, NBSVM), multiclass: each feature's
   * IDF is scaled by `1 - nb + nb * r / mean(r)`, `r` its largest |log-count ratio| of one label
   * against the rest. Needs the labels at fit; 0 or absent = plain TF-IDF.
   */
  nb?: number;
  dense?: DenseOptions;
}

/** Per feature, the largest |log ratio| of its smoothed document rate in one label against the rest. */
function nbRatios(docs: string[][], labels: readonly string[], vocab: string[]): number[] {
  const classes = [...new Set(labels)];
  const index = new Map(vocab.map((k, i) => [k, i]));
  const counts = classes.map(() => new Float64Array(vocab.length));
  const total = new Float64Array(vocab.length);
  const sizes = classes.map((c) => labels.filter((l) => l === c).length);
  docs.forEach((keys, d) => {
    const c = classes.indexOf(labels[d]);
    for (const k of keys) {
      const i = index.get(k);
      if (i !== undefined) [counts[c][i], total[i]] = [counts[c][i] + 1, total[i] + 1];
    }
  });
  const n = labels.length;
  return vocab.map((_, i) => {
    let best = 0;
    classes.forEach((_, c) => {
      const inside = (counts[c][i] + 1) / (sizes[c] + 2);
      const outside = (total[i] - counts[c][i] + 1) / (n - sizes[c] + 2);
      best = Math.max(best, Math.abs(Math.log(inside / outside)));
    });
    return best;
  });
}

/** Turns texts into TF-IDF vectors; fit once on training texts, then `transform` any text. */
export class Vectorizer {
  /** Feature lookup by n-gram kind (`NGRAM_PREFIXES`): n-gram text without its prefix -> index. */
  private readonly tables: SpanTable[];
  /** 1 where the feature is a word n-gram (its own normalisation block), else 0. */
  private readonly word: Uint8Array;
  /** Scratch counts per feature for `transform`, all zero between calls. */
  private readonly counts: Int32Array;
  /** The word vectors of a `dense` state, read on first use. */
  private vectors?: WordVectors;
  /** The IDF weight of each word vector for `weighting: 'idf'`, computed on first use. */
  private denseWeights?: Float32Array;

  constructor(readonly state: VectorizerState) {
    this.word = new Uint8Array(state.vocab.length);
    this.counts = new Int32Array(state.vocab.length);
    const byKind: number[][] = NGRAM_PREFIXES.map(() => []);
    state.vocab.forEach((key, i) => {
      const kind = NGRAM_PREFIXES.indexOf(key.slice(0, 2) as (typeof NGRAM_PREFIXES)[number]);
      if (kind >= 0) byKind[kind].push(i);
      if (kind === 0) this.word[i] = 1;
    });
    this.tables = byKind.map((ids) => new SpanTable(state.vocab, ids));
  }

  /** Learns the vocabulary and IDF weights from `texts`. */
  static fit(texts: readonly string[], options: FitOptions = {}, labels?: readonly string[]): Vectorizer {
    const features = options.features ?? DEFAULT_FEATURES;
    const df = new Map<string, number>();
    const docs = texts.map((text) => [...extractNgrams(text, features).keys()]);
    for (const keys of docs) for (const key of keys) df.set(key, (df.get(key) ?? 0) + 1);
    const minDf = options.minDf ?? 1;
    const vocab = [...df.entries()].filter(([, c]) => c >= minDf).map(([k]) => k).sort();
    const n = texts.length;
    const idf = vocab.map((k) => (options.useIdf === false ? 1 : Math.log((1 + n) / (1 + (df.get(k) ?? 0))) + 1));
    const nb = options.nb ?? 0;
    if (nb > 0 && labels) {
      const r = nbRatios(docs, labels, vocab);
      const mean = r.reduce((a, b) => a + b, 0) / Math.max(1, r.length);
      r.forEach((x, i) => (idf[i] *= 1 - nb + (nb * x) / mean));
    }
    const dense = options.dense ? { ...options.dense, dims: wordVectors(options.dense).dims } : undefined;
    return new Vectorizer({ features, vocab, idf, sublinear: options.sublinear ?? true, blocks: options.blocks, ...(dense ? { dense } : {}) });
  }

  /** Number of dimensions (n-gram features, then the dense embedding's). */
  get size(): number {
    return this.state.vocab.length + (this.state.dense?.dims ?? 0);
  }

  /**
   * The L2-normalised TF-IDF vector of `text` (unknown n-grams are ignored). N-grams are looked
   * up as they are generated; features keep the order of their first occurrence.
   */
  transform(text: string): SparseVector {
    const { counts, tables } = this;
    const idx: number[] = [];
    visitNgrams(text, this.state.features, (kind, source, start, end) => {
      const i = tables[kind].find(source, start, end);
      if (i >= 0 && counts[i]++ === 0) idx.push(i);
    });
    const val: number[] = [];
    const isWord: boolean[] = [];
    const norms = [0, 0];
    for (const i of idx) {
      const count = counts[i];
      counts[i] = 0;
      const word = this.word[i] === 1;
      const tf = this.state.sublinear ? 1 + Math.log(count) : count;
      const v = tf * this.state.idf[i];
      val.push(v);
      isWord.push(word);
      norms[word ? 0 : 1] += v * v;
    }
    const blocks = this.state.blocks;
    const total = norms[0] + norms[1];
    const scales = blocks
      ? [norms[0] > 0 ? blocks.word / Math.sqrt(norms[0]) : 0, norms[1] > 0 ? blocks.char / Math.sqrt(norms[1]) : 0]
      : [total > 0 ? 1 / Math.sqrt(total) : 0, total > 0 ? 1 / Math.sqrt(total) : 0];
    for (let j = 0; j < val.length; j++) val[j] *= scales[isWord[j] ? 0 : 1];
    if (this.state.dense) this.appendDense(text, this.state.dense, idx, val);
    return { idx, val };
  }

  /** Appends the scaled sentence embedding (nothing for a text without known English words). */
  private appendDense(text: string, dense: DenseState, idx: number[], val: number[]): void {
    this.vectors ??= wordVectors(dense);
    const weights = this.weightsFor(dense, this.vectors);
    const e = this.vectors.embed(text, weights ? (r) => weights[r] : undefined);
    const base = this.state.vocab.length;
    for (let d = 0; d < e.length; d++) {
      if (e[d] === 0) continue;
      idx.push(base + d);
      val.push(e[d] * dense.scale);
    }
  }

  private weightsFor(dense: DenseState, vectors: WordVectors): Float32Array | undefined {
    if (dense.weighting === 'mean' || this.denseWeights) return this.denseWeights;
    const unseen = this.state.idf.reduce((a, b) => Math.max(a, b), 1);
    this.denseWeights = Float32Array.from(vectors.words, (w) => {
      const i = this.tables[0].find(w, 0, w.length);
      return i >= 0 ? this.state.idf[i] : unseen;
    });
    return this.denseWeights;
  }
}

const truncated = new Map<string, WordVectors>();

/** The word vectors `dense` asks for (read once per thread). */
function wordVectors(dense: DenseOptions): WordVectors {
  const vectors = loadWordVectors(dense.file);
  if (!vectors) throw new Error(`word vectors ${dense.file ?? 'models/word-vectors-en.bin'} not found: build them with scripts/distill-word-vectors.ts (models/README.md)`);
  if (!dense.words || dense.words >= vectors.words.length) return vectors;
  const key = `${dense.file ?? ''}:${dense.words}`;
  if (!truncated.has(key)) truncated.set(key, vectors.truncate(dense.words));
  return truncated.get(key)!;
}

/**
 * An open-addressing hash table from n-gram text to feature index that is probed with a span of
 * a larger string (`source`, `start`, `end`), so no string is built per n-gram. Keys are the
 * vocabulary entries without their two-character kind prefix.
 */
class SpanTable {
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;

  constructor(private readonly vocab: readonly string[], ids: readonly number[]) {
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
    for (const id of ids) {
      const key = vocab[id];
      const h = spanHash(key, 2, key.length);
      let j = h & this.mask;
      while (this.slots[j] >= 0) j = (j + 1) & this.mask;
      this.slots[j] = id;
      this.hashes[j] = h;
    }
  }

  /** The feature index of `source.slice(start, end)`, or -1. */
  find(source: string, start: number, end: number): number {
    const h = spanHash(source, start, end);
    for (let j = h & this.mask; ; j = (j + 1) & this.mask) {
      const id = this.slots[j];
      if (id < 0) return -1;
      if (this.hashes[j] === h && sameSpan(this.vocab[id], source, start, end)) return id;
    }
  }
}

/** FNV-1a over the UTF-16 units of `s.slice(start, end)`. */
function spanHash(s: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** True when `key` without its 2-character prefix equals `source.slice(start, end)`. */
function sameSpan(key: string, source: string, start: number, end: number): boolean {
  if (key.length - 2 !== end - start) return false;
  for (let i = start, k = 2; i < end; i++, k++) if (key.charCodeAt(k) !== source.charCodeAt(i)) return false;
  return true;
}
