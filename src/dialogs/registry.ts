/**
 * The set of dialog scripts in force: loaded from a directory (the seed content in `dialogs/`),
 * validated one by one and across files (unique ids, one script per trigger intent, existing
 * `start_script` targets). Routing asks it which script an intent starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics';
import type { LoadedScript, Script } from './schema';
import { validateScript, type ValidateOptions } from './validate';

/** Scripts by id, with the intent -> script routing table. */
export class ScriptRegistry {
  private readonly byId = new Map<string, LoadedScript>();
  private readonly byIntent = new Map<string, LoadedScript>();

  constructor(scripts: LoadedScript[]) {
    for (const s of scripts) {
      this.byId.set(s.script.id, s);
      for (const intent of s.script.trigger.intents) this.byIntent.set(intent, s);
    }
  }

  get(id: string): LoadedScript | undefined {
    return this.byId.get(id);
  }

  /** The script an intent starts, if any. */
  forIntent(intent: string): LoadedScript | undefined {
    return this.byIntent.get(intent);
  }

  all(): LoadedScript[] {
    return [...this.byId.values()];
  }

  /** Every quick reply label (both languages) and value the scripts offer. */
  quickReplyTexts(): Set<string> {
    const texts = new Set<string>();
    for (const { script } of this.byId.values()) {
      for (const step of Object.values(script.steps)) for (const q of step.quick_replies ?? []) texts.add(q.value).add(q.en).add(q.zh);
    }
    return texts;
  }
}

/**
 * Older published versions of scripts, for conversations that started on them (the store keeps
 * every version; `src/content/runtime.ts` loads and caches them).
 */
export interface ScriptVersions {
  /** The script at that version, or undefined when it cannot be loaded. */
  load(id: string, version: number): Promise<LoadedScript | undefined>;
  /** The same, only from what is already loaded (synchronous). */
  cached(id: string, version: number): LoadedScript | undefined;
}

/** The script a frame runs: its own version when known, else the newest. */
export function scriptForFrame(registry: ScriptRegistry, versions: ScriptVersions | undefined, frame: { script: string; version?: number }): LoadedScript | undefined {
  const current = registry.get(frame.script);
  if (frame.version === undefined || current?.version === frame.version) return current;
  return versions?.cached(frame.script, frame.version) ?? current;
}

export interface LoadResult {
  registry?: ScriptRegistry;
  diagnostics: Diagnostic[];
}

/** One script's text, named by the file (or store entry) it came from. */
export interface ScriptSource {
  file: string;
  source: string;
  version: number;
}

/** Loads and validates every `*.yaml`/`*.yml` in `dir`; `registry` is set only without errors. */
export function loadScripts(dir: string, options: ValidateOptions = {}): LoadResult {
  if (!fs.existsSync(dir)) return { diagnostics: [{ file: dir, line: 1, message: 'dialogs directory does not exist', severity: 'error' }] };
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const sources = files.map((name) => {
    const file = path.join(dir, name);
    return { file: displayPath(file), source: fs.readFileSync(file, 'utf8'), version: 1 };
  });
  const result = buildRegistry(sources, options);
  if (!files.length) result.diagnostics.push({ file: displayPath(dir), line: 1, message: 'no dialog scripts (*.yaml) found', severity: 'error' });
  return result.diagnostics.some((d) => d.severity === 'error') ? { diagnostics: result.diagnostics } : result;
}

/**
 * Validates scripts one by one and across each other (unique ids, one script per intent,
 * existing `start_script` targets); `registry` is set only without errors. The same checks
 * whether the scripts come from files or from the store.
 */
export function buildRegistry(sources: readonly ScriptSource[], options: ValidateOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const scripts: LoadedScript[] = [];
  for (const { file, source, version } of sources) {
    const result = validateScript(file, source, options);
    diagnostics.push(...result.diagnostics);
    if (result.script) scripts.push({ script: result.script, file, source, version });
  }
  diagnostics.push(...crossCheck(scripts));
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { registry: ok ? new ScriptRegistry(scripts) : undefined, diagnostics };
}

function crossCheck(scripts: LoadedScript[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = new Map<string, string>();
  const intents = new Map<string, string>();
  for (const { script, file } of scripts) {
    const other = ids.get(script.id);
    if (other) out.push(err(file, `script id "${script.id}" is already used by ${other}`));
    ids.set(script.id, file);
    for (const intent of script.trigger.intents) {
      const owner = intents.get(intent);
      if (owner) out.push(err(file, `intent "${intent}" already starts script ${owner}; an intent can start one script only`));
      intents.set(intent, `${script.id} (${file})`);
    }
  }
  for (const { script, file } of scripts) {
    for (const target of startScriptTargets(script)) {
      if (!ids.has(target)) out.push(err(file, `start_script: script "${target}" does not exist`));
    }
    const followUp = script.settings.follow_up;
    if (followUp?.enabled && !ids.has(followUp.script)) out.push(err(file, `settings.follow_up.script: script "${followUp.script}" does not exist`));
  }
  if (scripts.length && !intents.has('oos')) out.push({ ...err('dialogs', 'no script is triggered by "oos"; customers who are not understood get a built-in reply'), severity: 'warning' });
  return out;
}

function startScriptTargets(script: Script): string[] {
  const actions = Object.values(script.steps).flatMap((s) => [...(s.actions ?? []), ...(s.on ?? []).flatMap((t) => t.actions ?? [])]);
  return actions.flatMap((a) => (typeof a === 'object' && a.do === 'start_script' && a.script ? [a.script] : []));
}

function err(file: string, message: string): Diagnostic {
  return { file, line: 1, message, severity: 'error' };
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
