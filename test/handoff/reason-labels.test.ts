/**
 * Every reason an escalation or a return to the bot can carry has words in both languages: in the
 * handoff packet (server) and in the agent console's queue and transcript (browser dictionary).
 * A code without a label used to show as raw words ("resolution rejected") in the Chinese console.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { loadScripts } from '../../src/dialogs/registry';
import { REASON_LABELS } from '../../src/handoff/packet-labels';
import { TRIGGER_REASONS } from '../../src/handoff/triggers';

const ROOT = path.resolve(__dirname, '../..');

/** The console's dictionary, evaluated from its ES module source (`export` dropped). */
function consoleStrings(): Record<'en' | 'zh', Record<string, string>> {
  const source = fs.readFileSync(path.join(ROOT, 'web/agent/i18n.js'), 'utf8').replace(/^export\s+/gm, '');
  const context: { STRINGS?: Record<'en' | 'zh', Record<string, string>> } = {};
  vm.runInNewContext(`${source}\nthis.STRINGS = STRINGS;`, context);
  return context.STRINGS!;
}

/** The `reason` of every escalate action in the shipped scripts (`script` when none is given). */
function scriptReasons(): string[] {
  const { registry } = loadScripts(path.join(ROOT, 'dialogs'));
  const reasons = new Set<string>();
  for (const { script } of registry!.all()) {
    for (const step of Object.values(script.steps)) {
      const actions = [...(step.actions ?? []), ...(step.on ?? []).flatMap((t) => t.actions ?? [])];
      for (const a of actions) if (a === 'escalate' || (typeof a === 'object' && a.do === 'escalate')) reasons.add(typeof a === 'object' ? a.reason ?? 'script' : 'script');
    }
  }
  return [...reasons];
}

const CODES = [...TRIGGER_REASONS, ...scriptReasons(), 'script', 'agent_disconnected', 'customer_withdrew'];

describe('escalation reason labels', () => {
  it('finds the reasons of the shipped scripts', () => {
    expect(scriptReasons()).toEqual(expect.arrayContaining(['customer_request', 'follow_up_not_solved', 'resolution_rejected', 'order_change']));
  });

  it.each(['en', 'zh'] as const)('labels every reason in the packet and the console (%s)', (lang) => {
    const strings = consoleStrings()[lang];
    expect(CODES.filter((code) => !REASON_LABELS[lang][code])).toEqual([]);
    expect(CODES.filter((code) => !strings[`reason_${code}`])).toEqual([]);
  });
});
