/**
 * The one schema every dialog script is validated against, at load and on every admin save.
 * A script is a small state machine: named steps, each with per-language templates chosen by
 * conditions, slot collection, actions and transitions (see dialogs/README.md).
 */
import { z } from 'zod';

const LANGS = ['en', 'zh'] as const;
const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case (a-z, 0-9, _)');
const oneOrMany = <T extends z.ZodTypeAny>(t: T) => z.union([t, z.array(t).min(1)]);

/** Text in every supported language. */
export const localized = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });

export const emotionLabel = z.enum(['anger', 'anxiety', 'sadness', 'confusion', 'satisfaction', 'neutral']);
export const categoryLabel = z.enum(['product', 'service', 'price', 'logistics', 'account', 'privacy', 'other']);

/** The tests of a condition; all listed ones must hold. */
const conditionTests = z.strictObject({
  intent: oneOrMany(identifier).optional(),
  not_intent: oneOrMany(identifier).optional(),
  value: oneOrMany(z.string()).optional(),
  emotion: oneOrMany(emotionLabel).optional(),
  /** The emotion of this turn alone (`emotion` tests the strongest one of the frame so far). */
  turn_emotion: oneOrMany(emotionLabel).optional(),
  intensity_at_least: z.number().min(0).max(1).optional(),
  intensity_below: z.number().min(0).max(1).optional(),
  /** The intensity of this turn's emotion alone is below this ("I just want my money back" 0.35; "... this is ridiculous" 0.59). */
  turn_intensity_below: z.number().min(0).max(1).optional(),
  category: oneOrMany(categoryLabel).optional(),
  slot_filled: oneOrMany(identifier).optional(),
  slot_missing: oneOrMany(identifier).optional(),
  language: z.enum(LANGS).optional(),
  trajectory: z.enum(['rising', 'falling', 'steady']).optional(),
  counter_at_least: z.record(identifier, z.number().int().min(1)).optional(),
  /** The slot's question has been asked this many times or more, this time included (a second ask can say more). */
  prompted_at_least: z.record(identifier, z.number().int().min(1)).optional(),
  has_entity: oneOrMany(z.enum(['order_number', 'ticket_ref', 'email', 'phone', 'amount', 'date', 'product'])).optional(),
  /** This script interrupted another that waits for an answer and resumes after it (true), or not (false). */
  interrupting: z.boolean().optional(),
  /** The turn says what is right along with its "no" ("不对，是左边耳机没声音"): enough text for this text slot once the rejecting words are gone; for an entity slot, another value of its kind. */
  correction: identifier.optional(),
  /** The turn is nothing but another value for this entity slot ("654321", "it's 654321" while the frame holds 123456). */
  bare_answer: identifier.optional(),
  /** The typed turn says there is no value for this entity slot ("I don't have an order number", "没有订单号"; only order numbers have such words). */
  declines: identifier.optional(),
  /**
   * The customer's story says one of these words: the turn or any free-text slot of the frame
   * (case-insensitive; a Latin word matches from a word start, so "refund" also finds "refunded").
   */
  mentions: oneOrMany(z.string().min(1).max(60)).optional(),
  /** Like `mentions`, but only the turn's own words count ("can I exchange it instead?"), not the story before. */
  turn_mentions: oneOrMany(z.string().min(1).max(60)).optional(),
  /**
   * The turn's emotion shows in the customer's own words or signs: one of its cues is of these
   * kinds (a `lexicon` cue only when it names the turn's emotion), not the model's reading alone.
   */
  emotion_cue: oneOrMany(z.enum(['lexicon', 'negation', 'intensifier', 'capitals', 'punctuation', 'emoji', 'profanity', 'threat', 'sarcasm'])).optional(),
});

/** All listed tests must hold (an empty condition always holds); `not` holds when its own tests do not all hold. */
export const condition = conditionTests.extend({
  /** `not: { mentions: [refund, 退款] }`: the story does not ask for a refund. */
  not: conditionTests.optional(),
});

/** A template variant: text per language, used when `when` holds. */
export const sayVariant = z.strictObject({ when: condition.optional(), en: z.string().min(1), zh: z.string().min(1) });

export const quickReply = z.strictObject({ value: z.string().min(1).max(64), en: z.string().min(1).max(40), zh: z.string().min(1).max(40) });

export const actionName = z.enum([
  'classify', 'create_ticket', 'agree_resolution', 'record_survey', 'lookup_ticket', 'lookup_order',
  'escalate', 'close', 'end', 'count', 'clear_slots', 'start_script', 'add_detail', 'take_correction', 'record_survey_comment',
  'confirm_solved', 'reopen_ticket', 'prioritize',
]);

export const action = z.union([
  actionName,
  z.strictObject({
    do: actionName,
    name: identifier.optional(),
    slots: z.array(identifier).optional(),
    script: identifier.optional(),
    /**
     * With `start_script` in an answer to a waiting step: the script runs above this one, from
     * this turn, and this step asks its question again when that script ends (a complaint about
     * another order while this one's offer waits). Without it the script replaces this one.
     */
    on_top: z.boolean().optional(),
    reason: z.string().optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  }),
]);

export const transition = z.strictObject({
  when: condition.optional(),
  say: z.array(sayVariant).optional(),
  actions: z.array(action).optional(),
  go: identifier.optional(),
});

