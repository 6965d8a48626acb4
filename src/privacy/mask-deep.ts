/**
 * Masks personal data in any loggable value: strings through `maskPersonalData`, plain objects
 * and arrays copied with their strings masked, errors copied with message, stack and fields masked. Other
 * objects (requests, buffers, class instances) pass through untouched for pino's serializers.
 * The cost is bounded: at most `MAX_DEPTH` levels, `MAX_KEYS` entries per object and `MAX_NODES`
 * values per call are visited (the rest is replaced by a marker), and strings longer than
 * `MAX_STRING` are cut before masking.
 */
import { maskPersonalData } from './pii';

const MAX_DEPTH = 6;
const MAX_KEYS = 100;
const MAX_NODES = 2000;
const MAX_STRING = 16_384;

/** A copy of `value` with every string masked (see the file comment). */
export function maskDeep(value: unknown): unknown {
  return maskNode(value, 0, { left: MAX_NODES });
}

function maskNode(value: unknown, depth: number, budget: { left: number }): unknown {
  if (typeof value === 'string') return maskString(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return maskError(value, depth, budget);
  const plain = Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value));
  if (!plain) return value;
  if (depth >= MAX_DEPTH || (budget.left -= 1) < 0) return '[too deep]';
  if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((v) => maskNode(v, depth + 1, budget));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).slice(0, MAX_KEYS)) out[key] = maskNode((value as Record<string, unknown>)[key], depth + 1, budget);
  return out;
}

/** An error of the same class with its message, stack and own fields masked (pino still sees an Error). */
function maskError(err: Error, depth: number, budget: { left: number }): Error {
  const copy = Object.create(Object.getPrototypeOf(err)) as Error;
  for (const key of Object.keys(err).slice(0, MAX_KEYS)) (copy as unknown as Record<string, unknown>)[key] = maskNode((err as unknown as Record<string, unknown>)[key], depth + 1, budget);
  for (const key of ['message', 'stack'] as const) {
    Object.defineProperty(copy, key, { value: err[key] === undefined ? undefined : maskString(err[key]), writable: true, configurable: true, enumerable: false });
  }
  return copy;
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
