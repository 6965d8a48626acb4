/**
 * The optional OpenAI-compatible model (the `LanguageModel` port of DESIGN.md). It is asked one
 * narrow question about a turn the local classifier is unsure of: which of the known intents (or
 * `oos`) and which of the six emotions. Its answer must be strict JSON matching `ModelAnswer`;
 * anything else is ignored. `ModelAssist` (model-assist.ts) decides when to ask, masks personal
 * data, bounds the wait and falls back to the local result.
 */
import { z } from 'zod';
import { EMOTION_LABELS, type EmotionLabel } from './types';

/** What the model is asked: the customer's (already masked) text and the allowed intent names. */
export interface ModelQuestion {
  text: string;
  intents: readonly string[];
}

/** The port: returns the model's raw reply text; must stop work when `signal` aborts. */
export interface LanguageModel {
  ask(question: ModelQuestion, signal: AbortSignal): Promise<string>;
}

/** A validated answer. */
export interface ModelAnswer {
  intent: string;
  emotion: EmotionLabel;
}

const answerSchema = z.strictObject({
  intent: z.string().min(1).max(100),
  emotion: z.enum(EMOTION_LABELS as [EmotionLabel, ...EmotionLabel[]]),
});

/**
 * Parses the model's reply: one JSON object `{"intent", "emotion"}` whose intent is one of
 * `allowed` or `oos` (a single surrounding Markdown code fence is tolerated). Anything else:
 * `undefined`.
 */
export function parseModelAnswer(raw: string, allowed: readonly string[]): ModelAnswer | undefined {
  const body = raw.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/u, '$1');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { intent, emotion } = parsed.data;
  return intent === 'oos' || allowed.includes(intent) ? { intent, emotion } : undefined;
}

/** The instructions sent with every question (English; the customer text may be any language). */
export function systemPrompt(intents: readonly string[]): string {
  return [
    'You classify one customer-care message (English or Chinese).',
    `Intents: ${intents.join(', ')}. Use "oos" when none of them fits.`,
    `Emotions: ${EMOTION_LABELS.join(', ')}.`,
    'Bracketed placeholders such as [email] or [phone] stand for masked personal data.',
    'Reply with one JSON object and nothing else: {"intent": "<intent or oos>", "emotion": "<emotion>"}',
  ].join('\n');
}

export interface OpenAiModelOptions {
  apiKey: string;
  /** Default: https://api.openai.com/v1 (passed explicitly: the SDK must not read the environment). */
  baseUrl?: string;
  model: string;
  /** The caller's hard limit (it aborts through the signal); the SDK's own timeout is a backstop just after it. */
  timeoutMs: number;
}

const BACKSTOP_MS = 250;

/** `LanguageModel` over the official `openai` client: no retries, temperature 0, short answers. */
export function openAiLanguageModel(options: OpenAiModelOptions): LanguageModel {
  // Required here, not at the top: the SDK costs about 10 MB of memory, and most installations configure no model.
  const OpenAI = (require('openai') as typeof import('openai')).default;
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: options.timeoutMs + BACKSTOP_MS,
  });
  return {
    async ask(question, signal) {
      const completion = await client.chat.completions.create(
        {
          model: options.model,
          temperature: 0,
          max_tokens: 60,
          messages: [
            { role: 'system', content: systemPrompt(question.intents) },
            { role: 'user', content: question.text },
          ],
        },
        { signal, maxRetries: 0, timeout: options.timeoutMs + BACKSTOP_MS },
      );
      return completion.choices[0]?.message?.content ?? '';
    },
  };
}
