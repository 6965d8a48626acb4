/**
 * Renders Concord's messages for Slack: plain text (the notification and accessibility
 * fallback) plus Block Kit, with quick replies and the survey as buttons whose `value` comes
 * back in a `block_actions` payload. Slack bots cannot show a typing indicator, so there is none;
 * status notices come from `../status-text.ts`.
 */
import type { Language, QuickReply } from '../../engine/messages';
import type { StoredMessage } from '../../store/port';

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
