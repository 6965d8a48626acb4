/**
 * A client for the web chat protocol, used by `concord chat`, the golden conversation runner and
 * `concord bench`. It speaks only the public protocol (docs/web-chat-protocol.md).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export interface QuickReplyFrame {
  label: string;
  value: string;
}

export type ServerFrame =
  | { type: 'session'; conversationId: string; token: string; language?: string; status: string }
  | { type: 'history'; messages: { id: string; from: string; text: string; quickReplies?: QuickReplyFrame[]; at: number }[] }
  | { type: 'ack'; id: string }
  | { type: 'message'; id: string; from: 'bot' | 'agent'; text: string; quickReplies?: QuickReplyFrame[]; at: number }
  | { type: 'status'; status: string; position?: number; etaSeconds?: number }
  | { type: 'typing'; from: string }
  | { type: 'error'; code: string; message: string; id?: string; retryAfterMs?: number };

type Waiter = { test: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class WebChatClient {
  readonly frames: ServerFrame[] = [];
  session!: Extract<ServerFrame, { type: 'session' }>;
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(f: ServerFrame) => void>();
  private readonly closeListeners = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onFrame(JSON.parse(data.toString('utf8')) as ServerFrame));
    socket.on('close', () => {
      this.failAll(new Error('connection closed'));
      for (const l of this.closeListeners) l();
    });
  }

  /** Connects to `<baseUrl>/ws` and resolves once the `session` frame arrived. */
  static async connect(baseUrl: string, options: { token?: string; lang?: string; timeoutMs?: number } = {}): Promise<WebChatClient> {
    const url = new URL('/ws', baseUrl.replace(/^http/, 'ws'));
    if (options.token) url.searchParams.set('token', options.token);
    if (options.lang) url.searchParams.set('lang', options.lang);
    const socket = new WebSocket(url);
    const client = new WebChatClient(socket);
    const session = client.waitFor((f) => f.type === 'session', options.timeoutMs ?? 10_000);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    client.session = (await session) as WebChatClient['session'];
    return client;
  }

  /** Calls `listener` for every frame from now on. */
  onMessage(listener: (f: ServerFrame) => void): void {
    this.listeners.add(listener);
  }

  /** Calls `listener` once the socket closes (either side). */
  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  /** Sends a customer message (or a quick reply `value`); returns its client id. */
  send(text: string, value?: string, id: string = randomUUID()): string {
    this.raw(JSON.stringify({ type: 'message', id, text, ...(value ? { value } : {}) }));
    return id;
  }

  /** Sends a frame exactly as given (tests of bad input). */
  raw(frame: string | Buffer): void {
    this.socket.send(frame);
  }

  /** Resolves with the first frame (already received after `since`, or future) passing `test`. */
  waitFor(test: (f: ServerFrame) => boolean, timeoutMs = 10_000, since = 0): Promise<ServerFrame> {
    const seen = this.frames.slice(since).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for a frame`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Bot and agent messages received after frame index `since`. */
  messagesSince(since: number): Extract<ServerFrame, { type: 'message' }>[] {
    return this.frames.slice(since).filter((f): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message');
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  private onFrame(frame: ServerFrame): void {
    this.frames.push(frame);
    for (const l of this.listeners) l(frame);
    for (const w of [...this.waiters]) {
      if (w.test(frame)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(frame);
      }
    }
  }

  private failAll(err: Error): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.waiters.clear();
  }
}
