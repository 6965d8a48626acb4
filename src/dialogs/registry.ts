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
}

export interface LoadResult {
  registry?: ScriptRegistry;
  diagnostics: Diagnostic[];
}

/** Loads and validates every `*.yaml`/`*.yml` in `dir`; `registry` is set only without errors. */
export function loadScripts(dir: string, options: ValidateOptions = {}): LoadResult {
  if (!fs.existsSync(dir)) return { diagnostics: [{ file: dir, line: 1, message: 'dialogs directory does not exist', severity: 'error' }] };
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const diagnostics: Diagnostic[] = [];
  const scripts: LoadedScript[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const source = fs.readFileSync(file, 'utf8');
    const result = validateScript(displayPath(file), source, options);
    diagnostics.push(...result.diagnostics);
    if (result.script) scripts.push({ script: result.script, file: displayPath(file), source, version: 1 });
  }
  if (!files.length) diagnostics.push({ file: displayPath(dir), line: 1, message: 'no dialog scripts (*.yaml) found', severity: 'error' });
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
