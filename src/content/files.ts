/**
 * How stored content maps to files: a script `complaint_status` is `dialogs/complaint-status.yaml`
 * (its id, `_` written `-`), an intent file keeps its stem (`intents/complaint-status.yaml`).
 * Diagnostics name these paths, so the console and `concord validate` (run in the project root)
 * print the same `file:line: message`. Import reads such directories; export writes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ContentKind } from '../store/port';
import { parseYaml } from '../dialogs/yaml-source';

/** The content kinds, in the order they are validated (scripts refer to intents). */
export const CONTENT_KINDS: readonly ContentKind[] = ['intent', 'script'];

/** One item's text as read from a file or the store. */
export interface ContentSource {
  kind: ContentKind;
  name: string;
  source: string;
}

/** The file name of an item (`complaint-status.yaml`). */
export function fileName(kind: ContentKind, name: string): string {
  return `${kind === 'script' ? name.replace(/_/g, '-') : name}.yaml`;
}

/** The path diagnostics use for an item (`dialogs/complaint-status.yaml`). */
export function contentFile(kind: ContentKind, name: string): string {
  return `${kind === 'script' ? 'dialogs' : 'intents'}/${fileName(kind, name)}`;
}

/** The script id written in a script's source, or the file stem (with `-` as `_`) when there is none. */
export function scriptName(source: string, stem: string): string {
  const value = parseYaml('script', source).value as { id?: unknown } | undefined;
  return typeof value?.id === 'string' && value.id ? value.id : stem.replace(/-/g, '_');
}

/** Every `*.yaml`/`*.yml` file of `dir` as content of `kind`, sorted by file name. */
export function readContentDir(kind: ContentKind, dir: string): ContentSource[] {
  const names = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  return names.map((file) => {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const stem = file.replace(/\.ya?ml$/, '');
    return { kind, name: kind === 'script' ? scriptName(source, stem) : stem, source };
  });
}

/** Writes items into `dir` (created if needed); returns the files written. */
export function writeContentDir(dir: string, items: readonly ContentSource[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return items.map((item) => {
    const file = path.join(dir, fileName(item.kind, item.name));
    fs.writeFileSync(file, item.source);
    return file;
  });
}
