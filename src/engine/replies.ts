/**
 * What the engine itself says (outside the dialog scripts) and how it shapes a turn's replies
 * before they are stored.
 */
import type { Language } from './messages';
import type { TurnContext } from './turn-context';

/** The greeting of a new web chat session. */
export const GREETING: Record<Language, string> = {
  en: "Hello! I'm the customer care assistant. Tell me what happened, or ask me about an order or a complaint; I can also put you through to a person.",
  zh: '您好！我是智能客服助手。您可以告诉我遇到的问题，或查询订单和投诉进度；也可以为您转接人工客服。',
};

/** Said when the escalation rules (not the script) hand the conversation to a person. */
export const HANDOFF_MESSAGE: Record<Language, string> = {
  en: "I'm bringing in a colleague who can help you best. Please stay in this chat; they will see everything you've told me, so you won't need to repeat yourself.",
  zh: '我马上为您转接一位同事，他能更好地帮您处理。请留在本对话中，同事能看到您告诉我的所有信息，您不需要再重复说明。',
};

/** Said when a turn failed: the customer always hears back, and the message is kept. */
export const SAFE_REPLY: Record<Language, string> = {
  en: "Sorry, something went wrong on my side. Your message is saved, and I'll ask a colleague to follow up.",
  zh: '抱歉，我这边出了点问题。您的消息已保存，我会请同事尽快跟进。',
};

/** The turn's replies, each annotated with the customer message it answers (`inReplyTo`). */
export function inReplyTo(ctx: TurnContext): TurnContext['outbound'] {
  return ctx.outbound.map((m) => ({ ...m, annotations: { ...m.annotations, inReplyTo: ctx.message.id } }));
}

/**
 * The bot's last question of a turn that ends in a handoff will never be answered by the bot
 * ("... Is that correct?" followed by "I'm bringing in a colleague"): remove that closing
 * question and what follows it ("能告诉我订单号吗？我马上帮您查。"), keeping what came before it
 * (the empathy), and the message itself when nothing is left.
 */
export function dropClosingQuestion(outbound: { text: string }[]): void {
  const last = outbound[outbound.length - 1];
  if (!last || !/[?？]/.test(last.text)) return;
  // The leftmost sentence that is a question with no question after it: the last question.
  const kept = last.text.replace(/(^|[.!。！?？\n]\s*)[^.!。！?？\n]*[?？][^?？]*$/, '$1').trim();
  if (kept) last.text = kept;
  else outbound.pop();
}
