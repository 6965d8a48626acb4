/**
 * The Slack channel end to end: the real bolt client against a fake Slack on 127.0.0.1, signed
 * Events API and interactivity requests, a full five-step complaint in English and Chinese.
 */
import { buttonsOf, dmEvent, mentionEvent } from '../../helpers/slack-payloads';
import { startSlackHarness, type SlackHarness } from './slack-setup';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h.stop();
});

async function conversationOf(channelKey: string) {
  const c = await h.t.concord.store.findLatestConversation('slack', channelKey);
  if (!c) throw new Error(`no conversation for ${channelKey}`);
  return c;
}

describe('Slack channel', () => {
  it('answers the url_verification challenge', async () => {
    const res = await h.send({ token: 'x', challenge: 'chal-123', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'chal-123' });
  });

  it('carries an English complaint through all five steps with Block Kit buttons', async () => {
    const ch = 'D0ENGLISH';
    const res = await h.send(dmEvent('My order 12345 arrived broken and nobody answers my emails, this is ridiculous', { channel: ch, user: 'U0EN' }));
    expect(res.status).toBe(200);
    const confirm = await h.nthPost(ch, 2);
    expect(String(confirm.text)).toMatch(/order 12345.*correct\?/s);
    expect(buttonsOf(confirm).map((b) => b.value)).toEqual(['yes', 'no']);
    expect(confirm.thread_ts).toBeUndefined();
    const announced = await h.press(ch, 'yes', 3, 'U0EN');
    expect(String(announced.text)).toMatch(/CP-[A-Z0-9]{6}/);
    const offer = await h.nthPost(ch, 4);
    expect(String(offer.text)).toMatch(/Does that work for you\?/);
    expect(buttonsOf(offer).map((b) => b.value)).toEqual(['accept', 'reject']);
    const survey = await h.press(ch, 'accept', 5, 'U0EN');
    expect(String(survey.text)).toMatch(/how satisfied/);
    expect(buttonsOf(survey).map((b) => b.value)).toEqual(['1', '2', '3', '4', '5']);
    const thanks = await h.press(ch, '5', 6, 'U0EN');
    expect(String(thanks.text)).toMatch(/thank you for your feedback/i);
    await h.t.concord.idle();
    const conversation = await conversationOf(ch);
    expect((await h.t.concord.store.listSurveys(conversation.id)).map((s) => s.score)).toEqual([5]);
    const tickets = await h.t.concord.store.listTicketsByConversation(conversation.id);
    expect(tickets).toHaveLength(1);
    expect(tickets[0].status).toBe('in_progress');
    const inbound = (await h.t.concord.store.listMessages(conversation.id)).filter((m) => m.direction === 'in');
    expect(inbound.map((m) => m.value ?? null)).toEqual([null, 'yes', 'accept', '5']);
  });

  it('carries a Chinese complaint through all five steps', async () => {
    const ch = 'D0CHINESE';
    await h.send(dmEvent('我的订单12345到了是坏的，客服一直不回复，太气人了', { channel: ch, user: 'U0ZH' }));
    const confirm = await h.nthPost(ch, 2);
    expect(String(confirm.text)).toMatch(/订单\s*12345/);
    expect(buttonsOf(confirm).map((b) => b.value)).toEqual(['yes', 'no']);
    expect(buttonsOf(confirm)[0].label).toMatch(/^对/);
    const announced = await h.press(ch, 'yes', 3, 'U0ZH');
    expect(String(announced.text)).toMatch(/CP-[A-Z0-9]{6}/);
    expect(buttonsOf(await h.nthPost(ch, 4)).map((b) => b.value)).toEqual(['accept', 'reject']);
    const survey = await h.press(ch, 'accept', 5, 'U0ZH');
    expect(String(survey.text)).toMatch(/服务体验如何/);
    const thanks = await h.press(ch, '4', 6, 'U0ZH');
    expect(String(thanks.text)).toMatch(/感谢您的评价/);
    await h.t.concord.idle();
    const conversation = await conversationOf(ch);
    expect(conversation.language).toBe('zh');
    expect((await h.t.concord.store.listSurveys(conversation.id)).map((s) => s.score)).toEqual([4]);
  });

  it('answers a mention in a channel in a thread under the mention', async () => {
    const event = mentionEvent('hello there', { channel: 'C0GENERAL', user: 'U0MENTION' });
    await h.send(event);
    const reply = await h.nthPost('C0GENERAL', 1);
    expect(reply.thread_ts).toBe((event.event as { ts: string }).ts);
    expect(String(reply.text)).not.toContain('<@');
  });

  it('ignores bot messages and edits, and answers a file politely (the file is stored)', async () => {
    const ch = 'D0IGNORED';
    expect((await h.send(dmEvent('I am a bot', { channel: ch, botId: 'B0OTHER' }))).status).toBe(200);
    expect((await h.send(dmEvent('edited', { channel: ch, subtype: 'message_changed' }))).status).toBe(200);
    expect((await h.send(dmEvent('joined', { channel: ch, subtype: 'channel_join' }))).status).toBe(200);
    await h.t.concord.idle();
    expect(await h.t.concord.store.findLatestConversation('slack', ch)).toBeNull();
    expect((await h.send(dmEvent('', { channel: ch, subtype: 'file_share', files: [{ name: 'photo.jpg', mimetype: 'image/jpeg' }] }))).status).toBe(200);
    const polite = await h.nthPost(ch, 1);
    expect(String(polite.text)).toMatch(/only read text/);
    await h.t.concord.idle();
    const conversation = await h.t.concord.store.findLatestConversation('slack', ch);
    const inbound = (await h.t.concord.store.listMessages(conversation!.id)).filter((m) => m.direction === 'in');
    expect(inbound.map((m) => m.annotations?.attachments)).toEqual([[{ kind: 'image', name: 'photo.jpg', mimeType: 'image/jpeg' }]]);
    expect(h.postsIn(ch)).toHaveLength(1);
  });
});
