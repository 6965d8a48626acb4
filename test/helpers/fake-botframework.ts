/**
 * A fake Bot Framework channel on 127.0.0.1: the `serviceUrl` that botbuilder's connector client
 * posts replies to (`/v3/conversations/:id/activities[/:replyToId]`). It records every call, can
 * fail the next ones (429 with Retry-After, 500), and builders make real-shaped activities.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from './wait';

export interface SentActivity {
  conversationId: string;
  path: string;
  status: number;
  authorization?: string;
  activity: {
    type: string;
    text?: string;
    suggestedActions?: { to?: string[]; actions: { type: string; title: string; value: string }[] };
    [key: string]: unknown;
  };
}

export type Failure = { status: 429; retryAfterSeconds: number } | { status: 500 };

export class FakeBotFramework {
  readonly calls: SentActivity[] = [];
  private readonly failures: Failure[] = [];
  private next = 1;

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeBotFramework> {
    const server = http.createServer();
    const fake = new FakeBotFramework(server);
    server.on('request', (req, res) => void fake.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Activities accepted (200). */
  get delivered(): SentActivity[] {
    return this.calls.filter((c) => c.status === 200);
  }

  /** Accepted message activities (not typing). */
  get messages(): SentActivity[] {
    return this.delivered.filter((c) => c.activity.type === 'message');
  }

  failNext(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  async waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
    await waitUntil(check, 'timed out waiting for the fake Bot Framework channel', timeoutMs, 20);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return json(res, 404, { error: { code: 'NotFound', message: `no route ${req.method} ${req.url}` } });
    const failure = this.failures.shift();
    const status = failure?.status ?? 200;
    this.calls.push({ conversationId: decodeURIComponent(match[1]), path: req.url!, status, authorization: req.headers.authorization, activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    if (failure?.status === 429) return json(res, 429, { error: { code: 'Throttled', message: 'slow down' } }, { 'retry-after': String(failure.retryAfterSeconds) });
    if (failure?.status === 500) return json(res, 500, { error: { code: 'ServiceError', message: 'boom' } });
    json(res, 200, { id: `sent-${this.next++}` });
  }
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

let nextActivity = 1;

interface Who {
  serviceUrl: string;
  conversationId: string;
  userId?: string;
  locale?: string;
}

function envelope(o: Who) {
  return {
    serviceUrl: o.serviceUrl,
    channelId: 'msteams',
    from: { id: o.userId ?? `29:user-${o.conversationId}`, name: 'Ada Lovelace', aadObjectId: '00000000-0000-0000-0000-00000000abcd' },
    recipient: { id: '28:concord-bot', name: 'Concord' },
    conversation: { id: o.conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    timestamp: '2026-01-05T09:00:00.000Z',
    ...(o.locale ? { locale: o.locale } : {}),
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

/** A message activity as Teams posts it (a press of an imBack action is a message with its value). */
export function messageActivity(o: Who & { text: string; id?: string }): Record<string, unknown> {
  return { type: 'message', id: o.id ?? `1767603600${String(nextActivity++).padStart(3, '0')}`, text: o.text, textFormat: 'plain', ...envelope(o) };
}

/** A `conversationUpdate` adding the customer (and the bot) to a personal chat. */
export function membersAddedActivity(o: Who): Record<string, unknown> {
  const base = envelope(o);
  return { type: 'conversationUpdate', id: `f:${nextActivity++}`, membersAdded: [base.recipient, base.from], ...base };
}
