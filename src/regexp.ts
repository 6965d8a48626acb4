/** `text` as a regular expression source that matches it literally ("order #1.2" -> "order #1\.2"). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
