/**
 * The admin API over real HTTP: drafts with optimistic revisions (two admins, one wins, the
 * other gets the stored text and a diff), publish (refused with diagnostics when invalid),
 * versions, diff, rollback, the audit log, and 403 for agents and supervisors on every route.
 */
import { ADMIN, ApiClient, createAgent, useAdminServer } from '../helpers/agent-api';

const t = useAdminServer();

const GOODBYE = '/api/admin/content/script/goodbye';

async function published(): Promise<{ version: number; source: string }> {
  const res = await t.admin.call('GET', GOODBYE);
  return res.body.published as { version: number; source: string };
}

it('lists the seeded content as version 1 by system', async () => {
  const res = await t.admin.call('GET', '/api/admin/content');
  expect(res.status).toBe(200);
  const items = res.body.items as { kind: string; name: string; publishedVersion: number; publishedBy: string; draft: unknown }[];
  expect(items).toContainEqual(expect.objectContaining({ kind: 'script', name: 'goodbye', publishedVersion: 1, publishedBy: 'system', draft: null }));
  expect(items).toContainEqual(expect.objectContaining({ kind: 'intent', name: 'complaint-status', publishedVersion: 1 }));
  expect((await t.admin.call('GET', '/api/admin/content/script/nothing_here')).status).toBe(404);
});

it('lets one of two admins saving from the same revision win; the other gets the stored text and a diff', async () => {
  const other = new ApiClient(t.server.concord.url);
  await other.login(ADMIN.email, ADMIN.password);
  const base = (await published()).source;
  const mine = base.replace('Take care', 'All the best');
  const theirs = base.replace('Take care', 'Have a great day');
  const [a, b] = await Promise.all([
    t.admin.call('PUT', `${GOODBYE}/draft`, { source: mine, expectedRevision: 0 }),
    other.call('PUT', `${GOODBYE}/draft`, { source: theirs, expectedRevision: 0 }),
  ]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const [won, lost, wonText, lostText] = a.status === 200 ? [a, b, mine, theirs] : [b, a, theirs, mine];
  expect(won.body.draft).toMatchObject({ source: wonText, revision: 1, baseVersion: 1 });
  expect(lost.body).toMatchObject({ error: 'edit_conflict', current: { source: wonText, revision: 1 } });
  const diff = String(lost.body.diff);
  expect(diff).toContain(`-${lostText.split('\n').find((l) => l.includes('Thank you for contacting'))}`);
  expect(diff).toContain(`+${wonText.split('\n').find((l) => l.includes('Thank you for contacting'))}`);
  // Nothing lost: the stored draft is the winner's, the loser still has their text in the answer's diff.
  expect(((await t.admin.call('GET', GOODBYE)).body.draft as { source: string }).source).toBe(wonText);
  expect((await t.admin.call('DELETE', `${GOODBYE}/draft`)).status).toBe(204);
});

it('refuses to publish a draft with errors (422 with diagnostics), publishes a valid one, diffs and rolls back', async () => {
  const base = (await published()).source;
  const broken = base.replace('next: nowhere', '').replace('actions: [close]', 'next: nowhere');
  const saved = await t.admin.call('PUT', `${GOODBYE}/draft`, { source: broken, expectedRevision: 0 });
  expect(saved.status).toBe(200);
  expect(saved.body.diagnostics).toContainEqual(expect.objectContaining({ file: 'dialogs/goodbye.yaml', message: expect.stringMatching(/step "nowhere" does not exist/), severity: 'error' }));
  const revision = (saved.body.draft as { revision: number }).revision;
  const refused = await t.admin.call('POST', `${GOODBYE}/publish`, { message: 'broken', expectedRevision: revision });
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ error: 'invalid', diagnostics: expect.arrayContaining([expect.objectContaining({ line: 13 })]) });

  const fixed = await t.admin.call('PUT', `${GOODBYE}/draft`, { source: base.replace('Take care', 'Be well'), expectedRevision: revision });
  const stale = await t.admin.call('POST', `${GOODBYE}/publish`, { message: 'stale', expectedRevision: revision });
  expect(stale.status).toBe(409);
  const rev = (fixed.body.draft as { revision: number }).revision;
  const pub = await t.admin.call('POST', `${GOODBYE}/publish`, { message: 'warmer goodbye', expectedRevision: rev });
  expect(pub.status).toBe(201);
  const version = pub.body.version as number;
  expect((await t.admin.call('GET', GOODBYE)).body).toMatchObject({ published: { version, message: 'warmer goodbye' }, draft: null });

  const diff = await t.admin.call('GET', `${GOODBYE}/diff?from=1&to=${version}`);
  expect(diff.body.diff).toMatch(/-.*Take care/);
  expect(diff.body.diff).toMatch(/\+.*Be well/);
  const versions = await t.admin.call('GET', `${GOODBYE}/versions`);
  expect((versions.body.items as { version: number }[]).map((v) => v.version)).toEqual([version, 1]);

  const back = await t.admin.call('POST', `${GOODBYE}/rollback`, { version: 1 });
  expect(back.status).toBe(201);
  const restored = await t.admin.call('GET', `${GOODBYE}/versions/${back.body.version as number}`);
  expect(restored.body).toMatchObject({ source: base, message: 'rollback to version 1' });
  expect(t.server.concord.content.scripts().get('goodbye')?.source).toBe(base);
});

