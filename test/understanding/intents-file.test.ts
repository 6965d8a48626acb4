import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../../src/diagnostics';
import { loadIntentFiles } from '../../src/understanding/intents-file';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'intents-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const five = (p: string) => JSON.stringify([1, 2, 3, 4, 5].map((i) => `${p}${i}`));

describe('loadIntentFiles', () => {
  it('loads the shipped intents without errors or warnings', () => {
    const { intents, diagnostics } = loadIntentFiles(join(__dirname, '../../intents'));
    expect(diagnostics).toEqual([]);
    expect(intents.map((i) => i.name).sort()).toEqual(
      ['affirm', 'bot_identity', 'complaint', 'complaint_status', 'data_request', 'deny', 'goodbye', 'greeting', 'human_agent', 'language', 'membership', 'oos', 'order_change', 'order_status', 'policy_question', 'thanks'],
    );
    for (const i of intents) {
      expect(i.examples.en.length).toBeGreaterThanOrEqual(40);
      expect(i.examples.zh.length).toBeGreaterThanOrEqual(40);
    }
  });

  it('reports every problem as file:line: message', () => {
    const dir = dirWith({
      'broken.yaml': 'name: a\ndescription: x\nexamples:\n  en: [a, b\n',
      'nolang.yaml': `name: nolang\ndescription: x\nexamples:\n  en: ${five('a')}\n`,
      'extra.yaml': `name: extra\ndescription: x\ncolor: red\nexamples:\n  en: ${five('b')}\n  zh: ${five('乙')}\n  fr: ["x"]\n`,
      'few.yaml': `name: few\ndescription: x\nexamples:\n  en: ["c1", "c2"]\n  zh: ${five('丙')}\n`,
      'dup1.yaml': `name: dup1\ndescription: x\nexamples:\n  en: ["d1", "d2", "d3", "d4", "hello there"]\n  zh: ${five('丁')}\n`,
      'dup2.yaml': `name: dup2\ndescription: x\nexamples:\n  en:\n    - e1\n    - e2\n    - "Hello, there!"\n    - e4\n    - e5\n  zh: ${five('戊')}\n`,
      'types.yaml': `name: Bad Name\ndescription: ""\nexamples:\n  en: ["f1", "f2", "f3", "f4", 5]\n  zh: ${five('己')}\n`,
    });
    const lines = loadIntentFiles(dir).diagnostics.map(formatDiagnostic).map((l) => l.slice(dir.length + 1));
    expect(lines).toEqual([
      'broken.yaml:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'extra.yaml:3: unknown key "color"',
      'extra.yaml:7: unknown key "examples.fr"',
      'few.yaml:4: examples.en has 2 examples; at least 5 are needed',
      'nolang.yaml:3: missing examples.zh',
      'types.yaml:1: name: must be snake_case (lower-case letters, digits, _)',
      'types.yaml:2: description: must not be empty',
      'types.yaml:4: examples.en.4: must be text',
      `dup2.yaml:7: example "Hello, there!" is also an example of intent "dup1" (${dir}/dup1.yaml:4)`,
    ]);
  });

  it('warns about an example repeated inside one intent and rejects a duplicate intent name', () => {
    const dir = dirWith({
      'a.yaml': `name: same\ndescription: x\nexamples:\n  en: ["g1", "g2", "g3", "g4", "g1!"]\n  zh: ${five('庚')}\n`,
      'b.yaml': `name: same\ndescription: y\nexamples:\n  en: ${five('h')}\n  zh: ${five('辛')}\n`,
    });
    const diags = loadIntentFiles(dir).diagnostics;
    expect(diags.map((d) => [d.line, d.severity, d.message.split(' (')[0]])).toEqual([
      [4, 'warning', 'example "g1!" is repeated'],
      [1, 'error', 'intent "same" is already defined in ' + join(dir, 'a.yaml')],
    ]);
  });

  it('reports a missing directory and a file that is not a mapping', () => {
    expect(loadIntentFiles('/nonexistent/intents').diagnostics[0].message).toMatch(/cannot read intents directory/);
    const dir = dirWith({ 'list.yaml': '- a\n- b\n' });
    expect(loadIntentFiles(dir).diagnostics.map((d) => d.message)).toEqual(['an intent file must be a mapping with name, description and examples']);
  });
});
