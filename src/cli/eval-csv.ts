/**
 * Reads the labelled CSV files of `concord eval`: UTF-8, header `text,label`, RFC 4180 quoting.
 * Any malformed row is reported with its line number as a `ConcordError('eval_csv_invalid')`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ConcordError } from '../errors';

/** One labelled example. */
export interface LabelledRow {
  text: string;
  label: string;
  /** 1-based line where the record starts. */
  line: number;
}

interface CsvErrorShape {
  code?: string;
  lines?: number;
  message?: string;
}

function fail(file: string, line: number, message: string): never {
  throw new ConcordError('eval_csv_invalid', `${file}:${line}: ${message}`);
}

function parseRecords(file: string, text: string): { record: string[]; line: number }[] {
  try {
    const parsed = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, info: true, raw: true }) as unknown as {
      record: string[]; info: { lines: number }; raw: string;
    }[];
    return parsed.map((r) => ({ record: r.record, line: r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0) }));
  } catch (err) {
    const e = err as CsvErrorShape;
    const reason = (e.message ?? 'malformed CSV').replace(/^Invalid [^:]*: /, '').replace(/ at line \d+.*$/, '');
    return fail(file, e.lines ?? 1, `malformed CSV: ${reason}`);
  }
}

/**
 * Parses CSV text into rows. The header must be exactly `text,label`; every record needs two
 * fields and a non-empty label. `file` is only used in messages.
 */
export function parseLabelledCsv(file: string, text: string): LabelledRow[] {
  const records = parseRecords(file, text);
  if (records.length === 0) fail(file, 1, 'the file is empty; expected a header row "text,label"');
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  if (header.length !== 2 || header[0] !== 'text' || header[1] !== 'label') {
    fail(file, records[0].line, `expected the header row "text,label", found "${records[0].record.join(',')}"`);
  }
  const rows: LabelledRow[] = [];
  for (const { record, line } of records.slice(1)) {
    if (record.length !== 2) fail(file, line, `expected 2 fields (text,label), found ${record.length}; quote a text containing commas with "..."`);
    const label = record[1].trim();
    if (!label) fail(file, line, 'the label is empty');
    rows.push({ text: record[0], label, line });
  }
  if (rows.length === 0) fail(file, 1, 'no rows after the header');
  return rows;
}

/** Reads and parses a labelled CSV file. */
export function readLabelledCsv(file: string): LabelledRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConcordError('eval_csv_unreadable', `cannot read ${file}; check the path`);
  }
  return parseLabelledCsv(file, text);
}
