/**
 * Golden conversation files run from the console: the files that involve a script (one of its
 * trigger intents is expected in a turn) run through a throw-away server whose content is the
 * published content, or the published content with the admin's draft in place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConcordError } from '../../errors';
import { runGoldenFile, parseGoldenFile, type GoldenResult } from '../../golden/runner';
import type { AdminContent, ContentKind, ContentSources } from './content';

export interface GoldenFileInfo {
  file: string;
  name: string;
}

export interface GoldenRequest {
  kind?: ContentKind;
  name?: string;
  /** Draft source of `name`; absent: the published content. */
  source?: string;
  /** File names (in the conversations folder) to run; absent: every file that involves `name`. */
  files?: string[];
}

/** Golden files of `dir`, optionally only those expecting one of `intents` in some turn. */
export function goldenFiles(dir: string, intents?: ReadonlySet<string>): GoldenFileInfo[] {
  if (!fs.existsSync(dir)) return [];
  const out: GoldenFileInfo[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const { golden } = parseGoldenFile(path.join(dir, file));
    if (!golden) continue;
    const expected = golden.turns.flatMap((t) => [t.expect?.intent ?? []].flat());
    if (!intents || expected.some((i) => intents.has(i))) out.push({ file, name: golden.name });
  }
  return out;
}

/** Intents whose conversations exercise `name`: a script's trigger intents, or the intent itself. */
export function involvedIntents(content: AdminContent, kind: ContentKind | undefined, name: string | undefined): Set<string> | undefined {
  if (!name) return undefined;
  if (kind === 'intent') return new Set([name.replace(/-/g, '_')]); // intent files are named with `-` for `_`
  const script = content.published().registry.get(name)?.script;
  return new Set(script?.trigger.intents ?? [name]);
}

/** Runs the chosen golden files against a temporary copy of the content (with the draft). */
export async function runGolden(content: AdminContent, dir: string, req: GoldenRequest): Promise<GoldenResult[]> {
  const available = goldenFiles(dir, req.files ? undefined : involvedIntents(content, req.kind, req.name));
  const chosen = req.files ? req.files.map((f) => available.find((a) => a.file === f) ?? notFound(f)) : available;
  const sources = await content.sources();
  if (req.source !== undefined && req.name) {
    await content.draftContent(req.kind ?? 'script', req.name, req.source); // refuses a draft with errors
    (req.kind === 'intent' ? sources.intents : sources.scripts).set(req.name, req.source);
  }
  const tmp = writeContent(sources);
  try {
    const results: GoldenResult[] = [];
    for (const f of chosen) results.push(await runGoldenFile(path.join(dir, f.file), { dialogsDir: path.join(tmp, 'dialogs'), intentsDir: path.join(tmp, 'intents') }));
    return results.map((r) => ({ ...r, file: path.basename(r.file) }));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function writeContent(sources: ContentSources): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-golden-content-'));
  for (const [sub, map] of [['dialogs', sources.scripts], ['intents', sources.intents]] as const) {
    fs.mkdirSync(path.join(tmp, sub));
    for (const [name, source] of map) fs.writeFileSync(path.join(tmp, sub, `${name}.yaml`), source);
  }
  return tmp;
}

function notFound(file: string): never {
  throw new ConcordError('not_found', `no golden conversation file named ${file}`);
}
