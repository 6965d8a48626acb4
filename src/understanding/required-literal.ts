/**
 * A cheap necessary condition for a regular expression: a lower-case string that every match
 * contains. The emotion rules test ~250 case-insensitive patterns per turn and almost none match;
 * `text.toLowerCase().includes(literal)` rules most of them out for a fraction of a regex scan.
 */

const QUANTIFIER = /[?*+{]/;
const SPECIAL = /[.^$|[\]{}?*+]/;

/**
 * The longest run of plain characters outside any group and not made optional by a quantifier,
 * lower-cased; `''` when there is none (top-level alternation, character classes), in which case
 * the pattern must always be run. Meant for the lexicon's simple patterns: letters, spaces,
 * apostrophes, groups with `|`, `?`, `\w*`.
 */
export function requiredLiteral(pattern: string): string {
  if (pattern.includes('[')) return '';
  let best = '';
  let run = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const quantified = QUANTIFIER.test(pattern[i + (c === '\\' ? 2 : 1)] ?? '');
    if (c === '\\') {
      i++;
      run = '';
    } else if (c === '(' || c === ')') {
      depth += c === '(' ? 1 : -1;
      run = '';
    } else if (depth === 0 && c === '|') {
      return '';
    } else if (depth === 0 && !quantified && !SPECIAL.test(c)) {
      run += c.toLowerCase();
      if (run.length > best.length) best = run;
    } else if (depth === 0) {
      run = '';
    }
  }
  return best;
}
