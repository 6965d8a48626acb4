/**
 * The named stages of a turn: gate -> understand -> dialog. (The inbox runs before them and the
 * commit after them, in engine.ts.)
 */
import type { Stage } from './pipeline';
import type { TurnContext } from './turn-context';
import type { Understanding, EmotionPoint } from '../understanding/types';
import { computeTrajectory } from '../understanding/trajectory';
import type { DialogRuntime } from '../dialogs/runtime';

const TRAJECTORY_POINTS = 50;

/** The ownership gate: the bot speaks only while the bot owns the conversation. */
export const gate: Stage<TurnContext> = {
  name: 'gate',
  run: async (ctx, next) => {
    ctx.botSilent = ctx.conversation.status !== 'bot';
    await next();
  },
};

/** Annotates the turn (language, intent, entities, emotion) and extends the emotion trajectory. */
export function understand(understanding: Understanding): Stage<TurnContext> {
  return {
    name: 'understand',
    run: async (ctx, next) => {
      ctx.analysis = understanding.analyze(ctx.text, { previousLanguage: ctx.conversation.language, now: ctx.now });
      const { label, intensity, valence } = ctx.analysis.emotion;
      const point: EmotionPoint = { seq: ctx.message.seq, label, intensity, valence, at: ctx.now };
      const points = [...(ctx.conversation.emotionTrajectory as EmotionPoint[]), point].slice(-TRAJECTORY_POINTS);
      ctx.trajectory = computeTrajectory(points);
      await next();
    },
  };
}

/** Runs the dialog script unless the gate silenced the bot. */
export function dialog(runtime: DialogRuntime): Stage<TurnContext> {
  return {
    name: 'dialog',
    run: async (ctx, next) => {
      if (!ctx.botSilent) ctx.dialogState = await runtime.run(ctx.conversation.state, ctx);
      await next();
    },
  };
}
