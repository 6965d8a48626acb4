/**
 * A fake OpenAI-compatible server on 127.0.0.1 implementing `POST /v1/chat/completions`, for the
 * real `openai` client (pointed at it with `baseURL`). It records every request body and answers
 * according to its `mode`: a chat completion whose content is `reply` (text as given), a request
 * that never answers (`hang`), or HTTP 500.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeOpenAiMode = { kind: 'reply'; content: string } | { kind: 'hang' } | { kind: 'status'; status: number };

export interface RecordedRequest {
  path: string;
  authorization?: string;
  body: Record<string, any>;
  /** The raw body as received (for "contains no personal data" checks). */
  raw: string;
}

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  mode: FakeOpenAiMode = { kind: 'reply', content: '{"intent":"oos","emotion":"neutral"}' };
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeOpenAi> {
    const server = http.createServer();
    const fake = new FakeOpenAi(server);
    server.on('request', (req, res) => fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Base URL for the client (`.../v1`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Answers with a completion whose message content is `content`. */
  reply(content: string): void {
    this.mode = { kind: 'reply', content };
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : {}, raw });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: 'not found' } });
      const mode = this.mode;
      if (mode.kind === 'hang') {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      if (mode.kind === 'status') return send(res, mode.status, { error: { message: 'fake failure', type: 'server_error' } });
      send(res, 200, completion(String(this.requests.at(-1)?.body.model ?? 'fake'), mode.content));
    });
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}
