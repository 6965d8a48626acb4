/*
 * Edits YAML source text the way a person would: a changed value replaces only its own text, a
 * new key or list item is inserted as one line at the right indentation, a removed one takes its
 * lines with it. Comments, quoting and layout elsewhere stay byte for byte. Located through the
 * `yaml` package's Document API (node ranges); anything unusual (flow collections, block scalars)
 * falls back to re-serialising the document, which also keeps comments.
 */
import { parseDocument, isMap, isSeq, isScalar, Document } from './build/editor.js';

export class YamlEdit {
  constructor(text) { this.load(text); }

  load(text) {
    this.text = text;
    this.doc = parseDocument(text);
  }

  get ok() { return !this.doc.errors.length && isMap(this.doc.contents); }
  get(path) { return this.doc.getIn(path); }
  node(path) { return this.doc.getIn(path, true); }

  /** Sets a scalar value at `path`, creating missing maps on the way. */
  set(path, value) {
    const node = this.node(path);
    if (isScalar(node) && node.range && !/^BLOCK/.test(node.type || '')) return this.splice(node.range[0], node.range[1], scalarText(value, node.type));
    if (node === undefined && this.insertKey(path, value)) return undefined;
    return this.fallback((d) => d.setIn(path, value));
  }

  /** Removes the key or item at `path` (and a map left empty by it). */
  delete(path) {
    const parent = this.node(path.slice(0, -1));
    const key = path[path.length - 1];
    if ((isMap(parent) || isSeq(parent)) && !parent.flow) {
      if (parent.items.length === 1 && path.length > 1 && isMap(parent)) return this.delete(path.slice(0, -1));
      const item = isMap(parent) ? parent.items.find((p) => keyOf(p) === key) : parent.items[key];
      const first = isMap(parent) ? item && item.key && item.key.range : item && item.range;
      const last = isMap(parent) ? item && ((item.value && item.value.range) || item.key.range) : item && item.range;
      if (first && last) {
        const start = lineStart(this.text, first[0]);
        const end = lineEnd(this.text, Math.max(first[0], last[1] - 1));
        return this.splice(start, Math.min(this.text.length, end + 1), '');
      }
    }
    return this.fallback((d) => d.deleteIn(path));
  }

  /** Appends a scalar to the block list at `path`. */
  push(path, value) {
    const seq = this.node(path);
    const last = isSeq(seq) && !seq.flow ? seq.items[seq.items.length - 1] : null;
    if (!last || !last.range) return this.fallback((d) => (isSeq(d.getIn(path, true)) ? d.getIn(path, true).add(d.createNode(value)) : d.setIn(path, [value])));
    const dash = this.text.lastIndexOf('-', last.range[0]);
    const indent = dash - lineStart(this.text, dash);
    const at = lineEnd(this.text, Math.max(last.range[0], last.range[1] - 1));
    return this.splice(at, at, `\n${' '.repeat(indent)}- ${scalarText(value, last.type)}`);
  }

  /** Inserts `path: value` (with missing parent maps) under the nearest existing block map. */
  insertKey(path, value) {
    for (let depth = path.length - 1; depth >= 0; depth--) {
      const parent = depth === 0 ? this.doc.contents : this.node(path.slice(0, depth));
      if (parent === undefined) continue;
      if (!isMap(parent) || parent.flow || !parent.items.length) return false;
      const first = parent.items[0].key;
      const indent = first.range[0] - lineStart(this.text, first.range[0]);
      const lastPair = parent.items[parent.items.length - 1];
      const end = (lastPair.value && lastPair.value.range) || lastPair.key.range;
      const at = lineEnd(this.text, Math.max(end[0], end[1] - 1));
      const lines = path.slice(depth).map((k, i, rest) => `${' '.repeat(indent + 2 * i)}${k}:${i === rest.length - 1 ? ` ${scalarText(value)}` : ''}`);
      this.splice(at, at, `\n${lines.join('\n')}`);
      return true;
    }
    return false;
  }

  splice(from, to, insert) {
    this.load(this.text.slice(0, from) + insert + this.text.slice(to));
  }

  fallback(change) {
    change(this.doc);
    this.load(this.doc.toString({ lineWidth: 0 }));
  }
}

/** A scalar as YAML text, in the given style (double-quoted for quoted styles and for text that needs it). */
function scalarText(value, type) {
  if (typeof value !== 'string') return String(value);
  const doc = new Document(value);
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' || type === 'PLAIN') doc.contents.type = type;
  return doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
}

function keyOf(pair) { return isScalar(pair.key) ? pair.key.value : pair.key; }
function lineStart(text, offset) { return text.lastIndexOf('\n', offset - 1) + 1; }
function lineEnd(text, offset) { const i = text.indexOf('\n', offset); return i < 0 ? text.length : i; }
