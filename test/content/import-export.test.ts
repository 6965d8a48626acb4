/**
 * `concord export` and `concord import` (the built CLI, as a user runs it) against a running
 * Concord's store: export writes the newest published versions; editing a file and importing it
 * creates a new version of that item only; a broken file imports nothing; both are audited.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useAdminServer } from '../helpers/agent-api';
import { publishSource, publishedSource } from '../helpers/admin-content';
import { BIN, childEnv, ROOT } from '../helpers/concord-process';
import { ensureBuilt } from '../helpers/ensure-built';


const t = useAdminServer(ensureBuilt, 240_000); // may build dist/ first
let out: string;

afterAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
});

function concord(...args: string[]) {
  const env = childEnv({ DATA_DIR: t.server.concord.config.dataDir });
  return spawnSync(process.execPath, [BIN, ...args], { cwd: out, env, encoding: 'utf8', timeout: 30_000 });
}

it('round-trips: export writes the published versions, import stores changed files as new versions only', async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-export-'));
  const goodbye = (await publishedSource(t.admin, 'script', 'goodbye')).replace('Take care', 'Stay well');
  await publishSource(t.admin, 'script', 'goodbye', goodbye, 'warmer');

  const exported = concord('export', '--dialogs', 'dialogs', '--intents', 'intents');
  expect(exported.status).toBe(0);
  expect(fs.readFileSync(path.join(out, 'dialogs/goodbye.yaml'), 'utf8')).toBe(goodbye);
  expect(fs.readdirSync(path.join(out, 'dialogs')).sort()).toEqual(fs.readdirSync(path.join(ROOT, 'dialogs')).filter((f) => f.endsWith('.yaml')).sort());
  expect(fs.readFileSync(path.join(out, 'intents/complaint-status.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'intents/complaint-status.yaml'), 'utf8'));

  expect(concord('import', '--dialogs', 'dialogs', '--intents', 'intents').stderr).toMatch(/nothing changed/);
  const small = path.join(out, 'dialogs/small-talk.yaml');
  fs.writeFileSync(small, fs.readFileSync(small, 'utf8').replace(/en: "([^"]+)"/, 'en: "Imported: $1"'));
  const imported = concord('import', '--dialogs', 'dialogs', '--intents', 'intents', '-m', 'from git');
  expect(imported.status).toBe(0);
  expect(imported.stdout.trim()).toBe('script small_talk: version 2');
  const versions = await t.server.concord.store.listContentVersions('script', 'small_talk');
  expect(versions[0]).toMatchObject({ version: 2, author: 'cli', message: 'from git', source: fs.readFileSync(small, 'utf8') });
  expect((await t.server.concord.store.listContentVersions('script', 'goodbye')).length).toBe(2);

  const actions = (await t.server.concord.store.listAudit(50)).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['content_exported', 'content_imported']));
});

it('imports nothing when a file has an error, printing file:line: message', async () => {
  const human = path.join(out, 'dialogs/human.yaml');
  fs.writeFileSync(human, fs.readFileSync(human, 'utf8').replace(/\n  intents: \[([a-z_]+)\]/, '\n  intents: [$1, no_such_intent]'));
  const before = await t.server.concord.store.listLatestContent();
  const r = concord('import', '--dialogs', 'dialogs');
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/^dialogs\/human\.yaml:\d+: intent "no_such_intent" is not defined in intents\/$/m);
  expect(await t.server.concord.store.listLatestContent()).toEqual(before);
});
