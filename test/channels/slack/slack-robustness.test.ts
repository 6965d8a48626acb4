/**
 * What the Slack endpoint refuses and survives: forged, missing and replayed signatures,
 * malformed bodies, the same event delivered three times, and a Web API answering 429 then 500.
 */
import { slackSignature } from '../../../src/channels/slack/verify';
import { dmEvent } from '../../helpers/slack-payloads';
import { SECRET, startSlackHarness, type SlackHarness } from './slack-setup';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('Slack endpoint: signatures', () => {
  it.each([
    ['forged', { signature: slackSignature('not-the-secret', 1767603600, 'x') }],
    ['missing', { signature: null }],
    ['garbage', { signature: 'v0=zz' }],
  ])('refuses a %s signature with 401 and stores nothing', async (_name, opts) => {
    const ch = `D0SIG${_name.toUpperCase()}`;
    const res = await h.send(dmEvent('hello', { channel: ch }), opts);
    expect(res.status).toBe(401);
    await h.t.concord.idle();
    expect(await h.t.concord.store.findLatestConversation('slack', ch)).toBeNull();
    expect(h.postsIn(ch)).toHaveLength(0);
  });

  it('refuses a correctly signed request replayed outside the 5-minute window', async () => {
    const ch = 'D0REPLAY';
    const old = Math.floor(h.t.clock.now() / 1000) - 6 * 60;
    expect((await h.send(dmEvent('hello', { channel: ch }), { timestamp: old })).status).toBe(401);
    const future = Math.floor(h.t.clock.now() / 1000) + 6 * 60;
    expect((await h.send(dmEvent('hello', { channel: ch }), { timestamp: future })).status).toBe(401);
    await h.t.concord.idle();
    expect(await h.t.concord.store.findLatestConversation('slack', ch)).toBeNull();
  });

  it('verifies button presses too', async () => {
    const res = await h.send({ type: 'block_actions' }, { form: true, signature: 'v0=0000' });
    expect(res.status).toBe(401);
  });
});

describe('Slack endpoint: malformed payloads', () => {
  it.each([
    ['broken JSON', '{"type": "event_callback", '],
    ['a JSON array', '[1,2,3]'],
    ['no type', '{"event": {}}'],
    ['an event_callback without event_id', '{"type":"event_callback","team_id":"T1","event":{"type":"message"}}'],
  ])('answers %s with 400 and keeps serving', async (_name, raw) => {
    const res = await h.send(null, { raw });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: 'invalid_payload' });
    const ok = await fetch(`${h.t.concord.url}/healthz`);
    expect(ok.status).toBe(200);
  });

  it('answers a form without a payload field with 400', async () => {
    const res = await h.send(null, { raw: 'not json', form: true });
    expect(res.status).toBe(400);
  });
});

describe('Slack endpoint: retries and delivery', () => {
  it('stores and answers an event delivered three times (X-Slack-Retry-Num) once', async () => {
    const ch = 'D0RETRIED';
    const event = dmEvent('hello', { channel: ch, eventId: 'Ev0RETRY0001' });
    const results = await Promise.all([h.send(event), h.send(event, { retryNum: 1 }), h.send(event, { retryNum: 2 })]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.nthPost(ch, 1);
    await h.t.concord.idle();
    await new Promise((r) => setTimeout(r, 200));
    const conversation = await h.t.concord.store.findLatestConversation('slack', ch);
    const messages = await h.t.concord.store.listMessages(conversation!.id);
    expect(messages.filter((m) => m.direction === 'in')).toHaveLength(1);
    expect(messages.filter((m) => m.direction === 'out')).toHaveLength(h.postsIn(ch).length);
    expect(h.postsIn(ch)).toHaveLength(1);
  });

  it('delivers once, late, after 429 (Retry-After: 1) and 500, recording the attempts', async () => {
    const ch = 'D0RATELIMIT';
    h.fake.postScript.push(
      { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } },
      { status: 500, body: { ok: false, error: 'internal_error' } },
    );
    const started = Date.now();
    expect((await h.send(dmEvent('hello', { channel: ch }))).status).toBe(200);
    await h.nthPost(ch, 1, 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000 + 2000 - 100);
    expect(h.fake.posts().filter((p) => p.channel === ch)).toHaveLength(3);
    expect(h.postsIn(ch)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
    const conversation = await h.t.concord.store.findLatestConversation('slack', ch);
    const out = (await h.t.concord.store.listMessages(conversation!.id)).filter((m) => m.direction === 'out');
    expect(out).toHaveLength(1);
    expect(out[0].deliveredAt).toEqual(expect.any(Number));
    expect(out[0].deliveryAttempts).toBe(2);
    expect(out[0].lastDeliveryError).toMatch(/500/);
  });
});
