/**
 * Agent API chats over real HTTP with a real SQLite file: the queue, atomic claims, replies
 * only by the owner, verbatim text, oversize bodies, notes that never reach the customer,
 * transfer, resolve, automatic assignment and the disconnect grace period.
 */
import WebSocket from 'ws';
import { ADMIN, ApiClient, type AgentTestServer, createAgent, queuedConversation, startAgentServer } from '../helpers/agent-api';

let server: AgentTestServer;
beforeAll(async () => {
  server = await startAgentServer();
});
afterAll(async () => server.stop());

/** Opens the console socket of a client and waits for `hello`. */
async function openConsole(client: ApiClient): Promise<{ ws: WebSocket; frames: Record<string, unknown>[] }> {
  const ws = new WebSocket(`${server.concord.url.replace('http', 'ws')}/api/agent/ws`, { headers: { cookie: client.cookie ?? '' } });
  const frames: Record<string, unknown>[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(String(raw)) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    const check = () => (frames.some((f) => f.type === 'hello') ? resolve() : setTimeout(check, 5));
    check();
  });
  return { ws, frames };
}

async function closeConsole(ws: WebSocket): Promise<void> {
  await new Promise<void>((resolve) => {
    ws.once('close', () => resolve());
    ws.close();
  });
  await new Promise((r) => setTimeout(r, 20));
}

