/**
 * Parses admin-edited YAML keeping source positions, so every problem can be reported as
 * `file:line: message` (for the CLI, the admin console and start-up alike).
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics';

export interface ParsedYaml {
  value: unknown;
  /** 1-based line of the node at `path`, or of the closest existing parent. */
  lineOf(path: readonly PropertyKey[]): number;
  diagnostics: Diagnostic[];
}

/** Parses `source`; syntax errors become diagnostics and `value` is undefined. */
export function parseYaml(file: string, source: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => ({
    file,
    line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
    message: `YAML syntax: ${e.message.split('\n')[0]}`,
    severity: 'error' as const,
  }));
  const lineOf = (path: readonly PropertyKey[]) => nodeLine(doc, lineCounter, path);
  return { value: diagnostics.length ? undefined : doc.toJS(), lineOf, diagnostics };
}

function nodeLine(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n);
    const key = typeof prefix[n - 1] === 'string' ? findKeyLine(doc, lc, prefix) : undefined;
    if (key !== undefined) return key;
    const node = doc.getIn(prefix as unknown[], true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}

function findKeyLine(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number | undefined {
  const parent = doc.getIn(path.slice(0, -1) as unknown[], true) as { items?: { key?: unknown }[] } | undefined;
  const key = path[path.length - 1];
  const item = parent?.items?.find((i) => isNode(i.key) && (i.key as { value?: unknown }).value === key);
  const keyNode = item?.key;
  return isNode(keyNode) && keyNode.range ? lc.linePos(keyNode.range[0]).line : undefined;
}
