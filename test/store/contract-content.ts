/**
 * Contract for `ContentRecords`: immutable numbered versions of scripts and intents (a taken
 * number is refused) and one shared draft per item saved with optimistic revisions (a stale save
 * is refused with the stored draft, and revisions never repeat after a delete).
 */
import { isConcordError } from '../../src/errors';
import type { ContentKind, ContentVersion, ConversationStore, DraftInput } from '../../src/store/port';
import { T0, TRICKY_JSON, uid } from './contract-fixtures';

function version(name: string, n: number, overrides: Partial<ContentVersion> = {}): ContentVersion {
  return { kind: 'script', name, version: n, source: `id: ${name}\n# v${n} 版本 😀\n`, author: 'user:a', message: `v${n}`, at: T0 + n, ...overrides };
}

function draft(name: string, source: string, overrides: Partial<DraftInput> = {}): DraftInput {
  return { kind: 'script', name, source, baseVersion: 1, author: 'user:a', updatedAt: T0 + 100, ...overrides };
}

/** Registers the `ContentRecords` tests. */
export function describeContentContract(store: () => ConversationStore): void {
  it('appends versions, lists them newest first and refuses a taken number', async () => {
    const name = uid('script');
    const tricky = JSON.stringify(TRICKY_JSON);
    await store().appendContentVersion(version(name, 1));
    await store().appendContentVersion(version(name, 2, { source: tricky, message: '改了 "quoted"' }));
    expect((await store().listContentVersions('script', name)).map((v) => v.version)).toEqual([2, 1]);
    expect(await store().getContentVersion('script', name, 2)).toEqual(version(name, 2, { source: tricky, message: '改了 "quoted"' }));
    expect(await store().getLatestContentVersion('script', name)).toMatchObject({ version: 2, source: tricky });
    expect(await store().getContentVersion('script', name, 3)).toBeNull();
    expect(await store().getContentVersion('intent', name, 1)).toBeNull();
    expect(await store().getLatestContentVersion('intent', name)).toBeNull();
    await expect(store().appendContentVersion(version(name, 2, { source: 'other' }))).rejects.toMatchObject({ code: 'content_version_exists' });
    expect((await store().getContentVersion('script', name, 2))?.source).toBe(tricky);
  });

  it('lets exactly one of two publishes of the same number win', async () => {
    const name = uid('script');
    const results = await Promise.allSettled([store().appendContentVersion(version(name, 1, { author: 'user:a' })), store().appendContentVersion(version(name, 1, { author: 'user:b' }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(isConcordError(lost?.reason, 'content_version_exists')).toBe(true);
    expect(await store().listContentVersions('script', name)).toHaveLength(1);
  });

  it('lists the newest version of every item by kind and name', async () => {
    const [a, b] = [uid('a'), uid('b')].sort();
    const kinds: ContentKind[] = ['intent', 'script'];
    for (const kind of kinds) {
      await store().appendContentVersion(version(a, 1, { kind }));
      await store().appendContentVersion(version(b, 1, { kind }));
    }
    await store().appendContentVersion(version(a, 2, { kind: 'script' }));
    const latest = (await store().listLatestContent()).filter((v) => v.name === a || v.name === b);
    expect(latest.map((v) => `${v.kind}/${v.name === a ? 'a' : 'b'}/${v.version}`)).toEqual(['intent/a/1', 'intent/b/1', 'script/a/2', 'script/b/1']);
  });

  it('saves a draft with optimistic revisions and refuses a stale save, returning the stored draft', async () => {
    const name = uid('script');
    expect(await store().getContentDraft('script', name)).toBeNull();
    const first = await store().saveContentDraft(draft(name, 'one'), 0);
    expect(first).toEqual({ ...draft(name, 'one'), revision: 1 });
    const second = await store().saveContentDraft(draft(name, 'two 二', { author: 'user:b', updatedAt: T0 + 200 }), 1);
    expect(second.revision).toBe(2);
    expect(await store().getContentDraft('script', name)).toEqual(second);

    const stale = store().saveContentDraft(draft(name, 'three'), 1);
    await expect(stale).rejects.toMatchObject({ code: 'edit_conflict', details: { current: second } });
    await expect(store().saveContentDraft(draft(name, 'again'), 0)).rejects.toMatchObject({ code: 'edit_conflict' });
    expect((await store().getContentDraft('script', name))?.source).toBe('two 二');
    expect((await store().listContentDrafts()).filter((d) => d.name === name)).toEqual([second]);
  });

  it('lets exactly one of two saves from the same revision win', async () => {
    const name = uid('script');
    await store().saveContentDraft(draft(name, 'base'), 0);
    const results = await Promise.allSettled([store().saveContentDraft(draft(name, 'A'), 1), store().saveContentDraft(draft(name, 'B'), 1)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(isConcordError(lost?.reason, 'edit_conflict')).toBe(true);
    expect((await store().getContentDraft('script', name))?.revision).toBe(2);
  });

  it('deletes a draft (optionally only at a revision) and never reuses its revision numbers', async () => {
    const name = uid('script');
    await store().saveContentDraft(draft(name, 'one'), 0);
    await store().saveContentDraft(draft(name, 'two'), 1);
    expect(await store().deleteContentDraft('script', name, 1)).toBe(false);
    expect(await store().deleteContentDraft('script', name, 2)).toBe(true);
    expect(await store().getContentDraft('script', name)).toBeNull();
    expect(await store().deleteContentDraft('script', name)).toBe(false);
    expect((await store().listContentDrafts()).some((d) => d.name === name)).toBe(false);
    await expect(store().saveContentDraft(draft(name, 'stale'), 2)).rejects.toMatchObject({ code: 'edit_conflict', details: { current: null } });
    const fresh = await store().saveContentDraft(draft(name, 'fresh', { baseVersion: null }), 0);
    expect(fresh).toMatchObject({ revision: 3, baseVersion: null, source: 'fresh' });
    expect(await store().deleteContentDraft('intent', name)).toBe(false);
  });
}
