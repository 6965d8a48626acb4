/**
 * Test helpers for the agent API: a Concord on 127.0.0.1 with a fake clock (run timers with `runDue`),
 * an HTTP client that keeps the session cookie and CSRF token, and a way to put a customer
 * conversation in the queue through the real `ConversationControl`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { FakeClock } from '../../src/clock';
import { startConcord, type RunningConcord, type StartOptions } from '../../src/main';
import type { Conversation } from '../../src/store/port';

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };

export interface AgentTestServer {
  concord: RunningConcord;
  dataDir: string;
  clock: FakeClock;
  /** Moves the fake clock by `ms` and runs the durable timers then due (grace periods, SLA, follow-ups). */
  advance(ms: number): Promise<number>;
  stop(): Promise<void>;
}

/** Starts Concord with a known admin; `options` override start options (e.g. `logFile`, `logLevel`). */
export async function startAgentServer(env: Record<string, string> = {}, options: Partial<StartOptions> = {}): Promise<AgentTestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-agent-'));
  const clock = new FakeClock();
  const concord = await startConcord({
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env },
    dataDir, port: 0, host: '127.0.0.1', clock, logLevel: 'silent',
    loginThrottle: { perEmail: 5, perIp: 50, windowSeconds: 900 },
    ...options,
  });
  return {
    concord, clock, dataDir,
    advance(ms) {
      clock.advance(ms);
      return concord.scheduler.runDue();
    },
    async stop() {
      await concord.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface AdminServer {
  readonly server: AgentTestServer;
  /** Logged in as `ADMIN`. */
  readonly admin: ApiClient;
}

/**
 * Registers a `beforeAll` that starts one server for the test file (after `prepare`, e.g.
 * `ensureBuilt`, within `timeoutMs`) and logs an admin in, and an `afterAll` that stops it.
 */
export function useAdminServer(prepare: () => void = () => undefined, timeoutMs?: number): AdminServer {
  const ctx: { server?: AgentTestServer; admin?: ApiClient } = {};
  beforeAll(async () => {
    prepare();
    ctx.server = await startAgentServer();
    ctx.admin = new ApiClient(ctx.server.concord.url);
    await ctx.admin.login(ADMIN.email, ADMIN.password);
  }, timeoutMs);
  afterAll(async () => {
    await ctx.server?.stop();
  });
  return ctx as AdminServer;
}

export interface ApiResponse {
  status: number;
  body: Record<string, unknown> & { error?: string; message?: string };
  headers: Headers;
}

/** A console client: remembers the cookie and CSRF token of its login. */
export class ApiClient {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(readonly base: string) {}

  async login(email: string, password: string): Promise<ApiResponse> {
    const res = await this.call('POST', '/api/auth/login', { email, password });
    const setCookie = res.headers.getSetCookie()[0];
    if (res.status === 200 && setCookie) {
      this.cookie = setCookie.split(';')[0];
      this.csrf = String(res.body.csrfToken);
    }
    return res;
  }

  /** Calls the API; `headers` override the defaults (cookie, CSRF). */
  async call(method: string, url: string, body?: unknown, headers: Record<string, string | null> = {}): Promise<ApiResponse> {
    const all: Record<string, string | null> = { cookie: this.cookie, 'x-csrf-token': method === 'GET' ? null : this.csrf, ...headers };
    if (body !== undefined) all['content-type'] = 'application/json';
    const sent = Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== null));
    const res = await fetch(this.base + url, { method, headers: sent, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as ApiResponse['body']) : {}, headers: res.headers };
  }
}

/** Logs in as the admin and creates a user; returns a logged-in client for them and their id. */
export async function createAgent(server: AgentTestServer, fields: Record<string, unknown>): Promise<{ client: ApiClient; id: string }> {
  const admin = new ApiClient(server.concord.url);
  await admin.login(ADMIN.email, ADMIN.password);
  const email = `${randomUUID()}@example.com`;
  const password = 'a long enough password';
  const created = await admin.call('POST', '/api/agents', { name: 'Agent', email, password, role: 'agent', languages: ['en', 'zh'], ...fields });
  if (created.status !== 201) throw new Error(`could not create agent: ${JSON.stringify(created.body)}`);
  const client = new ApiClient(server.concord.url);
  await client.login(email, password);
  return { client, id: (created.body.user as { id: string }).id };
}

/** A web customer conversation with one message, escalated into the queue. */
export async function queuedConversation(server: AgentTestServer, text = 'I want to talk to a person', language: 'en' | 'zh' = 'en'): Promise<Conversation> {
  const { store, control } = server.concord;
  const now = server.clock.now();
  const customer = await store.resolveCustomer('web', randomUUID(), now);
  const conversation: Conversation = {
    id: randomUUID(), customerId: customer.id, channel: 'web', channelKey: randomUUID(), status: 'bot', language,
    state: {}, emotionTrajectory: [], assignedAgentId: null, previousConversationId: null, version: 1, createdAt: now, updatedAt: now, lastMessageAt: now,
  };
  await store.createConversation(conversation);
  await store.appendInbound({ id: randomUUID(), conversationId: conversation.id, direction: 'in', author: 'customer', channelMessageId: randomUUID(), text, createdAt: now });
  const queued = await control.escalate(conversation.id, ['customer_request'], { kind: 'bot' });
  await server.concord.handoff.queue.settled();
  return queued;
}
