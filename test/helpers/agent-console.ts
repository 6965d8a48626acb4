/**
 * An agent on a running Concord reached only over HTTP (any process): the admin creates the
 * agent through the API, the agent logs in and opens the console WebSocket `/api/agent/ws`.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { ADMIN, ApiClient } from './agent-api';
import { eventually } from './redis';

export type ConsoleFrame = Record<string, unknown> & { type: string };

/** The console socket of one agent, with every frame it received. */
export class AgentConsole {
  readonly frames: ConsoleFrame[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => this.frames.push(JSON.parse(String(raw)) as ConsoleFrame));
  }

  /** Opens `/api/agent/ws` with the client's session cookie and waits for `hello`. */
  static async open(client: ApiClient): Promise<AgentConsole> {
    const ws = new WebSocket(`${client.base.replace(/^http/, 'ws')}/api/agent/ws`, { headers: { cookie: client.cookie ?? '' } });
    const console = new AgentConsole(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => resolve());
    });
    await console.waitFor((f) => f.type === 'hello');
    return console;
  }

  /** Resolves with the first frame passing `test` (received already or later). */
  async waitFor(test: (f: ConsoleFrame) => boolean, timeoutMs = 15_000): Promise<ConsoleFrame> {
    let found: ConsoleFrame | undefined;
    await eventually(async () => Boolean((found = this.frames.find(test))), timeoutMs);
    return found!;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Creates an agent through `baseUrl` as the admin (`ADMIN`), logs them in and opens their console. */
export async function agentAt(baseUrl: string, name = 'Ana'): Promise<{ client: ApiClient; id: string; console: AgentConsole }> {
  const admin = new ApiClient(baseUrl);
  const login = await admin.login(ADMIN.email, ADMIN.password);
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status}`);
  const email = `${randomUUID()}@example.com`;
  const password = 'a long enough password';
  const created = await admin.call('POST', '/api/agents', { name, email, password, role: 'agent', languages: ['en', 'zh'] });
  if (created.status !== 201) throw new Error(`could not create agent: ${JSON.stringify(created.body)}`);
  const client = new ApiClient(baseUrl);
  await client.login(email, password);
  return { client, id: (created.body.user as { id: string }).id, console: await AgentConsole.open(client) };
}
