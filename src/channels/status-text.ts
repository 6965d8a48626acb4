/**
 * The short notices platform channels send when a conversation's status changes (the web chat
 * renders a `status` frame instead). The bot's own messages come from the dialog scripts.
 */
import type { Language } from '../engine/messages';
import type { ConversationStatus } from '../store/port';

const NOTICES: Record<Exclude<ConversationStatus, 'bot'>, Record<Language, string>> = {
  queued: {
    en: "You're in the queue for a colleague. Stay in this chat; they will answer here.",
    zh: '您已进入人工客服队列，请留在本对话中，同事会在这里回复您。',
  },
  agent: {
    en: 'A colleague has joined the conversation.',
    zh: '一位同事已加入对话。',
  },
  closed: {
    en: 'This conversation is closed. Write to us again any time.',
    zh: '本次对话已结束，欢迎随时再联系我们。',
  },
};

/** The notice for a status, or undefined when there is nothing to say (back to the bot). */
export function statusNotice(status: ConversationStatus, language: Language): string | undefined {
  return status === 'bot' ? undefined : NOTICES[status][language];
}
