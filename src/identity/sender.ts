/**
 * Who sent a stored customer message, for the `link` stage, which needs the sender's channel
 * identity (the conversation knows only its channel key). A live turn gets it from the channel;
 * a turn recovered after a crash (`Engine.recoverTurn`) reads it back from the message: a message
 * that is a link command is stored with `annotations.sender = { channelUserId }` (only those: no
 * other stage needs it). A message stored without it (by an older version) falls back to the
 * customer's one identity on the conversation's channel, when there is exactly one.
 */
import type { InboundMessage } from '../engine/messages';
import type { Conversation, ConversationStore, StoredMessage } from '../store/port';
import { parseLinkCommand, type Sender } from './link-codes';

/** The annotations that let a recovered turn know the sender: set for link commands only. */
export function senderAnnotations(inbound: Pick<InboundMessage, 'text' | 'channelUserId'>): Record<string, unknown> {
  return parseLinkCommand(inbound.text) ? { sender: { channelUserId: inbound.channelUserId } } : {};
}

/** The sender of a stored message, as `senderAnnotations` recorded it (or the customer's only identity on the channel). */
export async function storedSender(store: ConversationStore, conversation: Conversation, message: StoredMessage): Promise<Sender | undefined> {
  const recorded = (message.annotations?.sender as { channelUserId?: unknown } | undefined)?.channelUserId;
  if (typeof recorded === 'string') return { channel: conversation.channel, channelUserId: recorded };
  if (!parseLinkCommand(message.text)) return undefined;
  const onChannel = (await store.listIdentities(conversation.customerId)).filter((i) => i.channel === conversation.channel);
  return onChannel.length === 1 ? { channel: conversation.channel, channelUserId: onChannel[0].channelUserId } : undefined;
}
