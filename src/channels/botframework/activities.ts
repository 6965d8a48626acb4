/**
 * Bot Framework activities: the zod schema of the fields Concord reads, the mapping of a message
 * activity to an `InboundMessage` (channel key = conversation id, platform id = activity id), and
 * the address needed to write back to the conversation later (ids and the service URL only; no
 * names).
 */
import { z } from 'zod';
import type { Attachment, InboundMessage } from '../../engine/messages';
import { languageFromLocale } from '../locale';

const account = z.object({ id: z.string().min(1), name: z.string().optional() });

const conversation = z.object({
  id: z.string().min(1),
  tenantId: z.string().optional(),
  conversationType: z.string().optional(),
  isGroup: z.boolean().optional(),
});

/** The parts of an `Activity` Concord reads. */
export const botActivity = z.object({
  type: z.string().min(1),
  id: z.string().min(1).optional(),
  serviceUrl: z.string().url(),
  channelId: z.string().min(1),
  from: account,
  recipient: account,
  conversation,
  text: z.string().optional(),
  locale: z.string().optional(),
  attachments: z.array(z.object({ contentType: z.string() })).optional(),
  membersAdded: z.array(account).optional(),
}).refine((a) => a.type !== 'message' || a.id !== undefined, { message: 'a message activity needs an id', path: ['id'] });

export type BotActivity = z.infer<typeof botActivity>;

/** Where replies to a conversation go: enough to rebuild a `ConversationReference`. */
export const conversationAddress = z.object({
  serviceUrl: z.string().url(),
  channelId: z.string().min(1),
  conversation,
  bot: z.object({ id: z.string().min(1) }),
  user: z.object({ id: z.string().min(1) }),
});

export type ConversationAddress = z.infer<typeof conversationAddress>;

/** The address of the conversation an activity came from (the bot is its recipient). */
export function addressOf(a: BotActivity): ConversationAddress {
  const { id, tenantId, conversationType, isGroup } = a.conversation;
  return {
    serviceUrl: a.serviceUrl,
    channelId: a.channelId,
    conversation: { id, ...(tenantId ? { tenantId } : {}), ...(conversationType ? { conversationType } : {}), ...(isGroup !== undefined ? { isGroup } : {}) },
    bot: { id: a.recipient.id },
    user: { id: a.from.id },
  };
}

/** Maps a message activity; undefined when it carries neither text nor attachments. */
export function mapMessage(a: BotActivity, receivedAt: number): InboundMessage | undefined {
  const text = withoutMentions(a.text ?? '');
  const attachments = (a.attachments ?? []).map((x) => attachmentKind(x.contentType)).filter((k): k is Attachment['kind'] => k !== undefined).map((kind) => ({ kind }));
  if (!text && !attachments.length) return undefined;
  return {
    channel: 'botframework',
    channelUserId: a.from.id,
    channelKey: a.conversation.id,
    channelMessageId: a.id!,
    text,
    ...(attachments.length ? { attachments } : {}),
    receivedAt,
    localeHint: languageFromLocale(a.locale),
  };
}

/** Whether a `conversationUpdate` adds someone other than the bot to a one-to-one chat. */
export function addsCustomer(a: BotActivity): boolean {
  if (a.conversation.isGroup || (a.conversation.conversationType && a.conversation.conversationType !== 'personal')) return false;
  return (a.membersAdded ?? []).some((m) => m.id !== a.recipient.id);
}

/** Teams writes an @mention of the bot as `<at>Name</at>`; the words around it are the message. */
function withoutMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

/** Content the bot cannot read; Teams' `text/html` copy of a text message is not an attachment. */
function attachmentKind(contentType: string): Attachment['kind'] | undefined {
  if (contentType === 'text/html' || contentType === 'text/plain') return undefined;
  if (contentType.startsWith('image/')) return 'image';
  if (contentType.startsWith('audio/')) return 'audio';
  if (contentType.startsWith('video/')) return 'video';
  return contentType.startsWith('application/vnd.microsoft.card') ? 'other' : 'file';
}
