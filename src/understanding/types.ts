/**
 * What the understanding stage adds to a turn. The dialog runtime and the handoff rules read
 * these typed fields (`turn.analysis.intent`, `turn.analysis.emotion`, ...), never raw text.
 */
import type { Language } from '../engine/messages';

export type EmotionLabel = 'anger' | 'anxiety' | 'sadness' | 'confusion' | 'satisfaction' | 'neutral';
export const EMOTION_LABELS: readonly EmotionLabel[] = ['anger', 'anxiety', 'sadness', 'confusion', 'satisfaction', 'neutral'];
/** Anger, anxiety and sadness: they raise queue priority and, strong enough, hand the chat to a person. (Negativity for trajectories and a frame's peak also counts confusion.) */
export const NEGATIVE_EMOTIONS: ReadonlySet<EmotionLabel> = new Set<EmotionLabel>(['anger', 'anxiety', 'sadness']);

export interface IntentResult {
  /** Best intent name, or `oos` when out of scope. */
  name: string;
  /** Calibrated probability of `name` (0..1). */
  confidence: number;
  outOfScope: boolean;
  /** Top candidates, best first. */
  ranking: { name: string; confidence: number }[];
}

export type EntityType = 'order_number' | 'ticket_ref' | 'email' | 'phone' | 'amount' | 'date' | 'product';

export interface Entity {
  type: EntityType;
  /** Normalised value: digits for order numbers, E.164-ish for phones, ISO date, `{amount,currency}` text. */
  value: string;
  /** The text as written. */
  text: string;
  start: number;
  end: number;
  /** Amounts: currency code (`CNY`, `USD`, ...). */
  currency?: string;
  /** Amounts: numeric value. */
  amount?: number;
}

export type CueKind =
  | 'lexicon' | 'negation' | 'intensifier' | 'capitals' | 'punctuation' | 'emoji'
  | 'profanity' | 'threat' | 'model' | 'sarcasm' | 'diminisher';

export interface EmotionCue {
  kind: CueKind;
  /** The text that fired (a word, "!!!", an emoji, ...). */
  text: string;
  /** Which emotion it pushed towards, if any. */
  label?: EmotionLabel;
  /** Signed contribution, for explanations. */
  weight?: number;
  /** The words state a problem ("still hasn't arrived", "坏了"): the turn reports something wrong, whatever its tone. */
  fact?: true;
}

export interface EmotionResult {
  label: EmotionLabel;
  /** 0..1 */
  intensity: number;
  /** -1..1 */
  valence: number;
  cues: EmotionCue[];
}

export type ComplaintCategory = 'product' | 'service' | 'price' | 'logistics' | 'account' | 'privacy' | 'other';

export interface TurnAnalysis {
  language: Language;
  intent: IntentResult;
  entities: Entity[];
  emotion: EmotionResult;
  /** Best guess at the complaint category of this turn's text (`other` when nothing fits). */
  category: ComplaintCategory;
  /**
   * The text as read, when misspelt words were corrected ("my hedphones arived brokn" -> "my
   * headphones arrived broken") or Chinese was read in Simplified, standard forms ("換貨" ->
   * "换货", "退宽" -> "退款"); absent when nothing changed. Scripts' `mentions` read it too.
   */
  spelled?: string;
  /**
   * Two or more separate requests in one message ("where's my order 12345? also can I change the
   * delivery address?"), in the customer's order: the dialog answers each (`requests.ts`). Absent
   * when the message asks for one thing or tells a story.
   */
  requests?: RequestPart[];
  /** Who decided intent and emotion: the local models, or the optional language model (`llm`). */
  source?: 'local' | 'llm';
  /**
   * Why: `confident` (local, not unsure), `model_timeout` / `model_error` / `model_invalid` /
   * `model_circuit_open` (local after the model failed), `low_confidence` / `narrow_oos` (llm).
   */
  sourceReason?: string;
}

/** One request of a message that holds several: its words and what they mean alone. */
export interface RequestPart {
  text: string;
  /** The text as read, when misspelt words were corrected (as `TurnAnalysis.spelled`). */
  spelled?: string;
  intent: IntentResult;
  entities: Entity[];
  category: ComplaintCategory;
}

export interface EmotionPoint {
  /** Message seq of the customer turn. */
  seq: number;
  label: EmotionLabel;
  intensity: number;
  valence: number;
  at: number;
}

export type TrajectoryDirection = 'rising' | 'falling' | 'steady';

export interface EmotionTrajectory {
  points: EmotionPoint[];
  direction: TrajectoryDirection;
  /** Highest intensity of a negative emotion so far. */
  peak: number;
  /** Consecutive most recent turns whose label is anger. */
  angerStreak: number;
}

export interface AnalyzeContext {
  /** Language of the conversation so far, used for very short or ambiguous turns. */
  previousLanguage?: Language;
  /** Reference time (ms since epoch) for relative dates such as "yesterday"; defaults to now. */
  now?: number;
  /**
   * The turn belongs to a conversation with a company's service (the engine always says so):
   * ambiguous complaint facts ("still waiting!!!", "late again") then count as complaints even
   * when the text names no order or service. Without it (`concord eval`, the admin "try it"
   * box) the text itself must name one.
   */
  careContext?: boolean;
}

/** The understanding stage as the engine sees it. Implementations must be fast (< 2 ms p99). */
export interface Understanding {
  analyze(text: string, context?: AnalyzeContext): TurnAnalysis;
  /** Intent names this instance was trained on. */
  intents(): string[];
}
