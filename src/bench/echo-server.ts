/**
 * The physical ceiling: a bare `ws` server on 127.0.0.1 that sends every text frame straight
 * back. It greets each connection with a `session` frame so that the very same protocol client
 * connects to it as to Concord; nothing is parsed, stored or logged.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
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

/** Starts the echo server in its own process (see echo-worker.ts); `close` ends the process. */
export function startEchoProcess(): Promise<EchoServer> {
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--cpu-prof') && !a.startsWith('--prof') && !a.startsWith('--heap'));
  const child = fork(path.join(__dirname, 'echo-worker.js'), [], { stdio: ['ignore', 2, 2, 'ipc'], execArgv });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ url: m.url, close: () => (child.disconnect(), exited) }));
    child.once('exit', (code) => reject(new Error(`the echo server exited with code ${code}`)));
  });
}
