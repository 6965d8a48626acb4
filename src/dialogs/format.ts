/**
 * Language-dependent wording the runtime fills into templates: category and status labels,
 * dates, short summaries, working-day deadlines.
 */
import type { Language } from '../engine/messages';
import type { Ticket, TicketCategory, TicketStatus } from '../store/port';
import { hasHan } from '../understanding/han';
import { categoryScores } from '../understanding/category';
import { withoutGreeting } from '../understanding/intent-rules';
import { ORDER_LEAD } from '../understanding/entities';

const CATEGORY: Record<TicketCategory, Record<Language, string>> = {
  product: { en: 'product', zh: '商品质量' },
  service: { en: 'customer service', zh: '服务' },
  price: { en: 'billing', zh: '价格与扣费' },
  logistics: { en: 'delivery', zh: '物流配送' },
  account: { en: 'account', zh: '账户' },
  privacy: { en: 'privacy', zh: '隐私' },
  other: { en: 'general', zh: '其他' },
};

const STATUS: Record<TicketStatus, Record<Language, string>> = {
  open: { en: 'open and being looked at', zh: '已受理，正在处理' },
  in_progress: { en: 'in progress', zh: '处理中' },
  resolved: { en: 'resolved', zh: '已解决' },
  closed: { en: 'closed', zh: '已关闭' },
};

export function categoryLabel(category: TicketCategory, lang: Language): string {
  return CATEGORY[category][lang];
}

/** Built once: constructing an `Intl.DateTimeFormat` costs far more than formatting with one. */
const DATE_FORMATS = {
  zhDay: new Intl.DateTimeFormat('zh-CN', { month: 'long', day: 'numeric', timeZone: 'UTC' }),
  zhWeekday: new Intl.DateTimeFormat('zh-CN', { weekday: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }),
};

export function formatDate(ms: number, lang: Language): string {
  if (lang === 'zh') return `${DATE_FORMATS.zhDay.format(ms)}（${DATE_FORMATS.zhWeekday.format(ms)}）`;
  return DATE_FORMATS.en.format(ms);
}

/** Template variables describing a ticket, in the reply language, as of `now`. */
export function ticketVariables(t: Ticket, lang: Language, now: number): Record<string, string> {
  const due = t.dueAt ? formatDate(t.dueAt, lang) : '';
  const overdue = Boolean(t.dueAt && now > t.dueAt && (t.status === 'open' || t.status === 'in_progress'));
  return {
    'ticket.ref': t.ref,
    'ticket.due': due,
    'ticket.status': STATUS[t.status][lang],
    'ticket.status_detail': overdue ? overdueDetail(due, lang) : statusDetail(t, due, lang),
    'ticket.summary': quoted(shorten(t.summary, 60)),
  };
}

function overdueDetail(due: string, lang: Language): string {
  return lang === 'zh'
    ? `我们承诺在 ${due} 前处理完毕，但已经超期了，非常抱歉。我已将它标记为超期并请团队优先处理。`
    : `We promised it by ${due} and we are late; I'm sorry. I've flagged it as overdue so the team handles it first.`;
}

function statusDetail(t: Ticket, due: string, lang: Language): string {
  const zh = lang === 'zh';
  switch (t.status) {
    case 'open':
      return zh ? `我们承诺在 ${due} 前给您解决方案。` : `We promised you a solution by ${due}.`;
    case 'in_progress':
      return zh ? `已确认的解决方案将于 ${due} 前完成。` : `The agreed solution will be completed by ${due}.`;
    case 'resolved':
      return zh ? '问题已解决，如仍有疑问请告诉我。' : 'It has been resolved; tell me if anything is still not right.';
    default:
      return zh ? '此投诉已关闭。' : 'This complaint is closed.';
  }
}

