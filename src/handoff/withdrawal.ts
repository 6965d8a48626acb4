/**
 * A queued customer who no longer needs a person ("never mind, I figured it out", "算了，不用了，
 * 我自己解决了") leaves the queue: the chat goes back to the bot (`returnToBot`, actor `customer`),
 * so no agent picks up a chat whose customer has gone. Only a turn that says nothing else counts:
 * "算了，我直接去12315投诉" is a threat, not a withdrawal, and stays with the queue.
 */
import type { Stage } from '../engine/pipeline';
import type { TurnContext } from '../engine/turn-context';
import { withdraws } from '../understanding/intent-rules';
import type { TurnAnalysis } from '../understanding/types';

/** True when the whole turn only withdraws the request for a person (`withdraws`), without a threat or profanity. */
export function isWithdrawal(text: string, analysis: Pick<TurnAnalysis, 'emotion'>): boolean {
  if (analysis.emotion.cues.some((c) => c.kind === 'threat' || c.kind === 'profanity')) return false;
  return withdraws(text);
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
