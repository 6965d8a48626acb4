/**
 * The short notices platform channels send when a conversation's status changes (the web chat
 * renders a `status` frame instead). The bot's own messages come from the dialog scripts.
 */
import type { Language } from '../engine/messages';
import type { Conversation, ConversationStatus } from '../store/port';

/** Where a queued conversation stands (the handoff queue answers; null when it is not queued). */
export type QueueInfo = (conversationId: string) => Promise<{ position: number; etaSeconds: number } | null>;

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

/** Why a notice is sent: the status changed, or a queued customer wrote again (`QueueReminders`). */
export type NoticeKind = 'changed' | 'reminder';

const REMINDER: Record<Language, string> = {
  en: "You're still in the queue. Your messages are saved and the colleague who takes over will see them.",
  zh: '您仍在人工客服队列中。您的消息都已保存，接待您的同事会看到。',
};

/** The notice for a status, or undefined when there is nothing to say (back to the bot). */
export function statusNotice(status: ConversationStatus, language: Language): string | undefined {
  return status === 'bot' ? undefined : NOTICES[status][language];
}

/**
 * The notice for a conversation's new status, or the reminder for a queued customer who wrote
 * again; for `queued`, with its place in line and the expected wait when `queueInfo` knows them
 * (the web chat shows these in its status frame).
 */
export async function statusNoticeFor(conversation: Conversation, queueInfo?: QueueInfo, kind: NoticeKind = 'changed'): Promise<string | undefined> {
  const notice = kind === 'reminder' && conversation.status === 'queued' ? REMINDER[conversation.language] : statusNotice(conversation.status, conversation.language);
  if (!notice || conversation.status !== 'queued' || !queueInfo) return notice;
  const place = await queueInfo(conversation.id).catch(() => null);
  const gap = conversation.language === 'zh' ? '' : ' ';
  return place ? `${notice}${gap}${placeInLine(place.position, place.etaSeconds, conversation.language)}` : notice;
}

/** The wait in minutes, or in hours from 90 minutes on (after hours it runs to the next opening). */
function waitText(etaSeconds: number, language: Language): string {
  const minutes = Math.max(1, Math.round(etaSeconds / 60));
  if (minutes < 90) return language === 'zh' ? `${minutes} 分钟` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return language === 'zh' ? `${hours} 小时` : `${hours} hours`;
}

function placeInLine(position: number, etaSeconds: number, language: Language): string {
  if (language === 'zh') return `您排在第 ${position} 位，预计等待约 ${waitText(etaSeconds, language)}。`;
  const where = position <= 1 ? "You're next in line" : `You're number ${position} in line`;
  return `${where}; the wait is about ${waitText(etaSeconds, language)}.`;
}
