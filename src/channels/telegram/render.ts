/**
 * Rendering for Telegram: quick replies (and the 1-5 survey) as an inline keyboard whose
 * `callback_data` is the reply's value, and Bot API errors as the outbox understands them.
 */
import { TelegramError } from 'telegraf';
import type { QuickReply } from '../../engine/messages';
import { RateLimitedError } from '../channel';

/** Telegram's limit on `callback_data`, in bytes. */
const MAX_CALLBACK_BYTES = 64;
const BUTTONS_PER_ROW = 3;
/** Up to five buttons whose labels total at most this many characters share one row. */
const ONE_ROW_CHARS = 24;

export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/**
 * The inline keyboard for a message's quick replies, or undefined when there are none. A row of
 * up to five short buttons (yes/no, the survey) is one row; otherwise three per row. Values too long for
 * `callback_data` are left out (and reported through `onSkipped`).
 */
export function inlineKeyboard(quickReplies: QuickReply[] | null | undefined, onSkipped?: (value: string) => void): InlineKeyboard | undefined {
  const buttons = (quickReplies ?? []).filter((q) => {
    const fits = Buffer.byteLength(q.value) <= MAX_CALLBACK_BYTES && q.value.length > 0;
    if (!fits) onSkipped?.(q.value);
    return fits;
  }).map((q) => ({ text: q.label, callback_data: q.value }));
  if (!buttons.length) return undefined;
  const chars = buttons.reduce((n, b) => n + [...b.text].length, 0);
  const perRow = buttons.length <= 5 && chars <= ONE_ROW_CHARS ? buttons.length : BUTTONS_PER_ROW;
  const rows: InlineKeyboard['inline_keyboard'] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

/**
 * Translates a failed Bot API call for the outbox: 429 with `retry_after` becomes
 * `RateLimitedError`; anything else an `Error` naming the method and Telegram's code (never the
 * payload, which holds the customer's text).
 */
export function deliveryError(method: string, err: unknown): Error {
  if (err instanceof TelegramError) {
    const retryAfter = err.parameters?.retry_after;
    if (err.code === 429) return new RateLimitedError(Math.max(1, retryAfter ?? 1) * 1000, `telegram ${method}: 429 Too Many Requests (retry after ${retryAfter ?? 1} s)`);
    return new Error(`telegram ${method}: ${err.code} ${err.description}`);
  }
  return new Error(`telegram ${method}: ${err instanceof Error ? err.message : String(err)}`);
}
