/**
 * Renders Concord's messages for Slack: plain text (the notification and accessibility
 * fallback) plus Block Kit, with quick replies and the survey as buttons whose `value` comes
 * back in a `block_actions` payload. Slack bots cannot show a typing indicator, so there is none.
 */
import type { Language, QuickReply } from '../../engine/messages';
import type { ConversationStatus, StoredMessage } from '../../store/port';

/** Prefix of our buttons' `action_id`s (the `block_actions` listener matches it). */
export const ACTION_PREFIX = 'concord_reply_';

/** The `chat.postMessage` arguments for one message (without `channel`/`thread_ts`). */
export interface SlackMessage {
  text: string;
  blocks?: object[];
}

const AGENT_PREFIX: Record<Language, string> = { en: 'Agent', zh: '客服' };
const SECTION_LIMIT = 3000;
const BUTTON_TEXT_LIMIT = 75;
const MAX_BUTTONS = 25;

/** One stored outbound message as a Slack message. */
export function renderMessage(message: StoredMessage, language: Language): SlackMessage {
  const text = message.author === 'agent' ? `*${AGENT_PREFIX[language]}:* ${message.text}` : message.text;
  if (!message.quickReplies?.length) return { text };
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SECTION_LIMIT) } },
      { type: 'actions', block_id: `concord_${message.id}`.slice(0, 255), elements: message.quickReplies.slice(0, MAX_BUTTONS).map(button) },
    ],
  };
}

function button(reply: QuickReply, i: number): object {
  return { type: 'button', action_id: `${ACTION_PREFIX}${i}`, text: { type: 'plain_text', text: reply.label.slice(0, BUTTON_TEXT_LIMIT) }, value: reply.value.slice(0, 2000) };
}

const STATUS_TEXT: Record<ConversationStatus, Record<Language, string>> = {
  queued: { en: '⏳ You are in the queue for a colleague. Stay in this chat; they will see our conversation.', zh: '⏳ 正在为您排队等待同事接入，请留在本对话中，同事能看到我们的聊天记录。' },
  agent: { en: '👋 A colleague has joined the conversation.', zh: '👋 同事已加入对话。' },
  bot: { en: 'You are talking with the assistant again.', zh: '您现在重新与智能助手对话。' },
  closed: { en: 'This conversation is closed. Write again any time.', zh: '本次对话已结束，如有需要随时再联系我们。' },
};

/** The short message that tells a Slack customer the conversation's status changed. */
export function statusText(status: ConversationStatus, language: Language): string {
  return STATUS_TEXT[status][language];
}

/** The polite answer to files, images and other content the bot cannot read. */
export function unsupportedText(language: Language): string {
  return language === 'zh'
    ? '抱歉，我只能读取文字消息。请用文字描述您的问题，如需提交图片或文件，同事稍后会与您联系。'
    : 'Sorry, I can only read text. Please describe the problem in words; if a photo or file is needed, a colleague will ask for it.';
}
