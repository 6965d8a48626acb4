/**
 * A fake Slack on 127.0.0.1 for tests that drive the REAL bolt/web-api clients: it records Web
 * API calls (`auth.test`, `chat.postMessage`, `apps.connections.open`), can answer
 * `chat.postMessage` with scripted failures (429 + Retry-After, 500), and serves a Socket Mode
 * `ws://` endpoint that pushes envelopes and records acks. Also signs requests like Slack does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { slackSignature } from '../../src/channels/slack/verify';
import { waitUntil } from './wait';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

/** A scripted answer for the next `chat.postMessage` call. */
export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const BOT_USER_ID = 'UBOT0001';
export const TEAM_ID = 'T0TEAM01';

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly socketAcks: string[] = [];
  /** Failures to answer the next `chat.postMessage` calls with, in order. */
  readonly postScript: ScriptedReply[] = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private sockets = new Set<WebSocket>();
  private ts = 1_767_600_000;
  url = '';

  async start(): Promise<this> {
    this.server.on('upgrade', (req, socket, head) => this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws)));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The Web API base URL to give Concord (`SLACK_API_URL`). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  posts(): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args);
  }

  /** Waits until `n` messages were posted (successfully), or fails after `timeoutMs`. */
  async waitForPosts(n: number, timeoutMs = 8000): Promise<Record<string, unknown>[]> {
    const failure = () => `expected ${n} posts, got ${this.okPosts().length}: ${JSON.stringify(this.okPosts().map((p) => p.text))}`;
    await waitUntil(() => this.okPosts().length >= n, failure, timeoutMs, 20);
    return this.okPosts();
  }

  /** Posts that were answered `ok: true`. */
  okPosts(): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage' && c.args.__ok === true).map((c) => c.args);
  }

  /** Pushes an envelope to every connected Socket Mode client. */
  pushEnvelope(envelope: Record<string, unknown>): void {
    for (const s of this.sockets) s.send(JSON.stringify(envelope));
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { envelope_id?: string };
      if (msg.envelope_id) this.socketAcks.push(msg.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', build_number: 1, approximate_connection_time: 3600 }, connection_info: { app_id: 'A0FAKE' } }));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const args = parseArgs(await readBody(req), String(req.headers['content-type'] ?? ''));
    const call: ApiCall = { method, args, at: Date.now() };
    this.calls.push(call);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (method === 'auth.test') return send(200, { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'concord', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: 'B0BOT001' });
    if (method === 'apps.connections.open') return send(200, { ok: true, url: `${this.url.replace('http', 'ws')}/link` });
    if (method !== 'chat.postMessage') return send(200, { ok: false, error: 'unknown_method' });
    const scripted = this.postScript.shift();
    if (scripted) return send(scripted.status, scripted.body ?? { ok: false, error: 'scripted' }, scripted.headers);
    const ts = `${++this.ts}.000100`;
    args.__ok = true;
    args.__ts = ts;
    send(200, { ok: true, channel: args.channel, ts, message: { text: args.text, ts } });
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => resolve(body));
  });
}

/** Web API arguments arrive form-encoded (objects as JSON strings) or as JSON. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = k === 'blocks' ? JSON.parse(v) : v;
  return out;
}

export interface SignedPostOptions {
  /** Seconds since the epoch to sign with (default: `nowMs`). */
  timestamp?: number;
  retryNum?: number;
  /** Send as an interactivity form (`payload=<json>`). */
  form?: boolean;
  /** Override the signature header (forgeries); `null` omits it. */
  signature?: string | null;
  /** Send this exact body text instead of JSON-encoding `body`. */
  raw?: string;
}

/** POSTs a body to Concord's Slack endpoint, signed with `secret` at `nowMs`. */
export async function signedPost(baseUrl: string, secret: string, body: unknown, nowMs: number, o: SignedPostOptions = {}): Promise<{ status: number; text: string }> {
  const json = o.raw ?? JSON.stringify(body);
  const raw = o.form ? new URLSearchParams({ payload: json }).toString() : json;
  const timestamp = o.timestamp ?? Math.floor(nowMs / 1000);
  const headers: Record<string, string> = {
    'content-type': o.form ? 'application/x-www-form-urlencoded' : 'application/json',
    'x-slack-request-timestamp': String(timestamp),
  };
  const signature = o.signature === undefined ? slackSignature(secret, timestamp, raw) : o.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  if (o.retryNum) {
    headers['x-slack-retry-num'] = String(o.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const res = await fetch(`${baseUrl}/channels/slack/events`, { method: 'POST', headers, body: raw });
  return { status: res.status, text: await res.text() };
}
