/**
 * Time-ordered ids in UUID format (the layout of UUIDv7, RFC 9562): 48 bits of milliseconds,
 * then 74 random bits. Rows keyed or indexed by them are inserted near the end of their B-tree
 * instead of on a random page, so a turn dirties a few recent pages rather than one random page
 * per index (SQLite writes whole pages to the WAL). The random part comes from `randomUUID()`,
 * so they are as hard to guess as before; only the creation time is readable from them.
 */
import { randomUUID } from 'node:crypto';

/** A new UUIDv7-format id for something created at `now` (ms since the epoch, from the Clock). */
export function timeOrderedId(now: number): string {
  const ms = Math.max(0, Math.min(Math.floor(now), 0xffffffffffff)).toString(16).padStart(12, '0');
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; keep from the 3 random digits after the version on.
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${randomUUID().slice(15)}`;
}
