/**
 * `ContentRecords` on MongoDB: collection `content_versions` (`_id` = `kind:name:version`, so the
 * number is unique by construction) and `content_drafts` (`_id` = `kind:name`; a deleted draft
 * keeps its document with `source: null` so its revision number is never reused). Each draft
 * save is one conditional single-document write, atomic without a transaction.
 */
import type { Collection, Db } from 'mongodb';
import type { ContentDraft, ContentKind, ContentRecords, ContentVersion, DraftInput } from '../port-content';
import { editConflict, versionExists } from '../content-errors';
import { isDuplicateKey } from './collections';

interface VersionDoc extends ContentVersion {
  _id: string;
}

interface DraftDoc extends Omit<ContentDraft, 'source'> {
  _id: string;
  source: string | null;
}

function docToVersion(d: VersionDoc): ContentVersion {
  return { kind: d.kind, name: d.name, version: d.version, source: d.source, author: d.author, message: d.message, at: d.at };
}

function docToDraft(d: DraftDoc | null): ContentDraft | null {
  if (!d || d.source === null) return null;
  return { kind: d.kind, name: d.name, source: d.source, revision: d.revision, baseVersion: d.baseVersion ?? null, author: d.author, updatedAt: d.updatedAt };
}

const draftId = (kind: ContentKind, name: string) => `${kind}:${name}`;

/** The MongoDB implementation of {@link ContentRecords}. */
export class MongoContentRecords implements ContentRecords {
  private readonly versions: Collection<VersionDoc>;
  private readonly drafts: Collection<DraftDoc>;

  constructor(db: Db) {
    this.versions = db.collection('content_versions');
    this.drafts = db.collection('content_drafts');
  }

  async appendContentVersion(v: ContentVersion): Promise<void> {
    try {
      await this.versions.insertOne({ ...v, _id: `${v.kind}:${v.name}:${v.version}` });
    } catch (err) {
      if (isDuplicateKey(err)) throw versionExists(v);
      throw err;
    }
  }

  async listLatestContent(): Promise<ContentVersion[]> {
    const docs = await this.versions.aggregate<{ doc: VersionDoc }>([
      { $sort: { kind: 1, name: 1, version: -1 } },
      { $group: { _id: { kind: '$kind', name: '$name' }, doc: { $first: '$$ROOT' } } },
      { $sort: { '_id.kind': 1, '_id.name': 1 } },
    ]).toArray();
    return docs.map((d) => docToVersion(d.doc));
  }

  async listContentVersions(kind: ContentKind, name: string): Promise<ContentVersion[]> {
    return (await this.versions.find({ kind, name }).sort({ version: -1 }).toArray()).map(docToVersion);
  }

  async getContentVersion(kind: ContentKind, name: string, version: number): Promise<ContentVersion | null> {
    const doc = await this.versions.findOne({ kind, name, version });
    return doc ? docToVersion(doc) : null;
  }

  async getLatestContentVersion(kind: ContentKind, name: string): Promise<ContentVersion | null> {
    const doc = await this.versions.findOne({ kind, name }, { sort: { version: -1 } });
    return doc ? docToVersion(doc) : null;
  }

  async getContentDraft(kind: ContentKind, name: string): Promise<ContentDraft | null> {
    return docToDraft(await this.drafts.findOne({ _id: draftId(kind, name) }));
  }

  async listContentDrafts(): Promise<ContentDraft[]> {
    const docs = await this.drafts.find({ source: { $ne: null } }).sort({ kind: 1, name: 1 }).toArray();
    return docs.flatMap((d) => docToDraft(d) ?? []);
  }

  async saveContentDraft(d: DraftInput, expectedRevision: number): Promise<ContentDraft> {
    const _id = draftId(d.kind, d.name);
    const fields = { kind: d.kind, name: d.name, source: d.source, baseVersion: d.baseVersion, author: d.author, updatedAt: d.updatedAt };
    // 0: only when there is no live draft (a missing document is inserted with revision 1).
    const filter = expectedRevision === 0 ? { _id, source: null } : { _id, revision: expectedRevision, source: { $ne: null } };
    try {
      const saved = await this.drafts.findOneAndUpdate(filter, { $set: fields, $inc: { revision: 1 } }, { upsert: expectedRevision === 0, returnDocument: 'after' });
      const draft = docToDraft(saved);
      if (draft) return draft;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    throw editConflict(d.kind, d.name, expectedRevision, await this.getContentDraft(d.kind, d.name));
  }

  async deleteContentDraft(kind: ContentKind, name: string, expectedRevision?: number): Promise<boolean> {
    const filter = { _id: draftId(kind, name), source: { $ne: null }, ...(expectedRevision === undefined ? {} : { revision: expectedRevision }) };
    const result = await this.drafts.updateOne(filter, { $set: { source: null } });
    return result.modifiedCount > 0;
  }
}
