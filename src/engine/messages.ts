/**
 * The one message type every channel adapter produces, and the one it renders. Nothing after
 * the adapter knows which platform a message came from.
 */
export type ChannelName = 'web' | 'slack' | 'telegram' | 'botframework' | 'cli' | 'test';

export type Language = 'en' | 'zh';

export interface Attachment {
  kind: 'image' | 'file' | 'audio' | 'video' | 'sticker' | 'location' | 'other';
  name?: string;
  url?: string;
  mimeType?: string;
}

export interface InboundMessage {
  channel: ChannelName;
  /** The customer's id on that platform (web: the browser's customer id). */
  channelUserId: string;
  /** Thread/conversation key on that platform (Slack channel+thread, Telegram chat id, ...). */
  channelKey: string;
  /** The platform's id of this message; retries carry the same id and are dropped. */
  channelMessageId: string;
  text: string;
  /** Set when the customer pressed a quick reply; `text` then holds its label. */
  value?: string;
  attachments?: Attachment[];
  receivedAt: number;
  /** Language the client says it prefers (browser locale), used until the customer writes. */
  localeHint?: Language;
  /** Id to give the conversation if this message starts a new one (web sessions pre-assign it). */
  conversationId?: string;
}

export interface QuickReply {
  label: string;
  value: string;
}

export interface OutboundMessage {
  /** Server-assigned id (also the outbox id). */
  id: string;
  conversationId: string;
  from: 'bot' | 'agent' | 'system';
  text: string;
  quickReplies?: QuickReply[];
  createdAt: number;
}
