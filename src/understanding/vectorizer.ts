/**
 * Maps n-gram counts to sparse, L2-normalised TF-IDF vectors over a vocabulary learned from
 * the training texts. The vocabulary and IDF weights are plain arrays so a model can be saved
 * as JSON and loaded again.
 */
import { extractNgrams, type FeatureOptions, DEFAULT_FEATURES } from './text-features';

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
}

/** Turns texts into TF-IDF vectors; fit once on training texts, then `transform` any text. */
export class Vectorizer {
  private readonly index = new Map<string, number>();

  constructor(readonly state: VectorizerState) {
    state.vocab.forEach((key, i) => this.index.set(key, i));
  }

  /** Learns the vocabulary and IDF weights from `texts`. */
  static fit(texts: readonly string[], options: FitOptions = {}): Vectorizer {
    const features = options.features ?? DEFAULT_FEATURES;
    const df = new Map<string, number>();
    for (const text of texts) for (const key of extractNgrams(text, features).keys()) df.set(key, (df.get(key) ?? 0) + 1);
    const minDf = options.minDf ?? 1;
    const vocab = [...df.entries()].filter(([, c]) => c >= minDf).map(([k]) => k).sort();
    const n = texts.length;
    const idf = vocab.map((k) => (options.useIdf === false ? 1 : Math.log((1 + n) / (1 + (df.get(k) ?? 0))) + 1));
    return new Vectorizer({ features, vocab, idf, sublinear: options.sublinear ?? true, blocks: options.blocks });
  }

  /** Number of dimensions. */
  get size(): number {
    return this.state.vocab.length;
  }

  /** The L2-normalised TF-IDF vector of `text` (unknown n-grams are ignored). */
  transform(text: string): SparseVector {
    const idx: number[] = [];
    const val: number[] = [];
    const isWord: boolean[] = [];
    const norms = [0, 0];
    for (const [key, count] of extractNgrams(text, this.state.features)) {
      const i = this.index.get(key);
      if (i === undefined) continue;
      const tf = this.state.sublinear ? 1 + Math.log(count) : count;
      const v = tf * this.state.idf[i];
      const word = key.charCodeAt(0) === 119; // 'w'
      idx.push(i);
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
    return { idx, val };
  }
}
