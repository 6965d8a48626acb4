/**
 * Validation of content held in the store, with the same checks and messages as
 * `concord validate` on files: each intent file and script alone, then across each other
 * (duplicate intents, one script per intent, `start_script` targets, intents a script names).
 */
import type { Diagnostic } from '../diagnostics';
import { buildRegistry, type ScriptRegistry } from '../dialogs/registry';
import { parseYaml } from '../dialogs/yaml-source';
import { loadIntentSources, type IntentDefinition } from '../understanding/intents-file';
import type { ContentKind } from '../store/port';
import { contentFile, type ContentSource } from './files';

/** A stored item: its source and the version it is (0 for a draft). */
export interface ContentItem extends ContentSource {
  version: number;
}

/** The outcome of checking a whole set of content. */
export interface ContentCheck {
  diagnostics: Diagnostic[];
  /** Set only when there is no error. */
  registry?: ScriptRegistry;
  intents: IntentDefinition[];
}

/** Checks a whole set of intents and scripts as `concord validate` checks a project. */
export function checkContent(items: readonly ContentItem[]): ContentCheck {
  const intentItems = items.filter((i) => i.kind === 'intent');
  const intents = loadIntentSources(intentItems.map((i) => ({ file: contentFile('intent', i.name), text: i.source })));
  if (!intentItems.length) intents.diagnostics.push({ file: 'intents', line: 1, message: 'no intent files (*.yaml) in intents', severity: 'error' });
  const intentErrors = intents.diagnostics.some((d) => d.severity === 'error');
  const scriptItems = items.filter((i) => i.kind === 'script');
  const sources = scriptItems.map((i) => ({ file: contentFile('script', i.name), source: i.source, version: i.version }));
  const scripts = buildRegistry(sources, { knownIntents: intentErrors ? undefined : new Set(intents.intents.map((i) => i.name)) });
  if (!scriptItems.length) scripts.diagnostics.push({ file: 'dialogs', line: 1, message: 'no dialog scripts (*.yaml) found', severity: 'error' });
  const diagnostics = [...intents.diagnostics, ...scripts.diagnostics, ...scriptItems.flatMap(idMismatch)];
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { diagnostics, registry: ok ? scripts.registry : undefined, intents: intents.intents };
}

/**
 * Checks `draft` in place of (or next to) its published version, together with everything
 * else published. Reports the draft's own problems and errors it causes elsewhere (the
 * published set is valid on its own, so those are the draft's doing).
 */
export function checkDraft(published: readonly ContentItem[], draft: ContentSource): ContentCheck & { items: ContentItem[] } {
  const items = [...published.filter((i) => i.kind !== draft.kind || i.name !== draft.name), { ...draft, version: 0 }];
  const result = checkContent(items);
  const file = contentFile(draft.kind, draft.name);
  return { ...result, items, diagnostics: result.diagnostics.filter((d) => d.file === file || d.severity === 'error') };
}

/** A script's id must be its name: renaming would silently leave the old script in force. */
function idMismatch(item: ContentItem): Diagnostic[] {
  const parsed = parseYaml(item.name, item.source);
  const id = (parsed.value as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id === item.name) return [];
  return [{ file: contentFile('script', item.name), line: parsed.lineOf(['id']), message: `id: must stay "${item.name}" (the script's name); to make another script, create a new one`, severity: 'error' }];
}

/** True for a content kind name. */
export function isContentKind(kind: string): kind is ContentKind {
  return kind === 'script' || kind === 'intent';
}
