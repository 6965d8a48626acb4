/**
 * The web chat protocol (docs/web-chat-protocol.md) against a real server: sessions and resume,
 * ack only after durable storage, retries deduplicated, and every kind of bad frame answered with
 * an error frame while the socket keeps working.
 */
import { WebChatClient, type ServerFrame } from '../../../src/channels/web/client';
import { startTestConcord, type TestConcord } from '../../helpers/concord';

let t: TestConcord;
beforeEach(async () => (t = await startTestConcord()));
afterEach(async () => t.stop());

async function conversationMessages(client: WebChatClient) {
  await t.concord.idle();
  return t.concord.store.listMessages(client.session.conversationId);
}

async function converse(client: WebChatClient, text: string, value?: string): Promise<Extract<ServerFrame, { type: 'message' }>[]> {
  const before = client.frames.length;
  const id = client.send(text, value);
  await client.waitFor((f) => f.type === 'ack' && f.id === id);
  await t.concord.idle();
  await client.waitFor((f) => f.type === 'message', 5000, before);
  await new Promise((r) => setTimeout(r, 30));
  return client.messagesSince(before);
}

describe('sessions', () => {
  it('starts with a session frame carrying a resume token', async () => {
    const client = await WebChatClient.connect(t.concord.url);
    expect(client.frames[0]).toMatchObject({ type: 'session', status: 'bot' });
    expect(client.session.token).toMatch(/^[\w-]+\.[\w-]+$/);
    await client.close();
  });

  it('resumes the same conversation with its history, also after a restart', async () => {
    const first = await WebChatClient.connect(t.concord.url);
    const replies = await converse(first, 'My order 12345 arrived broken and nobody answers my emails');
    expect(replies.length).toBeGreaterThan(0);
    await first.close();

    const again = await WebChatClient.connect(t.concord.url, { token: first.session.token });
    expect(again.session.conversationId).toBe(first.session.conversationId);
    const history = await again.waitFor((f) => f.type === 'history');
    expect(history.type === 'history' && history.messages.map((m) => m.from)).toEqual(['customer', ...replies.map(() => 'bot')]);
    await again.close();

    await t.restart();
    const afterRestart = await WebChatClient.connect(t.concord.url, { token: first.session.token });
    const restored = await afterRestart.waitFor((f) => f.type === 'history');
    expect(restored.type === 'history' && restored.messages[0].text).toBe('My order 12345 arrived broken and nobody answers my emails');
    await afterRestart.close();
  });

  it('treats a forged token as a new visitor', async () => {
    const first = await WebChatClient.connect(t.concord.url);
    await converse(first, 'hello');
    const [payload] = first.session.token.split('.');
    const forged = await WebChatClient.connect(t.concord.url, { token: `${payload}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` });
    expect(forged.session.conversationId).not.toBe(first.session.conversationId);
    expect(forged.frames.some((f) => f.type === 'history')).toBe(false);
    await Promise.all([first.close(), forged.close()]);
  });
});

describe('messages', () => {
  it('acknowledges a message only once it is stored', async () => {
    const client = await WebChatClient.connect(t.concord.url);
    const stored: boolean[] = [];
    client.onMessage((f) => {
      if (f.type === 'ack') void t.concord.store.findLatestConversation('web', keyOf(client)).then(async (c) => {
        const messages = c ? await t.concord.store.listMessages(c.id) : [];
        stored.push(messages.some((m) => m.channelMessageId === f.id));
      });
    });
    await converse(client, 'hi there');
    await new Promise((r) => setTimeout(r, 50));
    expect(stored).toEqual([true]);
    await client.close();
  });

  it('stores and answers a retried message once', async () => {
    const client = await WebChatClient.connect(t.concord.url);
    const id = 'retry-1';
    client.send('My parcel never arrived, order 55555', undefined, id);
    client.send('My parcel never arrived, order 55555', undefined, id);
    client.send('My parcel never arrived, order 55555', undefined, id);
    await t.concord.idle();
    await new Promise((r) => setTimeout(r, 100));
    const acks = client.frames.filter((f) => f.type === 'ack' && f.id === id);
    expect(acks).toHaveLength(3);
    const messages = await conversationMessages(client);
    expect(messages.filter((m) => m.direction === 'in')).toHaveLength(1);
    const replies = messages.filter((m) => m.direction === 'out');
    expect(replies.length).toBeGreaterThan(0);
    expect(client.messagesSince(0)).toHaveLength(replies.length);
    await client.close();
  });

  it('answers in Chinese when the customer writes Chinese', async () => {
    const client = await WebChatClient.connect(t.concord.url);
    const replies = await converse(client, '你好');
    expect(replies[0].text).toMatch(/[\u4e00-\u9fff]/);
    await client.close();
  });
});

