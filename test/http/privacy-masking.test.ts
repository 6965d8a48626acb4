/**
 * Masking at rest (`MASK_PII_AT_REST=true`) over real HTTP, web chat and a real SQLite file:
 * the customer's email and phone are stored masked everywhere (the raw file never holds them),
 * understanding still saw the original, the console shows masked text flagged `masked`, and only
 * supervisors and admins can reveal the original, each reveal audited without the data.
 */
import path from 'node:path';
import { WebChatClient } from '../../src/channels/web/client';
import { ADMIN, ApiClient, type AgentTestServer, createAgent, startAgentServer } from '../helpers/agent-api';
import { scanSqlite } from '../helpers/scan-sqlite';

const EMAIL = 'li.na.masked@example.com';
const PHONE = '13912348765';
const TEXT = `My order 12345 arrived broken, please email ${EMAIL} or call ${PHONE}`;

let server: AgentTestServer;
beforeAll(async () => {
  server = await startAgentServer({ MASK_PII_AT_REST: 'true' });
});
afterAll(async () => server.stop());

interface MessageView { id: string; author: string; text: string; masked: boolean }

describe('masking at rest', () => {
  let conversationId: string;
  let messageId: string;

  beforeAll(async () => {
    const chat = await WebChatClient.connect(server.concord.url, { lang: 'en' });
    chat.send(TEXT);
    await chat.waitFor((f) => f.type === 'message');
    const since = chat.frames.length;
    chat.send('I want to talk to a person');
    await chat.waitFor((f) => f.type === 'message', 10_000, since);
    await server.concord.idle();
    await chat.close();
    conversationId = chat.session.conversationId;
    const [first] = await server.concord.store.listMessages(conversationId);
    messageId = first.id;
  });

  it('stores the text masked, with the original sealed, and understanding saw the original', async () => {
    const [first] = await server.concord.store.listMessages(conversationId);
    expect(first.text).toBe('My order 12345 arrived broken, please email [email] or call [phone]');
    const sealed = (first.annotations?.pii as { original: string }).original;
    expect(sealed).toMatch(/^v1\./);
    const entities = (first.annotations?.analysis as { entities: { type: string; value: string }[] }).entities;
    expect(entities.map((e) => e.type)).toEqual(expect.arrayContaining(['order_number', 'email', 'phone']));
    expect(JSON.stringify(first.annotations)).not.toContain(EMAIL);
  });

  it('leaves no original in any table or in the raw database and WAL files', () => {
    expect(scanSqlite(path.join(server.dataDir, 'concord.db'), [EMAIL, PHONE])).toEqual([]);
  });

  it('shows masked text to the console and reveals the original to supervisors and admins only, audited', async () => {
    const admin = new ApiClient(server.concord.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const supervisor = await createAgent(server, { role: 'supervisor' });
    const agent = await createAgent(server, { role: 'agent' });

    const detail = await supervisor.client.call('GET', `/api/conversations/${conversationId}`);
    const shown = (detail.body.messages as MessageView[]).find((m) => m.id === messageId);
    expect(shown).toMatchObject({ text: expect.stringContaining('[email]'), masked: true });
    expect(JSON.stringify(detail.body)).not.toContain(EMAIL);

    const url = `/api/conversations/${conversationId}/messages/${messageId}/reveal`;
    const refused = await agent.client.call('POST', url);
    expect(refused.status).toBe(403);
    for (const client of [supervisor.client, admin]) {
      const revealed = await client.call('POST', url);
      expect(revealed.status).toBe(200);
      expect(revealed.body).toEqual({ id: messageId, text: TEXT });
    }
    expect((await admin.call('POST', `/api/conversations/${conversationId}/messages/nope/reveal`)).status).toBe(404);

    const reveals = (await server.concord.store.listAudit(50)).filter((a) => a.action === 'message.reveal');
    expect(reveals).toHaveLength(2);
    expect(reveals.map((a) => a.actor)).toContain(`user:${supervisor.id}`);
    expect(reveals.every((a) => a.target === `message:${messageId}` && a.data?.conversationId === conversationId)).toBe(true);
    expect(JSON.stringify(reveals)).not.toContain(EMAIL);
    expect(scanSqlite(path.join(server.dataDir, 'concord.db'), [EMAIL, PHONE])).toEqual([]);
  });
});

describe('masking at rest off (the default)', () => {
  it('stores text as written and has nothing to reveal', async () => {
    const plain = await startAgentServer();
    try {
      const chat = await WebChatClient.connect(plain.concord.url, { lang: 'en' });
      chat.send(TEXT);
      await chat.waitFor((f) => f.type === 'message');
      await plain.concord.idle();
      await chat.close();
      const [first] = await plain.concord.store.listMessages(chat.session.conversationId);
      expect(first.text).toBe(TEXT);
      expect(first.annotations?.pii).toBeUndefined();
    } finally {
      await plain.stop();
    }
  });
});
