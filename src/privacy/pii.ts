/**
 * Finds and masks personal data in free text (English and Chinese): email addresses, phone
 * numbers (international `+CC ...`, Chinese mobiles `1[3-9]xxxxxxxxx`, North American and UK
 * formats, and any number introduced by "phone"/"call me"/"电话"/"手机"), payment card numbers
 * with a card issuer's prefix that pass the Luhn check (spaces or dashes allowed), Chinese
 * 18-digit resident ID numbers with a valid checksum, and US social security numbers.
 *
 * Masks keep the kind visible (`[email]`, `[phone]`, `[card ****1234]`, `[id]`, `[ssn]`) so a
 * reader still understands the sentence. Order numbers, ticket references (`CP-7K3M9Q`,
 * `ORD-2024-001`, `#12345`, "order 12345", "订单号 12345") and amounts are never masked.
 * Contract and limits: docs/privacy.md.
 */

/** What kind of personal data a match is. */
export type PersonalDataKind = 'email' | 'phone' | 'card' | 'cn_id' | 'ssn';

/** One piece of personal data found in a text (`start`/`end` are UTF-16 offsets). */
export interface PersonalDataMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
  text: string;
}

interface Span {
  start: number;
  end: number;
}

/** Nothing that continues a number or a word may stand right before or after a match. */
const B = String.raw`(?<![\w+#/.-])`;
const E = String.raw`(?![\w]|[.,/-]\d)`;

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;
/** Digit runs with single space/dash separators: card and ID candidates, judged whole. */
const DIGIT_RUN = new RegExp(`${B}\\d(?:[ -]?\\d)+[Xx]?${E}`, 'g');
const SSN = new RegExp(`${B}(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}${E}`, 'g');
const SSN_KEYWORD = /(?:\bSSN|\bsocial security(?: number| no\.?)?|社会安全号(?:码)?)\s*(?:#|no\.?|number)?\s*(?:is|[:：是])?\s*(\d{9})(?!\d)/gi;
const PHONE_RULES: RegExp[] = [
  new RegExp(`${B}(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${E}`, 'g'),
  new RegExp(`${B}\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}${E}`, 'g'),
  new RegExp(`${B}(?:1[ .-]?)?(?:\\(\\d{3}\\)[ ]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}${E}`, 'g'),
  new RegExp(`${B}0\\d{2,4}[ -]\\d{3,4}[ -]?\\d{3,4}${E}`, 'g'),
];
const PHONE_KEYWORD = /(?:\b(?:phone|mobile|cell|tel|telephone|whatsapp)(?:\s*(?:number|no\.?|#))?|\b(?:call|text|reach) me(?: back)?(?: at| on)?|电话(?:号码)?|手机(?:号码?)?|联系方式|座机)\s*(?:is|[:：是为])?\s*(\+?\d[\d ().-]{5,18}\d)/gi;
/** Order numbers, ticket references and amounts: protected from masking. */
const PROTECTED: RegExp[] = [
  /\b[A-Z]{2,5}-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/gi,
  /#\s?[A-Z0-9-]*\d[A-Z0-9-]*/gi,
  /(?:\b(?:order|invoice|tracking|shipment|parcel|package|ticket|ref(?:erence)?)(?:\s*(?:number|num|no\.?|id|#))?(?:\s*(?:is|was|:))?|(?:订单|单号|运单|快递单|发票|工单)(?:号|编号)?(?:是|为)?\s*[:：]?)\s*#?\s*[A-Z]{0,4}-?\d[\dA-Z-]*/giu,
  /(?:US\$|\$|¥|￥|€|£|RMB|CNY|USD|EUR|GBP)\s?\d[\d,]*(?:\.\d+)?/gi,
  /\d[\d,]*(?:\.\d+)?\s?(?:dollars?|bucks|usd|euros?|eur|pounds?|gbp|rmb|cny|yuan|元|块钱|块|人民币|美元|美金|欧元|英镑)/gi,
];

const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_ID_CHECK = '10X98765432';

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex += 1;
  }
}

/** True when the digits pass the Luhn check used by payment cards. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** True for an 18-character Chinese resident ID with a plausible birth date and a valid checksum. */
export function isChineseResidentId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (id.charCodeAt(i) - 48) * CN_ID_WEIGHTS[i];
  return CN_ID_CHECK[sum % 11] === id[17].toUpperCase();
}

/**
 * Issuer prefixes of payment cards (ISO/IEC 7812 major industry identifiers 2-6, narrowed where a
 * digit is shared): Mir 2200-2204 and Mastercard 2221-2720; Diners, Amex and JCB on 3; Visa on 4;
 * Mastercard and Maestro on 5; Discover, UnionPay, RuPay and Maestro on 6; UnionPay 81; Troy 9792.
 * Numbers starting with 0, 1, 7 or 9 (airlines, petroleum, national use) are not cards, so a long
 * all-digit order or tracking number is masked only when it also looks like one.
 */
const CARD_PREFIX = /^(?:220[0-4]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720|3|4|5|6|81|9792)/;

function isCard(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && CARD_PREFIX.test(digits) && !/^(\d)\1+$/.test(digits) && passesLuhn(digits);
}

function overlaps(a: Span, taken: readonly Span[]): boolean {
  return taken.some((t) => a.start < t.end && a.end > t.start);
}

function spanOf(m: RegExpExecArray, group = 0): Span {
  const text = m[group];
  const start = group === 0 ? m.index : m.index + m[0].lastIndexOf(text);
  return { start, end: start + text.length };
}

function cardOrIdKind(compact: string): PersonalDataKind | null {
  if (isChineseResidentId(compact)) return 'cn_id';
  return /^\d+$/.test(compact) && isCard(compact) ? 'card' : null;
}

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

/** The longest window of whole groups starting at `from` that is a card or an ID (<= 19 digits). */
function longestWindow(groups: readonly DigitGroup[], from: number): { last: number; kind: PersonalDataKind } | null {
  const prefixes: string[] = [];
  for (let j = from, compact = ''; j < groups.length; j += 1) {
    compact += groups[j].digits;
    if (compact.length > 19) break;
    prefixes.push(compact);
  }
  for (let k = prefixes.length - 1; k >= 0; k -= 1) {
    const kind = cardOrIdKind(prefixes[k]);
    if (kind) return { last: from + k, kind };
  }
  return null;
}

/** Cards and IDs inside runs of digit groups ("4111 1111 1111 1111 13812345678"), from the left. */
function digitRunMatches(text: string): PersonalDataMatch[] {
  const out: PersonalDataMatch[] = [];
  for (const run of matches(DIGIT_RUN, text)) {
    const groups = [...run[0].matchAll(/[\dXx]+/g)].map((g) => ({ start: run.index + g.index, end: run.index + g.index + g[0].length, digits: g[0] }));
    for (let i = 0; i < groups.length; ) {
      const hit = longestWindow(groups, i);
      if (!hit) { i += 1; continue; }
      const span = { start: groups[i].start, end: groups[hit.last].end };
      out.push({ kind: hit.kind, text: text.slice(span.start, span.end), ...span });
      i = hit.last + 1;
    }
  }
  return out;
}

function ruleMatches(text: string, kind: PersonalDataKind, rules: readonly RegExp[], group = 0): PersonalDataMatch[] {
  const out: PersonalDataMatch[] = [];
  for (const re of rules) {
    for (const m of matches(re, text)) {
      const span = spanOf(m, group);
      const digits = text.slice(span.start, span.end).replace(/\D/g, '').length;
      if (kind === 'phone' && (digits < 7 || digits > 15)) continue;
      out.push({ kind, text: text.slice(span.start, span.end), ...span });
    }
  }
  return out;
}

function protectedSpans(text: string): Span[] {
  return PROTECTED.flatMap((re) => [...matches(re, text)].map((m) => spanOf(m)));
}

/**
 * Every piece of personal data in `text`, in text order, never overlapping. Emails are taken
 * first; numbers inside order numbers, ticket references or amounts are left alone.
 */
export function findPersonalData(text: string): PersonalDataMatch[] {
  if (!/[\d@]/.test(text)) return [];
  const kept: PersonalDataMatch[] = ruleMatches(text, 'email', [EMAIL]);
  const guarded = [...kept, ...protectedSpans(text)];
  const numeric = [
    ...digitRunMatches(text), ...ruleMatches(text, 'ssn', [SSN]), ...ruleMatches(text, 'ssn', [SSN_KEYWORD], 1),
    ...ruleMatches(text, 'phone', PHONE_RULES), ...ruleMatches(text, 'phone', [PHONE_KEYWORD], 1),
  ];
  for (const c of numeric) {
    if (overlaps(c, guarded) || overlaps(c, kept)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The mask that replaces one match: the kind stays visible, cards keep their last four digits. */
export function maskFor(match: PersonalDataMatch): string {
  if (match.kind === 'card') return `[card ****${match.text.replace(/\D/g, '').slice(-4)}]`;
  if (match.kind === 'cn_id') return '[id]';
  return `[${match.kind}]`;
}

/** `text` with every piece of personal data replaced by its mask (see `maskFor`). */
export function maskPersonalData(text: string): string {
  const found = findPersonalData(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.start) + maskFor(m);
    at = m.end;
  }
  return out + text.slice(at);
}

/** True when `text` holds any personal data `findPersonalData` recognises. */
export function containsPersonalData(text: string): boolean {
  return findPersonalData(text).length > 0;
}
