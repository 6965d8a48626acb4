/**
 * The validation table of issue 6: broken scripts, each with its exact `file:line: message`,
 * reported the same by the CLI (`concord validate` on a project directory) and by the admin API
 * (`POST /api/admin/validate`, the draft checked together with the published content).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics';
import { useAdminServer } from '../helpers/agent-api';
import { BIN, childEnv, ROOT } from '../helpers/concord-process';
import { demoScript } from '../helpers/demo-script';
import { ensureBuilt } from '../helpers/ensure-built';

const DEMO = demoScript();

const TABLE: [string, string, string[]][] = [
  ['bad YAML', DEMO.replace('    wait: true', '    wait: [true'), ['dialogs/demo.yaml:12: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ['an unknown step', DEMO.replace('go: done', 'go: finish'), ['dialogs/demo.yaml:14: step "finish" does not exist (steps: ask, done)', 'dialogs/demo.yaml:15: steps.done: unreachable from start step "ask"']],
  ['a missing Chinese template', DEMO.replace('        zh: "对吗？"\n', ''), ['dialogs/demo.yaml:9: steps.ask.say.0.zh: Invalid input: expected string, received undefined']],
  ['a cycle with no exit', DEMO.replace('    actions: [end]\n', '    next: again\n  again:\n    next: done\n'), ['dialogs/demo.yaml:15: steps.done: loop with no step that waits for the customer: done -> again -> done']],
  ['an unknown intent', DEMO.replace('intent: affirm', 'intent: agree'), ['dialogs/demo.yaml:13: intent "agree" is not defined in intents/']],
];

const t = useAdminServer(ensureBuilt, 240_000); // may build dist/ first

/** `concord validate .` in a copy of the project with `dialogs/demo.yaml` added: the demo's lines. */
function cli(source: string): { status: number | null; lines: string[] } {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-validate-'));
  fs.cpSync(path.join(ROOT, 'dialogs'), path.join(project, 'dialogs'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'intents'), path.join(project, 'intents'), { recursive: true });
  fs.writeFileSync(path.join(project, 'dialogs', 'demo.yaml'), source);
  const env = childEnv({});
  const r = spawnSync(process.execPath, [BIN, 'validate', '.'], { cwd: project, env, encoding: 'utf8', timeout: 30_000 });
  fs.rmSync(project, { recursive: true, force: true });
  return { status: r.status, lines: r.stdout.trim().split('\n').filter((l) => l.startsWith('dialogs/demo.yaml:')) };
}

async function apiLines(source: string): Promise<string[]> {
  const res = await t.admin.call('POST', '/api/admin/validate', { kind: 'script', name: 'demo', source });
  expect(res.status).toBe(200);
  return (res.body.diagnostics as Diagnostic[]).map(formatDiagnostic);
}

it('accepts the valid demo script in both', async () => {
  expect(await apiLines(DEMO)).toEqual([]);
  expect(cli(DEMO)).toEqual({ status: 0, lines: [] });
});

it.each(TABLE)('reports %s with the exact file:line: message, the same in the CLI and the API', async (_name, source, expected) => {
  expect(cli(source)).toEqual({ status: 1, lines: expected });
  expect(await apiLines(source)).toEqual(expected);
});
