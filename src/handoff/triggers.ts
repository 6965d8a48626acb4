/**
 * Escalation triggers: after the dialog ran, decide whether a person should take over, and why.
 * Thresholds come from the current script (`settings.escalation`) and step (`escalation`),
 * falling back to `DEFAULT_ESCALATION`. Every reason is recorded with the escalation.
 */
import type { Stage } from '../engine/pipeline';
import type { TurnContext } from '../engine/turn-context';
import { scriptForFrame, type ScriptRegistry, type ScriptVersions } from '../dialogs/registry';
import type { EscalationSettings } from '../dialogs/schema';
import type { ConversationStore } from '../store/port';
import { NEGATIVE_EMOTIONS } from '../understanding/types';

export const DEFAULT_ESCALATION: Required<EscalationSettings> = {
  enabled: true,
  intensity_at_least: 0.9,
  anger_streak: 3,
  not_understood: 2,
  rejections: 2,
  repeat_complaint_days: 7,
  threats: true,
  vip: true,
};

const DAY_MS = 86_400_000;

/** The reasons these triggers give (the agent console has a label for each, in every language). */
export const TRIGGER_REASONS = ['high_emotion', 'anger_rising', 'not_understood', 'resolution_rejected', 'threat', 'repeat_complaint', 'vip'] as const;
type TriggerReason = (typeof TRIGGER_REASONS)[number];

/** The settings in force for the conversation's current script and step. */
export function escalationSettings(ctx: TurnContext, registry: ScriptRegistry, versions?: ScriptVersions): Required<EscalationSettings> {
  const frame = ctx.dialogState?.stack[ctx.dialogState.stack.length - 1];
  const script = frame ? scriptForFrame(registry, versions, frame)?.script : undefined;
  return { ...DEFAULT_ESCALATION, ...script?.settings.escalation, ...(frame && script?.steps[frame.step]?.escalation) };
}

/** Reasons to hand this conversation to a person now (empty: the bot carries on). */
export async function escalationReasons(ctx: TurnContext, s: Required<EscalationSettings>, store: ConversationStore): Promise<TriggerReason[]> {
  if (!s.enabled) return [];
  const { emotion } = ctx.analysis;
  const state = ctx.dialogState;
  const reasons: TriggerReason[] = [];
  // Words, not a lone "😡😡😡", decide that a person must step in.
  const hasWords = /[\p{L}]{2,}/u.test(ctx.text);
  if (hasWords && NEGATIVE_EMOTIONS.has(emotion.label) && emotion.intensity >= s.intensity_at_least) reasons.push('high_emotion');
  if (ctx.trajectory.angerStreak >= s.anger_streak && ctx.trajectory.direction !== 'falling') reasons.push('anger_rising');
  if (state && state.misunderstoodStreak >= s.not_understood) reasons.push('not_understood');
  if (state && (state.counters.rejections ?? 0) >= s.rejections) reasons.push('resolution_rejected');
  if (s.threats && emotion.cues.some((c) => c.kind === 'threat')) reasons.push('threat');
  const complaint = ctx.ticketsCreated[0];
  if (complaint && s.repeat_complaint_days > 0) {
    const since = ctx.now - s.repeat_complaint_days * DAY_MS;
    const earlier = await store.listTicketsByCustomer(ctx.conversation.customerId);
    // Another complaint in this same chat (two broken items, two orders) is a second problem, not
    // the same one coming back after it was handled.
    const repeat = earlier.some((t) => t.conversationId !== ctx.conversation.id && t.category === complaint.category && t.createdAt >= since);
    if (repeat) reasons.push('repeat_complaint');
  }
  if (complaint && s.vip && (await store.getCustomer(ctx.conversation.customerId))?.vip) reasons.push('vip');
  return reasons;
}

/** The pipeline stage: adds trigger reasons to the turn's escalations while the bot owns the chat. */
export function escalationTriggers(registry: () => ScriptRegistry, store: ConversationStore, versions?: ScriptVersions): Stage<TurnContext> {
  return {
    name: 'escalation',
    run: async (ctx, next) => {
      if (!ctx.botSilent) {
        const reasons = await escalationReasons(ctx, escalationSettings(ctx, registry(), versions), store);
        ctx.triggerEscalations = reasons.filter((r) => !ctx.escalations.includes(r));
      }
      await next();
    },
  };
}
