/**
 * Several requests in one message: "where's my order 12345? also can I change the delivery
 * address?", "订单12345到哪了？另外能改一下收货地址吗？". The message as a whole gets one intent, so
 * the bot answered only one of them. Here the message is cut at sentence ends and at words that
 * start another request ("also", "另外"), each piece is understood on its own, and when the pieces
 * ask for two or more different things the bot can answer by itself, the dialog answers each in
 * turn (`TurnAnalysis.requests`).
 *
 * Precision matters more than recall: a story told in several sentences ("My order arrived broken.
 * I want a refund.") must stay one complaint. So a message is split only when every piece that
 * carries a request is sure of it, no piece asks for a person, and no request repeats.
 *
 * A complaint with a side question ("my headphones broke after 2 weeks. what's your warranty
 * policy?", "快递还没到。另外你们支持货到付款吗？") is split too: the question is answered and the
 * complaint is taken as told. Every complaint piece and every piece that asks nothing is the story
 * (one part), so the story stays whole; the other pieces must be questions the bot answers on top
 * of a complaint (`SIDE_REQUESTS`). A request that would replace the complaint (an order change)
 * keeps the message whole.
 */
import type { IntentResult, RequestPart, TurnAnalysis } from './types';

/** Intents whose scripts answer one self-contained question or request and need nothing else of the message. */
export const REQUEST_INTENTS: ReadonlySet<string> = new Set(['order_status', 'order_change', 'complaint_status', 'policy_question', 'data_request', 'membership']);
/** A piece with one of these intents means the message is not a list of requests: it is told or asked as a whole. */
export const WHOLE_MESSAGE_INTENTS: ReadonlySet<string> = new Set(['complaint', 'human_agent']);
/** The complaint: its pieces, and the pieces that ask nothing, are one story; it may come with side questions. */
const STORY_INTENT = 'complaint';
/** Requests answered beside a complaint: questions whose scripts run on top of it and leave it waiting. */
export const SIDE_REQUESTS: ReadonlySet<string> = new Set(['order_status', 'complaint_status', 'policy_question', 'data_request', 'membership']);
/**
 * Intents whose script answers one of several topics per question (the shop's policies): two
 * questions of one of these ("do you ship to Canada? what payment methods do you accept?") are two
 * requests, each answered; the dialog drops an answer said twice.
 */
const MULTI_TOPIC_INTENTS: ReadonlySet<string> = new Set(['policy_question']);
/** Beside a story, a piece is a side question only when it is this sure, and asked as a question. */
const MIN_SIDE_CONFIDENCE = 0.8;
/** A story with side questions needs one piece this sure that it is a complaint ("说好昨天送到的" after "我的快递到哪了？" is not). */
const MIN_STORY_CONFIDENCE = 0.8;
const QUESTION = /[?？]\s*$|^(?:(?:and\s+)?(?:also|btw|by the way)[,\s]*)?(?:what|when|where|how|why|which|who|can|could|do|does|is|are|will|would)\b|[吗么呢][\s。！!]*$|什么|怎么|怎样|哪|多久|多少|几天|能不能|可不可以|是否/i;
const MIN_REQUEST_CONFIDENCE = 0.6;
const MIN_WHOLE_CONFIDENCE = 0.5;
/** At most this many requests are answered from one message; a longer list is left to the whole-message intent. */
const MAX_REQUESTS = 3;
/** A message of more pieces than this is a story or a list, not a few questions: it is read as a whole. */
const MAX_PIECES = 4;

/**
 * Where a further request may start: after a sentence end (a full stop only before a space, so
 * "12.50" stays whole), and before "also", "btw", "by the way", "one more thing", "另外", "此外",
 * "顺便问一下", "还有，" ("还有" alone is often "still": "还有货吗").
 */
const BOUNDARY = /(?<=[?!？！。；;]|\.(?=\s))\s*|,?\s+(?=(?:and\s+)?(?:also|btw|by the way|one more thing|another question)\b)|[，,]?\s*(?=另外|此外|顺便|还有[，,：:]|再问一?下|还想问一?下)/giu;
/** A piece needs this many letters or digits to count as a request of its own ("Hi." joins the next piece). */
const MIN_PIECE_CHARS = 4;

