/**
 * Golden conversation files (`test/conversations/*.yaml`): a customer's turns and what the bot
 * must do, run through the real server over the web chat protocol with a fake clock.
 */
import { z } from 'zod';

const patterns = z.array(z.string().min(1));
const range = z.union([z.number().int().min(0), z.strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })]);
const labels = z.union([z.string(), z.array(z.string())]);

export const turnExpect = z.strictObject({
  /** How many bot messages this turn produces. */
  replies: range.optional(),
  /** Each pattern (a case-insensitive regular expression) must match one reply of the turn. */
  match: patterns.optional(),
  /** No reply of the turn may match any of these. */
  not_match: patterns.optional(),
  /** Values of the quick replies offered with the turn's last reply (exact set, any order). */
  quick_replies: z.array(z.string()).optional(),
  /** Every reply is written in this language. */
  language: z.enum(['en', 'zh']).optional(),
  /** The server answers with an error frame of this code. */
  error: z.string().optional(),
  /** The customer sees a typing indicator from this side. */
  typing: z.enum(['agent', 'bot']).optional(),
  /** Replies come from this side (default: any). */
  from: z.enum(['bot', 'agent']).optional(),
  /** Conversation status once the turn is processed. */
  status: z.enum(['bot', 'queued', 'agent', 'closed']).optional(),
  /** The understanding of this customer turn, as stored with the message. */
  emotion: z.strictObject({ label: labels.optional(), min_intensity: z.number().optional(), max_intensity: z.number().optional() }).optional(),
  intent: labels.optional(),
  /** After `reconnect`: how many messages the history frame carries at least. */
  history: z.number().int().min(0).optional(),
  /** The conversation's emotion trajectory after this turn. */
  trajectory: z.enum(['rising', 'falling', 'steady']).optional(),
});

export const turn = z.strictObject({
  say: z.string().optional(),
  /** Presses the quick reply with this value (it must have been offered). */
  press: z.string().optional(),
  /** Sends this exact frame text. */
  raw: z.string().optional(),
  /** Sends a text of this many characters (oversize input). */
  say_repeated: z.strictObject({ text: z.string().min(1), times: z.number().int().min(1) }).optional(),
  /** Moves the fake clock, e.g. `90s`, `2h`, `3d`. */
  advance: z.string().regex(/^\d+(ms|s|m|h|d)$/).optional(),
  /** Closes the socket and connects again with the resume token. */
  reconnect: z.boolean().optional(),
  /** Restarts the server on the same data directory, then reconnects. */
  restart: z.boolean().optional(),
  /** What a person does: claim the chat, show typing, reply, hand it back (resolve) or close it. */
  agent: z.strictObject({
    id: z.string().min(1).default('agent-1'),
    do: z.enum(['claim', 'typing', 'reply', 'resolve', 'close']),
    text: z.string().optional(),
  }).optional(),
  expect: turnExpect.optional(),
}).refine((t) => [t.say, t.press, t.raw, t.say_repeated, t.advance, t.reconnect, t.restart, t.agent].filter((x) => x !== undefined).length === 1, {
  message: 'each turn needs exactly one of say, press, raw, say_repeated, advance, reconnect, restart, agent',
});

export const goldenFile = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Browser language the customer's widget reports. */
  locale: z.enum(['en', 'zh']).optional(),
  /** Server settings for this conversation (the fake clock starts Monday 5 January 2026, 09:00 UTC). */
  settings: z.strictObject({ business_hours: z.string().optional(), timezone: z.string().optional() }).optional(),
  /** The customer's profile, applied once their first message created them. */
  customer: z.strictObject({ vip: z.boolean().optional() }).optional(),
  turns: z.array(turn).min(1),
  /** Checked against the store once all turns ran. */
  final: z.strictObject({
    status: z.enum(['bot', 'queued', 'agent', 'closed']).optional(),
    tickets: z.number().int().min(0).optional(),
    ticket: z.strictObject({ category: labels.optional(), status: labels.optional(), priority: labels.optional() }).optional(),
    survey: z.number().int().min(1).max(5).optional(),
    /** Event types, transition names or escalation reasons that must have been recorded. */
    events: z.array(z.string()).optional(),
    /** ... and ones that must not have been. */
    absent_events: z.array(z.string()).optional(),
    /** How many conversations the customer has had. */
    conversations: z.number().int().min(1).optional(),
  }).optional(),
});

export type GoldenFile = z.infer<typeof goldenFile>;
export type GoldenTurn = z.infer<typeof turn>;
export type TurnExpect = z.infer<typeof turnExpect>;
