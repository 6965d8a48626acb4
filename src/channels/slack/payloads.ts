/**
 * The Slack payloads Concord accepts, checked with zod before anything reads them, and their
 * mapping to `InboundMessage`. Events API bodies arrive as JSON; interactivity (button presses)
 * as a form field `payload` holding JSON. Unknown fields are ignored; missing ones are errors.
 */
import { z } from 'zod';
import type { Attachment, InboundMessage } from '../../engine/messages';

const urlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(200) });
const eventCallback = z.object({
  type: z.literal('event_callback'),
  event_id: z.string().min(1).max(100),
  team_id: z.string().min(1).max(50),
  event: z.object({ type: z.string().min(1) }).passthrough(),
});


const messageEventSchema = z.object({
  type: z.enum(['message', 'app_mention']),
  subtype: z.string().optional(),
  user: z.string().min(1).max(50).optional(),
  bot_id: z.string().optional(),
  text: z.string().max(40_000).optional(),
  channel: z.string().min(1).max(50),
  channel_type: z.string().optional(),
  ts: z.string().min(1).max(30),
  thread_ts: z.string().min(1).max(30).optional(),
  files: z.array(z.object({ name: z.string().optional(), mimetype: z.string().optional() }).passthrough()).max(20).optional(),
});

/** A button press (`block_actions`) on one of our messages. */
export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1).max(50), team_id: z.string().max(50).optional() }),
  team: z.object({ id: z.string().min(1).max(50) }).nullish(),
  channel: z.object({ id: z.string().min(1).max(50) }),
  message: z.object({ ts: z.string().min(1).max(30), thread_ts: z.string().max(30).optional() }),
  actions: z.array(z.object({
    action_id: z.string().min(1).max(255),
    value: z.string().max(2000).optional(),
    text: z.object({ text: z.string().max(200) }).optional(),
    action_ts: z.string().min(1).max(30),
  })).min(1),
});

/** The outer shape of every payload Concord reads; other types (with a string `type`) are acknowledged and ignored. */
export type Envelope = { type: 'url_verification'; challenge: string } | { type: string };

const anyType = z.object({ type: z.string().min(1).max(100) });

/** Checks a parsed body: the types we act on must match their schema in full; null when malformed. */
export function checkEnvelope(body: unknown): Envelope | null {
  const typed = anyType.safeParse(body);
  if (!typed.success) return null;
  const schema = typed.data.type === 'url_verification' ? urlVerification
    : typed.data.type === 'event_callback' ? eventCallback
      : typed.data.type === 'block_actions' ? blockActionsSchema : anyType;
  const parsed = schema.safeParse(body);
  return parsed.success ? (parsed.data as Envelope) : null;
}

/** Subtypes that are still a person's words; every other subtype (edits, joins, bots) is ignored. */
const USER_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/** What one Slack message event means for Concord. */
export type MappedEvent =
  | { kind: 'message'; inbound: InboundMessage }
  | { kind: 'ignore'; reason: string };

/** `C123` for a top-level direct message, `C123:1700000000.000100` for a thread. */
export function threadKey(channel: string, threadTs?: string): string {
  return threadTs ? `${channel}:${threadTs}` : channel;
}

/** The inverse of {@link threadKey}. */
export function parseThreadKey(key: string): { channel: string; threadTs?: string } {
  const [channel, threadTs] = key.split(':', 2);
  return { channel, threadTs: threadTs || undefined };
}

/** Maps a `message` or `app_mention` event to an inbound message (or says why not). */
export function mapMessageEvent(envelope: { event_id: string; team_id: string; event: unknown }, botUserId: string | undefined, now: number): MappedEvent {
  const parsed = messageEventSchema.safeParse(envelope.event);
  if (!parsed.success) return { kind: 'ignore', reason: 'unexpected_event_shape' };
  const e = parsed.data;
  if (e.bot_id || e.subtype === 'bot_message' || !e.user || e.user === botUserId) return { kind: 'ignore', reason: 'bot_message' };
  if (!USER_SUBTYPES.has(e.subtype)) return { kind: 'ignore', reason: 'subtype' };
  if (e.type === 'message' && e.channel_type !== 'im') return { kind: 'ignore', reason: 'not_direct' };
  if (e.type === 'app_mention' && e.channel.startsWith('D')) return { kind: 'ignore', reason: 'mention_in_dm' };
  // Mentions in channels are answered in a thread under the mention; DMs where they were written.
  const threadTs = e.type === 'app_mention' ? e.thread_ts ?? e.ts : e.thread_ts;
  const channelKey = threadKey(e.channel, threadTs);
  const channelUserId = `${envelope.team_id}:${e.user}`;
  const text = cleanText(e.text ?? '', botUserId);
  const attachments: Attachment[] | undefined = e.files?.map((f) => ({ kind: attachmentKind(f.mimetype), name: f.name, mimeType: f.mimetype }));
  // A file without words is stored too; the engine answers it ("I can only read text").
  if (!text && !attachments?.length) return { kind: 'ignore', reason: 'empty' };
  return {
    kind: 'message',
    inbound: { channel: 'slack', channelUserId, channelKey, channelMessageId: envelope.event_id, text, attachments, receivedAt: now },
  };
}

/** Maps a button press to an inbound message whose `value` is the button's value. */
export function mapBlockAction(body: unknown, now: number): InboundMessage | null {
  const parsed = blockActionsSchema.safeParse(body);
  if (!parsed.success) return null;
  const p = parsed.data;
  const action = p.actions[0];
  if (!action.value) return null;
  const team = p.team?.id ?? p.user.team_id ?? 'T';
  return {
    channel: 'slack',
    channelUserId: `${team}:${p.user.id}`,
    channelKey: threadKey(p.channel.id, p.message.thread_ts),
    channelMessageId: `action:${p.channel.id}:${action.action_ts}:${action.action_id}`,
    text: action.text?.text ?? action.value,
    value: action.value,
    receivedAt: now,
  };
}

function attachmentKind(mime: string | undefined): Attachment['kind'] {
  const top = mime?.split('/')[0];
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'file';
}

/** Removes the bot's own mention and undoes Slack's `&amp;`/`&lt;`/`&gt;` escaping. */
function cleanText(text: string, botUserId: string | undefined): string {
  const withoutMention = botUserId ? text.split(`<@${botUserId}>`).join(' ') : text.replace(/^\s*<@[A-Z0-9]+>/, ' ');
  return withoutMention.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}
