/**
 * Rules applied on top of the intent classifier for turn shapes a bag of n-grams reads badly:
 * emoji-only answers (👍 = yes, 👎 = no), a closing "bye/再见" after thanks or an acknowledgement
 * (the closing wins), a greeting followed by a request (the request wins), a bare order number
 * (an order-status question), and a sarcastic yes or thanks (a complaint). Each rule keeps the
 * classifier's ranking and only replaces the decision. `assentsWithThanks`, `settlesForOffer`,
 * `wantsMore`, `asksToFile`, `saysSolved` and `withdraws` are read by the dialog runtime, where a
 * question is waiting (`withdraws` also by the handoff queue).
 */
import { BARE_ORDER_NUMBER } from './entities';
import type { ComplaintCategory, EmotionResult, IntentResult } from './types';

/** Classifies a text with the trained model alone (the rules call it on the rest of a turn). */
export type IntentFn = (text: string) => IntentResult;

const YES_EMOJI = /[👍👌🆗✅✔☑🙆]/u;
const NO_EMOJI = /[👎❌✖🙅⛔🚫]/u;
const EMOJI_ONLY = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\s]+$/u;

const CLOSING = /^(?:(?:ok(?:ay)?|thanks?|thank you|so|then|well|alright|and)\s+)*(?:bye(?:[\s-]*bye)*|good ?bye|see (?:you|ya)(?: later| soon)?|cya|take care|have a (?:good|nice) (?:day|one)|再见|拜拜|拜|回见|下次见|先这样)[\s~～!！.。…]*$/iu;
const CLAUSE = /[,，.。;；!！?？、\n]+/u;
/** Intents a closing "bye" may override: the turn says nothing else that needs an answer. */
const CLOSABLE = new Set(['thanks', 'affirm', 'deny', 'goodbye', 'greeting', 'oos']);

const GREETING = /^(?:(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening)|dear (?:sir|madam|team|support))(?: (?:there|again|team|guys|all))?|你好|您好|嗨|哈喽|哈啰|在吗|在不在)(?![a-z\d-])[\s,，!！.。~～:：?？]*/iu;
/** The rest of a greeting turn must carry this much text to count as a request. */
const MIN_REQUEST_CHARS = 4;

function decided(base: IntentResult, name: string, confidence: number): IntentResult {
  return { ...base, name, confidence: Math.max(confidence, base.name === name ? base.confidence : 0), outOfScope: false };
}

const ASSENT_WORDS = String.raw`ok(?:ay)?|yes|yeah|yep|yup|sure|fine|great|perfect|good|cool|alright|all right|sounds good|(?:that|it)(?:'s| is) (?:fine|great|perfect|good|ok(?:ay)?)|that works|works for me|好的?|好吧|好滴|可以(?:的)?|行|没问题|嗯+`;
const THANKS_WORDS = String.raw`thanks?(?: a lot| so much| very much)?|thank you(?: (?:so|very) much)?|thx|cheers|谢谢(?:你|您|你们)?|多谢|感谢`;
const JOIN = String.raw`[\s,，.。!！~～]*`;
const ASSENT_AND_THANKS = new RegExp(`^(?:(?:${ASSENT_WORDS})${JOIN}(?:${THANKS_WORDS})|(?:${THANKS_WORDS})${JOIN}(?:${ASSENT_WORDS}))${JOIN}$`, 'iu');

/**
 * "ok thanks", "great, thank you", "好的谢谢", "thanks, that works": thanks that also assent. Read
 * as thanks when nothing is asked, such a turn answers a waiting yes/no question with yes.
 */
export function assentsWithThanks(text: string): boolean {
  return ASSENT_AND_THANKS.test(text.trim());
}

