/**
 * Loads the admin-editable intent files (`intents/*.yaml`, one intent per file) and reports
 * every problem as a `Diagnostic` with the file and line, so `concord validate` can print
 * `file:line: message`. See `intents/README.md` for the format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics';
import type { Language } from '../engine/messages';

/** The intent name reserved for examples of what the bot does not handle. */
export const OUT_OF_SCOPE = 'oos';
/** Fewest examples accepted per language and intent. */
export const MIN_EXAMPLES = 5;

/** One intent with its training examples per language. */
export interface IntentDefinition {
  name: string;
  description: string;
  examples: Record<Language, string[]>;
  /** File it came from (for messages). */
  file: string;
}

const examplesList = z.array(z.string('must be text').trim().min(1, 'must not be empty'));
const intentSchema = z.strictObject({
  name: z.string('must be text').regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case (lower-case letters, digits, _)'),
  description: z.string('must be text').min(1, 'must not be empty'),
  examples: z.strictObject({ en: examplesList, zh: examplesList }),
});

/** Where a parsed document's nodes are, as 1-based lines. */
class Locator {
  constructor(private readonly doc: Document, private readonly lines: LineCounter) {}

  /** Line of the node at `path`, or of its closest existing ancestor. */
  line(path: readonly PropertyKey[]): number {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n) as (string | number)[], true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return this.lines.linePos(range[0]).line;
    }
    return 1;
  }

  /** Line of a key inside the map at `path`. */
  keyLine(path: readonly PropertyKey[], key: string): number {
    const map = path.length ? this.doc.getIn(path as (string | number)[], true) : this.doc.contents;
    if (isMap(map)) {
      const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return this.lines.linePos(range[0]).line;
    }
    return this.line(path);
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function schemaDiagnostic(file: string, issue: z.core.$ZodIssue, at: Locator, data: unknown): Diagnostic {
  const where = issue.path.join('.');
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) {
    const parent = issue.path.slice(0, -1);
    const line = parent.length ? at.keyLine(parent.slice(0, -1), String(parent[parent.length - 1])) : 1;
    return { file, line, message: `missing ${where}`, severity: 'error' };
  }
  return { file, line: at.line(issue.path), message: where ? `${where}: ${issue.message}` : issue.message, severity: 'error' };
}

function schemaDiagnostics(file: string, issues: z.core.$ZodIssue[], at: Locator, data: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const prefix = issue.path.length ? `${issue.path.join('.')}.` : '';
        out.push({ file, line: at.keyLine(issue.path, key), message: `unknown key "${prefix}${key}"`, severity: 'error' });
      }
      continue;
    }
    out.push(schemaDiagnostic(file, issue, at, data));
  }
  return out.sort((a, b) => a.line - b.line);
}

/** A parsed file: the definition if valid, diagnostics, and a locator for later checks. */
interface ParsedFile {
  intent?: IntentDefinition;
  diagnostics: Diagnostic[];
  at?: Locator;
}

/** Parses and validates one intent file's text. */
export function parseIntentFile(file: string, text: string): ParsedFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((e) => ({
      file, line: lines.linePos(e.pos[0]).line, column: lines.linePos(e.pos[0]).col, message: `invalid YAML: ${e.message.split('\n')[0]}`, severity: 'error' as const,
    }));
    return { diagnostics };
  }
  const at = new Locator(doc, lines);
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { diagnostics: [{ file, line: 1, message: 'an intent file must be a mapping with name, description and examples', severity: 'error' }] };
  }
  const parsed = intentSchema.safeParse(data);
  if (!parsed.success) return { diagnostics: schemaDiagnostics(file, parsed.error.issues, at, data), at };
  const diagnostics: Diagnostic[] = [];
  for (const lang of ['en', 'zh'] as const) {
    const n = parsed.data.examples[lang].length;
    if (n < MIN_EXAMPLES) {
      diagnostics.push({ file, line: at.line(['examples', lang]), message: `examples.${lang} has ${n} examples; at least ${MIN_EXAMPLES} are needed`, severity: 'error' });
    }
  }
  return { intent: { ...parsed.data, file }, diagnostics, at };
}

/** Key used to spot the same example written twice (case, spacing and punctuation ignored). */
export function exampleKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
}

function duplicateDiagnostics(files: { intent: IntentDefinition; at: Locator }[]): Diagnostic[] {
  const seen = new Map<string, { intent: string; file: string; line: number }>();
  const names = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const { intent, at } of files) {
    const other = names.get(intent.name);
    if (other) out.push({ file: intent.file, line: at.line(['name']), message: `intent "${intent.name}" is already defined in ${other}`, severity: 'error' });
    names.set(intent.name, intent.file);
    for (const lang of ['en', 'zh'] as const) {
      intent.examples[lang].forEach((example, i) => {
        const key = exampleKey(example);
        const line = at.line(['examples', lang, i]);
        const first = seen.get(key);
        if (!first) return void seen.set(key, { intent: intent.name, file: intent.file, line });
        const where = `${first.file}:${first.line}`;
        const same = first.intent === intent.name;
        out.push({
          file: intent.file, line, severity: same ? 'warning' : 'error',
          message: same ? `example "${example}" is repeated (first at ${where})` : `example "${example}" is also an example of intent "${first.intent}" (${where})`,
        });
      });
    }
  }
  return out;
}

/** Reads every `*.yaml`/`*.yml` file of `dir` (sorted by name); invalid files yield no intent. */
export function loadIntentFiles(dir: string): { intents: IntentDefinition[]; diagnostics: Diagnostic[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return { intents: [], diagnostics: [{ file: dir, line: 1, message: `cannot read intents directory ${dir}`, severity: 'error' }] };
  }
  const result = loadIntentSources(names.map((name) => ({ file: join(dir, name), text: readFileSync(join(dir, name), 'utf8') })));
  if (names.length === 0) result.diagnostics.push({ file: dir, line: 1, message: `no intent files (*.yaml) in ${basename(dir)}`, severity: 'error' });
  return result;
}

/**
 * Validates intent file texts one by one and across each other (unique names, an example in
 * two intents); invalid files yield no intent. The same checks for files and stored versions.
 */
export function loadIntentSources(files: readonly { file: string; text: string }[]): { intents: IntentDefinition[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const valid: { intent: IntentDefinition; at: Locator }[] = [];
  for (const { file, text } of files) {
    const parsed = parseIntentFile(file, text);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.intent && parsed.at && parsed.diagnostics.length === 0) valid.push({ intent: parsed.intent, at: parsed.at });
  }
  diagnostics.push(...duplicateDiagnostics(valid));
  return { intents: valid.map((v) => v.intent), diagnostics };
}
