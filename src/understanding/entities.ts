/**
 * Extracts the entities a complaint dialog needs from English and Chinese text: order numbers,
 * complaint ticket references (`CP-XXXXXX`), emails, phone numbers, amounts with currency,
 * dates (resolved to ISO) and product names from a configurable list.
 */
import { findDates } from './dates';
import type { Entity } from './types';

/** Options for `extractEntities`. */
export interface EntityOptions {
  /** Reference time for relative dates (ms since epoch). */
  now?: number;
  /** Product names to recognise (case-insensitive, longest first). */
  products?: readonly string[];
}

type Candidate = Omit<Entity, 'start' | 'end' | 'text'> & { start: number; end: number; text: string };

/**
 * Words that introduce an order number in a reply or a clause ("my order number is", "order no.",
 * "订单号是", "单号"), as a regular-expression source: the bare answer to "what is the order number?"
 * (`dialogs/slots.ts`) and the clause the summary drops (`dialogs/format.ts`) start with them.
 */
export const ORDER_LEAD = String.raw`(?:(?:the |my )?(?:order|oder|ordr|odrer|ordre|orderr)(?:\s*(?:number|num|no\.?|id))?(?:\s+(?:is|was))?|(?:我的)?(?:订单(?:号|编号)?|单号)(?:是|为)?)`;
/** An order number after "order" (or a common misspelling: "oder", "ordr"), "#", 订单号 or 单号: letters and up to 20 digits (Taobao and JD numbers run to 19), or hyphenated groups with digits ("112-1234567-1234567", "DD-2023-1203001"), not a date or the start of one ("order 2026-12-01"). */
const ORDER_EXPLICIT = /(?:\b(?:order|oder|ordr|odrer|ordre|orderr)(?:\s*(?:number|num|no\.?|id|#))?(?:\s*(?:is|was|:|：))?\s*#?\s*|#\s?|订单(?:号|编号)?(?:是|为)?\s*[:：]?\s*|单号(?:是|为)?\s*[:：]?\s*)([A-Z]{1,3}-\d{4,12}(?:-(?=[A-Z]*\d)[A-Z0-9]{2,12}){0,3}|(?!\d{4}-\d{1,2}-\d{1,2}\b)[A-Z]{0,3}\d{2,12}(?:-(?=[A-Z]*\d)[A-Z0-9]{2,12}){1,3}|[A-Z]{0,3}\d{4,20}(?![-/.]\d))\b/giu;
const ORDER_CONTEXT = /\b(?:order|oder|ordr|odrer|ordre)|\bpurchase|\bpackage|\bparcel|\btracking|订单|单号|包裹|快递|购买|买的/i;
/** A turn that is nothing but an order number ("12345", "#778812", "ab-123456"), not a Chinese mobile number. */
export const BARE_ORDER_NUMBER = /^\s*#?\s*(?!1[3-9]\d{9}(?!\d))(?:\d{5,20}|[A-Z]{1,3}-?\d{5,20})\s*[.。!！?？]*\s*$/i;
/** Digits on their own: not part of a code with Latin letters ("LX123456789CN" is a tracking number). */
const BARE_NUMBER = /(?<![A-Za-z\d.\-+/])\d{5,12}(?![A-Za-z\d.\-/])/g;
const TICKET = /\bCP-[A-Z0-9]{6}\b/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;
const CN_MOBILE = /(?<![\d])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
const INTL_PHONE = /(?<![\w])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)|\+\d{1,3}[\s.-]?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}(?!\d)/g;
const NUM = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
const AMOUNT_RULES: [RegExp, (m: RegExpExecArray) => [number, string]][] = [
  [new RegExp(`(US\\$|\\$|¥|￥|€|£|RMB\\s?|CNY\\s?|USD\\s?|EUR\\s?|GBP\\s?)${NUM}`, 'gi'), (m) => [num(m[2]), currencyOf(m[1])]],
  [new RegExp(`${NUM}\\s?(dollars?|bucks|usd|euros?|eur|pounds?|gbp|rmb|cny|yuan|元|块钱|块|人民币|美元|美金|欧元|英镑)`, 'gi'), (m) => [num(m[1]), currencyOf(m[2])]],
];

function num(text: string): number {
  return Number(text.replace(/,/g, ''));
}

function currencyOf(symbol: string): string {
  const s = symbol.trim().toLowerCase();
  if (/^(\$|us\$|usd|dollars?|bucks|美元|美金)$/.test(s)) return 'USD';
  if (/^(€|eur|euros?|欧元)$/.test(s)) return 'EUR';
  if (/^(£|gbp|pounds?|英镑)$/.test(s)) return 'GBP';
  return 'CNY';
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

/** Normalises a phone number to `+<country><digits>` when the country is known. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (raw.trim().startsWith('+')) return '+' + digits;
  if (/^1[3-9]\d{9}$/.test(digits)) return '+86' + digits;
  if (/^861[3-9]\d{9}$/.test(digits)) return '+' + digits;
  if (digits.length === 10) return '+1' + digits;
  return digits;
}

function orderCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(ORDER_EXPLICIT, text)) {
    const start = m.index + m[0].length - m[1].length;
    out.push({ type: 'order_number', value: m[1].toUpperCase(), text: m[1], start, end: start + m[1].length });
  }
  return out;
}

function bareOrderCandidates(text: string): Candidate[] {
  // A turn that is only a number is an order number: in a care chat that is what a bare number is.
  const whole = BARE_ORDER_NUMBER.test(text) ? /[A-Z]{0,3}-?\d{5,20}/i.exec(text) : null;
  if (whole) return [{ type: 'order_number', value: whole[0].toUpperCase(), text: whole[0], start: whole.index, end: whole.index + whole[0].length }];
  if (!ORDER_CONTEXT.test(text)) return [];
  return [...matches(BARE_NUMBER, text)].map((m) => ({ type: 'order_number' as const, value: m[0], text: m[0], start: m.index, end: m.index + m[0].length }));
}

function simpleCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(TICKET, text)) out.push({ type: 'ticket_ref', value: m[0].toUpperCase(), text: m[0], start: m.index, end: m.index + m[0].length });
  for (const m of matches(EMAIL, text)) out.push({ type: 'email', value: m[0].toLowerCase(), text: m[0], start: m.index, end: m.index + m[0].length });
  for (const re of [CN_MOBILE, INTL_PHONE]) {
    for (const m of matches(re, text)) out.push({ type: 'phone', value: normalizePhone(m[0]), text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function amountCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const [re, read] of AMOUNT_RULES) {
    for (const m of matches(re, text)) {
      const [amount, currency] = read(m);
      out.push({ type: 'amount', value: `${amount} ${currency}`, text: m[0].trim(), start: m.index, end: m.index + m[0].trimEnd().length, amount, currency });
    }
  }
  return out;
}

function productCandidates(text: string, products: readonly string[]): Candidate[] {
  const out: Candidate[] = [];
  const lower = text.toLowerCase();
  for (const name of [...products].sort((a, b) => b.length - a.length)) {
    const needle = name.toLowerCase();
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length)) {
      const before = lower[i - 1] ?? ' ';
      const after = lower[i + needle.length] ?? ' ';
      if (/[a-z0-9]/.test(needle[0]) && /[a-z0-9]/.test(before)) continue;
      if (/[a-z0-9]/.test(needle[needle.length - 1]) && /[a-z0-9]/.test(after)) continue;
      out.push({ type: 'product', value: name, text: text.slice(i, i + needle.length), start: i, end: i + needle.length });
    }
  }
  return out;
}

/**
 * All entities of `text`, in text order, never overlapping: earlier kinds win (explicit order
 * numbers, tickets, emails, phones, amounts, dates, products, then bare numbers that look
 * like order numbers because the text talks about an order).
 */
export function extractEntities(text: string, options: EntityOptions = {}): Entity[] {
  const now = options.now ?? Date.now();
  const dates: Candidate[] = findDates(text, now).map((d) => ({ type: 'date', value: d.iso, text: d.text, start: d.start, end: d.end }));
  const ordered = [
    ...orderCandidates(text), ...simpleCandidates(text), ...amountCandidates(text), ...dates,
    ...productCandidates(text, options.products ?? []), ...bareOrderCandidates(text),
  ];
  const kept: Entity[] = [];
  for (const c of ordered) {
    if (kept.some((k) => c.start < k.end && c.end > k.start)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