describe('queue and claims', () => {
  it('lists queued chats with position and wait, and lets exactly one of two simultaneous claims win', async () => {
    const c = await queuedConversation(server);
    const a = await createAgent(server, { name: 'A' });
    const b = await createAgent(server, { name: 'B' });
    const queue = await a.client.call('GET', '/api/queue');
    const item = (queue.body.items as { conversationId: string; position: number; etaSeconds: number; priority: { reasons: string[] } }[]).find((i) => i.conversationId === c.id);
    expect(item).toMatchObject({ position: expect.any(Number), etaSeconds: expect.any(Number), priority: { reasons: ['customer_request'] } });

    const results = await Promise.all([a.client.call('POST', `/api/conversations/${c.id}/claim`), b.client.call('POST', `/api/conversations/${c.id}/claim`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.status === 409)!;
    expect(lost.body.error).toBe('already_claimed');
    expect(lost.body.message).toMatch(/another agent/);
    const stored = await server.concord.store.getConversation(c.id);
    expect(stored?.status).toBe('agent');
    expect([a.id, b.id]).toContain(stored?.assignedAgentId);
    const claims = (await server.concord.store.listEvents(c.id)).filter((e) => e.name === 'assign');
    expect(claims).toHaveLength(1);
  });

  it('lets an agent at their last free slot win only one of two simultaneous claims', async () => {
    const first = await queuedConversation(server);
    const second = await queuedConversation(server);
    const a = await createAgent(server, { name: 'One slot', maxChats: 1 });
    const results = await Promise.all([first, second].map((c) => a.client.call('POST', `/api/conversations/${c.id}/claim`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error).toBe('at_capacity');
    expect(await server.concord.store.listConversationsByAgent(a.id)).toHaveLength(1);
  });

  it('checks capacity and claims as one step per agent, also for the router and other callers', async () => {
    const chats = await Promise.all([1, 2, 3].map(() => queuedConversation(server)));
    const a = await createAgent(server, { name: 'Two slots', maxChats: 2 });
    const outcomes = await Promise.allSettled(chats.map((c) => server.concord.control.assign(c.id, a.id, { kind: 'system' }, 2)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(['at_capacity']);
    expect(await server.concord.store.listConversationsByAgent(a.id)).toHaveLength(2);
  });

  it('refuses replies and transfers from an agent who does not own the chat', async () => {
    const c = await queuedConversation(server);
    const owner = await createAgent(server, { name: 'Owner' });
    const other = await createAgent(server, { name: 'Other' });
    expect((await owner.client.call('POST', `/api/conversations/${c.id}/claim`)).status).toBe(200);
    const reply = await other.client.call('POST', `/api/conversations/${c.id}/reply`, { text: 'hello' });
    expect(reply.status).toBe(403);
    expect(reply.body.error).toMatch(/not_owner|forbidden/);
    const transfer = await other.client.call('POST', `/api/conversations/${c.id}/transfer`, {});
    expect(transfer.status).toBe(403);
    expect((await other.client.call('GET', `/api/conversations/${c.id}`)).status).toBe(403);
  });
});

describe('what agents type', () => {
  it('stores <script> verbatim and returns it as a JSON string; notes never reach the customer', async () => {
    const c = await queuedConversation(server, '<img src=x onerror=alert(1)> where is my order?');
    const { client } = await createAgent(server, { name: 'Writer' });
    await client.call('POST', `/api/conversations/${c.id}/claim`);
    const text = '<script>alert("x")</script> & "quotes" 你好';
    const sent = await client.call('POST', `/api/conversations/${c.id}/reply`, { text });
    expect(sent.status).toBe(201);
    expect((sent.body.message as unknown as { text: string }).text).toBe(text);
    const note = await client.call('POST', `/api/conversations/${c.id}/notes`, { text: 'internal: <b>VIP</b>' });
    expect(note.status).toBe(201);

    const detail = await client.call('GET', `/api/conversations/${c.id}`);
    const messages = detail.body.messages as { author: string; text: string }[];
    expect(messages.map((m) => m.text)).toEqual(['<img src=x onerror=alert(1)> where is my order?', text]);
    expect((detail.body.notes as { text: string }[]).map((n) => n.text)).toEqual(['internal: <b>VIP</b>']);
    const stored = await server.concord.store.listMessages(c.id);
    expect(stored.map((m) => m.text)).not.toContain('internal: <b>VIP</b>');
    expect(detail.body.packet).toMatchObject({ language: 'en', escalation: { reasons: ['customer_request'] } });
  });

  it('rejects oversize replies and bodies, empty replies and bad JSON with clear errors', async () => {
    const c = await queuedConversation(server);
    const { client } = await createAgent(server, { name: 'Long' });
    await client.call('POST', `/api/conversations/${c.id}/claim`);
    const long = await client.call('POST', `/api/conversations/${c.id}/reply`, { text: 'x'.repeat(4001) });
    expect([long.status, long.body.error]).toEqual([413, 'message_too_long']);
    const huge = await client.call('POST', `/api/conversations/${c.id}/reply`, { text: 'x'.repeat(70_000) });
    expect([huge.status, huge.body.error]).toEqual([413, 'payload_too_large']);
    const empty = await client.call('POST', `/api/conversations/${c.id}/reply`, { text: '   ' });
    expect([empty.status, empty.body.error]).toEqual([400, 'empty_message']);
    const bad = await client.call('POST', `/api/conversations/${c.id}/reply`, '{"text":');
    expect([bad.status, bad.body.error]).toEqual([400, 'invalid_body']);
    const wrongType = await client.call('POST', `/api/conversations/${c.id}/reply`, { text: 42 });
    expect([wrongType.status, wrongType.body.error]).toEqual([400, 'invalid_body']);
    expect(await server.concord.store.listMessages(c.id)).toHaveLength(1);
    expect((await client.call('POST', `/api/conversations/${c.id}/reply`, { text: 'x'.repeat(4000) })).status).toBe(201);
  });
});

describe('transfer, resolve and routing', () => {
  it('refuses a transfer to an agent at their chat limit, naming them', async () => {
    const c = await queuedConversation(server);
    const { client } = await createAgent(server, { name: 'Sender' });
    const full = await createAgent(server, { name: 'Full Fiona', maxChats: 0 });
    await client.call('POST', `/api/conversations/${c.id}/claim`);
    const refused = await client.call('POST', `/api/conversations/${c.id}/transfer`, { agentId: full.id });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'at_capacity', message: expect.stringContaining('Full Fiona is at their chat limit') });
  });

  it('transfers to the queue with a note and resolves back to the bot', async () => {
    const c = await queuedConversation(server);
    const { client } = await createAgent(server, { name: 'Mover' });
    await client.call('POST', `/api/conversations/${c.id}/claim`);
    const moved = await client.call('POST', `/api/conversations/${c.id}/transfer`, { note: 'needs billing' });
    expect(moved.status).toBe(200);
    expect((moved.body.conversation as { status: string }).status).toBe('queued');
    expect((await server.concord.store.listNotes(c.id)).map((n) => n.text)).toEqual(['needs billing']);
    await client.call('POST', `/api/conversations/${c.id}/claim`);
    const resolved = await client.call('POST', `/api/conversations/${c.id}/resolve`, {});
    expect(resolved.status).toBe(200);
    expect((resolved.body.conversation as { status: string }).status).toBe('bot');
  });

  it('assigns automatically to an available, connected agent, and returns chats to the queue after the grace period', async () => {
    const admin = new ApiClient(server.concord.url);
    await admin.login(ADMIN.email, ADMIN.password);
    await admin.call('PUT', '/api/me/presence', { presence: 'away' });
    const { client, id } = await createAgent(server, { name: 'Router', maxChats: 5 });
    const { ws } = await openConsole(client);
    await client.call('PUT', '/api/me/presence', { presence: 'available' });
    const c = await queuedConversation(server, 'help please');
    await server.concord.handoff.queue.settled();
    const assigned = await server.concord.store.getConversation(c.id);
    expect(assigned).toMatchObject({ status: 'agent', assignedAgentId: id });

    await closeConsole(ws);
    await server.concord.handoff.presence.settled();
    await server.advance(119_000);
    expect((await server.concord.store.getConversation(c.id))?.status).toBe('agent');
    await server.advance(2_000);
    const back = await server.concord.store.getConversation(c.id);
    expect(back?.status).toBe('queued');
    expect(await server.concord.store.listMessages(c.id)).toHaveLength(1);
    const events = await server.concord.store.listEvents(c.id);
    expect(events.at(-1)).toMatchObject({ name: 'transfer', toStatus: 'queued', reason: 'agent_disconnected' });
  });

  it('assigns to an agent whose console is open on another instance only, and not after that lease ends', async () => {
    const admin = new ApiClient(server.concord.url);
    await admin.login(ADMIN.email, ADMIN.password);
    await admin.call('PUT', '/api/me/presence', { presence: 'away' });
    const { client, id } = await createAgent(server, { name: 'Remote', maxChats: 5 });
    await client.call('PUT', '/api/me/presence', { presence: 'available' });
    const { store } = server.concord;
    await store.holdConsoles('another-instance', [id], server.clock.now() + 60_000);
    const c = await queuedConversation(server, 'help please');
    expect(await store.getConversation(c.id)).toMatchObject({ status: 'agent', assignedAgentId: id });

    await store.releaseConsole('another-instance', id);
    const later = await queuedConversation(server, 'help me too');
    expect((await store.getConversation(later.id))?.status).toBe('queued');
  });

  it('refuses the console socket without a session', async () => {
    const ws = new WebSocket(`${server.concord.url.replace('http', 'ws')}/api/agent/ws`);
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});