/** When the conversation goes to a person on its own (issue 4); absent keys use the defaults. */
export const escalationSettings = z.strictObject({
  enabled: z.boolean().optional(),
  /** Emotion intensity of a negative turn at or above which a person takes over. */
  intensity_at_least: z.number().min(0).max(1).optional(),
  /** Consecutive angry turns, with the trajectory rising. */
  anger_streak: z.number().int().min(1).optional(),
  /** Consecutive turns the bot did not understand. */
  not_understood: z.number().int().min(1).optional(),
  /** Proposed resolutions the customer rejected. */
  rejections: z.number().int().min(1).optional(),
  /** Same customer, same category, within this many days, in an earlier conversation (0 = off). */
  repeat_complaint_days: z.number().min(0).optional(),
  /** Threats to go to court, a regulator or the public. */
  threats: z.boolean().optional(),
  /** VIP customers with a complaint go to a person. */
  vip: z.boolean().optional(),
});

/**
 * The check-back after a resolution (`src/scheduler/follow-up.ts`): a durable timer starts
 * `script` this many minutes after the ticket was resolved (or, with `after: due_date`, after the
 * promised date of a solution the bot agreed that is still being carried out).
 */
export const followUpSettings = z.strictObject({
  enabled: z.boolean().default(true),
  /** Minutes to wait (fractions allowed, e.g. 0.5 in test set-ups). */
  delay_minutes: z.number().positive().max(525_600).default(1440),
  /** Count from the promised date of an agreed solution (`due_date`) or from the agreement itself. */
  after: z.enum(['due_date', 'resolution']).default('due_date'),
  script: identifier.default('follow_up'),
});

export const step = z.strictObject({
  method: z.enum(['listen', 'empathize', 'confirm', 'resolve', 'follow_up', 'other']).default('other'),
  collect: z.array(identifier).optional(),
  actions: z.array(action).optional(),
  say: z.array(sayVariant).optional(),
  quick_replies: z.array(quickReply).max(10).optional(),
  /** Wait for the customer after this step; otherwise continue with `next`. */
  wait: z.boolean().default(false),
  /**
   * What the waiting question asks, when typed answers need reading for it: `solved` ("has the
   * problem been solved?") takes "it's fixed now" as `affirm` and "still waiting for the
   * replacement" as `deny`.
   */
  asks: z.enum(['solved']).optional(),
  on: z.array(transition).optional(),
  /** Said when a waiting step gets an answer that matches no transition. */
  reprompt: z.array(sayVariant).optional(),
  next: identifier.optional(),
  /** Overrides the script's escalation settings while this step is current. */
  escalation: escalationSettings.optional(),
});

export const slot = z.strictObject({
  entity: z.enum(['order_number', 'ticket_ref', 'email', 'phone', 'amount', 'date', 'product']).optional(),
  from: z.enum(['entity', 'text']).default('entity'),
  /** For `from: text`: minimum length (words in English, characters in Chinese) to count as an answer. */
  min_length: z.strictObject({ en: z.number().int().min(1), zh: z.number().int().min(1) }).optional(),
  prompt: z.array(sayVariant).min(1),
  /** How many times to ask before going on without it (0 = required forever). */
  max_prompts: z.number().int().min(0).default(2),
  /** Not asked for when this holds (e.g. no order number for a hacked account: `{ category: [account, privacy] }`). */
  skip_when: condition.optional(),
});

export const script = z.strictObject({
  id: identifier,
  title: localized,
  description: z.string().optional(),
  trigger: z.strictObject({
    intents: z.array(identifier).default([]),
    /** May start while another script is waiting, which resumes afterwards. */
    interrupts: z.boolean().default(false),
    /**
     * Starts only when no script waits for an answer ("ok" after a policy answer); a waiting script
     * keeps such a turn and asks again when none of its answers fits.
     */
    idle_only: z.boolean().default(false),
  }),
  settings: z.strictObject({
    resolution_days: z.strictObject({ low: z.number().min(0), normal: z.number().min(0), high: z.number().min(0), urgent: z.number().min(0) }).optional(),
    escalation: escalationSettings.optional(),
    /** The step the bot resumes at when an agent hands the conversation back (e.g. the survey). */
    return_step: identifier.optional(),
    /**
     * Where the script goes when the customer withdraws ("never mind", "算了，不投诉了") while it is
     * still listening or confirming (a waiting step or slot whose step's method is listen,
     * empathize or confirm); from a resolve or follow-up step, the step's own answers decide.
     */
    withdraw_step: identifier.optional(),
    follow_up: followUpSettings.optional(),
  }).default({}),
  slots: z.record(identifier, slot).default({}),
  start: identifier,
  steps: z.record(identifier, step),
});

export type Condition = z.infer<typeof condition>;
export type SayVariant = z.infer<typeof sayVariant>;
export type QuickReplySpec = z.infer<typeof quickReply>;
export type Action = z.infer<typeof action>;
export type ActionName = z.infer<typeof actionName>;
export type Transition = z.infer<typeof transition>;
export type Step = z.infer<typeof step>;
export type SlotSpec = z.infer<typeof slot>;
export type Script = z.infer<typeof script>;
export type EscalationSettings = z.infer<typeof escalationSettings>;
export type FollowUpSettings = z.infer<typeof followUpSettings>;

/** A script as the runtime holds it: parsed, validated, with its source and version. */
export interface LoadedScript {
  script: Script;
  file: string;
  source: string;
  version: number;
}
