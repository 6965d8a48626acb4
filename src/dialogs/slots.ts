/**
 * Slot filling and per-frame memory: what a customer's turn tells the frame (slot values, facts
 * such as amounts and dates, the strongest emotion, the complaint category).
 */
import type { Script, SlotSpec } from './schema';
import type { Frame } from './state';
import type { DialogTurn } from './turn';
import { countHan } from '../understanding/han';
import { negativity } from '../understanding/trajectory';
import { ORDER_LEAD } from '../understanding/entities';
import { afterPartialAgreement } from '../understanding/intent-rules';

const FACT_TYPES = new Set(['amount', 'date', 'email', 'phone', 'product']);

/** How many recent turns a newly started script looks back at for the customer's emotion. */
const RECENT_TURNS = 3;

/** Starts a frame's emotion peak from the last few turns (an "😡😡😡" just before the story counts). */
export function seedPeak(frame: Frame, turn: DialogTurn): void {
  for (const p of turn.trajectory.points.slice(-RECENT_TURNS)) {
    if (negativity(p) > (frame.peak?.intensity ?? 0)) frame.peak = { label: p.label, intensity: p.intensity };
  }
}

/** Records facts, emotion peak and category from the turn; fills entity slots it mentions. */
export function absorbTurn(frame: Frame, script: Script, turn: DialogTurn): void {
  const { emotion, entities, category } = turn.analysis;
  if (negativity(emotion) > (frame.peak?.intensity ?? 0)) {
    frame.peak = { label: emotion.label, intensity: emotion.intensity };
  }
  if (emotion.cues.some((c) => c.kind === 'threat')) frame.facts.threat = ['yes'];
  for (const e of entities) {
    if (!FACT_TYPES.has(e.type)) continue;
    const values = (frame.facts[e.type] ??= []);
    if (!values.includes(e.value)) values.push(e.value);
  }
  if (category !== 'other' && !frame.category && !turn.value) frame.category = category;
  if (!frame.story && !turn.value && emotion.cues.some((c) => c.kind === 'lexicon' && c.fact)) frame.story = turn.text.trim();
  for (const [name, spec] of Object.entries(script.slots)) {
    if (spec.from === 'entity' && !frame.slots[name]) fillSlot(frame, name, spec, turn);
  }
}

/**
 * "I want to make a complaint", "I have a problem with my order", "I want to return this item",
 * "我要投诉", "我想退货": asks to complain or return and says nothing of what happened, so it is no
 * story, however many words it has.
 */
const REQUEST_ONLY = new RegExp(
  String.raw`^\s*(?:(?:hi|hello|hey)[\s,!.]*)?(?:i(?:'d| would)? (?:like|want|need|wish) to (?:(?:make|file|lodge|raise|submit|register|open) )?(?:a |an )?(?:formal )?complain\w*|i(?:'ve| have)? (?:have |got )?(?:a |an )?(?:complaint|problem|issue)(?: to (?:make|report))?|(?:i )?(?:want|need|would like) to (?:report|complain about) (?:a |an )?(?:problem|issue)|complaint|problem|issue|(?:i )?(?:need|want|would like|'d like) (?:some )?help|(?:can|could) (?:you|someone|anyone|somebody) (?:please )?help(?: me)?|help(?: me)?|there(?:'s| is) (?:a |an )?(?:problem|issue)|something(?:'s| is) (?:wrong|not right)|(?:i(?:'d| would)? (?:like|want|need) to |how (?:do|can) i |can i )(?:return|send back|send (?:it|them|this|these) back|exchange|get a refund for)(?: (?:this|it|them|these|my order|the item|this item|my item|my purchase))?(?: back)?)(?: (?:please|pls|(?:with|about|on|in) (?:my|an|the|your|a) (?:order|purchase|service|delivery|account|item)))?[\s.!?]*$`
    + String.raw`|^\s*(?:你好|您好)?[，,\s]*我?(?:要|想|需要)?(?:投诉|反映|反馈|申请)?(?:一下)?(?:个|一个)?(?:问题|退货|退款|换货|退货退款)?[。！!？?]*$`
    + String.raw`|^\s*(?:怎么|如何)(?:退货|退款|换货)[。！!？?]*$|^\s*这个能(?:退|换)吗[。！!？?]*$`,
  'i',
);

