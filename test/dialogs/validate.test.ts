/**
 * Dialog script validation: every broken script is reported with the exact `file:line: message`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../../src/diagnostics';
import { loadScripts } from '../../src/dialogs/registry';
import { validateScript } from '../../src/dialogs/validate';
import { demoScript } from '../helpers/demo-script';

const ROOT = path.resolve(__dirname, '../..');
const KNOWN = new Set(['complaint', 'affirm', 'deny', 'greeting']);

const VALID = demoScript(['complaint']);

function messages(source: string): string[] {
  return validateScript('demo.yaml', source, { knownIntents: KNOWN }).diagnostics.map(formatDiagnostic);
}

describe('validateScript', () => {
  it('accepts a valid script', () => {
    const result = validateScript('demo.yaml', VALID, { knownIntents: KNOWN });
    expect(result.diagnostics).toEqual([]);
    expect(result.script?.id).toBe('demo');
  });

  it.each([
    ['bad YAML', VALID.replace('    wait: true', '    wait: [true'), /^demo\.yaml:1[0-9]: YAML syntax: /],
    ['a transition to a missing step', VALID.replace('go: done', 'go: finish'), /^demo\.yaml:14: step "finish" does not exist/],
    ['a missing Chinese template', VALID.replace('        zh: "对吗？"\n', ''), /^demo\.yaml:9: steps\.ask\.say\.0\.zh: /],
    ['an unknown intent', VALID.replace('intent: affirm', 'intent: agree'), /^demo\.yaml:13: intent "agree" is not defined in intents\//],
    ['an unknown key', VALID.replace('    wait: true', '    wiat: true'), /^demo\.yaml:11: steps\.ask: Unrecognized key: "wiat"/],
    ['an unknown template variable', VALID.replace('Is that right?', 'Is {{ticket.reff}} right?'), /^demo\.yaml:9: unknown template variable \{\{ticket\.reff\}\}/],
    ['an undefined slot', VALID.replace('Is that right?', 'Order {{slots.order}}?'), /^demo\.yaml:9: slot "order" is not defined under "slots"/],
    ['an unreachable step', `${VALID}  orphan:\n    actions: [end]\n`, /^demo\.yaml:17: steps\.orphan: unreachable from start step "ask"/],
    ['a correction test of an undefined slot', VALID.replace('when: { intent: affirm }', 'when: { intent: deny, correction: story }'), /^demo\.yaml:13: slot "story" is not defined under "slots"/],
    ['a prompted_at_least of an undefined slot', VALID.replace('when: { intent: affirm }', 'when: { prompted_at_least: { story: 2 } }'), /^demo\.yaml:13: slot "story" is not defined under "slots"/],
    ['take_correction without slots', VALID.replace('go: done', 'actions: [take_correction]\n        go: done'), /^demo\.yaml:14: action "take_correction" needs parameters/],
    ['on_top outside start_script', VALID.replace('go: done', 'actions: [{ do: end, on_top: true }]\n        go: done'), /^demo\.yaml:14: "on_top" belongs to start_script/],
    ['on_top in a step that does not wait', VALID.replace('  done:\n    actions: [end]', '  done:\n    actions: [{ do: start_script, script: demo, on_top: true }]'), /^demo\.yaml:16: start_script with on_top runs only in the "on" answers of a step that waits/],
    ['on_top with a go that never runs', VALID.replace('go: done', 'actions: [{ do: start_script, script: demo, on_top: true }]\n        go: done'), /^demo\.yaml:15: "go" never runs after start_script with on_top/],
    ['a withdraw_step that does not exist', VALID.replace('start: ask', 'settings:\n  withdraw_step: dropped\nstart: ask'), /^demo\.yaml:\d+: step "dropped" does not exist/],
    ['asks in a step that does not wait', VALID.replace('  done:\n    actions: [end]', '  done:\n    asks: solved\n    actions: [end]'), /^demo\.yaml:16: steps\.done: "asks" reads the answer to a question, but the step does not wait/],
    ['a waiting step without transitions', VALID.replace(/    on:\n      - when: \{ intent: affirm \}\n        go: done\n/, ''), /^demo\.yaml:7: steps\.ask: waits for the customer but has no "on" transitions/],
  ])('reports %s with file:line', (_name, source, pattern) => {
    const out = messages(source);
    expect(out).toContainEqual(expect.stringMatching(pattern));
  });

  it('reports a cycle of steps that never wait, naming the cycle', () => {
    const source = VALID.replace('    actions: [end]\n', '    next: again\n  again:\n    next: done\n');
    expect(messages(source)).toContain('demo.yaml:15: steps.done: loop with no step that waits for the customer: done -> again -> done');
  });
});

describe('loadScripts', () => {
  it('loads the shipped scripts without problems', () => {
    const intents = new Set(fs.readdirSync(path.join(ROOT, 'intents')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace('.yaml', '').replace(/-/g, '_')));
    const { registry, diagnostics } = loadScripts(path.join(ROOT, 'dialogs'), { knownIntents: intents });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(registry?.forIntent('complaint')?.script.id).toBe('complaint');
    expect(registry?.forIntent('oos')?.script.id).toBe('fallback');
  });

  it('refuses two scripts claiming one intent', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'concord-scripts-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), VALID);
    fs.writeFileSync(path.join(dir, 'b.yaml'), VALID.replace('id: demo', 'id: other'));
    const { registry, diagnostics } = loadScripts(dir, { knownIntents: KNOWN });
    expect(registry).toBeUndefined();
    expect(diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(/intent "complaint" already starts script demo/));
  });
});