it('validates a draft together with the published content: an intent renamed away breaks the scripts that use it', async () => {
  const affirm = ((await t.admin.call('GET', '/api/admin/content/intent/affirm')).body.published as { source: string }).source;
  const res = await t.admin.call('POST', '/api/admin/validate', { kind: 'intent', name: 'affirm', source: affirm.replace('name: affirm', 'name: agree') });
  expect(res.body.diagnostics).toContainEqual(expect.objectContaining({ file: 'dialogs/complaint.yaml', message: 'intent "affirm" is not defined in intents/', severity: 'error' }));
  const idChanged = await t.admin.call('POST', '/api/admin/validate', { kind: 'script', name: 'goodbye', source: (await published()).source.replace('id: goodbye', 'id: farewell') });
  expect(idChanged.body.diagnostics).toContainEqual(expect.objectContaining({ file: 'dialogs/goodbye.yaml', line: 2, message: expect.stringMatching(/^id: must stay "goodbye"/) }));
});

it('keeps an append-only audit log of saves, publishes, rollbacks and logins (ids, never emails)', async () => {
  expect((await new ApiClient(t.server.concord.url).login(ADMIN.email, 'wrong password!')).status).toBe(401);
  const res = await t.admin.call('GET', '/api/admin/audit?limit=200');
  const actions = (res.body.items as { action: string }[]).map((e) => e.action);
  for (const action of ['content_seeded', 'content_draft_saved', 'content_published', 'content_rolled_back', 'login', 'login_failed']) expect(actions).toContain(action);
  const adminId = ((await t.admin.call('GET', '/api/auth/me')).body.user as { id: string }).id;
  expect((res.body.items as { action: string }[]).find((e) => e.action === 'login_failed')).toMatchObject({ actor: `user:${adminId}`, target: adminId, data: null });
  expect(JSON.stringify(res.body)).not.toContain(ADMIN.email);
  for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) expect((await t.admin.call(method, '/api/admin/audit', {})).status).toBe(404);
});

describe('non-admins', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/admin/content'],
    ['GET', GOODBYE],
    ['POST', '/api/admin/validate', { kind: 'script', name: 'goodbye', source: 'x' }],
    ['PUT', `${GOODBYE}/draft`, { source: 'x', expectedRevision: 0 }],
    ['DELETE', `${GOODBYE}/draft`],
    ['POST', `${GOODBYE}/publish`, { message: 'x', expectedRevision: 1 }],
    ['GET', `${GOODBYE}/versions`],
    ['GET', `${GOODBYE}/versions/1`],
    ['GET', `${GOODBYE}/diff?from=1&to=1`],
    ['POST', `${GOODBYE}/rollback`, { version: 1 }],
    ['GET', '/api/admin/audit'],
  ];

  it.each(['agent', 'supervisor'])('a %s gets 403 on every admin route, and nothing changes', async (role) => {
    const { client } = await createAgent(t.server, { role });
    for (const [method, url, body] of routes) {
      const res = await client.call(method, url, body);
      expect([method, url, res.status, res.body.error]).toEqual([method, url, 403, 'forbidden']);
    }
    const anonymous = new ApiClient(t.server.concord.url);
    expect((await anonymous.call('GET', '/api/admin/content')).status).toBe(401);
    expect((await t.admin.call('GET', GOODBYE)).body.draft).toBeNull();
  });
});
