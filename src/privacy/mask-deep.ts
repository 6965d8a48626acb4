/**
 * Masks personal data in any loggable value: strings through `maskPersonalData`, objects and
 * arrays copied with their strings masked. The cost is bounded: at most `MAX_DEPTH` levels and
 * `MAX_KEYS` entries per object are visited (deeper or further values are replaced by a marker),
 * and strings longer than `MAX_STRING` are cut before masking.
 */
import { maskPersonalData } from './pii';

const MAX_DEPTH = 6;
const MAX_KEYS = 100;
const MAX_STRING = 16_384;

/** A copy of `value` with every string masked (errors become `{type, message, stack}`). */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) return { type: value.name, message: maskString(value.message), stack: value.stack && maskString(value.stack) };
  if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((v) => maskDeep(v, depth + 1));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const key of Object.keys(value)) {
    if (n++ >= MAX_KEYS) break;
    out[key] = maskDeep((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}

function maskString(s: string): string {
  return maskPersonalData(s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}...[cut]` : s);
}

/**
 * A copy of JSON-like data (conversation state, annotations, ticket facts) with every string
 * masked and nothing else changed: no depth or size limit, for data Concord itself stores.
 */
export function maskAllStrings<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalData(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskAllStrings(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = maskAllStrings(v);
  return out as T;
}