/**
 * An outburst and nothing else: "are you kidding me?!", "this is ridiculous", "你们在开玩笑吗",
 * "太过分了！". It says how the customer feels, not what happened, so it is no story either: the
 * bot asks what happened (the emotion still counts for the empathy and the priority).
 */
const REACTION_ONLY = new RegExp(
  String.raw`^\s*(?:(?:oh|wow|man|honestly|really|come on|omg)[\s,!.]*)*(?:(?:are|r) (?:you|u) (?:kidding|joking|serious|for real)(?: me)?|you(?:'ve| have)? (?:got|gotta) (?:to )?be (?:kidding|joking)(?: me)?|you must be (?:kidding|joking)|is this (?:a joke|for real|serious)|(?:this|that|it)(?: is|'s) (?:(?:so|just|absolutely|completely|totally) )?(?:a joke|ridiculous|unbelievable|unacceptable|insane|crazy|absurd|outrageous|a disgrace|pathetic|a joke of a service)|seriously|unbelievable|ridiculous|unacceptable|wtf|what the (?:hell|heck)|for (?:god|heaven|pete)'?s sake)[\s.!?]*$`
    + String.raw`|^\s*(?:你们?(?:是)?在?开玩笑(?:吗|吧|呢)?|开什么玩笑|搞什么(?:鬼|啊|呢)?|什么鬼|(?:真是|真的|实在)?太(?:过分|离谱|差劲|气人)了?|过分|离谱|(?:真)?无语|气死(?:我)?了|你们?(?:是)?认真的(?:吗)?)[\s。！!？?~～…]*$`,
  'i',
);

/** A short turn that still states what is wrong ("it never arrived", "屏幕碎了"): a complaint fact fired. */
function statesProblem(turn: DialogTurn): boolean {
  const t = turn.text.trim();
  const enough = turn.analysis.language === 'zh' ? countHan(t) >= 3 : t.split(/\s+/).length >= 2;
  return enough && turn.analysis.emotion.cues.some((c) => c.fact);
}

/**
 * The typed turn tells the story a free-text slot wants: not a request without a story
 * (`REQUEST_ONLY`), an outburst (`REACTION_ONLY`) or a bare order number ("my order number is
 * 990011": the number goes to its own slot), and long enough or stating a problem.
 */
function tellsStory(spec: SlotSpec, turn: DialogTurn): boolean {
  return !turn.value && !REQUEST_ONLY.test(turn.text) && !REACTION_ONLY.test(turn.text) && !ORDER_ANSWER.test(turn.text.trim())
    && (longEnough(turn.text, turn.analysis.language, spec.min_length) || statesProblem(turn));
}

/** Tries to fill one slot from the turn; true when it now has a value. */
export function fillSlot(frame: Frame, name: string, spec: SlotSpec, turn: DialogTurn): boolean {
  if (spec.from === 'entity') {
    const entity = turn.analysis.entities.find((e) => e.type === spec.entity);
    const bare = frame.awaiting && 'slot' in frame.awaiting && frame.awaiting.slot === name ? bareAnswer(spec, turn.text) : undefined;
    if (entity ?? bare) frame.slots[name] = entity?.value ?? bare!;
  } else if (tellsStory(spec, turn)) {
    frame.slots[name] = turn.text.trim();
    if (turn.analysis.category !== 'other') frame.category = turn.analysis.category;
  }
  if (frame.slots[name]) frame.skipped = frame.skipped.filter((s) => s !== name);
  return Boolean(frame.slots[name]);
}

/** Appends `text` to a free-text slot (the `add_detail` action, and more of the story told while another slot is asked for). */
export function appendDetail(frame: Frame, name: string, text: string): void {
  const had = frame.slots[name];
  if (had) text = withoutPartialAgreement(text);
  if (!text || had?.includes(text)) return;
  // A new sentence: "…态度太差了。昨天打电话过去…", "…never arrived. I called twice…".
  const han = countHan(had ?? '') > 0;
  const joint = /[.!?。！？…]$/u.test(had ?? '') ? (han ? '' : ' ') : han ? '。' : '. ';
  frame.slots[name] = had ? `${had}${joint}${sentenceStart(text)}` : text;
}

