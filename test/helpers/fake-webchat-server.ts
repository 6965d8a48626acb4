/**
 * A small stand-in for Concord's web chat endpoint, for widget-only browser tests: it serves
 * `web/` the way the real server does (`/`, `/widget.js`, `/static/*`) and speaks the protocol of
 * docs/web-chat-protocol.md, with switches to misbehave (drop a socket before the ack, refuse
 * connections) so the widget's reconnect and resend logic can be tested deterministically.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

const WEB_DIR = join(__dirname, '..', '..', 'web');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface QuickReply { label: string; value: string }
export interface StoredMessage {
  id: string;
  from: 'customer' | 'bot' | 'agent';
  text: string;
  quickReplies?: QuickReply[];
  at: number;
  clientId?: string;
}
export interface ClientFrame { type: string; id?: string; text?: string; value?: string }
/** What the fake bot answers to one customer message. */
export type Responder = (text: string, value: string | undefined) => Array<Pick<StoredMessage, 'text' | 'quickReplies'>>;

interface Conversation { id: string; token: string; messages: StoredMessage[] }

export class FakeWebchatServer {
  /** Every frame any client sent, in order. */
  readonly received: ClientFrame[] = [];
  /** Drop the socket when the next customer message arrives, before storing or acking it. */
  dropNextMessage = false;
  /** Answer the next customer message with this error code (carrying its id) instead of an ack. */
  refuseNextMessage: string | undefined;
  /** Refuse WebSocket upgrades (the widget should keep retrying with backoff). */
  refuseConnections = false;
  language: 'en' | 'zh' | undefined;
  respond: Responder = (text) => [{ text: `You said: ${text}` }];
  connections = 0;

  private readonly conversations = new Map<string, Conversation>(); // by token
  private readonly sockets = new Set<WebSocket>();
  private readonly http = createServer((req, res) => void this.serveStatic(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  url = '';

  async start(port = 0): Promise<this> {
    this.http.on('upgrade', (req, socket, head) => {
      if (this.refuseConnections || !req.url?.startsWith('/ws')) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
    });
    await new Promise<void>((resolve) => this.http.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return this;
  }

  /** Sends a frame to every open socket (status changes, typing, agent messages...). */
  broadcast(frame: object): void {
    for (const ws of this.sockets) ws.send(JSON.stringify(frame));
  }

  /** Stores a server message in every conversation and pushes it to the open sockets. */
  say(from: 'bot' | 'agent', text: string, quickReplies?: QuickReply[]): void {
    for (const c of this.conversations.values()) this.deliver(c, from, text, quickReplies);
  }

  messagesOf(kind: 'message' | 'typing'): ClientFrame[] {
    return this.received.filter((f) => f.type === kind);
  }

  stored(): StoredMessage[] {
    return [...this.conversations.values()].flatMap((c) => c.messages);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    this.connections += 1;
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
    let conversation = this.conversations.get(token);
    const resumed = !!conversation;
    if (!conversation) {
      conversation = { id: randomUUID(), token: randomUUID(), messages: [] };
      this.conversations.set(conversation.token, conversation);
    }
    const c = conversation;
    ws.send(JSON.stringify({ type: 'session', conversationId: c.id, token: c.token, language: this.language, status: 'bot' }));
    if (resumed) ws.send(JSON.stringify({ type: 'history', messages: c.messages }));
    ws.on('message', (data, isBinary) => this.onFrame(ws, c, data.toString(), isBinary));
  }

  private onFrame(ws: WebSocket, c: Conversation, raw: string, isBinary: boolean): void {
    if (isBinary) return void ws.send(JSON.stringify({ type: 'error', code: 'binary_not_supported', message: 'Send JSON text frames.' }));
    let frame: ClientFrame;
    try {
      frame = JSON.parse(raw) as ClientFrame;
    } catch {
      return void ws.send(JSON.stringify({ type: 'error', code: 'invalid_json', message: 'Frames must be JSON.' }));
    }
    this.received.push(frame);
    if (frame.type !== 'message' || typeof frame.id !== 'string' || typeof frame.text !== 'string') return;
    if (this.dropNextMessage) {
      this.dropNextMessage = false;
      return void ws.terminate();
    }
    if (this.refuseNextMessage) {
      const code = this.refuseNextMessage;
      this.refuseNextMessage = undefined;
      return void ws.send(JSON.stringify({ type: 'error', code, message: `refused: ${code}`, id: frame.id }));
    }
    const duplicate = c.messages.some((m) => m.clientId === frame.id);
    if (!duplicate) c.messages.push({ id: randomUUID(), from: 'customer', text: frame.text, at: Date.now(), clientId: frame.id });
    ws.send(JSON.stringify({ type: 'ack', id: frame.id }));
    if (duplicate) return;
    ws.send(JSON.stringify({ type: 'typing', from: 'bot' }));
    for (const reply of this.respond(frame.text, frame.value)) this.deliver(c, 'bot', reply.text, reply.quickReplies);
  }

  private deliver(c: Conversation, from: 'bot' | 'agent', text: string, quickReplies?: QuickReply[]): void {
    const message: StoredMessage = { id: randomUUID(), from, text, at: Date.now(), ...(quickReplies ? { quickReplies } : {}) };
    c.messages.push(message);
    this.broadcast({ type: 'message', ...message });
  }

  private async serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const file = path === '/' ? 'index.html' : path === '/widget.js' ? 'widget.js'
      : path.startsWith('/static/') ? normalize(path.slice('/static/'.length)) : null;
    if (!file || file.startsWith('..')) return void res.writeHead(404).end();
    try {
      const body = await readFile(join(WEB_DIR, file));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  }
}

export async function startFakeWebchatServer(): Promise<FakeWebchatServer> {
  return new FakeWebchatServer().start();
}
