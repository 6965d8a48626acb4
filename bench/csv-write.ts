/** Writes `text,label` CSV with RFC 4180 quoting, for the prepared benchmark files. */

/** One labelled row. */
export interface Row {
  text: string;
  label: string;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** The CSV text (with header) of `rows`. */
export function toCsv(rows: readonly Row[]): string {
  return ['text,label', ...rows.map((r) => `${quote(r.text)},${quote(r.label)}`)].join('\r\n') + '\r\n';
}
