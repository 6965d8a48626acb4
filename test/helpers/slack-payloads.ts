/**
 * Real-shaped Slack payloads for tests: Events API envelopes for direct messages and mentions,
 * and `block_actions` payloads for pressing a button on a message the fake Slack recorded.
 */
import { randomUUID } from 'node:crypto';
import { BOT_USER_ID, TEAM_ID } from './fake-slack';

let counter = 0;

export interface EventOptions {
  user?: string;
  channel?: string;
  eventId?: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
  files?: { name: string; mimetype: string }[];
}

/** A `message.im` event envelope (a direct message to the bot). */
export function dmEvent(text: string, o: EventOptions = {}): Record<string, unknown> {
  const ts = `1767600${String(++counter).padStart(3, '0')}.000200`;
  return envelope({
    type: 'message', channel_type: 'im', channel: o.channel ?? 'D0CUSTOMER', user: o.user ?? 'U0CUSTOMER', text, ts,
    ...(o.threadTs ? { thread_ts: o.threadTs } : {}), ...(o.subtype ? { subtype: o.subtype } : {}),
    ...(o.botId ? { bot_id: o.botId } : {}), ...(o.files ? { files: o.files } : {}),
  }, o.eventId);
}

/** An `app_mention` event envelope in a public channel. */
export function mentionEvent(text: string, o: EventOptions = {}): Record<string, unknown> {
  const ts = `1767601${String(++counter).padStart(3, '0')}.000300`;
  return envelope({ type: 'app_mention', channel: o.channel ?? 'C0GENERAL', user: o.user ?? 'U0CUSTOMER', text: `<@${BOT_USER_ID}> ${text}`, ts, ...(o.threadTs ? { thread_ts: o.threadTs } : {}) }, o.eventId);
}

function envelope(event: Record<string, unknown>, eventId?: string): Record<string, unknown> {
  return {
    token: 'legacy-verification-token', team_id: TEAM_ID, api_app_id: 'A0FAKE', type: 'event_callback',
    event_id: eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`, event_time: 1767600000,
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }], event,
  };
}

/** The buttons of a posted message: `{ value, label, action_id }`. */
export function buttonsOf(post: Record<string, unknown>): { value: string; label: string; actionId: string }[] {
  const blocks = (post.blocks ?? []) as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[];
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => ({ value: e.value, label: e.text.text, actionId: e.action_id }));
}

/** A `block_actions` payload: the customer pressed the button with `value` on `post`. */
export function buttonPress(post: Record<string, unknown>, value: string, user = 'U0CUSTOMER'): Record<string, unknown> {
  const button = buttonsOf(post).find((b) => b.value === value);
  if (!button) throw new Error(`no button ${value} on "${String(post.text)}"`);
  const message = { type: 'message', ts: post.__ts, text: post.text, user: BOT_USER_ID, ...(post.thread_ts ? { thread_ts: post.thread_ts } : {}) };
  return {
    type: 'block_actions',
    user: { id: user, username: 'customer', team_id: TEAM_ID },
    api_app_id: 'A0FAKE', token: 'legacy-verification-token', trigger_id: `${++counter}.trigger`,
    team: { id: TEAM_ID, domain: 'fake' },
    container: { type: 'message', message_ts: post.__ts, channel_id: post.channel, is_ephemeral: false },
    channel: { id: post.channel, name: 'directmessage' },
    message,
    response_url: 'http://127.0.0.1:1/unused',
    actions: [{ type: 'button', action_id: button.actionId, block_id: 'b', text: { type: 'plain_text', text: button.label }, value: button.value, action_ts: `1767602${String(++counter).padStart(3, '0')}.000400` }],
  };
}
