/**
 * A benchmark connection: the protocol client `WebChatClient` (the same code for Concord and the
 * echo server) with one frame handler at a time, so a turn can watch its own frames. Frames are
 * not kept (the client's `frames` log is emptied as they arrive) so that long runs with many
 * connections do not grow the load generator's memory.
 */
import { WebChatClient, type ServerFrame } from '../channels/web/client';
import type { BenchLanguage } from './scenario';

type FrameHandler = (frame: ServerFrame) => void;

/** One customer's socket in the benchmark (see the module comment). */
export class BenchConnection {
  private onFrame?: FrameHandler;
  private onGone?: () => void;
  private closed = false;

  private constructor(private readonly client: WebChatClient) {
    client.onMessage((frame) => {
      client.frames.length = 0;
      this.onFrame?.(frame);
    });
    client.onClose(() => {
      this.closed = true;
      this.onGone?.();
    });
  }

  /** Opens a new session (no resume token) and resolves after its `session` frame. */
  static async open(url: string, language: BenchLanguage, timeoutMs: number): Promise<BenchConnection> {
    return new BenchConnection(await WebChatClient.connect(url, { lang: language, timeoutMs }));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Routes frames (and the socket's close) to the given handlers; `undefined` detaches them. */
  setHandler(onFrame: FrameHandler | undefined, onGone: (() => void) | undefined): void {
    this.onFrame = onFrame;
    this.onGone = onGone;
  }

  send(text: string, value: string | undefined, id: string): void {
    if (this.closed) throw new Error('connection closed');
    this.client.send(text, value, id);
  }

  close(): Promise<void> {
    this.setHandler(undefined, undefined);
    return this.client.close();
  }
}
