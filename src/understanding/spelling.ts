/**
 * Spelling. Customers type fast: "my hedphones arived brokn", "retrun policy?". The intent model
 * reads character n-grams and shrugs most typos off, but the cue lexicon, the complaint categories
 * and the scripts' `mentions` look for words, so a typo hid the problem ("brokn": no complaint fact,
 * category "other") and sent "retrun policy?" to a colleague instead of the returns answer.
 *
 * A word of four letters or more that no English word list knows (the 274,000 words of `word-list`,
 * the 50,000 most frequent words of `models/word-vectors-en.bin`, the informal words below, the
 * bot's intent examples, the configured product names) is replaced by a care word at edit distance
 * 1 (Damerau-Levenshtein with transpositions, `natural`), the most frequent one when several are
 * that close. Care words are the curated list below and the intent examples' less common words
 * (not among the 5,000 most frequent English words): a typo is corrected into "refund" or
 * "headphones", never into "still" or "your", where a slang word ("shill", "youre") is likelier
 * than a typo. Known words are never touched ("skipped" stays, though "shipped" is one edit away),
 * nor are words joined to digits, apostrophes, @, dots, slashes or brackets (order numbers,
 * contractions, e-mail addresses, links, Weibo emoticons such as "[doge]"). Without the word lists
 * nothing is corrected.
 *
 * `natural`'s own Spellcheck generates every string one edit away and de-duplicates the list
 * quadratically (0.2-1.4 ms per unknown word here); comparing letter counts first leaves a few
 * candidates for the distance, a few microseconds.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance';
import { readWordList } from './word-vectors';

/** Words a customer-care message is about that the intent examples may not hold. */
const CARE_WORDS = [
  'headphones', 'earbuds', 'charger', 'cable', 'battery', 'screen', 'package', 'parcel', 'delivery', 'delivered', 'arrived',
  'broken', 'damaged', 'defective', 'faulty', 'missing', 'wrong', 'refund', 'refunded', 'return', 'returned', 'replacement',
  'exchange', 'cancel', 'cancelled', 'complaint', 'complain', 'order', 'ordered', 'received', 'receive', 'address', 'shipping',
  'shipped', 'warranty', 'invoice', 'receipt', 'payment', 'charged', 'account', 'password', 'subscription', 'membership',
  'human', 'agent', 'manager', 'representative', 'supervisor', 'customer', 'service', 'tracking', 'courier', 'waiting',
  'still', 'again', 'ridiculous', 'terrible', 'horrible', 'disappointed', 'unacceptable', 'angry', 'worried', 'confused',
  'policy', 'voucher', 'coupon', 'discount', 'status', 'please', 'thanks', 'thank',
];
/** Informal spellings that are not typos: contractions without the apostrophe, swearing, chat words. */
const INFORMAL = [
  'arent', 'cant', 'couldnt', 'didnt', 'doesnt', 'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'shouldnt', 'wasnt', 'werent', 'wont',
  'wouldnt', 'youre', 'youve', 'youll', 'youd', 'theyre', 'theyve', 'theyll', 'thats', 'whats', 'wheres', 'theres', 'heres', 'ive',
  'ill', 'itll', 'shes', 'hes', 'lets', 'gonna', 'wanna', 'gotta', 'kinda', 'sorta', 'dunno', 'yeah', 'yeap', 'nope', 'okay', 'pls',
  'plz', 'thx', 'thanx', 'lmao', 'lmfao', 'rofl', 'welp', 'lawd', 'piss', 'pissed', 'turd', 'crap', 'damn', 'dammit', 'shit', 'fuck',
  'fucking', 'wtf', 'omfg', 'bruh', 'dude', 'weeb', 'weebs', 'meme', 'memes', 'lol', 'haha', 'hahaha', 'hmm', 'umm', 'ugh', 'hella',
  'hurr', 'durr', 'smh', 'tbh', 'imho', 'idk', 'irl', 'yall',
];
const MIN_LETTERS = 4;
/** Own words this common in English are not correction targets (a slang word near them is likelier than a typo). */
const COMMON_RANK = 5_000;
/** A Latin word not joined to digits, apostrophes, @, dots inside a name, slashes, hyphens or brackets. */
const WORD = /(?<![\p{L}\p{N}@'’./_[-])[A-Za-z]{4,}(?![\p{L}\p{N}@'’_/\]-]|\.[A-Za-z])/gu;
const A = 'a'.charCodeAt(0);

interface Entry {
  word: string;
  frequency: number;
  letters: Uint8Array;
}

