/**
 * `start_script` with `on_top`: from an answer to a waiting step, a script runs above the
 * waiting frame, hears the turn as its opening, and the frame below asks its question again
 * when it ends; without `on_top` the script replaces the frame.
 */
import { buildRegistry } from '../../src/dialogs/registry';
import { DialogRuntime } from '../../src/dialogs/runtime';
import { dialogTurn } from '../helpers/dialog-turn';

const script = (onTop: boolean) => `id: claim
title: { en: Claim, zh: 申诉 }
trigger:
  intents: [complaint]
slots:
  order:
    entity: order_number
    prompt:
      - en: "Which order?"
        zh: "哪个订单？"
start: hear
steps:
  hear:
    collect: [order]
    next: offer
  offer:
    say:
      - when: { interrupting: true }
        en: "Second offer for {{slots.order}}?"
        zh: "第二个方案 {{slots.order}}？"
      - en: "Offer for {{slots.order}}?"
        zh: "方案 {{slots.order}}？"
    wait: true
    on:
      - when: { intent: complaint, correction: order }
        actions: [{ do: start_script, script: claim${onTop ? ', on_top: true' : ''} }]
      - when: { intent: affirm }
        say:
          - en: "Done {{slots.order}}."
            zh: "好了 {{slots.order}}。"
        go: done
  done:
    actions: [end]
`;

function runtimeFor(onTop: boolean): DialogRuntime {
  const { registry, diagnostics } = buildRegistry([{ file: 'dialogs/claim.yaml', source: script(onTop), version: 1 }]);
  if (!registry) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return new DialogRuntime(() => registry);
}

const turn = (intent: string, replies: string[], order?: string) =>
  dialogTurn(intent, replies, order ? { text: `order ${order} is broken`, orders: [order] } : { text: 'yes' });

const state = (s: unknown) => s as Record<string, unknown>;

it('runs the script on top from this turn and asks the waiting question again when it ends', async () => {
  const runtime = runtimeFor(true);
  const replies: string[] = [];
  let s = await runtime.run({}, turn('complaint', replies, '111111'));
  s = await runtime.run(state(s), turn('complaint', replies, '222222'));
  expect(s.stack.map((f) => [f.script, f.slots.order])).toEqual([['claim', '111111'], ['claim', '222222']]);
  expect(s.stack[0].awaiting).toEqual({ step: 'offer' });

  // The same order again is no second claim: the waiting frame above asks its question again.
  s = await runtime.run(state(s), turn('complaint', replies, '222222'));
  expect(s.stack).toHaveLength(2);

  s = await runtime.run(state(s), turn('affirm', replies));
  expect(s.stack.map((f) => f.slots.order)).toEqual(['111111']);
  s = await runtime.run(state(s), turn('affirm', replies));
  expect(s.stack).toEqual([]);
  expect(replies).toEqual(['Offer for 111111?', 'Second offer for 222222?', 'Second offer for 222222?', 'Done 222222.', 'Offer for 111111?', 'Done 111111.']);
});

it('without on_top, the started script replaces the waiting one (and carries its slots)', async () => {
  const runtime = runtimeFor(false);
  const replies: string[] = [];
  let s = await runtime.run({}, turn('complaint', replies, '111111'));
  s = await runtime.run(state(s), turn('complaint', replies, '222222'));
  expect(s.stack).toHaveLength(1);
  expect(s.stack[0].slots.order).toBe('111111');
  expect(replies).toEqual(['Offer for 111111?', 'Offer for 111111?']);
});

it('forgets requests held back from before an agent took over when the agent hands the chat back', async () => {
  const { registry, diagnostics } = buildRegistry([{ file: 'dialogs/claim.yaml', source: script(false).replace('trigger:', 'settings:\n  return_step: done\ntrigger:'), version: 1 }]);
  if (!registry) throw new Error(diagnostics.map((d) => d.message).join('; '));
  const runtime = new DialogRuntime(() => registry);
  const held = { parts: [{ text: 'what is your return policy?', intent: { name: 'policy_question', confidence: 0.9, outOfScope: false, ranking: [] }, entities: [], category: 'other' }], after: 'order_status', intent: 'order_status', turns: 0 };
  const before = await runtime.run({}, turn('complaint', [], '111111'));
  const after = await runtime.resumeAfterAgent(state({ ...before, pendingRequests: held }), turn('affirm', []));
  expect(after?.pendingRequests).toBeUndefined();
  expect(after?.stack).toEqual([]);
});
