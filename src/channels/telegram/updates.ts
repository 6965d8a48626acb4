/**
 * Telegram updates: the zod schema of the fields Concord reads (everything else is ignored), and
 * the mapping of one update to an `InboundMessage`. The conversation key is the chat id (plus the
 * forum topic when there is one); the platform message id is the `update_id`, so a redelivered
 * update is dropped as a duplicate.
 */
import { z } from 'zod';
import type { Attachment, InboundMessage } from '../../engine/messages';
import { languageFromLocale } from '../locale';
import { escapeRegExp } from '../../regexp';

const user = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const chat = z.object({ id: z.number().int(), type: z.enum(['private', 'group', 'supergroup', 'channel']) });

const entity = z.object({ type: z.string(), offset: z.number().int().min(0), length: z.number().int().min(0) });

const button = z.object({ text: z.string(), callback_data: z.string().optional() });

/** Message kinds Concord cannot read, with the attachment kind they are stored as. */
const UNSUPPORTED: Record<string, Attachment['kind']> = {
  photo: 'image', document: 'file', sticker: 'sticker', voice: 'audio', audio: 'audio',
  video: 'video', video_note: 'video', animation: 'video', location: 'location', contact: 'other', poll: 'other',
};

const message = z.object({
  message_id: z.number().int(),
  message_thread_id: z.number().int().optional(),
  is_topic_message: z.boolean().optional(),
  from: user.optional(),
  chat,
  date: z.number().int(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(entity).optional(),
  caption_entities: z.array(entity).optional(),
  reply_to_message: z.object({ from: user.optional() }).optional(),
  reply_markup: z.object({ inline_keyboard: z.array(z.array(button)) }).optional(),
  photo: z.unknown().optional(),
  document: z.unknown().optional(),
  sticker: z.unknown().optional(),
  voice: z.unknown().optional(),
  audio: z.unknown().optional(),
  video: z.unknown().optional(),
  video_note: z.unknown().optional(),
  animation: z.unknown().optional(),
  location: z.unknown().optional(),
  contact: z.unknown().optional(),
  poll: z.unknown().optional(),
});

const callbackQuery = z.object({
  id: z.string().min(1),
  from: user,
  message: message.optional(),
  data: z.string().optional(),
});

/** The parts of a Telegram `Update` Concord reads; other update kinds pass and are ignored. */
export const telegramUpdate = z.object({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  callback_query: callbackQuery.optional(),
});

export type TelegramUpdate = z.infer<typeof telegramUpdate>;
type TelegramMessage = z.infer<typeof message>;

/** The bot's own identity (from `getMe`), needed to tell whether a group message addresses it. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** What to do with one update. */
export type MappedUpdate =
  | { kind: 'message'; inbound: InboundMessage; callbackQueryId?: string; pressed?: { chatId: number; messageId: number } }
  | { kind: 'ignored'; reason: string; callbackQueryId?: string };

/** The conversation key of a chat (and forum topic). */
export function chatKey(m: Pick<TelegramMessage, 'chat' | 'message_thread_id' | 'is_topic_message'>): string {
  return m.is_topic_message && m.message_thread_id !== undefined ? `${m.chat.id}:${m.message_thread_id}` : String(m.chat.id);
}

/** The chat and topic a conversation key names (inverse of `chatKey`). */
export function chatTarget(channelKey: string): { chatId: number; threadId?: number } {
  const [chatId, threadId] = channelKey.split(':').map(Number);
  return threadId === undefined || Number.isNaN(threadId) ? { chatId } : { chatId, threadId };
}

/** Whether an update needs the bot's identity to be mapped (group messages do). */
export function needsIdentity(update: TelegramUpdate): boolean {
  const type = update.message?.chat.type;
  return type === 'group' || type === 'supergroup';
}

/** Maps a validated update; `bot` is required for group messages (see `needsIdentity`). */
export function mapUpdate(update: TelegramUpdate, receivedAt: number, bot?: BotIdentity): MappedUpdate {
  if (update.callback_query) return mapCallback(update, update.callback_query, receivedAt);
  const m = update.message;
  if (!m?.from || m.from.is_bot) return { kind: 'ignored', reason: 'not a customer message' };
  if (m.chat.type === 'channel') return { kind: 'ignored', reason: 'channel post' };
  const attachments = attachmentsOf(m);
  let text = m.text ?? m.caption ?? '';
  if (m.chat.type !== 'private') {
    if (!bot || !addressesBot(m, bot)) return { kind: 'ignored', reason: 'group message not addressed to the bot' };
    text = withoutMention(text, bot);
  }
  if (!text.trim() && !attachments.length) return { kind: 'ignored', reason: 'service message' };
  const inbound: InboundMessage = {
    channel: 'telegram',
    channelUserId: String(m.from.id),
    channelKey: chatKey(m),
    channelMessageId: String(update.update_id),
    text: text.trim(),
    ...(attachments.length ? { attachments } : {}),
    receivedAt,
    localeHint: languageFromLocale(m.from.language_code),
  };
  return { kind: 'message', inbound };
}

function mapCallback(update: TelegramUpdate, q: z.infer<typeof callbackQuery>, receivedAt: number): MappedUpdate {
  if (!q.message || q.data === undefined || q.from.is_bot) return { kind: 'ignored', reason: 'callback without message or data', callbackQueryId: q.id };
  const label = q.message.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === q.data)?.text;
  const inbound: InboundMessage = {
    channel: 'telegram',
    channelUserId: String(q.from.id),
    channelKey: chatKey(q.message),
    channelMessageId: String(update.update_id),
    text: label ?? q.data,
    value: q.data,
    receivedAt,
    localeHint: languageFromLocale(q.from.language_code),
  };
  return { kind: 'message', inbound, callbackQueryId: q.id, pressed: { chatId: q.message.chat.id, messageId: q.message.message_id } };
}

function attachmentsOf(m: TelegramMessage): Attachment[] {
  const present = m as Record<string, unknown>;
  return Object.entries(UNSUPPORTED).filter(([key]) => present[key] !== undefined).map(([, kind]) => ({ kind }));
}

/** A group message addresses the bot by @mention, by a `/command@bot`, or by replying to it. */
function addressesBot(m: TelegramMessage, bot: BotIdentity): boolean {
  if (m.reply_to_message?.from?.id === bot.id) return true;
  const text = m.text ?? m.caption ?? '';
  const entities = m.entities ?? m.caption_entities ?? [];
  const handle = `@${bot.username.toLowerCase()}`;
  return entities.some((e) => {
    const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
    return (e.type === 'mention' && part === handle) || (e.type === 'bot_command' && part.endsWith(handle));
  });
}

function withoutMention(text: string, bot: BotIdentity): string {
  const escaped = escapeRegExp(bot.username);
  return text.replace(new RegExp(`@${escaped}\\b`, 'gi'), '').replace(/\s{2,}/g, ' ').trim();
}
