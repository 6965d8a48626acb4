/**
 * Linking identities across channels: a web chat customer asks for a code, a Slack user redeems
 * it, and "where is my complaint?" on Slack answers with the ticket opened on the web. Expired,
 * reused and wrong codes are refused; attempts are rate-limited.
 */
import { WebChatClient, type ServerFrame } from '../../../src/channels/web/client';
import { TEAM_ID } from '../../helpers/fake-slack';
import { dmEvent } from '../../helpers/slack-payloads';
import { startSlackHarness, type SlackHarness } from './slack-setup';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h.stop();
});

async function converse(client: WebChatClient, text: string, value?: string): Promise<string[]> {
  const before = client.frames.length;
  const id = client.send(text, value);
  await client.waitFor((f) => f.type === 'ack' && f.id === id);
  await h.t.concord.idle();
  await client.waitFor((f) => f.type === 'message', 5000, before);
  await new Promise((r) => setTimeout(r, 30));
  return client.messagesSince(before).map((f: Extract<ServerFrame, { type: 'message' }>) => f.text);
}

/** Sends a Slack DM and returns the text of the `n`-th post in that DM. */
async function slackSays(channel: string, user: string, text: string, n: number): Promise<string> {
  expect((await h.send(dmEvent(text, { channel, user }))).status).toBe(200);
  return String((await h.nthPost(channel, n)).text);
}

function codeIn(text: string): string {
  const m = /\b(\d{6})\b/.exec(text);
  if (!m) throw new Error(`no code in "${text}"`);
  return m[1];
}

describe('linking identities across web chat and Slack', () => {
  it('links a Slack user to a web customer, who then finds the web complaint from Slack', async () => {
    const web = await WebChatClient.connect(h.t.concord.url);
    await converse(web, 'My order 12345 arrived broken and nobody answers my emails, this is ridiculous');
    const resolved = (await converse(web, 'Yes', 'yes')).join(' ');
    const ref = /CP-[A-Z0-9]{6}/.exec(resolved)?.[0];
    expect(ref).toBeDefined();
    const issued = (await converse(web, 'link')).join(' ');
    expect(issued).toMatch(/link code is \d{6}/);
    const code = codeIn(issued);

    const ch = 'D0LINKED';
    expect(await slackSays(ch, 'U0LINK', `link ${code}`, 1)).toMatch(/accounts are linked/);
    const status = await slackSays(ch, 'U0LINK', 'where is my complaint?', 2);
    expect(status).toContain(ref);

    const store = h.t.concord.store;
    const webConversation = await store.getConversation(web.session.conversationId);
    const slackCustomer = await store.resolveCustomer('slack', `${TEAM_ID}:U0LINK`, h.t.clock.now());
    expect(slackCustomer.id).toBe(webConversation?.customerId);
    expect((await store.listIdentities(slackCustomer.id)).map((i) => i.channel).sort()).toEqual(['slack', 'web']);
    const slackConversation = await store.findLatestConversation('slack', ch);
    const events = await store.listEvents(slackConversation!.id);
    expect(events.map((e) => e.type)).toContain('identity_linked');
    expect(JSON.stringify(events)).not.toContain(code);

    // The same code a second time, from another Slack user: refused.
    expect(await slackSays('D0REUSE', 'U0REUSE', `link ${code}`, 1)).toMatch(/not valid/);
    await web.close();
  });

  it('refuses an expired code (Chinese commands) and a wrong one', async () => {
    const web = await WebChatClient.connect(h.t.concord.url, { lang: 'zh' });
    await converse(web, '你好');
    const issued = (await converse(web, '关联账号')).join(' ');
    expect(issued).toMatch(/关联码是 \d{6}/);
    const code = codeIn(issued);
    h.t.clock.advance(11 * 60 * 1000);
    expect(await slackSays('D0EXPIRED', 'U0EXPIRED', `关联账号 ${code}`, 1)).toMatch(/关联码无效/);
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await slackSays('D0WRONG', 'U0WRONG', `link ${wrong}`, 1)).toMatch(/not valid/);
    const customer = await h.t.concord.store.resolveCustomer('slack', `${TEAM_ID}:U0EXPIRED`, h.t.clock.now());
    expect((await h.t.concord.store.listIdentities(customer.id)).map((i) => i.channel)).toEqual(['slack']);
    await web.close();
  });

  it('rate-limits code attempts per identity', async () => {
    const ch = 'D0GUESSER';
    const replies: string[] = [];
    for (let i = 1; i <= 6; i++) replies.push(await slackSays(ch, 'U0GUESS', `link ${String(100000 + i)}`, i));
    expect(replies.slice(0, 5).every((r) => /not valid/.test(r))).toBe(true);
    expect(replies[5]).toMatch(/Too many attempts/);
  });
});
