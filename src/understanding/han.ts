/**
 * Han (Chinese) characters, defined once for every script check in the project: CJK Unified
 * Ideographs, Extension A and the compatibility ideographs. Full-width punctuation is not Han;
 * `language.ts` adds it where it matters.
 */

/** The character ranges, as regular-expression source for a character class. */
export const HAN_RANGES = '\\u3400-\\u9fff\\uf900-\\ufaff';

/** One Han character (no `g` flag, so `test` keeps no state between calls). */
export const HAN = new RegExp(`[${HAN_RANGES}]`, 'u');

const HAN_ALL = new RegExp(`[${HAN_RANGES}]`, 'gu');

/** True when `text` has at least one Han character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** How many Han characters `text` has. */
export function countHan(text: string): number {
  return text.match(HAN_ALL)?.length ?? 0;
}
