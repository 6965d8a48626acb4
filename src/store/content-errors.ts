/**
 * The coded errors of `ContentRecords` (`port-content.ts`), shared by every store adapter so they
 * reject the same way.
 */
import { ConcordError } from '../errors';
import type { ContentDraft, ContentKind, ContentVersion } from './port-content';

/** The `edit_conflict` error of a stale draft save; `details.current` is the stored draft (or null). */
export function editConflict(kind: ContentKind, name: string, expected: number, current: ContentDraft | null): ConcordError {
  return new ConcordError('edit_conflict', `the draft of ${kind} ${name} was changed by someone else meanwhile (you had revision ${expected}); reload it, merge your change and save again`, { current });
}

/** The `content_version_exists` error of appending a version number that is already taken. */
export function versionExists(v: ContentVersion): ConcordError {
  return new ConcordError('content_version_exists', `${v.kind} ${v.name} already has version ${v.version}; someone published meanwhile: reload and try again`);
}
