/**
 * Turns a message into sparse n-gram features for the linear models: word unigrams and
 * bigrams, character n-grams inside word boundaries for Latin script, and character n-grams
 * over runs of CJK characters (Chinese needs no segmenter this way).
 */
import { HAN, HAN_RANGES } from './han';

/** Which n-grams to extract; every model stores the options it was trained with. */
export interface FeatureOptions {
  /** Word n-gram orders, e.g. [1, 2]. */
  wordNgrams: number[];
  /** Smallest and largest character n-gram inside a Latin word (padded with `<` and `>`). */
  charMin: number;
  charMax: number;
  /** Smallest and largest character n-gram over a CJK run. */
  cjkMin: number;
  cjkMax: number;
  /**
   * Split a Latin word from CJK characters that follow it without a space ("order 0还没到",
   * "zzz呢"): without it such a token is read as one CJK run.
   */
  splitScripts?: boolean;
}

/** Defaults that work well for short customer messages in both languages. */
export const DEFAULT_FEATURES: FeatureOptions = { wordNgrams: [1, 2], charMin: 2, charMax: 5, cjkMin: 1, cjkMax: 3 };

const H = HAN_RANGES;
const TOKEN = new RegExp(`[${H}]+|[\\p{L}\\p{N}][\\p{L}\\p{N}'’]*|[!?！？]`, 'gu');
const SPLIT_TOKEN = new RegExp(`[${H}]+|(?![${H}])[\\p{L}\\p{N}](?:(?![${H}])[\\p{L}\\p{N}'’])*|[!?！？]`, 'gu');

/** NFKC, lower case, digit runs folded to `0` so "order 12345" and "order 98765" look alike. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\d+/g, '0').replace(/[’]/g, "'");
}

/** Tokens of the normalized text: Latin words, CJK runs, and `!`/`?` marks (`split`: never one token across scripts). */
export function tokenize(normalized: string, split = false): string[] {
  return normalized.match(split ? SPLIT_TOKEN : TOKEN) ?? [];
}

/** Kinds of n-gram, as in the `w:`, `c:`, `z:` key prefixes: word, Latin character, CJK character. */
export const NGRAM_PREFIXES = ['w:', 'c:', 'z:'] as const;
/** Index into `NGRAM_PREFIXES`. */
export type NgramKind = 0 | 1 | 2;
/**
 * Receives each n-gram occurrence, in a fixed order (repeats included), without its prefix: the
 * n-gram is `source.slice(start, end)` (no string is built for it).
 */
export type NgramVisitor = (kind: NgramKind, source: string, start: number, end: number) => void;

function visitCharGrams(visit: NgramVisitor, kind: NgramKind, token: string, min: number, max: number): void {
  if (!/[\ud800-\udfff]/.test(token)) {
    for (let n = min; n <= max; n++) for (let i = 0; i + n <= token.length; i++) visit(kind, token, i, i + n);
    return;
  }
  // Code points, not UTF-16 units: `at[k]` is where the k-th code point starts.
  const at: number[] = [];
  for (let u = 0; u < token.length; u += (token.codePointAt(u) ?? 0) > 0xffff ? 2 : 1) at.push(u);
  at.push(token.length);
  const length = at.length - 1;
  for (let n = min; n <= max; n++) for (let i = 0; i + n <= length; i++) visit(kind, token, at[i], at[i + n]);
}

/** Words for the word n-grams: Latin words as they are, CJK runs split into characters' bigrams. */
function wordUnits(tokens: string[]): string[] {
  const units: string[] = [];
  for (const t of tokens) {
    if (HAN.test(t)) units.push(...Array.from(t));
    else units.push(t);
  }
  return units;
}

/**
 * Calls `visit` for every n-gram of a text, in the order `extractNgrams` counts them: word
 * n-grams by order, then character n-grams token by token, then `<empty>` for a text without
 * tokens. No key strings or count maps are built, so a vectorizer can look n-grams up directly.
 */
export function visitNgrams(text: string, options: FeatureOptions, visit: NgramVisitor): void {
  const tokens = tokenize(normalizeText(text), options.splitScripts);
  const cjk = tokens.map((t) => HAN.test(t));
  let units: string[] | undefined;
  for (const n of options.wordNgrams) {
    if (n === 1) {
      for (let i = 0; i < tokens.length; i++) if (!cjk[i]) visit(0, tokens[i], 0, tokens[i].length);
      continue;
    }
    units ??= wordUnits(tokens);
    for (let i = 0; i + n <= units.length; i++) {
      const gram = units.slice(i, i + n).join(' ');
      visit(0, gram, 0, gram.length);
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    if (cjk[i]) visitCharGrams(visit, 2, tokens[i], options.cjkMin, options.cjkMax);
    else if (options.charMax > 0) visitCharGrams(visit, 1, `<${tokens[i]}>`, options.charMin, options.charMax);
  }
  if (tokens.length === 0) visit(0, '<empty>', 0, 7);
}

/** Raw n-gram counts of a text (keys are prefixed by kind: `w:`, `c:`, `z:`). */
export function extractNgrams(text: string, options: FeatureOptions = DEFAULT_FEATURES): Map<string, number> {
  const out = new Map<string, number>();
  visitNgrams(text, options, (kind, source, start, end) => {
    const key = NGRAM_PREFIXES[kind] + source.slice(start, end);
    out.set(key, (out.get(key) ?? 0) + 1);
  });
  return out;
}