const SETTLES = new RegExp(
  String.raw`^\s*(?:(?:好|行|嗯+|算了|ok)[，,\s]*)?那?(?:就|也)?(?:只能)?这样(?:吧|了|吧了|办吧)?[\s。.!！~～]*$`
    + String.raw`|^\s*(?:(?:算了|随便|行)[，,\s]*)?(?:你们)?(?:赶紧|快点|尽快)(?:给我)?(?:处理|办|弄|解决)(?:吧|一下)?[\s。.!！~～]*$|^\s*(?:你们)?看着办吧?[\s。.!！~～]*$`
    + String.raw`|^\s*(?:(?:ok(?:ay)?|fine|alright|sure|whatever|i don'?t care)[\s,]*)?(?:(?:let'?s|we can) (?:do|go with) (?:that|it)|just (?:fix|sort|do|handle) it(?: (?:already|please|then))?)[\s.!]*$`
    + String.raw`|^\s*(?:(?:ok(?:ay)?|fine|好吧?|行)[，,\s]*)?(?:whatever|随便(?:你们)?吧?|无所谓(?:了|吧)?|都行|都可以)[\s。.!！~～]*$`,
  'iu',
);

/**
 * "那就这样吧", "也只能这样了", "let's go with that", "I don't care, just fix it", "赶紧处理吧",
 * "whatever", "随便吧": settling for what was offered, however grudgingly. Read as a goodbye, a no
 * or nothing when no question waits, such a turn answers a waiting yes/no question with yes
 * ("先这样", "that's all for now", is a goodbye either way).
 */
export function settlesForOffer(text: string): boolean {
  return SETTLES.test(text);
}

const DROP_EN = String.raw`never ?mind|forget (?:it|about it)|no need(?: anymore| now)?|(?:it'?s |all )?(?:fine|ok(?:ay)?|good) now|i(?:'ve| have)? (?:figured|sorted|worked) it out|(?:it|the (?:problem|issue)) (?:is |has been |got )?(?:solved|resolved|fixed|sorted)(?: now)?|i (?:don'?t|do not) need (?:a |an )?(?:agent|person|human|help|anyone)(?: anymore| now)?|cancel (?:the |my )?(?:transfer|request)|i'?ll (?:try|come back) later|don'?t (?:worry|bother)(?: about it)?|it doesn'?t matter(?: anymore)?|i'?ll (?:deal with|sort|handle) it myself`;
const DROP_ZH = '算了|不用了|不需要了|不用转了?|取消转接|不等了|已经?解决了?|自己解决了?|自己处理|搞定了|没事了|不想?投诉了|不用?处理了|不弄了';
const DROPS = new RegExp(String.raw`\b(?:${DROP_EN})\b|${DROP_ZH}`, 'gi');
/** Words around those phrases that change nothing: "ok", "thanks", "好的", "我". */
const DROP_FILLERS = /\b(?:ok(?:ay)?|thanks?|thank you|thx|sorry|please|actually|oh|hey|so|then|anyway|bye|no|nah|well)\b|谢谢你?|好的|嗯|哦|啦|吧|了|我|那|先/gi;

/**
 * "never mind", "forget it, I'll sort it myself", "算了，不用了", "不投诉了", "it's fine now": the
 * customer drops what they started, and says nothing else ("never mind, my parcel still hasn't
 * arrived" is more of the problem). The dialog runtime ends a complaint that is still being heard
 * this way (the script's `withdraw_step`), and a queued chat leaves the queue
 * (`handoff/withdrawal.ts`); elsewhere the intent model reads such a turn (mostly as `deny`).
 */
export function withdraws(text: string): boolean {
  DROPS.lastIndex = 0;
  if (!DROPS.test(text)) return false;
  return text.replace(DROPS, ' ').replace(DROP_FILLERS, ' ').replace(/[\s\p{P}\p{S}]/gu, '').length === 0;
}

const WANTS_MORE = new RegExp(
  String.raw`\b(?:is that (?:all|it)|that'?s (?:it|all)\s*\?|can'?t you do (?:any )?better|(?:is that|that'?s) the best you can do|(?:i|we) (?:want|need) (?:it|them|this) (?:faster|sooner|quicker|earlier)|(?:can|could) (?:you|it|this|that) (?:be )?(?:any )?(?:faster|sooner|quicker)|any (?:faster|sooner|quicker))\b`
    + String.raw`|就这[？?]|就这样[？?]|就这些[？?]|只有这些[？?]|能(?:不能)?快点|可以快点|快一点吗|(?:能不能|可不可以|能)(?:再)?快一?点|更快一?点|没有别的(?:办法|补偿)|就没有(?:别的|其他)`,
  'iu',
);

