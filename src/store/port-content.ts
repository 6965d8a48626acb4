/**
 * The part of the `ConversationStore` port that keeps admin-edited content (issue 6): dialog
 * scripts and intent files as immutable numbered versions, plus one shared draft per item saved
 * with optimistic revisions. Every implementation runs `test/store/contract-content.ts`.
 */

/** `script`: a dialog script (name = script id). `intent`: an intents YAML file (name = file stem). */
export type ContentKind = 'script' | 'intent';

/** A published version; never changed once stored. `(kind, name, version)` is unique. */
export interface ContentVersion {
  kind: ContentKind;
  name: string;
  /** 1, 2, 3 ... per (kind, name). */
  version: number;
  /** The YAML text. */
  source: string;
  /** `user:<id>` or `system`. */
  author: string;
  message: string;
  at: number;
}

/** The one shared draft of an item. */
export interface ContentDraft {
  kind: ContentKind;
  name: string;
  source: string;
  /** Bumped by every save; the first save of a draft stores 1 (or one more than a deleted draft had). */
  revision: number;
  /** The published version the draft was started from (null for a new item). */
  baseVersion: number | null;
  author: string;
  updatedAt: number;
}

/** A draft to save; the store assigns the revision. */
export type DraftInput = Omit<ContentDraft, 'revision'>;

/**
 * Storage of content versions and drafts.
 * - `appendContentVersion` rejects with `content_version_exists` when that number is taken
 *   (two publishes racing: exactly one wins).
 * - `saveContentDraft` rejects with `edit_conflict` unless `expectedRevision` is the live draft's
 *   revision (or 0 and there is no live draft); the error's `details.current` holds the stored
 *   draft (or null), so the loser can see what is there and lose nothing.
 * - Revisions never repeat for an item, even after its draft is deleted, so a stale client can
 *   never overwrite a newer draft that happens to have the same number.
 */
export interface ContentRecords {
  appendContentVersion(version: ContentVersion): Promise<void>;
  /** The newest version of every item, sorted by kind then name. */
  listLatestContent(): Promise<ContentVersion[]>;
  /** All versions of one item, newest first. */
  listContentVersions(kind: ContentKind, name: string): Promise<ContentVersion[]>;
  getContentVersion(kind: ContentKind, name: string, version: number): Promise<ContentVersion | null>;
  /** The newest version of one item, or null when it was never published. */
  getLatestContentVersion(kind: ContentKind, name: string): Promise<ContentVersion | null>;

  getContentDraft(kind: ContentKind, name: string): Promise<ContentDraft | null>;
  /** Every live draft, sorted by kind then name. */
  listContentDrafts(): Promise<ContentDraft[]>;
  /** Saves the draft (see the rules above); resolves the stored draft with its new revision. */
  saveContentDraft(draft: DraftInput, expectedRevision: number): Promise<ContentDraft>;
  /**
   * Deletes the live draft; with `expectedRevision`, only when it still has that revision.
   * Resolves true when a draft was deleted.
   */
  deleteContentDraft(kind: ContentKind, name: string, expectedRevision?: number): Promise<boolean>;
}