/** The pieces of `text` where another request may start (before merging short ones). */
export function pieces(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const at = m.index ?? 0;
    if (at === 0 && m[0].length === 0) continue;
    out.push(text.slice(last, at));
    last = at + m[0].length;
  }
  out.push(text.slice(last));
  return out.map((p) => p.trim()).filter((p) => /[\p{L}\p{N}]/u.test(p));
}

/** What the understanding stage makes of one piece (the full analysis of that text alone). */
export type PieceAnalyzer = (text: string) => Pick<TurnAnalysis, 'intent' | 'entities' | 'category' | 'spelled'>;

/**
 * The separate requests of `text`, in the customer's order, or undefined when the message asks
 * for one thing (or tells a story). `wholeIntent` is the intent of the whole message: it must be
 * one of the requests found, so the split never contradicts what the message as a whole reads as.
 */
export function splitRequests(text: string, wholeIntent: IntentResult, analyzePiece: PieceAnalyzer): RequestPart[] | undefined {
  if ((!REQUEST_INTENTS.has(wholeIntent.name) && wholeIntent.name !== STORY_INTENT) || wholeIntent.outOfScope) return undefined;
  const cut = pieces(text);
  if (cut.length < 2 || cut.length > MAX_PIECES) return undefined;
  const read = new Map<string, ReturnType<PieceAnalyzer>>();
  const analyze = (piece: string) => read.get(piece) ?? read.set(piece, analyzePiece(piece)).get(piece)!;
  // A complaint is split only for a side question: its question-shaped pieces are read first, and
  // the rest only when one of them is one (most complaints of several sentences ask nothing aside).
  if (wholeIntent.name === STORY_INTENT && !cut.some((piece) => QUESTION.test(piece) && sideQuestion(piece, analyze(piece).intent))) return undefined;
  const analysed = cut.map((piece) => ({ piece, ...analyze(piece) }));
  if (analysed.some(({ intent }) => intent.name !== STORY_INTENT && WHOLE_MESSAGE_INTENTS.has(intent.name) && sure(intent, MIN_WHOLE_CONFIDENCE))) return undefined;
  if (analysed.some(({ intent }) => intent.name === STORY_INTENT && sure(intent, MIN_WHOLE_CONFIDENCE))) {
    return analysed.some(({ intent }) => intent.name === STORY_INTENT && sure(intent, MIN_STORY_CONFIDENCE)) ? splitStory(analysed, wholeIntent) : undefined;
  }
  const parts: RequestPart[] = [];
  // Pieces as typed and as read (misspelt words corrected), kept side by side.
  let pending: string[] = [];
  let pendingRead: string[] = [];
  for (const { piece, intent, entities, category, spelled } of analysed) {
    const asks = asksRequest(piece, intent);
    const previous = parts[parts.length - 1];
    if (!asks) {
      // "Hi.", "thanks", an unsure piece: part of the request it stands next to.
      pending.push(piece);
      pendingRead.push(spelled ?? piece);
      continue;
    }
    const joined = [...pending, piece].join(' ');
    const read = [...pendingRead, spelled ?? piece].join(' ');
    pending = [];
    pendingRead = [];
    const anotherQuestion = MULTI_TOPIC_INTENTS.has(intent.name) && QUESTION.test(piece) && previous !== undefined && QUESTION.test(previous.text);
    if (previous && previous.intent.name === intent.name && !anotherQuestion) {
      // Two sentences of one request ("Where is my order? It's 12345.").
      previous.text = `${previous.text} ${joined}`;
      previous.spelled = `${previous.spelled ?? ''} ${read}`;
      previous.entities = [...previous.entities, ...entities];
      continue;
    }
    parts.push({ text: joined, spelled: read, intent: compact(intent), entities, category });
  }
  if (pending.length && parts.length) {
    parts[parts.length - 1].text += ` ${pending.join(' ')}`;
    parts[parts.length - 1].spelled += ` ${pendingRead.join(' ')}`;
  }
  const names = parts.map((p) => p.intent.name);
  if (parts.length < 2 || parts.length > MAX_REQUESTS || repeats(names) || !names.includes(wholeIntent.name)) return undefined;
  return withCorrections(parts);
}