/**
 * "is that all?", "can't you do better?", "fine but I want it faster", "就这？", "能不能快点": asking
 * for more than the offer. At an offer it is a no (the voucher and top priority, or a colleague,
 * come next); the intent model reads such turns as a goodbye, a policy question or even a yes.
 */
export function wantsMore(text: string): boolean {
  return WANTS_MORE.test(text);
}

const FILE_IT = /\b(?:open|file|lodge|log|raise|register|make|start|submit)(?: (?:a|the|my))? (?:complaint|ticket|case)\b|\b(?:file|log|register|submit) it\b|帮我(?:登记)?投诉|(?:帮我|给我|请)?登记(?:一下|投诉)|我要投诉|提交投诉/iu;

/**
 * "yes please open a complaint", "是的，帮我投诉", "对，帮我登记一下": asking for the complaint to be
 * filed. At "Shall I open a complaint?" or "Is that correct?" it is a yes; the intent model reads
 * the words as a status question (0.82-0.87) or an order change.
 */
export function asksToFile(text: string): boolean {
  return FILE_IT.test(text) && !/\b(?:don'?t|do not|no need|not)\b|不用|不要|别/iu.test(text);
}

/** Negated words that are not a "no": "no problem", "nothing else", "没问题了", "挺不错的", "不用了". */
const BENIGN_NEGATION = /\bno (?:problem|worries|need|further)\b|\bnot bad\b|\bnothing else\b|\bdon'?t worry\b|没问题|没事了?|不错|不用了?|不客气|不好意思/giu;
const NOT_SOLVED = /\b(?:not|never|no|nothing|nobody|still|yet|partly|partially|half)\b|n't\b|没|未|不|还(?:在|是|要)|仍|依然|一半/iu;
const SOLVED = /\b(?:solved|fixed|sorted|resolved|all good|fine now|ok now|okay now|good now|works|working|arrived|received|got (?:it|them|the|my))\b|解决|好了|修好|收到|到了|到账|可以用了|能用了|正常了|没(?:有)?问题了|没事了/iu;

/**
 * What a typed answer to "has the problem been solved?" says: `true` for "it's fixed now",
 * "收到退款了", "all good now"; `false` when the solved word is negated or qualified ("not
 * fixed yet", "I got the refund but not the voucher", "还没解决"); `undefined` when it names no
 * outcome (the intent decides then).
 */
export function saysSolved(text: string): boolean | undefined {
  if (!SOLVED.test(text)) return undefined;
  return !NOT_SOLVED.test(text.replace(BENIGN_NEGATION, ' '));
}

/** 👍/👌 alone is a yes, 👎/❌ alone a no (when only one of the two kinds appears). */
export function emojiAnswer(text: string): 'affirm' | 'deny' | undefined {
  const trimmed = text.trim();
  if (!trimmed || !EMOJI_ONLY.test(trimmed)) return undefined;
  const yes = YES_EMOJI.test(trimmed);
  const no = NO_EMOJI.test(trimmed);
  if (yes === no) return undefined;
  return yes ? 'affirm' : 'deny';
}

/** True when the last clause of `text` is a closing such as "bye", "ok thanks, bye" or "再见". */
export function endsWithClosing(text: string): boolean {
  const clauses = text.split(CLAUSE).map((c) => c.trim()).filter(Boolean);
  return clauses.length > 0 && CLOSING.test(clauses[clauses.length - 1]);
}

/** The text after its leading greetings ("Hey, hey! Dear team, the app crashes" -> "the app crashes"), trimmed. */
export function withoutGreeting(text: string): string {
  let rest = text.trim();
  for (let m = rest.match(GREETING); m && m[0].length > 0; m = rest.match(GREETING)) rest = rest.slice(m[0].length).trim();
  return rest;
}

/** The request after a leading greeting ("hi, where is my order" -> "where is my order"), if any. */
export function afterGreeting(text: string): string | undefined {
  const rest = withoutGreeting(text);
  if (rest === text.trim()) return undefined;
  return rest.replace(/[\s\p{P}]/gu, '').length >= MIN_REQUEST_CHARS ? rest : undefined;
}

/**
 * A customer who only says who they are ("Hi, this is Kaitlyn from Acme", "hey, I'm John", "my
 * name is Sarah Lee"): a greeting. The model read "hi, this is ..." as the start of "this is
 * ridiculous" (complaint 0.86) and the bot asked for an order number. The name must be written
 * with a capital, which is what tells "this is Kaitlyn" from "this is unacceptable"; a name typed in
 * lower case is left to the model.
 */
const INTRODUCTION = /^(?<greeting>(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|dear (?:team|support|sir|madam))\b[\s,!.]*)+)?(?<intro>this is|i'?m|i am|my name is|my name'?s)\s+(?:(?:mr|mrs|ms|miss|dr)\.?\s+)?(?<name>[^,.!?]+?)(?:\s+(?:here|speaking))?(?:\s*,?\s+from\s+[^,.!?]{1,40})?[\s.!]*$/iu;
const NAME = /^\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+)?$/u;
/** Feelings and states a customer may capitalise after "I'm" ("I'm Done"), which are not names. */
const NOT_NAMES = /^(?:done|sorry|upset|angry|furious|mad|disappointed|confused|frustrated|worried|tired|fed|broke|broken|back|new|not|so|very|really|still|just|trying|waiting|writing|calling|contacting|here|lost|stuck|unhappy|annoyed|shocked|sick)\b/i;

