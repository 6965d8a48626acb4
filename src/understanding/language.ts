/**
 * Tells English from Chinese by the share of CJK characters among the letters of a turn.
 * Turns without letters (emoji, digits, punctuation, reference codes) and short or mixed turns
 * keep the conversation's language.
 */
import type { Language } from '../engine/messages';
import { HAN_RANGES, countHan } from './han';

/** Han characters and full-width punctuation. */
const CJK = new RegExp(`[${HAN_RANGES}\\u3000-\\u303f\\uff01-\\uff5e]`, 'u');
const LATIN_WORD = /[a-z]{2,}/giu;
/** Codes are not words of a language: "CP-7K3M9Q", "cp-abcdef", "A12345", "DD-2023-1203001", emails, links. */
const CODES = /\b[A-Z]{1,4}-[A-Z0-9]{4,}(?:-[A-Z0-9]+)*\b/gu;
const CODES_ANY_CASE = /\bcp-[a-z0-9]{6}\b|\b[a-z]*\d[a-z0-9-]*\b|\S+@\S+|https?:\/\/\S+/giu;

/**
 * Detects the language of `text`. Each Han character counts as one word; Latin words count
 * one each (1.5 when weighing shares). Without `previous`, Chinese wins as soon as its share
 * reaches `zhShare` (mixed turns such as "我的order还没到" are Chinese). Within a conversation
 * (`previous` given) a short or mixed turn keeps the conversation's language; it switches only
 * on clear evidence (`switchesLanguage`). With no letters at all, `previous` (else `en`) is kept.
 */
export function detectLanguage(text: string, previous?: Language, zhShare = 0.3): Language {
  const han = countHan(text);
  const latin = text.replace(CODES, ' ').replace(CODES_ANY_CASE, ' ').match(LATIN_WORD)?.length ?? 0;
  if (previous) return switchesLanguage(han, latin, previous) ? other(previous) : previous;
  if (han === 0) return 'en';
  if (latin === 0) return 'zh';
  return han / (han + latin * 1.5) >= zhShare ? 'zh' : 'en';
}

const other = (lang: Language): Language => (lang === 'zh' ? 'en' : 'zh');

/**
 * Clear evidence of a switch: to Chinese, at least two Han characters and no Latin word, or at
 * least three forming most of the text; to English, at least two Latin words and no Han.
 */
export function switchesLanguage(han: number, latin: number, previous: Language): boolean {
  if (previous === 'en') return (han >= 2 && latin === 0) || (han >= 3 && han / (han + latin * 1.5) >= 0.6);
  return han === 0 && latin >= 2;
}

/** True when `text` contains any CJK character or full-width punctuation. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
