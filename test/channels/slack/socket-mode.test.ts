/**
 * Socket Mode: with `SLACK_APP_TOKEN` set, bolt's SocketModeReceiver opens a WebSocket to the
 * fake Slack (found through `apps.connections.open`); envelopes are acknowledged only once
 * stored, retried envelopes with the same event id are answered once, buttons work too.
 */
import { buttonPress, dmEvent } from '../../helpers/slack-payloads';
import { startSlackHarness, type SlackHarness } from './slack-setup';
import { waitUntil as poll } from '../../helpers/wait';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ SLACK_APP_TOKEN: 'xapp-1-test-app-token' });
});
afterAll(async () => {
  await h.stop();
});

async function until(test: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  await poll(test, `timed out waiting for ${what}`, timeoutMs, 20);
}

describe('Slack Socket Mode', () => {
  it('connects, answers a DM, acks the envelope once stored and answers a retried envelope once', async () => {
    await until(() => h.fake.socketCount === 1, 'the socket connection');
    expect(h.fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['auth.test', 'apps.connections.open']));
    const ch = 'D0SOCKET';
    const payload = dmEvent('My order 12345 arrived broken and nobody answers my emails, this is ridiculous', { channel: ch, user: 'U0SOCK' });
    h.fake.pushEnvelope({ envelope_id: 'env-1', type: 'events_api', payload, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' });
    const confirm = await h.nthPost(ch, 2);
    await until(() => h.fake.socketAcks.includes('env-1'), 'the ack');
    h.fake.pushEnvelope({ envelope_id: 'env-2', type: 'events_api', payload, accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout' });
    await until(() => h.fake.socketAcks.includes('env-2'), 'the retry ack');

    h.fake.pushEnvelope({ envelope_id: 'env-3', type: 'interactive', payload: buttonPress(confirm, 'yes', 'U0SOCK'), accepts_response_payload: false });
    const announced = await h.nthPost(ch, 3);
    expect(String(announced.text)).toMatch(/CP-[A-Z0-9]{6}/);
    await h.nthPost(ch, 4);
    await until(() => h.fake.socketAcks.includes('env-3'), 'the action ack');
    await h.t.concord.idle();
    await new Promise((r) => setTimeout(r, 100));
    // Empathy and confirmation once (the retried envelope is not answered again), then the ticket and its offer.
    expect(h.postsIn(ch)).toHaveLength(4);
    const conversation = await h.t.concord.store.findLatestConversation('slack', ch);
    const inbound = (await h.t.concord.store.listMessages(conversation!.id)).filter((m) => m.direction === 'in');
    expect(inbound).toHaveLength(2);
  });
});