/** "this is" / "I'm" + a name after a greeting, or "my name is" + a name anywhere ("This Is Unacceptable" is not one). */
export function introducesThemselves(text: string): boolean {
  const m = INTRODUCTION.exec(text.trim());
  const name = m?.groups?.name;
  if (!m || name === undefined || !NAME.test(name) || NOT_NAMES.test(name)) return false;
  return Boolean(m.groups?.greeting) || /^my name/i.test(m.groups?.intro ?? '');
}

/**
 * Applies the rules to the classifier's decision `base` for `text`; `classify` re-runs the
 * classifier on the request part of a greeting turn.
 */
export function applyIntentRules(text: string, base: IntentResult, classify: IntentFn): IntentResult {
  const emoji = emojiAnswer(text);
  if (emoji) return decided(base, emoji, 0.9);
  if (introducesThemselves(text)) return decided(base, 'greeting', 0.9);
  if (CLOSABLE.has(base.name) && endsWithClosing(text)) return decided(base, 'goodbye', 0.9);
  // "12345" on its own, with no question waiting for it, asks about that order.
  if (base.outOfScope && BARE_ORDER_NUMBER.test(text)) return decided(base, 'order_status', 0.8);
  if (base.name === 'greeting' || base.outOfScope) {
    const rest = afterGreeting(text);
    const request = rest === undefined ? undefined : classify(rest);
    if (request && !request.outOfScope && request.name !== 'greeting') return request;
  }
  return base;
}

/**
 * "yes, and the right one crackles too", "对，不过右边也有杂音", "mostly, but it's the lid that
 * leaks": a half-agreement that goes on with more of the problem is a complaint (the story grows),
 * not a bare yes or no. One that goes on with haste ("yes but hurry up", "对，但是快点") is a yes;
 * one that goes on with anything else keeps the classifier's reading.
 */
export function moreOfTheProblem(text: string, base: IntentResult, classify: IntentFn, categorize: (text: string) => string): IntentResult {
  const more = afterPartialAgreement(text);
  if (more === undefined) return base;
  // "yes but hurry up", "对，但是快点": a yes in a hurry.
  if (HURRY.test(more)) return decided(base, 'affirm', 0.9);
  if (base.name === 'complaint' || categorize(more) === 'other' || classify(more).name !== 'complaint') return base;
  return decided(base, 'complaint', 0.9);
}

const HURRY = /^(?:please\s+)?(?:hurry(?:\s+up)?|be quick|make it quick|quickly|asap|as soon as (?:possible|you can)|fast(?:er)?|快点|快一点|尽快|赶紧|抓紧)(?:\s*(?:please|pls))?[\s.!。！]*$/i;

/**
 * How a customer half-agrees with the bot's restatement before adding to it ("mostly, but it's the
 * lid that leaks", "yes, and the cable is frayed too", "对，不过盖子也漏"): an answer to the bot,
 * not part of the problem. "right" and "correct" count only before a comma or a stop: in "right and
 * left earbuds are dead" they are the problem.
 */
