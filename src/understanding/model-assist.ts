/**
 * When and how the optional language model refines a turn. The local analysis is always made
 * first (synchronously); the model is consulted only when the intent is unsure (in scope with a
 * low confidence, or out of scope by a narrow margin), with personal data masked, bounded by a
 * hard timeout, behind a circuit breaker. Every other outcome keeps the local result. The result
 * says where it came from (`source`) and why (`sourceReason`).
 */
import type { Clock } from '../clock';
import { maskPersonalData } from '../privacy/pii';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import { parseModelAnswer, type LanguageModel, type ModelAnswer } from './llm';
import { OUT_OF_SCOPE } from './intents-file';
import type { EmotionLabel, EmotionResult, IntentResult, TurnAnalysis } from './types';

/** How a consultation ended (the `outcome` label of `concord_model_calls_total`). */
export type ModelOutcome = 'used' | 'invalid' | 'timeout' | 'error' | 'circuit_open';

/** Why the model was consulted. */
export type ConsultReason = 'low_confidence' | 'narrow_oos';

export interface ModelAssistOptions {
  model: LanguageModel;
  /** Intent names the model may choose from (besides `oos`). */
  /** The intent names in force (asked per call: admins publish new intents while running). */
  intents: () => readonly string[];
  /** Hard upper bound of one consultation. */
  timeoutMs: number;
  clock: Clock;
  /** In-scope intents below this confidence are unsure (default 0.5). */
  minConfidence?: number;
  /** Out of scope is narrow when the best intent still has this much (default 0.2). */
  narrowOosFloor?: number;
  breaker?: CircuitBreakerOptions;
  /** Replaces personal data before the text leaves (default `maskPersonalData`). */
  mask?: (text: string) => string;
  /** Called once per consultation (metrics). */
  onOutcome?: (outcome: ModelOutcome) => void;
  /** Called when the breaker opens (a log line; never the text). */
  onCircuitOpen?: () => void;
}

const TIMED_OUT = Symbol('timeout');

export class ModelAssist {
  private readonly breaker: CircuitBreaker;
  private readonly minConfidence: number;
  private readonly narrowOosFloor: number;
  private readonly mask: (text: string) => string;

  constructor(private readonly options: ModelAssistOptions) {
    this.breaker = new CircuitBreaker(options.clock, options.breaker);
    this.minConfidence = options.minConfidence ?? 0.5;
    this.narrowOosFloor = options.narrowOosFloor ?? 0.2;
    this.mask = options.mask ?? maskPersonalData;
  }

  /** Why `local` should be checked by the model, or `undefined` when the local result is sure. */
  reasonToConsult(local: TurnAnalysis): ConsultReason | undefined {
    const { intent } = local;
    if (!intent.outOfScope) return intent.confidence < this.minConfidence ? 'low_confidence' : undefined;
    const best = intent.ranking.find((r) => r.name !== OUT_OF_SCOPE);
    return best && best.confidence >= this.narrowOosFloor ? 'narrow_oos' : undefined;
  }

  /** `local`, or the model's refinement of it; resolves within `timeoutMs` plus a tick. */
  async refine(text: string, local: TurnAnalysis): Promise<TurnAnalysis> {
    const reason = this.reasonToConsult(local);
    if (!reason) return { ...local, source: 'local', sourceReason: 'confident' };
    if (!this.breaker.allows()) return this.fallback(local, 'circuit_open');
    const answer = await this.consult(text);
    if (typeof answer === 'string') return this.fallback(local, answer);
    this.breaker.success();
    this.options.onOutcome?.('used');
    return { ...local, intent: intentFrom(answer, local.intent), emotion: emotionFrom(answer.emotion, local.emotion), source: 'llm', sourceReason: reason };
  }

  private fallback(local: TurnAnalysis, outcome: Exclude<ModelOutcome, 'used'>): TurnAnalysis {
    if (outcome !== 'circuit_open' && this.breaker.failure()) this.options.onCircuitOpen?.();
    this.options.onOutcome?.(outcome);
    return { ...local, source: 'local', sourceReason: `model_${outcome}` };
  }

  /** The validated answer, or the failure outcome. */
  private async consult(text: string): Promise<ModelAnswer | Exclude<ModelOutcome, 'used' | 'circuit_open'>> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.options.timeoutMs);
    });
    try {
      const call = this.options.model.ask({ text: this.mask(text), intents: this.options.intents() }, controller.signal);
      call.catch(() => undefined);
      const raw = await Promise.race([call, timeout]);
      if (raw === TIMED_OUT) return 'timeout';
      return parseModelAnswer(raw, this.options.intents()) ?? 'invalid';
    } catch {
      return 'error';
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }
}

/** The model's intent choice, keeping the local ranking (confidence: the local probability of that name). */
function intentFrom(answer: ModelAnswer, local: IntentResult): IntentResult {
  const localP = local.ranking.find((r) => r.name === answer.intent)?.confidence ?? 0;
  if (answer.intent === OUT_OF_SCOPE) return { ...local, name: OUT_OF_SCOPE, outOfScope: true, confidence: local.outOfScope ? local.confidence : round3(1 - local.confidence) };
  return { ...local, name: answer.intent, outOfScope: false, confidence: localP };
}

const VALENCE_SIGN: Record<EmotionLabel, number> = { anger: -1, anxiety: -1, sadness: -1, confusion: -1, satisfaction: 1, neutral: 0 };

/** The model's emotion label; intensity and valence follow it when it differs from the local one. */
function emotionFrom(label: EmotionLabel, local: EmotionResult): EmotionResult {
  if (label === local.label) return local;
  const intensity = label === 'neutral' ? 0 : Math.max(local.intensity, 0.5);
  const valence = round3(VALENCE_SIGN[label] * Math.max(Math.abs(local.valence), intensity));
  return { label, intensity, valence, cues: [...local.cues, { kind: 'model', text: 'llm', label }] };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
