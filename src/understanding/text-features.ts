/**
 * Turns a message into sparse n-gram features for the linear models: word unigrams and
 * bigrams, character n-grams inside word boundaries for Latin script, and character n-grams
 * over runs of CJK characters (Chinese needs no segmenter this way).
 */

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

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const TOKEN = /[\u3400-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}][\p{L}\p{N}'’]*|[!?！？]/gu;
const SPLIT_TOKEN = /[\u3400-\u9fff\uf900-\ufaff]+|(?![\u3400-\u9fff\uf900-\ufaff])[\p{L}\p{N}](?:(?![\u3400-\u9fff\uf900-\ufaff])[\p{L}\p{N}'’])*|[!?！？]/gu;

/** NFKC, lower case, digit runs folded to `0` so "order 12345" and "order 98765" look alike. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\d+/g, '0').replace(/[’]/g, "'");
}

/** Tokens of the normalized text: Latin words, CJK runs, and `!`/`?` marks (`split`: never one token across scripts). */
export function tokenize(normalized: string, split = false): string[] {
  return normalized.match(split ? SPLIT_TOKEN : TOKEN) ?? [];
}

function addCount(out: Map<string, number>, key: string): void {
  out.set(key, (out.get(key) ?? 0) + 1);
}

function addCharGrams(out: Map<string, number>, token: string, min: number, max: number, prefix: string): void {
  const chars = /[\ud800-\udfff]/.test(token) ? Array.from(token) : undefined;
  const length = chars ? chars.length : token.length;
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= length; i++) addCount(out, prefix + (chars ? chars.slice(i, i + n).join('') : token.substring(i, i + n)));
  }
}

/** Words for the word n-grams: Latin words as they are, CJK runs split into characters' bigrams. */
function wordUnits(tokens: string[]): string[] {
  const units: string[] = [];
  for (const t of tokens) {
    if (CJK.test(t)) units.push(...Array.from(t));
    else units.push(t);
  }
  return units;
}

/** Raw n-gram counts of a text (keys are prefixed by kind: `w:`, `c:`, `z:`). */
export function extractNgrams(text: string, options: FeatureOptions = DEFAULT_FEATURES): Map<string, number> {
  const out = new Map<string, number>();
  const tokens = tokenize(normalizeText(text), options.splitScripts);
  const units = wordUnits(tokens);
  for (const n of options.wordNgrams) {
    if (n === 1) {
      for (const t of tokens) if (!CJK.test(t)) addCount(out, 'w:' + t);
      continue;
    }
    for (let i = 0; i + n <= units.length; i++) addCount(out, 'w:' + units.slice(i, i + n).join(' '));
  }
  for (const t of tokens) {
    if (CJK.test(t)) addCharGrams(out, t, options.cjkMin, options.cjkMax, 'z:');
    else if (options.charMax > 0) addCharGrams(out, `<${t}>`, options.charMin, options.charMax, 'c:');
  }
  if (tokens.length === 0) addCount(out, 'w:<empty>');
  return out;
}