const PARTIAL_AGREEMENT = new RegExp(
  String.raw`^(?:(?:(?:yes|yeah|yep|mostly|partly|almost)\b[\s,.;:–—-]*|(?:kind of|sort of|more or less|that'?s (?:mostly |almost |partly )?(?:right|correct)|right|correct)\s*[,.;:–—-][\s,.;:–—-]*)(?:but|and|except|though|although)\b|(?:对|是的|没错|基本(?:上)?(?:对|是这样)?|差不多|大部分对|大体上对)[，,\s]*(?:不过|但是|但|只是|而且|另外)|(?:不过|但是|只是))[\s,，:：]*`,
  'iu',
);

/** What follows a half-agreement, when there is something of substance after it. */
export function afterPartialAgreement(text: string): string | undefined {
  const m = PARTIAL_AGREEMENT.exec(text.trim());
  const rest = m ? text.trim().slice(m[0].length).trim() : '';
  return /[\p{L}\p{N}]/u.test(rest) ? rest : undefined;
}

/** Intents that assent or thank, which sarcasm turns around. */
const ASSENT = new Set(['affirm', 'thanks']);

/**
 * A sarcastic yes or thanks ("呵呵，真是好服务", "Yeah right, thanks a lot", "thanks for nothing")
 * is a complaint, not assent: no script may take it as an accepted solution. `emotion` is the
 * turn's emotion, whose cues say whether the sarcasm rules fired.
 */
export function sarcasticAssent(intent: IntentResult, emotion: EmotionResult): IntentResult {
  if (!ASSENT.has(intent.name) || !emotion.cues.some((c) => c.kind === 'sarcasm')) return intent;
  return decided(intent, 'complaint', 0.9);
}

/**
 * A policy question that also states a problem ("can I return it? it's broken", "这个坏了能退吗")
 * is a complaint: the customer needs this item put right, not the general rules. `emotion` says
 * whether a complaint fact fired.
 */
export function problemOverPolicy(intent: IntentResult, emotion: EmotionResult): IntentResult {
  if (intent.name !== 'policy_question' || !emotion.cues.some((c) => c.fact)) return intent;
  return decided(intent, 'complaint', 0.9);
}

/**
 * An order-status question that states a fault with the goods, the service or the money ("my
 * washing machine is leaking water everywhere, order 778899", "洗衣机漏水，订单 778899") is a
 * complaint: a complaint fact fired and the problem is not the delivery (`category`), which the
 * order-status answer itself offers to take up.
 */
export function problemOverStatus(intent: IntentResult, emotion: EmotionResult, category: ComplaintCategory): IntentResult {
  if (intent.name !== 'order_status' || category === 'logistics' || category === 'other' || !emotion.cues.some((c) => c.fact)) return intent;
  return decided(intent, 'complaint', 0.9);
}

/**
 * Asking for a person in so many words ("我要找人工客服，退款一直没到账", "let me talk to a real person,
 * my refund never came"): a request the bot honours even when the turn also tells the problem, so
 * a near tie between the two intents never keeps the customer from a person. Complaints about
 * agents ("你们的人工客服态度太差了") name no request and stay complaints.
 */
const EXPLICIT_HUMAN = new RegExp(
  String.raw`\b(?:(?:talk|speak|chat) (?:to|with) (?:a |an |some |your )?(?:real |actual |live )?(?:person|human|agent|someone|somebody|manager|supervisor)|(?:get|give|put) me (?:through to )?(?:a |an )?(?:real |live )?(?:person|human|agent|manager)|human agent|real person)\b`
    + '|(?:找|要|转|接|叫)(?:个|一下)?人工|转人工|人工服务|真人客服',
  'i',
);

export function humanOverComplaint(intent: IntentResult, text: string): IntentResult {
  if (intent.name !== 'complaint' || !EXPLICIT_HUMAN.test(text)) return intent;
  const human = intent.ranking.find((r) => r.name === 'human_agent')?.confidence ?? 0;
  return human >= 0.2 ? decided(intent, 'human_agent', human) : intent;
}
