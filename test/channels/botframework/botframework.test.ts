/**
 * The Bot Framework channel end to end: activities posted to /api/messages the way Teams posts
 * them, and botbuilder's real connector client replying to a fake serviceUrl.
 */
import { startTestConcord, type TestConcord } from '../../helpers/concord';
import { FakeBotFramework, membersAddedActivity, messageActivity, type SentActivity } from '../../helpers/fake-botframework';

const AGENT = { kind: 'agent' as const, id: 'agent-7' };

let fake: FakeBotFramework;
let t: TestConcord;

beforeEach(async () => {
  fake = await FakeBotFramework.start();
  t = await startTestConcord({ env: { BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: 'true' } });
});

afterEach(async () => {
  await t.stop();
  await fake.close();
});

async function post(body: unknown, headers: Record<string, string> = {}, raw = false): Promise<Response> {
  return fetch(`${t.concord.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw ? String(body) : JSON.stringify(body) });
}

/** Posts an activity, waits for the turn, returns the message activities sent meanwhile. */
async function turn(activity: Record<string, unknown>): Promise<SentActivity[]> {
  const before = fake.messages.length;
  const res = await post(activity);
  expect(res.status).toBe(200);
  await t.concord.idle();
  return fake.messages.slice(before);
}

function actions(sent: SentActivity | undefined): string[] {
  return sent?.activity.suggestedActions?.actions.map((a) => a.value) ?? [];
}

async function conversationOf(key: string) {
  const conversation = await t.concord.store.findLatestConversation('botframework', key);
  if (!conversation) throw new Error(`no conversation for ${key}`);
  return conversation;
}

async function fiveSteps(key: string, locale: string, complaint: string, expected: RegExp[]): Promise<void> {
  const who = { serviceUrl: fake.url, conversationId: key, locale };
  const greeting = await turn(membersAddedActivity(who));
  expect(greeting.map((s) => s.activity.text)).toEqual([expect.stringMatching(expected[0])]);
  const first = await turn(messageActivity({ ...who, text: complaint }));
  expect(first).toHaveLength(2);
  expect(first.map((s) => s.activity.text).join('\n')).toMatch(expected[1]);
  expect(actions(first[1])).toEqual(['yes', 'no']);
  expect(first[1].activity.suggestedActions!.actions.every((a) => a.type === 'imBack')).toBe(true);
  const confirmed = await turn(messageActivity({ ...who, text: 'yes' }));
  expect(confirmed).toHaveLength(2);
  expect(confirmed[0].activity.text).toMatch(/CP-[A-Z0-9]{6}/);
  expect(actions(confirmed[1])).toEqual(['accept', 'reject']);
  const survey = await turn(messageActivity({ ...who, text: 'accept' }));
  expect(survey.at(-1)!.activity.text).toMatch(expected[2]);
  expect(actions(survey.at(-1))).toEqual(['1', '2', '3', '4', '5']);
  const thanks = await turn(messageActivity({ ...who, text: '5' }));
  expect(thanks.map((s) => s.activity.text).join('\n')).toMatch(expected[3]);
  const conversation = await conversationOf(key);
  expect((await t.concord.store.listSurveys(conversation.id)).map((s) => s.score)).toEqual([5]);
  const messages = await t.concord.store.listMessages(conversation.id);
  expect(messages[0]).toMatchObject({ direction: 'out', author: 'bot' });
  expect(messages.filter((m) => m.direction === 'in').map((m) => m.value ?? null)).toEqual([null, 'yes', 'accept', '5']);
  expect(messages.filter((m) => m.direction === 'out').every((m) => m.deliveredAt)).toBe(true);
  expect(new Set(fake.calls.map((c) => `${c.conversationId} ${c.path.replace(/%3A/gi, ':')}`))).toEqual(new Set([`${key} /v3/conversations/${key}/activities`]));
}

test('a five-step complaint in English: greeting on conversationUpdate, suggested actions, survey recorded', async () => {
  await fiveSteps('a:conv-en-1', 'en-US', 'My order 12345 arrived broken and nobody answers my emails, this is ridiculous', [/^Hello!/, /order 12345[\s\S]*correct\?/, /how satisfied/i, /thank you for your feedback/i]);
});

test('a five-step complaint in Chinese', async () => {
  await fiveSteps('a:conv-zh-1', 'zh-CN', '我的订单12345到了是坏的，客服一直不回复，太气人了', [/^您好/, /订单\s*12345[\s\S]*是这样吗/, /服务体验如何/, /感谢您的评价/]);
  expect((await conversationOf('a:conv-zh-1')).language).toBe('zh');
});

test('the same activity delivered three times is stored once and answered once (and greeted once)', async () => {
  const who = { serviceUrl: fake.url, conversationId: 'a:conv-dup', locale: 'en-US' };
  const added = membersAddedActivity(who);
  await Promise.all([post(added), post(added), post(added)]);
  const message = messageActivity({ ...who, text: 'hello' });
  const answers = await Promise.all([post(message), post(message), post(message)]);
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
  await t.concord.idle();
  const messages = await t.concord.store.listMessages((await conversationOf('a:conv-dup')).id);
  expect(messages.filter((m) => m.direction === 'in')).toHaveLength(1);
  expect(messages.filter((m) => m.direction === 'out')).toHaveLength(2);
  expect(fake.messages).toHaveLength(2);
});

test('429 with Retry-After, then 500: the reply is delivered once, late, with the failures recorded', async () => {
  fake.failNext({ status: 429, retryAfterSeconds: 1 }, { status: 500 });
  const started = Date.now();
  await post(messageActivity({ serviceUrl: fake.url, conversationId: 'a:conv-429', text: 'hello', locale: 'en-US' }));
  await t.concord.idle();
  await fake.waitFor(() => fake.messages.length === 1, 15_000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  expect(fake.calls.map((c) => c.status)).toEqual([429, 500, 200]);
  const reply = (await t.concord.store.listMessages((await conversationOf('a:conv-429')).id)).find((m) => m.direction === 'out')!;
  let stored = await t.concord.store.getMessage(reply.id);
  for (let i = 0; i < 50 && !stored?.deliveredAt; i++) {
    await new Promise((r) => setTimeout(r, 20));
    stored = await t.concord.store.getMessage(reply.id);
  }
  expect(stored).toMatchObject({ deliveryAttempts: 2, lastDeliveryError: expect.stringMatching(/500/) });
  expect(stored?.deliveredAt).toBeTruthy();
  await new Promise((r) => setTimeout(r, 300));
  expect(fake.messages).toHaveLength(1);
});

test('malformed activities get 400 with a clear error and the server keeps serving', async () => {
  const good = messageActivity({ serviceUrl: fake.url, conversationId: 'a:conv-bad', text: 'hello', locale: 'en-US' });
  const bad = [
    await post('{"type": "message", ', {}, true),
    await post({ hello: 'world' }),
    await post({ ...good, serviceUrl: 'not a url' }),
    await post({ ...good, id: undefined }),
  ];
  expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400]);
  const body = (await bad[3].json()) as { error: string; message: string };
  expect(body).toMatchObject({ error: 'invalid_activity', message: expect.stringMatching(/id: a message activity needs an id/) });
  expect(await t.concord.store.findLatestConversation('botframework', 'a:conv-bad')).toBeNull();
  expect(await turn(good)).toHaveLength(1);
});

test('agent hand-over: status notices, typing, agent replies, and the address survives a restart', async () => {
  const who = { serviceUrl: fake.url, conversationId: 'a:conv-agent', locale: 'en-US' };
  await turn(messageActivity({ ...who, text: "My order 12345 arrived broken and I'm really annoyed" }));
  await turn(messageActivity({ ...who, text: 'I want to talk to a real person please' }));
  await fake.waitFor(() => fake.messages.some((s) => /in the queue/.test(s.activity.text ?? '')));
  const conversation = await conversationOf('a:conv-agent');
  await t.concord.control.assign(conversation.id, AGENT.id, AGENT);
  t.concord.control.agentTyping(conversation.id, AGENT.id);
  await fake.waitFor(() => fake.delivered.some((s) => s.activity.type === 'typing'));
  await t.restart();
  await t.concord.control.agentReply(conversation.id, AGENT.id, "Hi, I'm Dana. A replacement ships tomorrow.");
  await fake.waitFor(() => fake.messages.some((s) => /Dana/.test(s.activity.text ?? '')));
  expect(fake.messages.at(-1)!.conversationId).toBe('a:conv-agent');
});

test('an image without words gets a polite text-only answer in the customer language, and is stored', async () => {
  const activity = { ...messageActivity({ serviceUrl: fake.url, conversationId: 'a:conv-img', text: '', locale: 'zh-CN' }), attachments: [{ contentType: 'image/png', contentUrl: 'https://example.test/broken.png' }] };
  const replies = await turn(activity);
  expect(replies.map((s) => s.activity.text)).toEqual([expect.stringMatching(/文字/)]);
  const inbound = (await t.concord.store.listMessages((await conversationOf('a:conv-img')).id)).filter((m) => m.direction === 'in');
  expect(inbound.map((m) => m.annotations?.attachments)).toEqual([[{ kind: 'image' }]]);
});

test('Teams mentions are removed from the text', async () => {
  await turn(messageActivity({ serviceUrl: fake.url, conversationId: 'a:conv-at', text: '<at>Concord</at> hello', locale: 'en-US' }));
  const inbound = (await t.concord.store.listMessages((await conversationOf('a:conv-at')).id)).filter((m) => m.direction === 'in');
  expect(inbound.map((m) => m.text)).toEqual(['hello']);
});

describe('with MICROSOFT_APP_ID set (JWT authentication)', () => {
  let secured: TestConcord;

  beforeEach(async () => {
    secured = await startTestConcord({ env: { MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555', MICROSOFT_APP_PASSWORD: 'not-a-real-password' } });
  });

  afterEach(async () => {
    await secured.stop();
  });

  test('a missing or forged token is refused with 401 and nothing is stored', async () => {
    const activity = messageActivity({ serviceUrl: fake.url, conversationId: 'a:conv-auth', text: 'hello' });
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'forged' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ iss: 'https://evil.example.com', aud: '11111111-2222-3333-4444-555555555555', exp: 4102444800 })).toString('base64url');
    const send = (authorization?: string) => fetch(`${secured.concord.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(activity) });
    expect((await send()).status).toBe(401);
    expect((await send(`Bearer ${header}.${claims}.c2lnbmF0dXJl`)).status).toBe(401);
    expect((await send('Bearer not-a-jwt')).status).toBe(401);
    await secured.concord.idle();
    expect(await secured.concord.store.findLatestConversation('botframework', 'a:conv-auth')).toBeNull();
    expect(fake.calls).toHaveLength(0);
  });
});
