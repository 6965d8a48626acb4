/**
 * A queued customer who no longer needs a person ("never mind, I figured it out", "算了，不用了，
 * 我自己解决了") leaves the queue: the chat goes back to the bot (`returnToBot`, actor `customer`),
 * so no agent picks up a chat whose customer has gone. Only a turn that says nothing else counts:
 * "算了，我直接去12315投诉" is a threat, not a withdrawal, and stays with the queue.
 */
import type { Stage } from '../engine/pipeline';
import type { TurnContext } from '../engine/turn-context';
import type { TurnAnalysis } from '../understanding/types';

const EN = String.raw`never ?mind|forget (?:it|about it)|no need(?: anymore| now)?|(?:it'?s |all )?(?:fine|ok(?:ay)?|good) now|i(?:'ve| have)? (?:figured|sorted|worked) it out|(?:it|the (?:problem|issue)) (?:is |has been |got )?(?:solved|resolved|fixed|sorted)(?: now)?|i (?:don'?t|do not) need (?:a |an )?(?:agent|person|human|help|anyone)(?: anymore| now)?|cancel (?:the |my )?(?:transfer|request)|i'?ll (?:try|come back) later`;
const ZH = '算了|不用了|不需要了|不用转了?|取消转接|不等了|已经?解决了?|自己解决了?|搞定了|没事了';
const PHRASES = new RegExp(String.raw`\b(?:${EN})\b|${ZH}`, 'gi');
/** Words around the phrases that change nothing: "ok", "thanks", "好的", "我". */
const FILLERS = /\b(?:ok(?:ay)?|thanks?|thank you|thx|sorry|please|actually|oh|hey|so|then|anyway|bye)\b|谢谢你?|好的|嗯|哦|啦|吧|了|我|那|先/gi;

/** True when the whole turn only withdraws the request for a person. */
export function isWithdrawal(text: string, analysis: Pick<TurnAnalysis, 'emotion'>): boolean {
  if (analysis.emotion.cues.some((c) => c.kind === 'threat' || c.kind === 'profanity')) return false;
  // Anything said beyond the phrases ("never mind, my parcel still hasn't arrived", "no need for
  // the bot, I need a human") keeps the chat queued: only a turn that says nothing else withdraws.
  PHRASES.lastIndex = 0;
  if (!PHRASES.test(text)) return false;
  const rest = text.replace(PHRASES, ' ').replace(FILLERS, ' ').replace(/[\s\p{P}\p{S}]/gu, '');
  return rest.length === 0;
}

const WITHDRAWN = {
  en: "No problem, I've taken you out of the queue. If you need anything else, just write here.",
  zh: '好的，已为您取消转接。之后有任何需要，直接在这里留言就好。',
};

/** While the chat waits in the queue, a turn that withdraws the request returns it to the bot. */
export const queueWithdrawal: Stage<TurnContext> = {
  name: 'queueWithdrawal',
  run: async (ctx, next) => {
    if (ctx.conversation.status === 'queued' && ctx.message.direction === 'in' && isWithdrawal(ctx.text, ctx.analysis)) {
      ctx.withdrawRequested = true;
      ctx.reply(WITHDRAWN[ctx.language]);
    }
    await next();
  },
};
