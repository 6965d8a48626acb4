/**
 * Rule-based emotion detection for English and Chinese: lexicon words and complaint facts,
 * negation, intensifiers and diminishers, capitals, repeated punctuation, emoji, profanity,
 * threats to leave or complain publicly, and sarcasm. Every rule that fires is reported as a
 * cue so the bot (and a human reading the log) can see why it decided. English complaint facts
 * and threats that are ordinary words elsewhere count as facts (which may override a trained
 * model) only in a turn about a purchase or the service (`CARE_TOPICS`).
 */
import {
  CARE_TOPICS, CONTEXT_FACTS, DIMINISHERS, EMOJI, EN_LEXICON, FACT_PATTERNS, EN_NEGATION, INTENSIFIERS, NEGATED_PRAISE, OWN_INTENT, PROFANITY, SARCASM,
  THREAT_MENTION, THREATS, ZH_LEXICON, ZH_NEGATION, type LexiconEntry,
} from './emotion-lexicon';
import { requiredLiteral } from './required-literal';
import { EMOTION_LABELS, NEGATIVE_EMOTIONS, type EmotionCue, type EmotionLabel, type EmotionResult } from './types';
import { hasHan } from './han';

type Scores = Record<EmotionLabel, number>;
/** `literal`: lower-case text every match contains (`''`: none known), to skip the regex cheaply. */
interface Compiled { re: RegExp; literal: string; label: EmotionLabel; weight: number; fact: boolean; needsContext: boolean }

const compile = (entries: LexiconEntry[], en: boolean): Compiled[] =>
  entries
    .map(([p, label, weight]) => ({
      re: new RegExp(en ? `\\b(?:${p})\\b` : p, 'gi'), literal: requiredLiteral(p), label, weight, fact: FACT_PATTERNS.has(p), needsContext: CONTEXT_FACTS.has(p), len: p.length,
    }))
    .sort((a, b) => b.len - a.len);
const LEXICON: Compiled[] = [...compile(EN_LEXICON, true), ...compile(ZH_LEXICON, false)];

function emptyScores(): Scores {
  return { anger: 0, anxiety: 0, sadness: 0, confusion: 0, satisfaction: 0, neutral: 0 };
}

/** Rule state for one turn: scores per emotion and the cues that fired. */
class Evidence {
  readonly scores = emptyScores();
  readonly facts = emptyScores();
  readonly factsByKind: FactsByKind = {};
  readonly cues: EmotionCue[] = [];
  boost = 1;

  /** `care`: the caller knows the turn belongs to a customer-care conversation (see `emotionEvidence`). */
  constructor(private readonly text: string, private care?: boolean) {}

  /** The turn is about a purchase or the service (ambiguous English facts need it); tested on first use. */
  get careContext(): boolean {
    return (this.care ??= CARE_TOPICS.test(this.text));
  }

  add(kind: EmotionCue['kind'], text: string, label: EmotionLabel | undefined, weight: number, fact = false): void {
    if (label) this.scores[label] += weight;
    if (label && fact) {
      this.facts[label] += weight;
      (this.factsByKind[kind as FactKind] ??= emptyScores())[label] += weight;
    }
    this.cues.push({ kind, text, label, weight: Math.round(weight * 100) / 100, ...(label && fact ? { fact: true as const } : {}) });
  }
}

/** Where an English negation's scope ends: clause punctuation or "but". */
const CLAUSE_BREAK = /[.,;:!?()]|\bbut\b/i;

function negated(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  if (hasHan(text[start] ?? '')) {
    // An A-not-A question ("是不是骗子", "满不满意") asks; it negates nothing.
    if (/是不是$/.test(before) || (before.endsWith('不') && before.slice(-2, -1) === text[start])) return false;
    return ZH_NEGATION.test(before.slice(-5)) || /(不是很|不太|一点也不|一点都不)$/.test(before);
  }
  // A negation reaches to the end of its clause: "No, but thanks", "I didn't know that! Thanks!".
  const clause = before.split(CLAUSE_BREAK).pop() ?? '';
  const words = clause.toLowerCase().split(/\s+/).filter(Boolean).slice(-3).join(' ');
  return EN_NEGATION.test(words);
}

