/**
 * The `{{summary}}` a confirmation quotes when the description was never given: the story the
 * customer told before (a short "坏了" the description did not take), not the last turn ("2").
 */
import { buildRegistry } from '../../src/dialogs/registry';
import { DialogRuntime } from '../../src/dialogs/runtime';
import type { DialogTurn } from '../../src/dialogs/turn';
import { dialogTurn } from '../helpers/dialog-turn';

const SCRIPT = `id: claim
title: { en: Claim, zh: 申诉 }
trigger:
  intents: [complaint]
slots:
  description:
    from: text
    min_length: { en: 4, zh: 6 }
    max_prompts: 1
    prompt:
      - en: "What happened?"
        zh: "发生了什么？"
start: hear
steps:
  hear:
    collect: [description]
    next: confirm
  confirm:
    say:
      - en: "You said: \\"{{summary}}\\". Right?"
        zh: "您说：“{{summary}}”。对吗？"
    wait: true
    on:
      - when: { intent: affirm }
        actions: [end]
`;

function withFact(turn: DialogTurn): DialogTurn {
  const emotion = { label: 'sadness', intensity: 0.4, valence: -0.3, cues: [{ kind: 'lexicon', text: '坏了', label: 'sadness', weight: 0.6, fact: true }] };
  return { ...turn, analysis: { ...turn.analysis, emotion } as DialogTurn['analysis'] };
}

it('quotes the story told before when the description was skipped', async () => {
  const { registry, diagnostics } = buildRegistry([{ file: 'dialogs/claim.yaml', source: SCRIPT, version: 1 }]);
  if (!registry) throw new Error(diagnostics.map((d) => d.message).join('; '));
  const runtime = new DialogRuntime(() => registry);
  const replies: string[] = [];
  const state = await runtime.run({}, withFact(dialogTurn('complaint', replies, { text: '坏了' })));
  expect(replies).toEqual(['What happened?']);
  await runtime.run(state as unknown as Record<string, unknown>, dialogTurn('oos', replies, { text: '2' }));
  expect(replies[1]).toBe('You said: "坏了". Right?');
});