export class Spelling {
  private readonly byFirst = new Map<string, Entry[]>();

  /** `known`: sets of correctly spelled words (lower case); `targets`: the words corrections may produce, with their frequency. */
  constructor(private readonly known: readonly ReadonlySet<string>[], targets: ReadonlyMap<string, number>) {
    for (const [word, frequency] of targets) {
      if (word.length < MIN_LETTERS || !/^[a-z]+$/.test(word)) continue;
      const list = this.byFirst.get(word[0]) ?? [];
      list.push({ word, frequency, letters: letterCounts(word) });
      this.byFirst.set(word[0], list);
    }
  }

  /** `text` with its misspelt words replaced (the same string when nothing changed). */
  correct(text: string): string {
    if (!/[A-Za-z]{4}/.test(text)) return text;
    return text.replace(WORD, (token) => {
      const lower = token.toLowerCase();
      if (this.known.some((set) => set.has(lower))) return token;
      const fix = this.closest(lower);
      if (!fix) return token;
      if (token === token.toUpperCase()) return fix.toUpperCase();
      return token[0] === token[0].toUpperCase() ? fix[0].toUpperCase() + fix.slice(1) : fix;
    });
  }

  /** The most frequent target one edit from `word` (a first letter typo is not looked for). */
  private closest(word: string): string | undefined {
    const letters = letterCounts(word);
    let best: Entry | undefined;
    for (const entry of this.byFirst.get(word[0]) ?? []) {
      if (Math.abs(entry.word.length - word.length) > 1 || (best && entry.frequency <= best.frequency)) continue;
      // One edit changes the letter counts by at most 2 (a substitution), so most words are ruled out here.
      let diff = 0;
      for (let i = 0; i < 26 && diff <= 2; i++) diff += Math.abs(entry.letters[i] - letters[i]);
      if (diff > 2) continue;
      if (DamerauLevenshteinDistance(word, entry.word, { restricted: true }) === 1) best = entry;
    }
    return best?.word;
  }
}

function letterCounts(word: string): Uint8Array {
  const counts = new Uint8Array(26);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - A;
    if (c >= 0 && c < 26) counts[c]++;
  }
  return counts;
}

/** What `createSpelling` needs of English: every known word, and the most frequent ones (never correction targets). */
export interface EnglishWords {
  known: ReadonlySet<string>;
  common: ReadonlySet<string>;
}

/** `EnglishWords` of a dictionary (any order) and a list of words most frequent first. */
export function englishWordsOf(dictionary: readonly string[], frequent: readonly string[]): EnglishWords {
  return { known: new Set([...dictionary, ...frequent, ...INFORMAL]), common: new Set(frequent.slice(0, COMMON_RANK)) };
}

let cached: EnglishWords | null | undefined;

/**
 * `word-list`'s words and the shipped vectors' word list, read and built once per thread and shared
 * by every bot (about 300,000 words); undefined when either file is missing.
 */
export function englishWords(): EnglishWords | undefined {
  if (cached === undefined) cached = loadEnglishWords() ?? null;
  return cached ?? undefined;
}

function loadEnglishWords(): EnglishWords | undefined {
  const frequent = readWordList();
  if (!frequent) return undefined;
  try {
    // The package is an ES module that only exports the file's path: resolve it without loading it.
    return englishWordsOf(readFileSync(join(dirname(require.resolve('word-list')), 'words.txt'), 'utf8').split('\n'), frequent);
  } catch {
    return undefined;
  }
}

/**
 * The spelling check of a bot whose intent examples are `examples` (English and Chinese; only the
 * Latin words count) and whose products are `products`, over `english` (`englishWords()`).
 * Undefined without the English words.
 */
export function createSpelling(examples: readonly string[], products: readonly string[], english: EnglishWords | undefined): Spelling | undefined {
  if (!english) return undefined;
  const own = new Map<string, number>();
  for (const text of examples) {
    for (const [word] of text.toLowerCase().matchAll(WORD)) own.set(word, (own.get(word) ?? 0) + 1);
  }
  const targets = new Map([...own].filter(([word]) => !english.common.has(word)));
  for (const word of CARE_WORDS) targets.set(word, (own.get(word) ?? 0) + 1);
  const mine = new Set<string>([...own.keys(), ...CARE_WORDS]);
  for (const product of products) for (const word of product.toLowerCase().match(/[a-z]+/g) ?? []) mine.add(word);
  return new Spelling([english.known, mine], targets);
}