const CLAUSE_BEFORE = /^.*[，。！？；,.!?;]/s;

function modifier(text: string, start: number): { factor: number; word?: string } {
  // Within the word's own clause: "好像被盗了，很担心" has no intensifier for 担心.
  const before = text.slice(Math.max(0, start - 12), start).replace(CLAUSE_BEFORE, '');
  const after = text.slice(start, start + 40);
  const intens = before.match(INTENSIFIERS) ?? (/\bat all\b/i.test(after) ? ['at all'] : null);
  if (intens) return { factor: 1.5, word: intens[intens.length - 1] };
  const dimin = before.match(DIMINISHERS);
  if (dimin) return { factor: 0.6, word: dimin[dimin.length - 1] };
  return { factor: 1 };
}

/** Whether a lexicon hit sits in a question about satisfaction, "满不满意", "开不开心": neither praise nor its absence. */
function asksAboutPraise(text: string, start: number, word: string, label: EmotionLabel): boolean {
  const aNotA = (i: number) => text[i] === '不' && i > 0 && text[i - 1] === text[i + 1] && hasHan(text[i - 1]);
  return (aNotA(start) && NEGATED_PRAISE.test(word)) || (label === 'satisfaction' && aNotA(start - 1));
}

function lexiconCues(text: string, ev: Evidence): void {
  const taken: [number, number][] = [];
  const lower = text.toLowerCase();
  for (const entry of LEXICON) {
    if (!lower.includes(entry.literal)) continue;
    entry.re.lastIndex = 0;
    for (let m = entry.re.exec(text); m; m = entry.re.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      if (m[0].length === 0 || taken.some(([a, b]) => s < b && e > a)) continue;
      taken.push([s, e]);
      if (!asksAboutPraise(text, s, m[0], entry.label)) scoreWord(text, m[0], s, entry, ev);
    }
  }
}

const POLITE_DECLINE = /\b(no|nope|nah)[\s,]*$/i;
/** A turn that is only a yes, no, ok or greeting, without "!" or "?" (which carry feeling). */
const BARE_ANSWER = /^\s*(?:yes|yeah|yep|yup|no|nope|nah|ok(?:ay)?|sure|not yet|correct|right|hi|hello|hey|good (?:morning|afternoon|evening)|是|是的|对|对的|嗯|好|好的|行|可以|不|不是|没有|还没|还没有|你好|您好|在吗|在不在|哈喽|no problem|not a problem|no worries|没事|没关系|不要紧|没问题)(?:\s*there)?(?:[\s,，]+(?:hi|hello|hey|你好|您好|在吗|在不在)(?:\s*there)?)*[\s.。,，~～]*$/i;
/**
 * A short question with a plain ending ("你是真人吗？", "有人吗", "is this a bot?", "能不能直接退款"). Exasperation
 * shows in the words or the punctuation ("凭什么", "管不管", "???"), which are cues of their own;
 * the understanding stage calms such a question only where its intent says it asks about the bot
 * or whether anyone is there (`calmQuestion` in index.ts): "你们是干什么吃的？" stays angry.
 */
const PLAIN_QUESTION = /^[^!！?？]{1,40}(?:[吗呢么][?？]?|[?？])\s*$/;
/**
 * A polite request in the "can or cannot" form ("能不能直接退款", "可不可以换一个") or a question
 * about when, where or how much ("什么时候能处理好", "多久能到", "你们几点下班", "客服电话多少"),
 * question mark or not; not 为什么 / 怎么,
 * which are as often reproach.
 */
const CHAT_QUESTION = /^[^!！?？]{0,10}(?:能不能|可不可以|可以不可以|能否|可否|什么时候|多久|多长时间|几天|哪天|几点|多少|在哪|到哪|哪里|哪儿)[^!！?？]{0,30}[?？]?\s*$/;

export function plainQuestion(text: string): boolean {
  const t = text.trim();
  if (!PLAIN_QUESTION.test(t) && !CHAT_QUESTION.test(t)) return false;
  const han = t.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han > 0 ? han <= 12 : t.split(/\s+/).length <= 8;
}