/** The parts with their corrected text only where a word was corrected. */
function withCorrections(parts: RequestPart[]): RequestPart[] {
  return parts.map(({ spelled, ...part }) => (spelled && spelled !== part.text ? { ...part, spelled } : part));
}

/** The intent is in scope and at least this confident. */
function sure(intent: IntentResult, min: number): boolean {
  return !intent.outOfScope && intent.confidence >= min;
}

/** Beside a complaint, the piece is a question the bot answers on top of it: sure, and typed as a question. */
function sideQuestion(piece: string, intent: IntentResult): boolean {
  return asksRequest(piece, intent) && SIDE_REQUESTS.has(intent.name) && sure(intent, MIN_SIDE_CONFIDENCE) && QUESTION.test(piece);
}

/** A request is asked twice: only the topics of a multi-topic intent may repeat. */
function repeats(names: string[]): boolean {
  return names.some((name, i) => names.indexOf(name) !== i && !MULTI_TOPIC_INTENTS.has(name));
}

type AnalysedPiece = { piece: string } & ReturnType<PieceAnalyzer>;

/** The piece asks for something the bot answers by itself, and is sure of it. */
function asksRequest(piece: string, intent: IntentResult): boolean {
  const letters = piece.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return REQUEST_INTENTS.has(intent.name) && sure(intent, MIN_REQUEST_CONFIDENCE) && letters >= MIN_PIECE_CHARS;
}

/**
 * A complaint with side questions: the story (every piece that is not a side question, in the
 * customer's order) is one complaint part where its first piece stands, and each side question a
 * part of its own. The story keeps its own entities first and then the questions' ("my package is
 * late. where is order 12345?": the complaint is about 12345 too).
 */
function splitStory(analysed: AnalysedPiece[], wholeIntent: IntentResult): RequestPart[] | undefined {
  const parts: RequestPart[] = [];
  let story: RequestPart | undefined;
  const questions: RequestPart[] = [];
  for (const { piece, intent, entities, category, spelled } of analysed) {
    // "Surely you can do something.", "Need more details there.": part of the story, not a question.
    if (sideQuestion(piece, intent)) {
      const part: RequestPart = { text: piece, spelled: spelled ?? piece, intent: compact(intent), entities, category };
      questions.push(part);
      parts.push(part);
      continue;
    }
    // A request that would replace the complaint (an order change): the message stays whole.
    if (asksRequest(piece, intent) && !SIDE_REQUESTS.has(intent.name)) return undefined;
    if (!story) {
      story = { text: piece, spelled: spelled ?? piece, intent: compact(intent), entities, category };
      parts.push(story);
    } else {
      story.text += ` ${piece}`;
      story.spelled += ` ${spelled ?? piece}`;
      story.entities = [...story.entities, ...entities];
    }
    // The story's intent, category and confidence are its surest complaint piece's.
    if (intent.name === STORY_INTENT && (story.intent.name !== STORY_INTENT || intent.confidence > story.intent.confidence)) {
      story.intent = compact(intent);
      story.category = category;
    }
  }
  const names = questions.map((q) => q.intent.name);
  if (!story || questions.length === 0 || questions.length + 1 > MAX_REQUESTS || repeats(names)) return undefined;
  if (wholeIntent.name !== STORY_INTENT && !names.includes(wholeIntent.name)) return undefined;
  story.entities = [...story.entities, ...questions.flatMap((q) => q.entities)];
  return withCorrections(parts);
}

/** The piece's intent with its three best candidates (it is stored with the message). */
function compact(intent: IntentResult): IntentResult {
  return { ...intent, ranking: intent.ranking.slice(0, 3) };
}