/** "it's the lid" -> "It's the lid" after a full stop; "iPhone" and Chinese stay as they are. */
function sentenceStart(text: string): string {
  return /^[a-z](?=[a-z' ]|$)/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** "mostly, but it's the lid that leaks" -> "it's the lid that leaks" (`PARTIAL_AGREEMENT` in intent-rules). */
function withoutPartialAgreement(text: string): string {
  return afterPartialAgreement(text) ?? text;
}

/**
 * More of the story, told while the frame asks for something else ("昨天打电话过去，客服直接挂我电话"
 * when asked for the order number): joins the free-text slots that already hold the story.
 */
export function addToStory(frame: Frame, script: Script, turn: DialogTurn): void {
  for (const [name, spec] of Object.entries(script.slots)) {
    if (spec.from === 'text' && frame.slots[name] && tellsStory(spec, turn)) appendDetail(frame, name, turn.text.trim());
  }
}

/** Fills the free-text slots the first step collects from the turn that started the script. */
export function fillTextSlotsFromOpening(frame: Frame, script: Script, turn: DialogTurn): void {
  for (const name of script.steps[script.start]?.collect ?? []) {
    const spec = script.slots[name];
    if (spec?.from === 'text' && !frame.slots[name]) fillSlot(frame, name, spec, turn);
  }
}

/** "I already told you", "as I said", "我刚才说过了": impatience before a value given again. */
const ALREADY_SAID = String.raw`(?:i (?:already |just )?(?:told|gave) (?:you|it to you|it)(?: (?:already|before|earlier))?|(?:as|like) i (?:said|told you)|i said|我?(?:刚才|刚刚|之前|已经|不是)?(?:都)?(?:说|讲|给|发)(?:过|了)(?:了|啊|嘛)?(?:吗)?)`;
/** Words a customer may put before the value they were asked for: "it's 12345", "是 12345", "order 12345", "订单号是 12345", "I already told you, it's 12345". */
const ANSWER_LEAD = String.raw`(?:(?:sure|ok(?:ay)?|yes|yeah|here(?: it is)?|it'?s|it is|it was|that'?s|that is|${ORDER_LEAD}|(?:the |my )?(?:number|no\.?) is|${ALREADY_SAID}|好的|是的|就是|是)[\s:：,，.。!！]*)*`;
const ORDER_ANSWER = new RegExp(`^${ANSWER_LEAD}#?\\s*(\\d{4,20}|[A-Z0-9]{1,12}(?:-[A-Z0-9]{1,12}){1,3})[\\s.。!！]*$`, 'i');

/**
 * A reply that is nothing but the value asked for ("12345", "#12345", "it's 12345", "是 12345",
 * "112-1234567-1234567", "cp-7k3m9q"): without the question as context it is not recognisable as
 * an order number, with it it is.
 */
function bareAnswer(spec: SlotSpec, text: string): string | undefined {
  const t = text.trim();
  if (spec.entity === 'order_number') {
    // Hyphenated ("112-1234567-1234567", "DD-2023-1203001") with at least four digits in all.
    // A date ("2026-12-01") is the order's date, not its number: the question is asked again.
    const value = ORDER_ANSWER.exec(t)?.[1];
    if (!value || /^\d{4}-\d{1,2}-\d{1,2}$/.test(value)) return undefined;
    return (value.match(/\d/g) ?? []).length >= 4 ? value.toUpperCase() : undefined;
  }
  if (spec.entity === 'ticket_ref') return /^(cp-[a-z0-9]{6})$/i.exec(t)?.[1].toUpperCase();
  return undefined;
}

/** "no order number, it was just the courier", "I don't have the order number", "没有订单号": there is none to give. */
const NO_ORDER_NUMBER = /\b(?:no|not an?|don'?t have (?:an?|the|any)|haven'?t got (?:an?|the)|without (?:an?|the)|there'?s no|there is no|never had (?:an?|the)) (?:order|order number|order no\.?|order id|reference number)\b|没有(?:订单号?|单号)|没订单号|无订单号?|不是(?:订单|买的东西)/i;

/** The typed turn says the customer has no value for the entity slot `spec` (only order numbers have such words). */
export function declinesSlot(spec: SlotSpec | undefined, turn: DialogTurn): boolean {
  return !turn.value && spec?.entity === 'order_number' && NO_ORDER_NUMBER.test(turn.text);
}

/** A typed turn that is nothing but a value for the entity slot `spec` other than `current` ("654321"). */
export function bareAnswerOf(turn: DialogTurn, spec: SlotSpec | undefined, current?: string): string | undefined {
  if (turn.value || spec?.from !== 'entity') return undefined;
  const value = bareAnswer(spec, turn.text);
  return value !== undefined && value !== current ? value : undefined;
}

/**
 * What rejects the bot's restatement without saying what is right: "no,", "not quite -", "that's
 * not what I said", "let me explain", "不对，", "你理解错了", "我再说明". Stripped from the front of a
 * correction, repeatedly ("No, no, that's wrong. It's ...").
 */
const REJECTION_LEAD = new RegExp(
  '^(?:(?:no+|nope|nah|wrong|incorrect|actually|not (?:quite|really|exactly)|that\'?s (?:not (?:right|it|correct|true|what i (?:said|meant))|wrong)'
    + '|you (?:got it|have it|\'ve got it)(?: all)? wrong|you misunderstood(?: me)?|let me explain(?: again)?|i\'?ll explain(?: again)?)\\b'
    + '|不对|不是的|不是这样的?|不是这个意思|不是(?=[\\s,，.。!！])|错了|不完全对|不太对|其实|你(?:理解|搞|弄)错了|我再说(?:明|一下|一遍)?|我来解释)',
  'i',
);
const LEAD_GAP = /^[\s,，.。;；:：!！~～\-–—]+/;

/**
 * The correction a customer gives with their "no" ("不对，耳机是左边没声音", "No, it's the left
 * earbud"): the turn without its rejecting words, when what is left is long enough for the slot.
 * For an entity slot ("No, wrong order, it's 654321"): the turn's entity of that kind, when it
 * differs from the slot's `current` value.
 */
export function correctionOf(turn: DialogTurn, spec: SlotSpec | undefined, current?: string): string | undefined {
  if (turn.value || !spec) return undefined;
  if (spec.from === 'entity') return turn.analysis.entities.find((e) => e.type === spec.entity && e.value !== current)?.value ?? bareAnswerOf(turn, spec, current);
  let rest = turn.text.trim();
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(REJECTION_LEAD, '').replace(LEAD_GAP, '');
  }
  return rest && longEnough(rest, turn.analysis.language, spec.min_length ?? { en: 3, zh: 4 }) ? rest : undefined;
}

function longEnough(text: string, lang: 'en' | 'zh', min?: { en: number; zh: number }): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (!min) return true;
  if (lang === 'zh') return countHan(trimmed) >= min.zh;
  return trimmed.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= min.en;
}

/** Carries slot values the new script also declares (e.g. the order number) into its frame. */
export function carrySlots(from: Frame, to: Frame, target: Script): void {
  carryEntitySlots(from, to, target);
  carryStory(from, to, target);
  to.facts = { ...from.facts };
  to.peak = from.peak;
  to.category = from.category;
}

/**
 * Carries only the entity values (order number, email...) the new script also declares: what the
 * customer already told the bot on the topic they just left ("where is my order 123456?" then
 * "it's two weeks late, this is ridiculous") is not asked for again.
 */
export function carryEntitySlots(from: Frame, to: Frame, target: Script): void {
  for (const name of Object.keys(target.slots)) {
    const spec = target.slots[name];
    if (from.slots[name] && spec.from === 'entity' && !to.slots[name]) to.slots[name] = from.slots[name];
  }
}

/**
 * The problem the customer already stated on the topic they left becomes the first free-text
 * slot the new script starts by collecting (the complaint's description), so "my order is late,
 * any news?" followed by "yes, open a complaint" is not asked "what happened?".
 */
export function carryStory(from: Frame, to: Frame, target: Script): void {
  if (!from.story) return;
  const name = (target.steps[target.start]?.collect ?? []).find((n) => target.slots[n]?.from === 'text');
  if (name && !to.slots[name]) {
    to.slots[name] = from.story;
    to.story ??= from.story;
  }
}
