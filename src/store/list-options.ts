/**
 * Limits and small helpers shared by every `ConversationStore` implementation, so that both
 * adapters answer list calls and annotation merges the same way.
 */

/** Rows returned by list methods whose `limit` is omitted (except `listMessages`, which has none). */
export const DEFAULT_LIST_LIMIT = 100;

/**
 * The effective limit of a list call: `fallback` when omitted, `0` for zero or negative values
 * (the call then returns nothing), the integer part otherwise.
 */
export function effectiveLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  return limit > 0 ? Math.floor(limit) : 0;
}

/**
 * Shallow merge used by `TurnCommit.annotate`: the patch's top-level keys replace the stored
 * ones, other stored keys are kept. `stored` is the JSON text held by the store (or null).
 */
export function mergeAnnotationsJson(stored: string | null, patch: Record<string, unknown>): string {
  if (stored === null) return JSON.stringify(patch);
  const current = JSON.parse(stored) as Record<string, unknown>;
  return JSON.stringify({ ...current, ...patch });
}
