/**
 * `ContentRecords` on SQLite: tables `content_versions` (primary key kind, name, version) and
 * `content_drafts` (one row per item; a deleted draft keeps its row with `source` NULL so its
 * revision number is never reused). Writes run in the store's group-commit queue.
 */
import type Database from 'better-sqlite3';
import { editConflict, versionExists } from '../content-errors';
import type { ContentDraft, ContentKind, ContentRecords, ContentVersion, DraftInput } from '../port-content';
import { isConstraintError } from './writes';
import type { Write } from './write-queue';

/** A `content_versions` row: its columns are the fields of {@link ContentVersion}. */
type VersionRow = ContentVersion;

interface DraftRow {
  kind: ContentKind;
  name: string;
  source: string | null;
  revision: number;
  base_version: number | null;
  author: string;
  updated_at: number;
}

type DraftParams = { kind: string; name: string; source: string; baseVersion: number | null; author: string; updatedAt: number };

function prepare(db: Database.Database) {
  return {
    insertVersion: db.prepare<VersionRow>('INSERT INTO content_versions (kind, name, version, source, author, message, at) VALUES (@kind, @name, @version, @source, @author, @message, @at)'),
    latest: db.prepare<[], VersionRow>(`SELECT v.* FROM content_versions v
      JOIN (SELECT kind, name, MAX(version) AS top FROM content_versions GROUP BY kind, name) t
      ON v.kind = t.kind AND v.name = t.name AND v.version = t.top ORDER BY v.kind, v.name`),
    versions: db.prepare<[string, string], VersionRow>('SELECT * FROM content_versions WHERE kind = ? AND name = ? ORDER BY version DESC'),
    version: db.prepare<[string, string, number], VersionRow>('SELECT * FROM content_versions WHERE kind = ? AND name = ? AND version = ?'),
    latestOne: db.prepare<[string, string], VersionRow>('SELECT * FROM content_versions WHERE kind = ? AND name = ? ORDER BY version DESC LIMIT 1'),
    draftRow: db.prepare<[string, string], DraftRow>('SELECT * FROM content_drafts WHERE kind = ? AND name = ?'),
    drafts: db.prepare<[], DraftRow>('SELECT * FROM content_drafts WHERE source IS NOT NULL ORDER BY kind, name'),
    upsertDraft: db.prepare<DraftParams & { revision: number }>(`INSERT INTO content_drafts (kind, name, source, revision, base_version, author, updated_at)
      VALUES (@kind, @name, @source, @revision, @baseVersion, @author, @updatedAt)
      ON CONFLICT (kind, name) DO UPDATE SET source = excluded.source, revision = excluded.revision,
      base_version = excluded.base_version, author = excluded.author, updated_at = excluded.updated_at`),
    deleteDraft: db.prepare<[string, string]>('UPDATE content_drafts SET source = NULL WHERE kind = ? AND name = ? AND source IS NOT NULL'),
    deleteDraftAt: db.prepare<[string, string, number]>('UPDATE content_drafts SET source = NULL WHERE kind = ? AND name = ? AND source IS NOT NULL AND revision = ?'),
  };
}

function rowToDraft(r: DraftRow): ContentDraft | null {
  if (r.source === null) return null;
  return { kind: r.kind, name: r.name, source: r.source, revision: r.revision, baseVersion: r.base_version, author: r.author, updatedAt: r.updated_at };
}

const toVersion = (r: VersionRow): ContentVersion => ({ ...r });

/** The SQLite implementation of {@link ContentRecords}; created by `SqliteStore.init()`. */
export class SqliteContentRecords implements ContentRecords {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database.Database, private readonly write: Write) {
    this.s = prepare(db);
  }

  async appendContentVersion(v: ContentVersion): Promise<void> {
    await this.write(() => {
      try {
        this.s.insertVersion.run({ kind: v.kind, name: v.name, version: v.version, source: v.source, author: v.author, message: v.message, at: v.at });
      } catch (err) {
        if (isConstraintError(err)) throw versionExists(v);
        throw err;
      }
    });
  }

  async listLatestContent(): Promise<ContentVersion[]> {
    return this.s.latest.all().map(toVersion);
  }

  async listContentVersions(kind: ContentKind, name: string): Promise<ContentVersion[]> {
    return this.s.versions.all(kind, name).map(toVersion);
  }

  async getContentVersion(kind: ContentKind, name: string, version: number): Promise<ContentVersion | null> {
    const row = this.s.version.get(kind, name, version);
    return row ? toVersion(row) : null;
  }

  async getLatestContentVersion(kind: ContentKind, name: string): Promise<ContentVersion | null> {
    const row = this.s.latestOne.get(kind, name);
    return row ? toVersion(row) : null;
  }

  async getContentDraft(kind: ContentKind, name: string): Promise<ContentDraft | null> {
    const row = this.s.draftRow.get(kind, name);
    return row ? rowToDraft(row) : null;
  }

  async listContentDrafts(): Promise<ContentDraft[]> {
    return this.s.drafts.all().flatMap((r) => rowToDraft(r) ?? []);
  }

  async saveContentDraft(d: DraftInput, expectedRevision: number): Promise<ContentDraft> {
    return this.write(() => {
      const row = this.s.draftRow.get(d.kind, d.name);
      const live = row ? rowToDraft(row) : null;
      if ((live?.revision ?? 0) !== expectedRevision) throw editConflict(d.kind, d.name, expectedRevision, live);
      const revision = (row?.revision ?? 0) + 1;
      const params = { kind: d.kind, name: d.name, source: d.source, baseVersion: d.baseVersion, author: d.author, updatedAt: d.updatedAt };
      this.s.upsertDraft.run({ ...params, revision });
      return { ...d, revision };
    });
  }

  async deleteContentDraft(kind: ContentKind, name: string, expectedRevision?: number): Promise<boolean> {
    return this.write(() => {
      const result = expectedRevision === undefined ? this.s.deleteDraft.run(kind, name) : this.s.deleteDraftAt.run(kind, name, expectedRevision);
      return result.changes > 0;
    });
  }
}
