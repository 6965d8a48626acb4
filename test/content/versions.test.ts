/**
 * A publish through the admin API is live at once, without restart, and versions are kept per
 * conversation: a customer mid-complaint finishes on the wording they started with, a new
 * customer gets the new wording; rollback brings the old wording back for new customers.
 */
import { WebChatClient } from '../../src/channels/web/client';
import { useAdminServer } from '../helpers/agent-api';
import { COMPLAINT, publishSource, publishedSource, say } from '../helpers/admin-content';

const clients: WebChatClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});
const t = useAdminServer(); // its afterAll runs after the one above: clients close first

async function customer(): Promise<WebChatClient> {
  const client = await WebChatClient.connect(t.server.concord.url);
  clients.push(client);
  return client;
}

const OLD_RESOLVE = /^I've opened complaint CP-/;
const NEW_RESOLVE = /^Your complaint CP-[A-Z0-9]{6} is registered \(v2\)/;
const NEW_EMPATHY = /^We hear you \(v2\)/;

it('keeps the started version for a conversation in progress and serves the new one to new customers; rollback restores it', async () => {
  const v1 = await publishedSource(t.admin, 'script', 'complaint');
  const early = await customer();
  await say(early, COMPLAINT, /correct\?/);
  expect(early.messagesSince(0)[0].text).toMatch(/frustrating/);
  await t.server.concord.idle();
  const stateBefore = (await t.server.concord.store.getConversation(early.session.conversationId))?.state as { stack: { script: string; version: number }[] };
  expect(stateBefore.stack).toEqual([expect.objectContaining({ script: 'complaint', version: 1 })]);

  const v2 = v1
    .replace(/I've opened complaint \{\{ticket\.ref\}\} for you\./g, 'Your complaint {{ticket.ref}} is registered (v2).')
    .replace(/I've opened complaint \{\{ticket\.ref\}\} for you with priority\./g, 'Your complaint {{ticket.ref}} is registered (v2).')
    .replace(/(\n +)en: "I completely understand how frustrating this is/, '$1en: "We hear you (v2). I completely understand how frustrating this is');
  expect(await publishSource(t.admin, 'script', 'complaint', v2, 'new wording')).toBe(2);

  // Mid-conversation: the resolve step still speaks version 1.
  expect(await say(early, '', /CP-[A-Z0-9]{6}/, 'yes')).toMatch(OLD_RESOLVE);
  // A new customer: version 2 from the first reply on.
  const late = await customer();
  expect(await say(late, COMPLAINT, NEW_EMPATHY)).toMatch(NEW_EMPATHY);
  expect(await say(late, '', /CP-[A-Z0-9]{6}/, 'yes')).toMatch(NEW_RESOLVE);
  const lateState = (await t.server.concord.store.getConversation(late.session.conversationId))?.state as { stack: { version: number }[] };
  expect(lateState.stack[0].version).toBe(2);

  const rolledBack = await t.admin.call('POST', '/api/admin/content/script/complaint/rollback', { version: 1, message: 'back to the old wording' });
  expect(rolledBack.status).toBe(201);
  expect(rolledBack.body.version).toBe(3);
  const third = await customer();
  expect(await say(third, COMPLAINT, /correct\?/)).not.toMatch(NEW_EMPATHY);
  expect(await say(third, '', /CP-[A-Z0-9]{6}/, 'yes')).toMatch(OLD_RESOLVE);
});