/**
 * The customer's problem in their own words, calmly: emoji and sentences that are only an outburst (a few
 * words ending in "!", no number: "I'm FURIOUS!!!", "气死我了！！") are left out, runs of "!?" become
 * one, and words in capitals of four letters or more are lower-cased (short acronyms and codes with digits such as order numbers are kept).
 * Quoting a shout back at the customer reads as mockery; the facts are what we confirm.
 */
export function summarize(text: string, max: number): string {
  text = withoutEmoji(withoutOrderClause(withoutContactClauses(withoutConnective(withoutPraise(storyWithoutGreeting(text))))));
  // A Latin ".!?" ends a sentence only before a space or the end: "$49.99", "v2.0" and
  // "jo.smith@mail.com" stay whole. Sentences keep their own leading space, so they join as written.
  const sentences = text.replace(/\s+/g, ' ').trim().match(/(?:[^.!?。！？]|[.!?]+(?=[^\s.!?。！？]))+(?:[.!?。！？]+|$)/gu) ?? [];
  const calm = (telling(sentences.filter((s) => !isOutburst(s)), max).join('').trim() || text).replace(/([!！?？])[!！?？]+/gu, '$1');
  const tidy = unshout(calm)
    .replace(/\b[A-Z][A-Z']{3,}\b/g, (w) => w.toLowerCase())
    .replace(/\bi\b/g, 'I');
  // "THIS IS THE WORST! WHERE IS IT?" -> "This is the worst! Where is it?": a sentence's first
  // letter stays a capital where it was one (lower-casing keeps the length, so offsets match).
  const restored = tidy.length !== calm.length ? tidy : tidy.replace(/(^[^\p{L}]*|[.!?]\s+)(\p{L})/gu, (m, lead: string, letter: string, at: number) =>
    /\p{Lu}/u.test(calm[at + lead.length]) ? lead + letter.toUpperCase() : m);
  return shorten(restored, max);
}

/** A clause that only gives the order number: "order 88123", "my order number is #88123", "订单号是 2025103100881". */
const ORDER_ONLY = String.raw`(?:and |also )?${ORDER_LEAD}[\s:：#]*(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}(?![A-Z0-9-])`;

/**
 * A clause that is only `clause`, where it can stand: first (up to its separator, one of
 * `leadingStops`), between two separators (the first kept, `$1$2`), or last.
 */
function clauseAt(clause: string, leadingStops: string, flags: string) {
  return {
    leading: new RegExp(`^\\s*${clause}\\s*[${leadingStops}]\\s*`, flags),
    middle: new RegExp(`([,;，；])\\s*${clause}\\s*[,;，；](\\s*)`, `g${flags}`),
    trailing: new RegExp(`\\s*(?:[,;，；。!！]|\\.(?=\\s))\\s*${clause}\\s*[.。!！]?\\s*$`, flags),
    // Ending a sentence that more of the story follows ("…on the left, order 889900. The right one…").
    beforeStop: new RegExp(`[,;，；]\\s*${clause}\\s*([.。!！](?=\\s*\\S))`, `g${flags}`),
  };
}

const ORDER_CLAUSE = clauseAt(ORDER_ONLY, ',;:，；：。', 'i');

/**
 * The story without a clause that only gives the order number ("the fridge stopped cooling, 订单号是
 * 2025103100881", "右边没声音，订单号 20241234，我要换新的"): the confirmation and the ticket state
 * the number already, and quoting it twice hides the problem.
 */
function withoutOrderClause(text: string): string {
  const rest = text.replace(ORDER_CLAUSE.trailing, '').replace(ORDER_CLAUSE.leading, '').replace(ORDER_CLAUSE.middle, '$1$2').replace(ORDER_CLAUSE.beforeStop, '$1');
  return /[\p{L}]/u.test(rest) ? rest : text;
}

/** A clause that only introduces the customer: their name, email or phone ("my name is John Smith", "我的手机号是13800138000"). */
const CONTACT = String.raw`(?:(?:and |also )?(?:my name is|my name's) [\p{L}.'-]+(?: [\p{L}.'-]+){0,3}|(?:and |also )?(?:(?:my )?(?:e-?mail(?: address)?|phone(?: number)?|mobile(?: number)?)|my number) is (?:[+\d(][\d\s().-]{4,}\d|[^\s,;，；]+)|(?:you can )?(?:reach|contact|call) me (?:at|on) [\d\s+().-]{6,}?|我叫[\p{Script=Han}A-Za-z]{1,10}|我的?(?:名字|姓名)(?:是|叫)[\p{Script=Han}A-Za-z ]{1,20}|我的?(?:邮箱|电子邮箱|手机号?码?|电话号?码?)(?:是|为|[:：])\s*[\w@.+-]+)`;
const CONTACT_CLAUSE = clauseAt(CONTACT, ',;:，；：.。', 'iu');

/**
 * The story without the customer introducing themselves ("my name is John Smith, my email is
 * john@example.com, order 99887 never arrived"): the problem is what the confirmation quotes and
 * the ticket summary keeps, and personal data stays out of both.
 */
function withoutContactClauses(text: string): string {
  const lead = untilStable(text, (t) => t.replace(CONTACT_CLAUSE.leading, ''));
  const rest = untilStable(withoutOpening(text, lead), (t) => t.replace(CONTACT_CLAUSE.middle, '$1$2').replace(CONTACT_CLAUSE.trailing, ''));
  return /[\p{L}]/u.test(rest) ? rest : text;
}

function untilStable(text: string, step: (t: string) => string): string {
  for (let next = step(text); next !== text; next = step(text)) text = next;
  return text;
}

/**
 * "Also, ", "ok, and ", "actually ", "好的，另外，": how a second complaint starts in a chat, not part of its
 * problem. A filler ("ok", "so", "好的") goes only before a comma or a connective: "right earbud
 * is dead" keeps its "right".
 */
const FILLER = String.raw`(?:ok(?:ay)?|alright|right|well|so|anyway|好的|好|嗯)`;
const CONNECTIVE = new RegExp(
  String.raw`^\s*(?:${FILLER}\s*[,，!！.。]\s*)*(?:(?:${FILLER}\s+)?(?:and|also|plus|oh and|by the way|btw|actually|in fact)\b[\s,]*|(?:另外|还有|对了|顺便说一下|其实)[，,\s]*)?`,
  'iu',
);

function withoutConnective(text: string): string {
  return withoutOpening(text, text.replace(CONNECTIVE, ''));
}

/** "收到的杯子碎了 😭" -> "收到的杯子碎了": the feeling is heard in the empathy, the facts are quoted. */
function withoutEmoji(text: string): string {
  const rest = text.replace(/\s*(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f])+/gu, '').trim();
  return /[\p{L}\p{N}]/u.test(rest) ? rest : text;
}

/** "Hi, ", "Hello there! ", "您好，在吗？": a greeting before the story is not part of the problem. */
function storyWithoutGreeting(text: string): string {
  return withoutOpening(text, withoutGreeting(text));
}

/**
 * Praise before the problem, sarcastic more often than not ("wow great service, my order 12345 is
 * three weeks late", "你们效率真高啊，一个月了还没发货"): quoting it back reads as mockery, and the
 * problem is what is confirmed.
 */
const PRAISE_OPENING = new RegExp(
  String.raw`^\s*(?:(?:wow|oh|well|yeah|just|really)[\s,!]*)*(?:(?:what )?(?:an? )?(?:great|wonderful|perfect|fantastic|brilliant|awesome|amazing|lovely|excellent|nice)(?: (?:service|job|work|company|support|stuff))?|(?:good|nice|great) job|well done|thanks a lot|thank you so much)(?:,? (?:guys|folks|team|you guys))?[\s!.]*[,，!！.。]\s*`
    + String.raw`|^\s*(?:你们)?(?:的)?(?:效率|服务|速度|态度)?(?:可)?(?:真|太|好|真是)(?:高|好|棒|行|快|厉害|不错)(?:啊|呀|呢|哈|了)?[，,!！。]\s*`,
  'iu',
);

function withoutPraise(text: string): string {
  return withoutOpening(text, text.replace(PRAISE_OPENING, ''));
}

/**
 * `rest`, the story without its opening words, when it still has words (else `text`): "Hi, i
 * returned..." keeps reading as a sentence, so its first letter becomes a capital.
 */
function withoutOpening(text: string, rest: string): string {
  if (rest === text.trim() || !/[\p{L}\p{N}]/u.test(rest)) return text;
  return rest.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** Short capitals that stay capitals inside a shouted run ("MY UPS PARCEL" -> "my UPS parcel"). */
const KEEP_CAPS = /^(?:UPS|DHL|USPS|USA|UK|EU|ID|PIN|TV|PC|SMS|OTP|VIP|USB|GPS|ATM|API|PDF)$/;

/**
 * Lower-cases every word of a shouted run: two or more words in capitals next to each other, one
 * of them four letters or longer ("THIS IS THE WORST"), so the short words ("IS", "THE") go with
 * the long ones. Codes with digits or hyphens ("CP-7K3M9Q") break a run and are kept.
 */
function unshout(text: string): string {
  const tokens = text.split(/(\s+)/);
  const capsWord = (t: string) => /^[A-Z][A-Z']*[.,;:!?]*$/.test(t);
  for (let i = 0; i < tokens.length; i += 2) {
    let j = i;
    while (j < tokens.length && capsWord(tokens[j])) j += 2;
    const run = tokens.slice(i, j).filter((_, k) => k % 2 === 0);
    if (run.length >= 2 && run.some((t) => t.replace(/[^A-Z]/g, '').length >= 4)) {
      for (let k = i; k < j; k += 2) {
        const word = tokens[k].replace(/[.,;:!?]+$/, '');
        if (!KEEP_CAPS.test(word)) tokens[k] = tokens[k].toLowerCase();
      }
    }
    if (j > i) i = j - 2;
  }
  return tokens.join('');
}

/**
 * When the story is longer than the summary may be, the sentences that say what is wrong or hold a
 * number (order, amount, phone): "This is the third time I'm contacting you." gives way to "My
 * washing machine (order 80012) is leaking". All of them when none does.
 */
function telling(sentences: string[], max: number): string[] {
  if ([...sentences.join('').trim()].length <= max) return sentences;
  const kept = sentences.filter((s) => /\d/.test(s) || Object.values(categoryScores(s)).some((v) => v > 0));
  return kept.length ? kept : sentences;
}

/** A few words ending in "!" that say nothing of what is wrong: "I'm FURIOUS!!!", "气死了！", not "Still no refund!". */
function isOutburst(sentence: string): boolean {
  const s = sentence.trim();
  if (!/[!！]$/u.test(s) || /\d/.test(s) || Object.values(categoryScores(s)).some((v) => v > 0)) return false;
  const words = s.split(/\s+/).length;
  return hasHan(s) ? [...s].length <= 8 : words <= 4;
}

/** Text quoted inside a sentence ('..."{{summary}}". Is that correct?'): without its own final full stop. */
export function quoted(text: string): string {
  return text.replace(/(?<![.。])[.。]$/u, '');
}

/** First `max` characters of a text on a word boundary where possible, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if ([...flat].length <= max) return flat;
  const cut = [...flat].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[，,。.;；:：!！?？\s]+$/, '')}…`;
}

/** `now` plus `days` working days (Saturday and Sunday skipped), at 18:00 UTC. */
export function addWorkingDays(now: number, days: number): number {
  const d = new Date(now);
  let left = Math.max(0, Math.round(days));
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  d.setUTCHours(18, 0, 0, 0);
  return d.getTime();
}
