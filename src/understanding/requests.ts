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
 * carries a request is sure of it, no piece is a complaint or asks for a person (those scripts
 * take the whole message), and no request repeats.
 */
import type { IntentResult, RequestPart, TurnAnalysis } from './types';

/** Intents whose scripts answer one self-contained question or request and need nothing else of the message. */
export const REQUEST_INTENTS: ReadonlySet<string> = new Set(['order_status', 'order_change', 'complaint_status', 'policy_question', 'data_request', 'membership']);
/** A piece with one of these intents means the message is not a list of requests: it is told or asked as a whole. */
export const WHOLE_MESSAGE_INTENTS: ReadonlySet<string> = new Set(['complaint', 'human_agent']);
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
  if (!REQUEST_INTENTS.has(wholeIntent.name) || wholeIntent.outOfScope) return undefined;
  const cut = pieces(text);
  if (cut.length < 2 || cut.length > MAX_PIECES) return undefined;
  const analysed = cut.map((piece) => ({ piece, ...analyzePiece(piece) }));
  const parts: RequestPart[] = [];
  // Pieces as typed and as read (misspelt words corrected), kept side by side.
  let pending: string[] = [];
  let pendingRead: string[] = [];
  for (const { piece, intent, entities, category, spelled } of analysed) {
    if (WHOLE_MESSAGE_INTENTS.has(intent.name) && !intent.outOfScope && intent.confidence >= MIN_WHOLE_CONFIDENCE) return undefined;
    const letters = piece.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
    const asks = REQUEST_INTENTS.has(intent.name) && !intent.outOfScope && intent.confidence >= MIN_REQUEST_CONFIDENCE && letters >= MIN_PIECE_CHARS;
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
    if (previous && previous.intent.name === intent.name) {
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
  if (parts.length < 2 || parts.length > MAX_REQUESTS || new Set(names).size !== names.length || !names.includes(wholeIntent.name)) return undefined;
  // The corrected text only where a word was corrected.
  return parts.map(({ spelled, ...part }) => (spelled && spelled !== part.text ? { ...part, spelled } : part));
}

/** The piece's intent with its three best candidates (it is stored with the message). */
function compact(intent: IntentResult): IntentResult {
  return { ...intent, ranking: intent.ranking.slice(0, 3) };
}
