/**
 * The `link` pipeline stage: a built-in command, not a dialog script, because it must reach the
 * store (codes, identity merge), must match exactly (a code is not an order number), and must
 * work in the middle of any script without disturbing it. It runs after understanding and,
 * when the text is a link command, answers and stops the turn (the script does not see it).
 */
import type { Language } from '../engine/messages';
import type { Stage } from '../engine/pipeline';
import type { TurnContext } from '../engine/turn-context';
import { type AccountLinker, LINK_CODE_TTL_MS, parseLinkCommand } from './link-codes';

const MINUTES = LINK_CODE_TTL_MS / 60_000;

const TEXT = {
  issued: {
    en: (code: string) => `Your link code is ${code}. Within ${MINUTES} minutes, send "link ${code}" from your other account (Slack, Telegram or web chat) to connect the two. Don't share this code with anyone.`,
    zh: (code: string) => `您的关联码是 ${code}。请在 ${MINUTES} 分钟内，在另一个渠道（Slack、Telegram 或网页聊天）发送“关联账号 ${code}”，即可关联两个账号。请勿将关联码告诉他人。`,
  },
  linked: {
    en: 'Done: your accounts are linked. I can now see your conversations and complaints from all of them, so you never need to repeat your story.',
    zh: '关联成功！现在我能看到您在各个渠道的对话和投诉，您不需要再重复说明情况。',
  },
  invalid: {
    en: 'That code is not valid (codes work once, for 10 minutes). Type "link" on your other account to get a new one.',
    zh: '该关联码无效（关联码只能使用一次，有效期 10 分钟）。请在另一个账号中发送“关联账号”获取新的关联码。',
  },
  same_customer: { en: 'These accounts are already linked.', zh: '这两个账号已经关联。' },
  rate_limited: { en: 'Too many attempts. Please wait 15 minutes and try again.', zh: '尝试次数过多，请 15 分钟后再试。' },
  unavailable: { en: 'I could not create a code right now. Please try again in a moment.', zh: '暂时无法生成关联码，请稍后再试。' },
} satisfies Record<string, Record<Language, unknown>>;

/** Handles "link" / "link 123456" (and the Chinese forms) while the bot owns the conversation. */
export function linkAccount(linker: AccountLinker): Stage<TurnContext> {
  return {
    name: 'link',
    run: async (ctx, next) => {
      const command = ctx.botSilent || !ctx.sender || ctx.value ? null : parseLinkCommand(ctx.text);
      if (!command || !ctx.sender) return next();
      const lang = ctx.language;
      const customerId = ctx.conversation.customerId;
      if (command.code === undefined) {
        const issued = await linker.issue(ctx.sender, customerId, ctx.now);
        ctx.reply(issued.ok ? TEXT.issued[lang](issued.code) : TEXT[issued.reason][lang]);
        ctx.event(issued.ok ? 'link_code_issued' : 'link_refused', issued.ok ? { expiresAt: ctx.now + LINK_CODE_TTL_MS } : { reason: issued.reason }, 'customer');
        return;
      }
      const result = await linker.redeem(ctx.sender, customerId, command.code, ctx.now);
      ctx.reply(result.ok ? TEXT.linked[lang] : TEXT[result.reason][lang]);
      ctx.event(result.ok ? 'identity_linked' : 'link_refused', result.ok ? { channel: ctx.sender.channel, into: result.customerId, mergedFrom: result.mergedFrom } : { reason: result.reason }, 'customer');
    },
  };
}