describe('bad input', () => {
  const cases: [string, string | Buffer, string][] = [
    ['invalid JSON', '{not json', 'invalid_json'],
    ['an unknown type', JSON.stringify({ type: 'hello' }), 'unknown_type'],
    ['a message without id', JSON.stringify({ type: 'message', text: 'hi' }), 'invalid_frame'],
    ['a malformed id', JSON.stringify({ type: 'message', id: 'has spaces!', text: 'hi' }), 'invalid_id'],
    ['an empty message', JSON.stringify({ type: 'message', id: 'e1', text: '   ' }), 'empty_message'],
    ['4001 characters', JSON.stringify({ type: 'message', id: 'l1', text: 'a'.repeat(4001) }), 'message_too_long'],
    ['10,000 Chinese characters', JSON.stringify({ type: 'message', id: 'l2', text: '气'.repeat(10_000) }), 'message_too_long'],
    ['a frame over 64 KiB', JSON.stringify({ type: 'message', id: 'l3', text: 'x'.repeat(70_000) }), 'frame_too_large'],
    ['a binary frame', Buffer.from([1, 2, 3]), 'binary_not_supported'],
    ['a JSON array', '[1,2]', 'unknown_type'],
  ];

  it.each(cases)('answers %s with an error frame, stores nothing, and keeps serving', async (_name, frame, code) => {
    const client = await WebChatClient.connect(t.concord.url);
    client.raw(frame);
    const error = await client.waitFor((f) => f.type === 'error');
    expect(error).toMatchObject({ type: 'error', code });
    expect(await t.concord.store.findLatestConversation('web', keyOf(client))).toBeNull();
    expect((await converse(client, 'hello')).length).toBeGreaterThan(0);
    await client.close();
  });

  it('rate-limits a flood, tells the client when to retry, and stores nothing over the limit', async () => {
    const client = await WebChatClient.connect(t.concord.url);
    for (let i = 0; i < 25; i++) client.send(`message ${i}`, undefined, `m${i}`);
    const error = await client.waitFor((f) => f.type === 'error' && f.code === 'rate_limited');
    expect(error.type === 'error' && error.retryAfterMs).toBeGreaterThan(0);
    await t.concord.idle();
    await new Promise((r) => setTimeout(r, 100));
    const inbound = (await conversationMessages(client)).filter((m) => m.direction === 'in');
    expect(inbound).toHaveLength(20);
    expect(client.frames.filter((f) => f.type === 'ack')).toHaveLength(20);
    await client.close();
  });
});

describe('operations endpoints', () => {
  it('serves health, readiness, metrics, the page and the widget', async () => {
    const get = (p: string) => fetch(new URL(p, t.concord.url));
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz')).status).toBe(200);
    expect(await (await get('/metrics')).text()).toContain('concord_turns_total');
    const notFound = await get('/nope');
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ error: 'not_found' });
  });
});

function keyOf(client: WebChatClient): string {
  return (JSON.parse(Buffer.from(client.session.token.split('.')[0], 'base64url').toString()) as { k: string }).k;
}
