/**
 * A small stand-in for the agent console API of docs/agent-api.md, for console-only browser tests
 * and screenshots: it serves `/agent` and `/static/*` the way the real server does, keeps a
 * seeded queue in memory, checks the session cookie and the CSRF header, and pushes the same
 * WebSocket frames. The end-to-end test (test/browser/handoff.test.ts) uses the real server.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { FAKE_AGENTS, FAKE_CANNED, seedConversations, type FakeConversation, type FakeUser } from './fake-agent-data';

const WEB_DIR = join(__dirname, '..', '..', 'web');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const PASSWORD = 'correct horse battery';

type Json = Record<string, unknown>;

export class FakeAgentApi {
  url = '';
  readonly users: FakeUser[] = FAKE_AGENTS.map((u) => ({ ...u }));
  readonly conversations: FakeConversation[] = seedConversations(Date.now());
  /** Frames the console sent on its WebSocket. */
  readonly received: Json[] = [];
  /** Requests that changed state, with the CSRF header they carried. */
  readonly mutations: Array<{ method: string; path: string; csrf: string | undefined }> = [];
  failedLogins = 0;
  private readonly sessions = new Map<string, { userId: string; csrf: string }>();
  private readonly sockets = new Set<{ ws: WebSocket; userId: string }>();
  private readonly http = createServer((req, res) => void this.route(req, res).catch((err) => this.send(res, 500, { error: 'internal', message: String(err) })));
  private readonly wss = new WebSocketServer({ noServer: true });

  async start(): Promise<this> {
    this.http.on('upgrade', (req, socket, head) => {
      const session = this.session(req);
      if (!req.url?.startsWith('/api/agent/ws') || !session) { socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n'); return; }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, session.userId));
    });
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  get password(): string { return PASSWORD; }

  /** A customer message arrives (as the engine would publish it). */
  customerSays(conversationId: string, text: string, emotion: Json | null = null): void {
    const c = this.find(conversationId)!;
    const message = { id: randomUUID(), seq: c.messages.length + 1, author: 'customer', authorId: null, authorName: null, text, at: Date.now(), emotion };
    c.messages.push(message);
    this.broadcast({ type: 'message', conversationId, message });
  }

  /** Drops every console socket, as a network blip would. */
  dropSockets(): void { for (const s of this.sockets) s.ws.terminate(); }

  get openSockets(): number { return this.sockets.size; }

  customerTyping(conversationId: string): void { this.broadcast({ type: 'typing', conversationId, from: 'customer' }); }

  private accept(ws: WebSocket, userId: string) {
    const entry = { ws, userId };
    this.sockets.add(entry);
    ws.on('close', () => this.sockets.delete(entry));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Json;
      this.received.push(frame);
      if (frame.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
    });
    ws.send(JSON.stringify({ type: 'hello', user: this.user(userId) }));
    ws.send(JSON.stringify(this.queueFrame()));
  }

  private broadcast(frame: Json) { for (const s of this.sockets) s.ws.send(JSON.stringify(frame)); }
  private queueFrame() { return { type: 'queue', items: this.queueItems(), afterHours: false }; }
  private find(id: string) { return this.conversations.find((c) => c.id === id); }
  private user(id: string) { return this.users.find((u) => u.id === id)!; }

  private session(req: IncomingMessage) {
    const sid = /(?:^|;\s*)concord_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    return sid ? this.sessions.get(sid) : undefined;
  }

  private queueItems() {
    return this.conversations.filter((c) => c.status === 'queued').sort((a, b) => b.score - a.score).map((c, i) => ({
      conversationId: c.id, channel: c.channel, language: c.language, customer: c.customer, category: c.packet.category?.value ?? null,
      priority: { score: c.score, ticketPriority: c.packet.priority?.value ?? null, reasons: c.reasons },
      emotion: c.emotion, lastMessage: lastOf(c, 'customer'), queuedAt: c.queuedAt, waitingSeconds: Math.round((Date.now() - c.queuedAt) / 1000),
      position: i + 1, etaSeconds: (i + 1) * 240,
    }));
  }

  private summary(c: FakeConversation) {
    const last = c.messages.at(-1);
    return {
      conversationId: c.id, status: c.status, channel: c.channel, language: c.language, customer: c.customer, assignedAgentId: c.assignedAgentId,
      emotion: c.emotion, lastMessage: last ? { text: last.text, at: last.at, author: last.author } : null, updatedAt: last?.at ?? c.queuedAt,
    };
  }

  private transition(c: FakeConversation, name: string, status: FakeConversation['status'], actor: string, assignedAgentId: string | null, reason: string | null = null) {
    const event = { id: randomUUID(), name, type: 'transition', fromStatus: c.status, toStatus: status, actor, reason, at: Date.now() };
    c.events.push(event);
    c.status = status;
    c.assignedAgentId = assignedAgentId;
    this.broadcast({ type: 'status', conversationId: c.id, status, assignedAgentId, event });
    this.broadcast(this.queueFrame());
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/agent') return this.file(res, 'agent/index.html');
    if (req.method === 'GET' && path.startsWith('/static/')) return this.file(res, path.slice('/static/'.length));
    if (!path.startsWith('/api/')) return this.send(res, 404, { error: 'not_found', message: path });
    const body = req.method === 'GET' ? {} : await readBody(req);
    if (path === '/api/auth/login') return this.login(res, body);
    const session = this.session(req);
    if (!session) return this.send(res, 401, { error: 'unauthenticated', message: 'sign in' });
    if (req.method !== 'GET') {
      const csrf = req.headers['x-csrf-token'] as string | undefined;
      this.mutations.push({ method: req.method!, path, csrf });
      if (csrf !== session.csrf) return this.send(res, 403, { error: 'csrf_failed', message: 'x-csrf-token missing or wrong' });
    }
    const me = this.user(session.userId);
    const actor = `${me.role}:${me.id}`;
    if (path === '/api/auth/me') return this.send(res, 200, { user: me, csrfToken: session.csrf });
    if (path === '/api/auth/logout') return this.send(res, 204, null);
    if (path === '/api/queue') return this.send(res, 200, { items: this.queueItems(), afterHours: false, nextOpenAt: null });
    if (path === '/api/chats') return this.send(res, 200, { items: this.conversations.filter((c) => c.status === 'agent' && c.assignedAgentId === me.id).map((c) => this.summary(c)) });
    if (path === '/api/live') return this.send(res, 200, { items: this.conversations.filter((c) => c.status === (url.searchParams.get('status') ?? 'bot')).map((c) => this.summary(c)) });
    if (path === '/api/canned-replies') return this.send(res, 200, { items: FAKE_CANNED });
    if (path === '/api/agents') return this.send(res, 200, { items: this.users });
    if (path === '/api/me/presence') { me.presence = body.presence as FakeUser['presence']; return this.send(res, 200, { user: me }); }
    const m = /^\/api\/conversations\/([^/]+)(?:\/(\w+))?$/.exec(path);
    const c = m ? this.find(decodeURIComponent(m[1])) : undefined;
    if (!m || !c) return this.send(res, 404, { error: 'not_found', message: path });
    const text = typeof body.text === 'string' ? body.text : '';
    switch (m[2]) {
      case undefined: return this.send(res, 200, { conversation: { ...this.summary(c), customerId: c.customer.id, createdAt: c.queuedAt }, messages: c.messages, notes: c.notes, events: c.events, packet: c.packet });
      case 'claim':
        if (c.status !== 'queued') return this.send(res, 409, c.assignedAgentId ? { error: 'already_claimed', message: 'taken', assignedAgentId: c.assignedAgentId } : { error: 'not_queued', message: 'not queued' });
        this.transition(c, 'assign', 'agent', actor, me.id, 'claim');
        return this.send(res, 200, { conversation: this.summary(c) });
      case 'takeover': this.transition(c, 'assign', 'agent', actor, me.id, 'takeover'); return this.send(res, 200, { conversation: this.summary(c) });
      case 'reply': {
        if (c.assignedAgentId !== me.id) return this.send(res, 403, { error: 'not_owner', message: 'not yours' });
        const message = { id: randomUUID(), seq: c.messages.length + 1, author: 'agent', authorId: me.id, authorName: me.name, text, at: Date.now(), emotion: null };
        c.messages.push(message);
        this.broadcast({ type: 'message', conversationId: c.id, message });
        return this.send(res, 201, { message });
      }
      case 'notes': {
        const note = { id: randomUUID(), conversationId: c.id, authorId: me.id, authorName: me.name, text, at: Date.now() };
        c.notes.push(note);
        this.broadcast({ type: 'note', conversationId: c.id, note });
        return this.send(res, 201, { note });
      }
      case 'transfer': this.transition(c, 'transfer', body.agentId ? 'agent' : 'queued', actor, (body.agentId as string) ?? null, (body.note as string) ?? null); return this.send(res, 200, { conversation: this.summary(c) });
      case 'resolve': this.transition(c, 'returnToBot', 'bot', actor, null); return this.send(res, 200, { conversation: this.summary(c) });
      case 'close': this.transition(c, 'close', 'closed', actor, null, (body.reason as string) ?? null); return this.send(res, 200, { conversation: this.summary(c) });
      default: return this.send(res, 404, { error: 'not_found', message: path });
    }
  }

  private login(res: ServerResponse, body: Json) {
    if (this.failedLogins >= 5) return this.send(res, 429, { error: 'too_many_attempts', message: 'wait', retryAfterSeconds: 840 });
    const user = this.users.find((u) => u.email === body.email);
    if (!user || body.password !== PASSWORD) {
      this.failedLogins += 1;
      return this.send(res, 401, { error: 'invalid_credentials', message: 'wrong email or password' });
    }
    const sid = randomUUID();
    const csrf = randomUUID();
    this.sessions.set(sid, { userId: user.id, csrf });
    res.setHeader('set-cookie', `concord_session=${sid}; HttpOnly; SameSite=Strict; Path=/`);
    return this.send(res, 200, { user, csrfToken: csrf });
  }

  private async file(res: ServerResponse, rel: string) {
    const full = normalize(join(WEB_DIR, rel));
    if (!full.startsWith(WEB_DIR)) return this.send(res, 404, { error: 'not_found', message: rel });
    try {
      const body = await readFile(full);
      res.writeHead(200, { 'content-type': TYPES[extname(full)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      this.send(res, 404, { error: 'not_found', message: rel });
    }
  }

  private send(res: ServerResponse, status: number, body: unknown) {
    if (status === 204 || body === null) { res.writeHead(status).end(); return; }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
}

function lastOf(c: FakeConversation, author: string) {
  const m = [...c.messages].reverse().find((x) => x.author === author);
  return m ? { text: m.text, at: m.at } : null;
}

async function readBody(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as Json) : {};
}
