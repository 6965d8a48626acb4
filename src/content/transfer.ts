/**
 * Content between files and the store: seeding an empty store from `dialogs/` and `intents/`
 * (version 1 by `system`; afterwards the store is what runs and the files are only seed),
 * `concord import` (files become new versions where they differ from the newest published one)
 * and `concord export` (the newest published versions written back to files, for git).
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { formatDiagnostic } from '../diagnostics';
import { ConcordError, isConcordError } from '../errors';
import type { ContentKind, ConversationStore } from '../store/port';
import { checkContent, type ContentItem } from './check';
import { readContentDir, writeContentDir, type ContentSource } from './files';
import { invalid, publishedItems } from './runtime';

/** Directories to read or write; a missing one is skipped. */
export interface ContentDirs {
  dialogsDir?: string;
  intentsDir?: string;
}

/** What an import or export touched. */
export interface TransferResult {
  items: { kind: ContentKind; name: string; version: number }[];
}

/**
 * Imports `dialogs/` and `intents/` as version 1 when the store holds no content yet; does
 * nothing otherwise. Refuses files with errors (`scripts_invalid`, listing `file:line: message`).
 * Two instances seeding at once: the second one's taken version numbers are ignored.
 */
export async function seedContent(store: ConversationStore, dirs: Required<ContentDirs>, clock: Clock): Promise<number> {
  if ((await store.listLatestContent()).length > 0) return 0;
  const items = readDirs(dirs).map((i) => ({ ...i, version: 1 }));
  const check = checkContent(items);
  if (!check.registry) {
    const errors = check.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    throw new ConcordError('scripts_invalid', `dialog scripts or intents have errors (run \`concord validate\`):\n${errors.join('\n')}`);
  }
  const at = clock.now();
  for (const item of items) {
    try {
      await store.appendContentVersion({ ...item, author: 'system', message: 'seeded from files', at });
    } catch (err) {
      if (!isConcordError(err, 'content_version_exists')) throw err;
    }
  }
  await store.appendAudit({ id: randomUUID(), actor: 'system', action: 'content_seeded', target: null, data: { items: items.length }, at });
  return items.length;
}

/**
 * Loads files as new versions where they differ from the newest published version (new files
 * become new items; items without a file stay). The whole result is validated first: with any
 * error nothing is stored and `invalid` carries the diagnostics.
 */
export async function importContent(store: ConversationStore, dirs: ContentDirs, message: string, actor: string, clock: Clock): Promise<TransferResult> {
  const published = await publishedItems(store);
  const changed = readDirs(dirs).filter((f) => published.find((p) => same(p, f))?.source !== f.source);
  const next: ContentItem[] = [...published.filter((p) => !changed.some((c) => same(c, p))), ...changed.map((c) => ({ ...c, version: 0 }))];
  const check = checkContent(next);
  if (check.diagnostics.some((d) => d.severity === 'error')) throw invalid(check.diagnostics);
  const at = clock.now();
  const items: TransferResult['items'] = [];
  for (const c of changed) {
    const version = (published.find((p) => same(p, c))?.version ?? 0) + 1;
    await store.appendContentVersion({ ...c, version, author: actor, message, at });
    items.push({ kind: c.kind, name: c.name, version });
  }
  await store.appendAudit({ id: randomUUID(), actor, action: 'content_imported', target: null, data: { items: items.map((i) => `${i.kind}:${i.name}@${i.version}`) }, at });
  return { items };
}

/** Writes the newest published version of every item into the directories given. */
export async function exportContent(store: ConversationStore, dirs: ContentDirs, actor: string, clock: Clock): Promise<TransferResult & { files: string[] }> {
  const published = await publishedItems(store);
  const files: string[] = [];
  const items: TransferResult['items'] = [];
  for (const [kind, dir] of [['script', dirs.dialogsDir], ['intent', dirs.intentsDir]] as const) {
    if (!dir) continue;
    const mine = published.filter((p) => p.kind === kind);
    files.push(...writeContentDir(dir, mine));
    items.push(...mine.map((p) => ({ kind: p.kind, name: p.name, version: p.version })));
  }
  await store.appendAudit({ id: randomUUID(), actor, action: 'content_exported', target: null, data: { items: items.length }, at: clock.now() });
  return { items, files };
}

function readDirs(dirs: ContentDirs): ContentSource[] {
  for (const dir of [dirs.intentsDir, dirs.dialogsDir]) {
    if (dir && !fs.existsSync(dir)) throw new ConcordError('not_found', `directory ${dir} does not exist`);
  }
  return [...(dirs.intentsDir ? readContentDir('intent', dirs.intentsDir) : []), ...(dirs.dialogsDir ? readContentDir('script', dirs.dialogsDir) : [])];
}

function same(a: ContentSource, b: ContentSource): boolean {
  return a.kind === b.kind && a.name === b.name;
}
