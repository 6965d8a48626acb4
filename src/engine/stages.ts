/**
 * The named stages of a turn: gate -> understand -> dialog. (The inbox runs before them and the
 * commit after them, in engine.ts.)
 */
import type { Stage } from './pipeline';
import type { TurnContext } from './turn-context';
import type { Understanding, EmotionPoint } from '../understanding/types';
import type { ModelAssist } from '../understanding/model-assist';
import { computeTrajectory } from '../understanding/trajectory';
import type { DialogRuntime } from '../dialogs/runtime';
import { runDialog } from './requests';

const TRAJECTORY_POINTS = 50;

/** The ownership gate: the bot speaks only while the bot owns the conversation. */
export const gate: Stage<TurnContext> = {
  name: 'gate',
  run: async (ctx, next) => {
    ctx.botSilent = ctx.conversation.status !== 'bot';
    await next();
  },
};

/**
 * Annotates the turn (language, intent, entities, emotion) and extends the emotion trajectory.
 * With `assist`, an unsure turn may be refined by the optional language model (bounded wait).
 */
export function understand(understanding: Understanding, assist?: ModelAssist): Stage<TurnContext> {
  return {
    name: 'understand',
    run: async (ctx, next) => {
      const local = understanding.analyze(ctx.text, { previousLanguage: ctx.conversation.language, now: ctx.now, careContext: true });
      ctx.analysis = assist && ctx.text.trim() ? await assist.refine(ctx.text, local) : local;
      const { label, intensity, valence } = ctx.analysis.emotion;
      const point: EmotionPoint = { seq: ctx.message.seq, label, intensity, valence, at: ctx.now };
      const points = [...(ctx.conversation.emotionTrajectory as EmotionPoint[]), point].slice(-TRAJECTORY_POINTS);
      ctx.trajectory = computeTrajectory(points);
      await next();
    },
  };
}

const TEXT_ONLY = {
  en: "Sorry, I can only read text messages. I've kept what you sent; could you describe it in words?",
  zh: '抱歉，我目前只能理解文字消息。您发送的内容已保存，能否用文字描述一下？',
};

/**
 * A message with attachments (photo, sticker, voice ...) and no words: the bot says politely
 * that it understands text only and stops the turn; the message itself is already stored.
 */
export const unsupportedContent: Stage<TurnContext> = {
  name: 'unsupportedContent',
  run: async (ctx, next) => {
    const attachments = ctx.message.annotations?.attachments;
    const wordless = Array.isArray(attachments) && attachments.length > 0 && !ctx.text.trim() && !ctx.value;
    if (!wordless || ctx.botSilent) return next();
    ctx.reply(TEXT_ONLY[ctx.language]);
  },
};

/** Runs the dialog script (once per request of a message that holds several) unless the gate silenced the bot. */
export function dialog(runtime: DialogRuntime): Stage<TurnContext> {
  return {
    name: 'dialog',
    run: async (ctx, next) => {
      if (!ctx.botSilent) ctx.dialogState = await runDialog(runtime, ctx);
      await next();
    },
  };
}