/** A turn that only declines: "no thanks", "No, thank you.", "不用了", "不需要了，谢谢". */
const WHOLE_TURN_DECLINE = /^\s*(?:(?:no|nope|nah)[\s,]*(?:thanks?|thank you|thx)|(?:不用|不需要|不必)了?(?:[\s，,]*(?:谢谢您?|谢谢你|谢了))?)[\s.!。！~～]*$/i;

function scoreWord(text: string, word: string, start: number, entry: Compiled, ev: Evidence): void {
  const mod = modifier(text, start);
  if (mod.word) ev.add(mod.factor > 1 ? 'intensifier' : 'diminisher', mod.word, undefined, mod.factor);
  const weight = entry.weight * mod.factor;
  // "no thanks" / "no, thank you" politely declines; it is not negated satisfaction.
  if (POLITE_DECLINE.test(text.slice(Math.max(0, start - 8), start)) && /^(thanks?|thank you|thx)$/i.test(word)) {
    return ev.add('negation', `no ${word}`, 'neutral', 0.3);
  }
  if (!negated(text, start)) return ev.add('lexicon', word, entry.label, weight, entry.fact && (!entry.needsContext || ev.careContext));
  if (entry.label === 'satisfaction') {
    ev.add('negation', word, 'anger', weight * 0.9);
    ev.scores.sadness += weight * 0.3;
  } else if (NEGATIVE_EMOTIONS.has(entry.label)) {
    ev.add('negation', word, 'neutral', 0.3);
  } else {
    ev.add('lexicon', word, entry.label, weight * 0.5);
  }
}

const NOT_SHOUTING = /^(USPS|ASAP|FAQS?|FEDEX|IBAN|SWIFT|HTTPS?|HTML|JSON|GDPR|NASA|VISA)$/;

/**
 * Words written in capitals that read as shouting: letters only (ids such as "CP-ZZZZZZ" or
 * "ABC123" contain a hyphen or digit), at least four letters ("UPS", "DHL", "OK" are not
 * shouting), and not a known acronym.
 */
