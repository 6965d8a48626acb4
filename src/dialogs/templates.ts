/**
 * `{{name}}` / `{{slots.order_number}}` interpolation for script templates. Deliberately tiny:
 * no logic in templates (conditions live in `when:`), and every variable is checked at load time
 * against `KNOWN_VARIABLES`, so a typo is a validation error rather than a blank in a reply.
 */
const VARIABLE = /\{\{\s*([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\s*\}\}/gi;

/** Variables the runtime provides besides `slots.<name>`. */
export const KNOWN_VARIABLES = new Set([
  'summary', 'category', 'ticket.ref', 'ticket.due', 'ticket.status', 'ticket.status_detail', 'ticket.summary',
]);

/** Names used in a template, in order of appearance. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(VARIABLE)].map((m) => m[1]);
}

/**
 * Fills a template, asking `lookup` for each variable it uses (so only those are computed); a
 * variable without a value renders as an empty string.
 */
export function renderTemplate(template: string, lookup: (name: string) => string | undefined): string {
  return template.replace(VARIABLE, (_all, name: string) => lookup(name) ?? '').replace(/[ \t]{2,}/g, ' ').replace(FULL_WIDTH_GAP, '').trim();
}

/**
 * A space beside full-width punctuation, left by a template that spaces a value off from the
 * Chinese around it ("在 {{ticket.due}} 前" with a due date ending in "（周二）"): dropped.
 */
const FULL_WIDTH_GAP = /[ \t]+(?=[，。！？；：、）》」』”])|(?<=[（《「『“，。！？；：、）])[ \t]+/g;
