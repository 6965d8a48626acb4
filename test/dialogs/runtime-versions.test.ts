/**
 * Script versions in the dialog runtime: a waiting frame keeps running the version it started
 * on (loaded through `ScriptVersions`), a frame stored without a version runs the newest, and
 * a newly routed script uses the newest version.
 */
import { buildRegistry, type ScriptVersions } from '../../src/dialogs/registry';
import { DialogRuntime } from '../../src/dialogs/runtime';
import type { LoadedScript } from '../../src/dialogs/schema';
import { dialogTurn } from '../helpers/dialog-turn';

const source = (word: string) => `id: demo
title: { en: Demo, zh: 演示 }
trigger:
  intents: [complaint]
start: ask
steps:
  ask:
    say:
      - en: "Question ${word}?"
        zh: "问题 ${word}？"
    wait: true
    on:
      - when: { intent: affirm }
        say:
          - en: "Answer ${word}."
            zh: "回答 ${word}。"
        go: done
  done:
    actions: [end]
`;

function registryAt(version: number, word: string) {
  const { registry } = buildRegistry([{ file: 'dialogs/demo.yaml', source: source(word), version }]);
  if (!registry) throw new Error('invalid demo script');
  return registry;
}

const v1 = registryAt(1, 'one');
const v2 = registryAt(2, 'two');
const versions: ScriptVersions = {
  load: async (id, version) => (version === 1 ? v1.get(id) : undefined),
  cached: (id, version): LoadedScript | undefined => (version === 1 ? v1.get(id) : undefined),
};

const turn = (intent: string, replies: string[]) => dialogTurn(intent, replies);

it('keeps a waiting frame on its version, runs version-less frames and new routes on the newest', async () => {
  const started = await new DialogRuntime(() => v1, versions).run({}, turn('complaint', []));
  expect(started.stack[0]).toMatchObject({ script: 'demo', version: 1, awaiting: { step: 'ask' } });

  const runtime = new DialogRuntime(() => v2, versions);
  const kept: string[] = [];
  await runtime.run(started as unknown as Record<string, unknown>, turn('affirm', kept));
  expect(kept).toEqual(['Answer one.']);

  const { version: _dropped, ...old } = started.stack[0];
  const legacy: string[] = [];
  await runtime.run({ ...started, stack: [old] } as unknown as Record<string, unknown>, turn('affirm', legacy));
  expect(legacy).toEqual(['Answer two.']);

  const fresh: string[] = [];
  const routed = await runtime.run({}, turn('complaint', fresh));
  expect(fresh).toEqual(['Question two?']);
  expect(routed.stack[0].version).toBe(2);
});