export function shoutedWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\s+/)) {
    const token = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (/[\d-]/.test(token) || !/^[A-Z][A-Z']*[A-Z]$/.test(token)) continue;
    if (token.replace(/'/g, '').length >= 4 && !NOT_SHOUTING.test(token)) out.push(token);
  }
  return out;
}

function surfaceCues(text: string, ev: Evidence): void {
  const caps = shoutedWords(text);
  if (caps.length > 0) {
    ev.add('capitals', caps.join(' '), 'anger', 0.4 * Math.min(3, caps.length));
    ev.boost += 0.2;
  }
  // "???" asks, unless a care turn also shouts ("WHERE IS MY REFUND???", "!!!"): then it is exasperation.
  const shouting = (caps.length > 0 || /[!！]{2,}/.test(text)) && ev.careContext;
  for (const m of text.match(/[!！]{2,}|[?？]{2,}|[?？!！]{3,}/g) ?? []) {
    const question = /^[?？]+$/.test(m) && !shouting;
    ev.add('punctuation', m, question ? 'confusion' : 'anger', 0.5);
    ev.boost += 0.15;
  }
  for (const [re, label, weight] of EMOJI) {
    re.lastIndex = 0;
    for (const m of text.match(re) ?? []) ev.add('emoji', m, label, weight, !/[\p{L}\p{N}]/u.test(text));
  }
  for (const m of text.match(PROFANITY) ?? []) {
    ev.add('profanity', m, 'anger', 1.2);
    ev.boost += 0.2;
  }
  THREATS.lastIndex = 0;
  for (let m = THREATS.exec(text); m; m = THREATS.exec(text)) {
    const fact = !THREAT_MENTION.test(m[0]) || ev.careContext || OWN_INTENT.test(text.slice(0, m.index));
    ev.add('threat', m[0], 'anger', 1, fact);
    ev.boost += 0.25;
  }
}

function sarcasmCue(text: string, ev: Evidence): void {
  const hit = SARCASM.map((re) => text.match(re)).find((m) => m);
  if (!hit) return;
  ev.add('sarcasm', hit[0], 'anger', 1.2, true);
  const moved = ev.scores.satisfaction;
  ev.scores.satisfaction = 0;
  ev.scores.anger += moved * 0.5;
}

/** Cue kinds whose scores can count as facts (may override a neutral model decision). */
export type FactKind = 'lexicon' | 'emoji' | 'threat' | 'sarcasm';
/** Fact scores split by the kind of cue that produced them. */
export type FactsByKind = Partial<Record<FactKind, Scores>>;

/** Rule evidence of one turn: scores per emotion, cues, and the amplification factor. */
export interface EmotionEvidence {
  scores: Scores;
  /** Scores from complaint facts, threats, emoji-only turns and sarcasm only (ambiguous English ones in care context only). */
  facts: Scores;
  /** `facts` split by cue kind (their sum per label is `facts`). */
  factsByKind: FactsByKind;
  cues: EmotionCue[];
  boost: number;
  /** The whole turn is a polite decline ("no thanks", "不用了，谢谢"): neutral unless the model is sure (`combinedLabel`). */
  decline?: boolean;
  /** The whole turn is a bare yes, no or ok ("nope", "not yet", "好的", "还没有"): neutral unless a rule fired (`combinedLabel`). */
  bareAnswer?: boolean;
  /** The turn belongs to a customer-care conversation: said by the caller, or the text is about a purchase or the service (`CARE_TOPICS`). */
  careContext: boolean;
  /** The caller said the turn belongs to a customer-care conversation (the bot says so of every customer turn). */
  careGiven: boolean;
}

/** The rule-only decision for evidence gathered by `emotionEvidence`. */
export function decide(ev: EmotionEvidence): EmotionResult {
  const s = ev.scores;
  let label: EmotionLabel = 'neutral';
  let best = 0.35;
  for (const l of EMOTION_LABELS) if (l !== 'neutral' && s[l] > best) [label, best] = [l, s[l]];
  const negative = s.anger + s.anxiety + s.sadness + 0.3 * s.confusion;
  const total = negative + s.satisfaction;
  const intensity = label === 'neutral' ? Math.min(0.2, total / 4) : Math.min(1, (1 - Math.exp(-best * 0.9)) * ev.boost);
  const valence = total === 0 ? 0 : ((s.satisfaction - negative) / (total + 0.5)) * Math.min(1, 0.4 + intensity);
  return { label, intensity: round(intensity), valence: round(Math.max(-1, Math.min(1, valence))), cues: ev.cues };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Scores of every rule for `text`, for callers that combine them with a trained model.
 * `careContext: true` says the turn belongs to a conversation with a company's service, so
 * ambiguous complaint facts ("still waiting", "late again") count as complaints even when the
 * text itself names no purchase; without it the text must name one (`CARE_TOPICS`).
 */
export function emotionEvidence(text: string, careContext?: boolean): EmotionEvidence {
  const ev = new Evidence(text, careContext || undefined);
  lexiconCues(text, ev);
  surfaceCues(text, ev);
  sarcasmCue(text, ev);
  const decline = WHOLE_TURN_DECLINE.test(text);
  if (decline && !ev.cues.some((c) => c.kind === 'negation' && c.label === 'neutral')) ev.add('negation', text.trim(), 'neutral', 0.3);
  const bareAnswer = BARE_ANSWER.test(text);
  return {
    scores: ev.scores, facts: ev.facts, factsByKind: ev.factsByKind, cues: ev.cues, boost: ev.boost,
    // Tested on first use, as the evidence itself does: a turn the caller said is care never runs CARE_TOPICS.
    get careContext() { return ev.careContext; },
    careGiven: careContext === true, ...(decline ? { decline } : {}), ...(bareAnswer ? { bareAnswer } : {}),
  };
}

/**
 * Detects the emotion of one customer turn with the rules alone: the label with the highest
 * score (neutral below a small threshold), an intensity from that score amplified by capitals,
 * "!!!", profanity and threats, a valence from positive minus negative evidence, and the cues.
 */
export function detectEmotion(text: string, careContext?: boolean): EmotionResult {
  return decide(emotionEvidence(text, careContext));
}
