/**
 * Tells English from Chinese by the share of CJK characters among the letters of a turn.
 * Turns without letters (emoji, digits, punctuation) keep the conversation's language.
 */
import type { Language } from '../engine/messages';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/gu;
const CJK_LETTER = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const LATIN_WORD = /[a-z]{2,}/giu;

/**
 * Detects the language of `text`. Each Han character counts as one word; Latin words count
 * one each. Chinese wins as soon as its share reaches `zhShare` (mixed turns such as
 * "我的order还没到" are Chinese). With no letters at all, `previous` (else `en`) is returned.
 */
export function detectLanguage(text: string, previous?: Language, zhShare = 0.3): Language {
  const han = text.match(CJK_LETTER)?.length ?? 0;
  const latin = text.match(LATIN_WORD)?.length ?? 0;
  if (han === 0 && latin === 0) {
    const single = /\b[a-z]\b/i.test(text);
    return single ? 'en' : previous ?? 'en';
  }
  if (han === 0) return 'en';
  if (latin === 0) return 'zh';
  return han / (han + latin * 1.5) >= zhShare ? 'zh' : 'en';
}

/** True when `text` contains any CJK character or full-width punctuation. */
export function hasCjk(text: string): boolean {
  CJK.lastIndex = 0;
  return CJK.test(text);
}
