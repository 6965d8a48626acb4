/**
 * Finds dates in English and Chinese text ("yesterday", "last Friday", "3 days ago", "昨天",
 * "上周五", "3天前", "2026-11-20", "11月20日", "Nov 20") and resolves them to ISO dates
 * (`YYYY-MM-DD`, UTC) relative to a reference time.
 */

/** A date mention: where it is and the ISO date it means. */
export interface DateMatch {
  start: number;
  end: number;
  text: string;
  iso: string;
}

const DAY = 86_400_000;
const EN_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ZH_WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZH_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const EN_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, couple: 2, few: 3 };

/** Parses "3", "三", "十二", "两" into a number. */
export function parseSmallNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower in EN_NUMBERS) return EN_NUMBERS[lower];
  if (text.includes('十')) {
    const [tens, ones] = text.split('十');
    return (tens ? ZH_DIGITS[tens] ?? 1 : 1) * 10 + (ones ? ZH_DIGITS[ones] ?? 0 : 0);
  }
  return ZH_DIGITS[text] ?? NaN;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Date of weekday `wd` in the week (Monday first) that is `weekOffset` weeks from now's. */
function weekdayInWeek(now: number, wd: number, weekOffset: number): number {
  const today = startOfDay(now);
  const mondayIndex = (new Date(today).getUTCDay() + 6) % 7;
  const target = (wd + 6) % 7;
  return today + (target - mondayIndex + 7 * weekOffset) * DAY;
}

/** Most recent `wd` strictly before today. */
function lastWeekday(now: number, wd: number): number {
  const today = startOfDay(now);
  const diff = (new Date(today).getUTCDay() - wd + 7) % 7 || 7;
  return today - diff * DAY;
}

/** A month/day without a year: this year's, or last year's when that would be in the future. */
function monthDay(now: number, month: number, day: number, year?: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const y = year ?? new Date(now).getUTCFullYear();
  let ms = Date.UTC(y, month - 1, day);
  if (year === undefined && ms > startOfDay(now) + 31 * DAY) ms = Date.UTC(y - 1, month - 1, day);
  return ms;
}

type Rule = [RegExp, (m: RegExpExecArray, now: number) => number | undefined];

const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, 天: 1, 日: 1, 周: 7, 星期: 7, 个星期: 7, 礼拜: 7, 个礼拜: 7 };
const NUM = '(\\d+|[一二两三四五六七八九十]+)';

const RULES: Rule[] = [
  [/\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g, (m, now) => monthDay(now, +m[2], +m[3], +m[1])],
  [/(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/g, (m, now) => monthDay(now, +m[2], +m[3], m[1] ? +m[1] : undefined)],
  [/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?\b/gi, (m, now) => monthDay(now, MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1, +m[2])],
  [/\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/gi, (m, now) => monthDay(now, MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1, +m[1])],
  [/\bthe day before yesterday\b|前天/gi, (_m, now) => startOfDay(now) - 2 * DAY],
  [/\byesterday\b|\byday\b|昨天|昨日|昨晚/gi, (_m, now) => startOfDay(now) - DAY],
  [/\btoday\b|\btonight\b|\bthis morning\b|今天|今日|今早|今晚/gi, (_m, now) => startOfDay(now)],
  [/\btomorrow\b|明天/gi, (_m, now) => startOfDay(now) + DAY],
  [/\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|couple of|few) (days?|weeks?) ago\b/gi, (m, now) => startOfDay(now) - parseSmallNumber(m[1].replace(/ of$/, '')) * UNIT_DAYS[m[2].toLowerCase()] * DAY],
  [new RegExp(`${NUM}(天|日|周|个星期|星期|个礼拜|礼拜)(?:以)?前`, 'g'), (m, now) => startOfDay(now) - parseSmallNumber(m[1]) * UNIT_DAYS[m[2]] * DAY],
  [/\blast (sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi, (m, now) => lastWeekday(now, EN_WEEKDAYS.indexOf(m[1].toLowerCase()))],
  [/\bthis (sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi, (m, now) => weekdayInWeek(now, EN_WEEKDAYS.indexOf(m[1].toLowerCase()), 0)],
  [/\bon (sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi, (m, now) => lastWeekday(now, EN_WEEKDAYS.indexOf(m[1].toLowerCase()))],
  [/(上上|上|这|本|下)?(?:周|星期|礼拜)([一二三四五六日天])/g, (m, now) => weekdayInWeek(now, ZH_WEEKDAYS[m[2]], ({ 上上: -2, 上: -1, 下: 1 } as Record<string, number>)[m[1] ?? ''] ?? 0)],
  [/\blast week\b|上周|上星期|上个星期|上礼拜/gi, (_m, now) => startOfDay(now) - 7 * DAY],
];

/** Every date mention in `text`, resolved against `now`, without overlaps, in text order. */
export function findDates(text: string, now: number): DateMatch[] {
  const found: DateMatch[] = [];
  const overlaps = (s: number, e: number) => found.some((d) => s < d.end && e > d.start);
  for (const [re, resolve] of RULES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const ms = resolve(m, now);
      if (ms === undefined || Number.isNaN(ms) || overlaps(start, end)) continue;
      found.push({ start, end, text: m[0], iso: iso(ms) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
