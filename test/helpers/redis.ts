/**
 * Helpers for tests against the real Redis at 127.0.0.1:6379 (`.ci/run` starts it): a unique
 * prefix per test, cleanup of its keys, and a TCP proxy that can cut Redis off and bring it back.
 */
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { createLogger } from '../../src/logger';
import { waitUntil } from './wait';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A prefix no other test uses (channel `<prefix>:bus`, keys `<prefix>:lease:*`). */
export function uniquePrefix(): string {
  return `concord-test-${randomUUID().slice(0, 8)}`;
}

export const silentLog = createLogger('silent');

/** Deletes every key under the prefix. */
export async function cleanRedis(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  const keys = (await client.sendCommand(['KEYS', `${prefix}:*`])) as unknown as string[];
  if (keys.length) await client.sendCommand(['DEL', ...keys]);
  await client.close();
}

/** A TCP proxy in front of Redis; `down()` drops every connection and refuses new ones until `up()`. */
export class RedisProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(6379, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Polls until `check` resolves true. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  await waitUntil(check, 'condition not met in time', timeoutMs);
}
