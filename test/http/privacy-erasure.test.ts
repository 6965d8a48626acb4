/**
 * "Erase customer X" over real HTTP, web chat and a real SQLite file: a customer writes their
 * name, email and phone through the web chat, is queued, gets a note; an admin finds and erases
 * them; their socket is told `closed` and closed; then no table, row, column, raw database/WAL
 * byte or log line holds their personal data, and the audit entry holds only the id and counts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebChatClient } from '../../src/channels/web/client';
import { ADMIN, ApiClient, type AgentTestServer, createAgent, startAgentServer } from '../helpers/agent-api';
import { scanSqlite } from '../helpers/scan-sqlite';

const NAME = 'Zhang Weiqiang';
const EMAIL = 'zhang.weiqiang.erase@example.com';
const PHONE = '13812349876';
const SECRETS = [NAME, EMAIL, PHONE, 'weiqiang'];

let server: AgentTestServer;
let logDir: string;
let logFile: string;
beforeAll(async () => {
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-privacy-log-'));
  logFile = path.join(logDir, 'concord.log');
  server = await startAgentServer({}, { logLevel: 'debug', logFile });
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(logDir, { recursive: true, force: true });
});

/** A web chat customer who gives their name, email and phone and asks for a person. */
async function chattyCustomer(): Promise<{ chat: WebChatClient; conversationId: string; customerId: string }> {
  const chat = await WebChatClient.connect(server.concord.url, { lang: 'en' });
  const texts = [
    `Hi, I am ${NAME}. My order 12345 arrived broken, write to ${EMAIL} or call ${PHONE}`,
    `My name is ${NAME}, email ${EMAIL}, phone ${PHONE}. I want to talk to a person`,
  ];
  for (const text of texts) {
    const since = chat.frames.length;
    chat.send(text);
    await chat.waitFor((f) => f.type === 'message', 10_000, since);
  }
  await server.concord.idle();
  const conversation = await server.concord.store.getConversation(chat.session.conversationId);
  if (!conversation) throw new Error('conversation not stored');
  await server.concord.store.updateCustomer({ ...(await server.concord.store.getCustomer(conversation.customerId))!, displayName: NAME });
  return { chat, conversationId: conversation.id, customerId: conversation.customerId };
}

describe('erasure leaves no trace', () => {
  it('finds the customer, erases them, closes their chat, and nothing of theirs is left anywhere', async () => {
    const { chat, conversationId, customerId } = await chattyCustomer();
    const bystander = await WebChatClient.connect(server.concord.url, { lang: 'en' });
    bystander.send('my order 777777 is late');
    await bystander.waitFor((f) => f.type === 'message');
    const admin = new ApiClient(server.concord.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const note = await admin.call('POST', `/api/conversations/${conversationId}/notes`, { text: `customer ${NAME} asked to be called on ${PHONE}` });
    expect([201, 403]).toContain(note.status);
    const db = path.join(server.dataDir, 'concord.db');
    expect(scanSqlite(db, SECRETS).length).toBeGreaterThan(0); // the scan can see them before erasure

    const [identity] = await server.concord.store.listIdentities(customerId);
    const found = await admin.call('GET', `/api/admin/customers?channel=${identity.channel}&channelUserId=${encodeURIComponent(identity.channelUserId)}`);
    expect(found.status).toBe(200);
    expect(found.body.customer).toMatchObject({ id: customerId, displayName: NAME });
    expect((found.body.conversations as { id: string }[]).map((c) => c.id)).toContain(conversationId);

    const agent = await createAgent(server, { role: 'agent' });
    expect((await agent.client.call('POST', `/api/admin/customers/${customerId}/erase`)).status).toBe(403);
    expect((await agent.client.call('GET', `/api/admin/customers?customerId=${customerId}`)).status).toBe(403);
    expect((await admin.call('POST', '/api/admin/customers/no-such-customer/erase')).status).toBe(404);

    const closed = new Promise<void>((resolve) => chat.onClose(resolve));
    const since = chat.frames.length;
    const erased = await admin.call('POST', `/api/admin/customers/${customerId}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body.counts).toMatchObject({ customers: 1, conversations: 1, identities: 1 });
    expect((erased.body.counts as Record<string, number>).messages).toBeGreaterThanOrEqual(4);
    await chat.waitFor((f) => f.type === 'status' && f.status === 'closed', 5000, since);
    await closed;
    expect((await admin.call('GET', `/api/admin/customers?customerId=${customerId}`)).status).toBe(404);
    expect((await admin.call('POST', `/api/admin/customers/${customerId}/erase`)).status).toBe(404);

    const audit = (await server.concord.store.listAudit(20)).find((a) => a.action === 'customer.erase');
    expect(audit).toMatchObject({ target: `customer:${customerId}`, data: { counts: erased.body.counts } });
    expect(JSON.stringify(audit)).not.toMatch(/weiqiang|13812349876/i);

    await server.concord.idle();
    expect(scanSqlite(db, SECRETS)).toEqual([]);
    expect(await server.concord.store.listMessages(bystander.session.conversationId)).not.toHaveLength(0);
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log.length).toBeGreaterThan(0);
    for (const secret of SECRETS) expect(log).not.toContain(secret);
    await bystander.close();
  });
});
