/**
 * What the admin console needs from the content in force: the published scripts and intents, and
 * the same with one draft in place (preview, "test this sentence", golden runs). `fileContent`
 * serves it from the running registry and the seed files; the versioned content store provides
 * the same shape once it holds the published versions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../../diagnostics';
import { ConcordError } from '../../errors';
import { ScriptRegistry } from '../../dialogs/registry';
import { validateScript } from '../../dialogs/validate';
import { loadIntentFiles, understandingFromIntents, type IntentDefinition } from '../../understanding';
import { parseIntentFile } from '../../understanding/intents-file';
import type { Understanding } from '../../understanding/types';

export type ContentKind = 'script' | 'intent';

/** Scripts and understanding to run a conversation with. */
export interface ContentSet {
  registry: ScriptRegistry;
  understanding: Understanding;
}

/** Source text of every published script and intent, by name. */
export interface ContentSources {
  scripts: Map<string, string>;
  intents: Map<string, string>;
}

export interface AdminContent {
  /** The published content. */
  published(): ContentSet;
  /** The published content with one draft in place; throws `invalid` with the diagnostics when it has errors. */
  draftContent(kind: ContentKind, name: string, source: string): Promise<ContentSet>;
  /** Source text of everything published (golden runs write it to a temporary directory). */
  sources(): Promise<ContentSources>;
}

export interface FileContentOptions {
  registry: () => ScriptRegistry;
  understanding: Understanding;
  dialogsDir: string;
  intentsDir: string;
}

/** Content from the running registry and the files under `dialogs/` and `intents/`. */
export function fileContent(o: FileContentOptions): AdminContent {
  return {
    published: () => ({ registry: o.registry(), understanding: o.understanding }),
    async draftContent(kind, name, source) {
      if (kind === 'script') return { registry: withScript(o.registry(), name, source, new Set(o.understanding.intents())), understanding: o.understanding };
      const { intents } = loadIntentFiles(o.intentsDir);
      return { registry: o.registry(), understanding: understandingFromIntents(withIntent(intents, name, source)) };
    },
    async sources() {
      const scripts = new Map(o.registry().all().map((s) => [s.script.id, s.source] as const));
      return { scripts, intents: readIntentSources(o.intentsDir) };
    },
  };
}

/** The registry with script `name` replaced by (or extended with) the draft. */
export function withScript(base: ScriptRegistry, name: string, source: string, knownIntents: ReadonlySet<string>): ScriptRegistry {
  const file = `dialogs/${name}.yaml`;
  const result = validateScript(file, source, { knownIntents });
  if (!result.script) throw invalid(result.diagnostics);
  if (result.script.id !== name) throw new ConcordError('invalid', `the draft's id is "${result.script.id}"; it must stay "${name}"`);
  const others = base.all().filter((s) => s.script.id !== name);
  const current = base.get(name);
  return new ScriptRegistry([...others, { script: result.script, file, source, version: (current?.version ?? 0) + 1 }]);
}

/** The intent definitions with intent `name` replaced by (or extended with) the draft. */
export function withIntent(intents: IntentDefinition[], name: string, source: string): IntentDefinition[] {
  const parsed = parseIntentFile(`intents/${name}.yaml`, source);
  if (!parsed.intent || parsed.diagnostics.some((d) => d.severity === 'error')) throw invalid(parsed.diagnostics);
  return [...intents.filter((i) => i.name !== name), parsed.intent];
}

function invalid(diagnostics: { file: string; line: number; message: string; severity: 'error' | 'warning' }[]): ConcordError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return new ConcordError('invalid', `the draft has errors: ${errors.map(formatDiagnostic).join('; ')}`, { diagnostics });
}

function readIntentSources(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const source = fs.readFileSync(path.join(dir, f), 'utf8');
    const parsed = parseIntentFile(f, source);
    out.set(parsed.intent?.name ?? f.replace(/\.ya?ml$/, ''), source);
  }
  return out;
}
