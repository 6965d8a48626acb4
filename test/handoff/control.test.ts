/**
 * ConversationControl against a real server and store: atomic claims, ownership, transfers, the
 * bot's silence while a person owns the chat, and the events agents see on the bus.
 */
import { WebChatClient } from '../../src/channels/web/client';
import type { BusEvent } from '../../src/bus/bus';
import { isConcordError } from '../../src/errors';
import { startTestConcord, type TestConcord } from '../helpers/concord';

let t: TestConcord;
let client: WebChatClient;
let conversationId: string;
const agent = (id: string) => ({ kind: 'agent' as const, id });

beforeEach(async () => {
  t = await startTestConcord();
  client = await WebChatClient.connect(t.concord.url);
  const id = client.send('I want to talk to a real person');
  await client.waitFor((f) => f.type === 'status' && f.status === 'queued');
  await t.concord.idle();
  conversationId = (await t.concord.store.getConversation(client.session.conversationId))!.id;
  expect(id).toBeTruthy();
});

afterEach(async () => {
  await client.close();
  await t.stop();
});

it('lets exactly one of two agents claiming at the same moment win', async () => {
  const results = await Promise.allSettled([
    t.concord.control.assign(conversationId, 'a1', agent('a1')),
    t.concord.control.assign(conversationId, 'a2', agent('a2')),
  ]);
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(isConcordError(lost[0].reason, 'already_claimed')).toBe(true);
  expect(lost[0].reason.message).toMatch(/another agent has already taken/);
  const events = await t.concord.store.listEvents(conversationId);
  expect(events.filter((e) => e.name === 'assign')).toHaveLength(1);
});

it('keeps the bot silent while an agent owns the chat and shows agents the customer messages', async () => {
  const seen: BusEvent[] = [];
  t.concord.bus.subscribe((e) => seen.push(e));
  await t.concord.control.assign(conversationId, 'a1', agent('a1'));
  await client.waitFor((f) => f.type === 'status' && f.status === 'agent');
  const before = client.frames.length;
  client.send('are you a real person?');
  await client.waitFor((f) => f.type === 'ack', 5000, before);
  await t.concord.idle();
  expect(client.messagesSince(before)).toHaveLength(0);
  const message = seen.find((e) => e.type === 'message' && e.message.direction === 'in');
  expect(message?.type === 'message' && message.analysis?.language).toBe('en');
});

it('lets only the owner reply, stores the reply before delivering it, and refuses oversize replies', async () => {
  await t.concord.control.assign(conversationId, 'a1', agent('a1'));
  await expect(t.concord.control.agentReply(conversationId, 'a2', 'hi')).rejects.toMatchObject({ code: 'not_owner' });
  await expect(t.concord.control.agentReply(conversationId, 'a1', 'x'.repeat(4001))).rejects.toMatchObject({ code: 'message_too_long' });
  const before = client.frames.length;
  const stored = await t.concord.control.agentReply(conversationId, 'a1', '<script>alert(1)</script> Hello');
  const frame = await client.waitFor((f) => f.type === 'message', 5000, before);
  expect(frame).toMatchObject({ from: 'agent', text: '<script>alert(1)</script> Hello' });
  expect((await t.concord.store.getMessage(stored.id))?.authorId).toBe('a1');
});

it('transfers to another agent or back to the queue, recording who and why', async () => {
  await t.concord.control.assign(conversationId, 'a1', agent('a1'));
  await expect(t.concord.control.transfer(conversationId, { agentId: 'a3' }, agent('a2'))).rejects.toMatchObject({ code: 'not_owner' });
  const moved = await t.concord.control.transfer(conversationId, { agentId: 'a2', note: 'billing expert' }, agent('a1'));
  expect(moved).toMatchObject({ status: 'agent', assignedAgentId: 'a2' });
  const queued = await t.concord.control.transfer(conversationId, { team: 'billing' }, agent('a2'));
  expect(queued).toMatchObject({ status: 'queued', assignedAgentId: null });
  const transfers = (await t.concord.store.listEvents(conversationId)).filter((e) => e.name === 'transfer');
  expect(transfers.map((e) => [e.actor, e.toStatus, e.data?.note ?? e.data?.team])).toEqual([['agent:a1', 'agent', 'billing expert'], ['agent:a2', 'queued', 'billing']]);
});

it('refuses transitions the status machine does not allow', async () => {
  await expect(t.concord.control.escalate(conversationId, ['again'], { kind: 'system' })).rejects.toMatchObject({ code: 'invalid_transition' });
  await expect(t.concord.control.agentReply('no-such-id', 'a1', 'hi')).rejects.toMatchObject({ code: 'not_found' });
});
