/**
 * The admin console's own API over real HTTP: only admins reach the page and the API, "test this
 * sentence" on a draft, preview chats through the real engine on a private store (the real store
 * never sees them), expiry and the cap, and invalid drafts refused with diagnostics.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, createAgent, useAdminServer } from '../helpers/agent-api';

const complaint = fs.readFileSync(path.join(__dirname, '../../dialogs/complaint.yaml'), 'utf8');
const EMPATHY = "Thank you for letting us know. I'm sorry for the trouble; I'll help you with it.";
const NEW_EMPATHY = 'Preview wording: we are on it right away.';

const t = useAdminServer();

describe('access', () => {
  it('serves /admin to admins and to nobody signed in (the login form), 403 to agents and supervisors', async () => {
    const page = await fetch(`${t.server.concord.url}/admin`, { headers: { cookie: t.admin.cookie! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/admin\/console\.js/);
    expect((await fetch(`${t.server.concord.url}/admin`)).status).toBe(200);
    for (const role of ['agent', 'supervisor']) {
      const { client } = await createAgent(t.server, { role });
      const res = await fetch(`${t.server.concord.url}/admin`, { headers: { cookie: client.cookie! } });
      expect(res.status).toBe(403);
      for (const [method, url, body] of [['POST', '/api/admin/understand', { text: 'hi' }], ['POST', '/api/admin/preview', { kind: 'script', name: 'complaint', source: complaint }], ['GET', '/api/admin/golden'], ['POST', '/api/admin/golden', {}]] as const) {
        const r = await client.call(method, url, body);
        expect([r.status, r.body.error]).toEqual([403, 'forbidden']);
      }
    }
    expect((await new ApiClient(t.server.concord.url).call('POST', '/api/admin/understand', { text: 'hi' })).status).toBe(401);
    expect((await t.admin.call('POST', '/api/admin/understand', { text: 'hi' }, { 'x-csrf-token': null })).body.error).toBe('csrf_failed');
  });
});

describe('test this sentence', () => {
  it('returns intent, confidence and emotion; a draft intent changes the answer', async () => {
    const res = await t.admin.call('POST', '/api/admin/understand', { text: 'My order 12345 arrived broken, this is ridiculous!' });
    expect(res.status).toBe(200);
    const analysis = res.body.analysis as { intent: { name: string; confidence: number }; emotion: { label: string } };
    expect(analysis.intent.name).toBe('complaint');
    expect(analysis.intent.confidence).toBeGreaterThan(0.5);
    expect(analysis.emotion.label).toBe('anger');
    const thanks = fs.readFileSync(path.join(__dirname, '../../intents/thanks.yaml'), 'utf8');
    const draft = thanks.replace(/examples:\n  en:\n/, 'examples:\n  en:\n    - "flibbertigibbet zork"\n    - "zork flibbertigibbet please"\n');
    const before = await t.admin.call('POST', '/api/admin/understand', { text: 'flibbertigibbet zork' });
    const after = await t.admin.call('POST', '/api/admin/understand', { text: 'flibbertigibbet zork', draft: { kind: 'intent', name: 'thanks', source: draft } });
    expect((before.body.analysis as { intent: { name: string } }).intent.name).not.toBe('thanks');
    expect((after.body.analysis as { intent: { name: string } }).intent.name).toBe('thanks');
  });
});

describe('preview', () => {
  it('runs the draft through the engine with a trace, and keeps it out of the real store', async () => {
    const source = complaint.replace(EMPATHY, NEW_EMPATHY);
    expect(source).not.toBe(complaint);
    const created = await t.admin.call('POST', '/api/admin/preview', { kind: 'script', name: 'complaint', source });
    expect(created.status).toBe(201);
    const id = String(created.body.previewId);
    const turn = await t.admin.call('POST', `/api/admin/preview/${id}/messages`, { text: 'I want to complain about order 12345, the colour is wrong' });
    expect(turn.status).toBe(200);
    const replies = turn.body.replies as { text: string; quickReplies?: { value: string }[] }[];
    expect(replies.map((r) => r.text).join('\n')).toContain('Preview wording');
    expect(replies.at(-1)?.quickReplies?.map((q) => q.value)).toEqual(['yes', 'no']);
    const trace = turn.body.trace as { script: string; step: string; intent: { name: string }; why: string[] };
    expect(trace).toMatchObject({ script: 'complaint', step: 'confirm', intent: { name: 'complaint' } });
    expect(trace.why.join('\n')).toMatch(/starts script "complaint"/);
    const yes = await t.admin.call('POST', `/api/admin/preview/${id}/messages`, { value: 'yes' });
    expect((yes.body.trace as { step: string; why: string[] }).why.join('\n')).toMatch(/step "confirm": transition 1 \(when intent = affirm\) matched, go to "resolve"/);
    expect((yes.body.trace as { step: string }).step).toBe('offer');
    expect(await t.server.concord.store.listConversationsByStatus('bot')).toEqual([]);
    const bad = await t.admin.call('POST', `/api/admin/preview/${id}/messages`, { value: 'not-offered' });
    expect(bad.status).toBe(400);
  });

  it('explains each request of a message that holds several', async () => {
    const created = await t.admin.call('POST', '/api/admin/preview', { kind: 'script', name: 'complaint', source: complaint });
    const id = String(created.body.previewId);
    const turn = await t.admin.call('POST', `/api/admin/preview/${id}/messages`, { text: "My headphones broke after 2 weeks. What's your warranty policy?" });
    const why = (turn.body.trace as { why: string[] }).why.join('\n');
    expect(why).toMatch(/request 1 of 2: "What's your warranty policy\?"\nintent "policy_question"[^]*starts script "policy", which ends in this turn/);
    expect(why).toMatch(/request 2 of 2: "My headphones broke after 2 weeks\."\nintent "complaint"[^]*starts script "complaint"/);
    const next = await t.admin.call('POST', `/api/admin/preview/${id}/messages`, { text: '12345' });
    expect((next.body.trace as { why: string[] }).why.join('\n')).not.toMatch(/request \d of/);
  });

  it('refuses a draft with errors with its diagnostics (422)', async () => {
    const res = await t.admin.call('POST', '/api/admin/preview', { kind: 'script', name: 'complaint', source: complaint.replace('next: confirm', 'next: nowhere') });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('invalid');
    expect(JSON.stringify(res.body.diagnostics)).toMatch(/nowhere/);
  });

  it('expires previews after 30 idle minutes', async () => {
    const created = await t.admin.call('POST', '/api/admin/preview', { kind: 'script', name: 'complaint', source: complaint });
    t.server.clock.advance(31 * 60_000);
    await t.admin.call('POST', '/api/admin/preview', { kind: 'script', name: 'complaint', source: complaint }); // sweeps
    const res = await t.admin.call('POST', `/api/admin/preview/${String(created.body.previewId)}/messages`, { text: 'hello' });
    expect([res.status, res.body.error]).toEqual([404, 'not_found']);
  });
});

describe('golden runs', () => {
  it('lists the files that involve a script and runs one against the draft and the published version, per turn', async () => {
    const list = await t.admin.call('GET', '/api/admin/golden?kind=script&name=complaint');
    const files = (list.body.items as { file: string }[]).map((f) => f.file);
    expect(files).toContain('en-happy-path.yaml');
    expect(files).not.toContain('en-handoff-request-human.yaml');
    const status = await t.admin.call('GET', '/api/admin/golden?kind=intent&name=complaint-status');
    const statusFiles = (status.body.items as { file: string }[]).map((f) => f.file);
    expect(statusFiles).toEqual(expect.arrayContaining(['en-complaint-status.yaml', 'zh-complaint-status.yaml', 'en-happy-path.yaml']));
    expect(statusFiles).not.toContain('en-sarcasm.yaml');
    const draft = complaint.replace("I completely understand how frustrating this is, and I'm truly sorry.", 'We hear you.');
    const drafted = await t.admin.call('POST', '/api/admin/golden', { kind: 'script', name: 'complaint', source: draft, files: ['en-happy-path.yaml'] });
    expect(drafted.status).toBe(200);
    const [result] = drafted.body.results as { file: string; passed: boolean; turns: { index: number; problems: string[] }[] }[];
    expect(result).toMatchObject({ file: 'en-happy-path.yaml', passed: false });
    expect(result.turns[0].problems.join('\n')).toMatch(/completely understand/);
    expect(result.turns.slice(1).every((t) => t.problems.length === 0)).toBe(true);
    const published = await t.admin.call('POST', '/api/admin/golden', { kind: 'script', name: 'complaint', files: ['en-happy-path.yaml'] });
    expect(published.body).toMatchObject({ passed: true });
    expect((await t.admin.call('POST', '/api/admin/golden', { files: ['../../package.json'] })).status).toBe(404);
  }, 120_000);
});
