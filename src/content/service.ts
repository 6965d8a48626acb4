/**
 * What admins do to content (docs/admin-api.md): list and read items, validate, save the shared
 * draft optimistically, publish it as a new immutable version, diff, roll back. Every change is
 * audited (ids only) and every publish goes live on every instance: the local runtime reloads
 * and the bus tells the others.
 */
import { randomUUID } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import type { Bus } from '../bus/bus';
import type { Clock } from '../clock';
import type { Diagnostic } from '../diagnostics';
import { ConcordError, isConcordError } from '../errors';
import type { ContentDraft, ContentKind, ContentVersion, ConversationStore } from '../store/port';
import { checkDraft } from './check';
import { contentFile } from './files';
import { invalid, type ContentRuntime } from './runtime';

export interface ContentServiceDeps {
  store: ConversationStore;
  bus: Bus;
  clock: Clock;
  runtime: ContentRuntime;
}

/** One line of the content list. */
export interface ContentSummary {
  kind: ContentKind;
  name: string;
  publishedVersion: number | null;
  publishedAt: number | null;
  publishedBy: string | null;
  draft: { revision: number; author: string; updatedAt: number } | null;
}

/** Who is acting: `user:<id>`, `cli` or `system`. */
export type ContentActor = string;

/** Content editing with optimistic drafts and immutable versions; see the module comment. */
export class ContentService {
  constructor(private readonly deps: ContentServiceDeps) {}

