/**
 * The physical ceiling: a bare `ws` server on 127.0.0.1 that sends every text frame straight
 * back. It greets each connection with a `session` frame so that the very same protocol client
 * connects to it as to Concord; nothing is parsed, stored or logged.
 */
import { WebSocketServer } from 'ws';

/** A running echo server: its base URL (for `WebChatClient.connect`) and how to stop it. */
export interface EchoServer {
  url: string;
  close(): Promise<void>;
}

const GREETING = JSON.stringify({ type: 'session', conversationId: 'echo', token: 'echo', status: 'bot' });

/** Starts the echo server on a free port. */
export function startEchoServer(): Promise<EchoServer> {
  return new Promise((resolve, reject) => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
    wss.on('connection', (socket) => {
      socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
      socket.send(GREETING);
    });
    wss.once('error', reject);
    wss.once('listening', () => {
      const address = wss.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => closeServer(wss) });
    });
  });
}

function closeServer(wss: WebSocketServer): Promise<void> {
  for (const client of wss.clients) client.terminate();
  return new Promise((resolve) => wss.close(() => resolve()));
}