  /** Every item that has a published version or a draft, by kind then name. */
  async list(): Promise<ContentSummary[]> {
    const [latest, drafts] = await Promise.all([this.deps.store.listLatestContent(), this.deps.store.listContentDrafts()]);
    const items = new Map<string, ContentSummary>();
    for (const v of latest) items.set(key(v.kind, v.name), { kind: v.kind, name: v.name, publishedVersion: v.version, publishedAt: v.at, publishedBy: v.author, draft: null });
    for (const d of drafts) {
      const item = items.get(key(d.kind, d.name)) ?? { kind: d.kind, name: d.name, publishedVersion: null, publishedAt: null, publishedBy: null, draft: null };
      items.set(key(d.kind, d.name), { ...item, draft: { revision: d.revision, author: d.author, updatedAt: d.updatedAt } });
    }
    return [...items.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }

  /** The newest published version and the draft; `not_found` when neither exists. */
  async get(kind: ContentKind, name: string): Promise<{ kind: ContentKind; name: string; published: Omit<ContentVersion, 'kind' | 'name'> | null; draft: Omit<ContentDraft, 'kind' | 'name'> | null }> {
    const [published, draft] = await Promise.all([this.deps.store.getLatestContentVersion(kind, name), this.deps.store.getContentDraft(kind, name)]);
    if (!published && !draft) throw notFound(kind, name);
    return { kind, name, published: published && strip(published), draft: draft && strip(draft) };
  }

  /** Diagnostics of `source` as this item, checked together with everything published. */
  validate(kind: ContentKind, name: string, source: string): Diagnostic[] {
    return checkDraft(this.deps.runtime.published(), { kind, name, source }).diagnostics;
  }

  /**
   * Saves the shared draft if `expectedRevision` is still current (0: there is no draft yet);
   * a draft with errors is saved too (only publishing refuses it). A stale save is refused with
   * `edit_conflict`, the stored text and a diff from the caller's text to it.
   */
  async saveDraft(kind: ContentKind, name: string, source: string, expectedRevision: number, actor: ContentActor): Promise<{ draft: ContentDraft; diagnostics: Diagnostic[] }> {
    const base = await this.deps.store.getLatestContentVersion(kind, name);
    const input = { kind, name, source, baseVersion: base?.version ?? null, author: actor, updatedAt: this.deps.clock.now() };
    let draft: ContentDraft;
    try {
      draft = await this.deps.store.saveContentDraft(input, expectedRevision);
    } catch (err) {
      if (isConcordError(err, 'edit_conflict')) throw await this.conflict(kind, name, source, err.message);
      throw err;
    }
    await this.audit(actor, 'content_draft_saved', kind, name, { revision: draft.revision });
    return { draft, diagnostics: this.validate(kind, name, source) };
  }

  /** Discards the draft (`not_found` when there is none). */
  async deleteDraft(kind: ContentKind, name: string, actor: ContentActor): Promise<void> {
    if (!(await this.deps.store.deleteContentDraft(kind, name))) throw new ConcordError('not_found', `${kind} ${name} has no draft`);
    await this.audit(actor, 'content_draft_deleted', kind, name, null);
  }

  /** Publishes the draft at `expectedRevision` as the next version; refused with the diagnostics when it has errors. */
  async publish(kind: ContentKind, name: string, input: { message: string; expectedRevision: number }, actor: ContentActor): Promise<number> {
    const draft = await this.deps.store.getContentDraft(kind, name);
    if (!draft && input.expectedRevision === 0) throw new ConcordError('not_found', `${kind} ${name} has no draft to publish; save one first`);
    if (!draft || draft.revision !== input.expectedRevision) {
      throw await this.conflict(kind, name, draft?.source ?? '', `the draft of ${kind} ${name} changed since you loaded it (you had revision ${input.expectedRevision}); review it and publish again`);
    }
    const version = await this.publishSource(kind, name, draft.source, input.message, actor, 'content_published');
    await this.deps.store.deleteContentDraft(kind, name, draft.revision);
    return version;
  }

  /** Publishes an old version's text again, as a new version. */
  async rollback(kind: ContentKind, name: string, version: number, message: string | undefined, actor: ContentActor): Promise<number> {
    const old = await this.version(kind, name, version);
    return this.publishSource(kind, name, old.source, message ?? `rollback to version ${version}`, actor, 'content_rolled_back', { from: version });
  }

  /** All versions of an item, newest first. */
  async versions(kind: ContentKind, name: string): Promise<ContentVersion[]> {
    const all = await this.deps.store.listContentVersions(kind, name);
    if (!all.length) throw notFound(kind, name);
    return all;
  }

  async version(kind: ContentKind, name: string, version: number): Promise<ContentVersion> {
    const found = await this.deps.store.getContentVersion(kind, name, version);
    if (!found) throw new ConcordError('not_found', `${kind} ${name} has no version ${version}`);
    return found;
  }

  /** Unified diff from version `from` to version `to` or to the draft. */
  async diff(kind: ContentKind, name: string, from: number, to: number | 'draft'): Promise<string> {
    const a = await this.version(kind, name, from);
    const b = to === 'draft' ? await this.deps.store.getContentDraft(kind, name) : await this.version(kind, name, to);
    if (!b) throw new ConcordError('not_found', `${kind} ${name} has no draft`);
    const file = contentFile(kind, name);
    return createTwoFilesPatch(file, file, a.source, b.source, `version ${from}`, to === 'draft' ? `draft (revision ${(b as ContentDraft).revision})` : `version ${to}`);
  }

  /**
   * Validates `source` with everything published and stores it as the next version, then makes
   * it live here and (through the bus) everywhere. `content_version_exists` when another
   * publish of the same item won the race.
   */
  async publishSource(kind: ContentKind, name: string, source: string, message: string, actor: ContentActor, action: string, data: Record<string, unknown> = {}): Promise<number> {
    const diagnostics = this.validate(kind, name, source);
    if (diagnostics.some((d) => d.severity === 'error')) throw invalid(diagnostics);
    const latest = await this.deps.store.getLatestContentVersion(kind, name);
    const version = (latest?.version ?? 0) + 1;
    await this.deps.store.appendContentVersion({ kind, name, version, source, author: actor, message, at: this.deps.clock.now() });
    await this.audit(actor, action, kind, name, { version, ...data });
    await this.deps.runtime.reload();
    this.deps.bus.publish({ type: 'content', kind, name, version });
    return version;
  }

  /** The `edit_conflict` error: what is stored now (draft, else the published text as revision 0) and a diff to it. */
  private async conflict(kind: ContentKind, name: string, sent: string, message: string): Promise<ConcordError> {
    const draft = await this.deps.store.getContentDraft(kind, name);
    const published = draft ? null : await this.deps.store.getLatestContentVersion(kind, name);
    const current = draft
      ? { source: draft.source, revision: draft.revision, author: draft.author, updatedAt: draft.updatedAt }
      : { source: published?.source ?? '', revision: 0, author: published?.author ?? null, updatedAt: published?.at ?? null };
    const file = contentFile(kind, name);
    const diff = createTwoFilesPatch(file, file, sent, current.source, 'yours', draft ? `stored draft (revision ${draft.revision})` : 'published');
    return new ConcordError('edit_conflict', message, { current, diff });
  }

  private async audit(actor: ContentActor, action: string, kind: ContentKind, name: string, data: Record<string, unknown> | null): Promise<void> {
    await this.deps.store.appendAudit({ id: randomUUID(), actor, action, target: `${kind}:${name}`, data, at: this.deps.clock.now() });
  }
}

function key(kind: ContentKind, name: string): string {
  return `${kind}:${name}`;
}

function strip<T extends { kind: ContentKind; name: string }>(value: T): Omit<T, 'kind' | 'name'> {
  const { kind: _kind, name: _name, ...rest } = value;
  return rest;
}

function notFound(kind: ContentKind, name: string): ConcordError {
  return new ConcordError('not_found', `${kind} ${name} does not exist`);
}
