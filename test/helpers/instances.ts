/**
 * Per-test setup for several Concord instances sharing one SQLite data directory and the real
 * Redis: a fresh Redis prefix and data directory before each test; afterwards the clients are
 * closed, then the instances, then the directory and the prefix's keys are removed.
 * Call at the top level of a test file; read `prefix` and `dataDir` inside tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebChatClient } from '../../src/channels/web/client';
import { startConcord, type RunningConcord, type StartOptions } from '../../src/main';
import { ADMIN } from './agent-api';
import { cleanRedis, REDIS_URL, uniquePrefix } from './redis';

export interface SharedRedisDir {
  readonly prefix: string;
  readonly dataDir: string;
  /** Closed after the test, together, before the servers. */
  client<T extends { close(): Promise<unknown> }>(client: T): T;
  /** Stopped after the clients, one after another in the order added. */
  server(stop: () => Promise<unknown>): void;
}

/** Registers the beforeEach/afterEach of a test file whose servers share a data directory and Redis. */
export function useSharedRedisDir(label: string): SharedRedisDir {
  let prefix = '';
  let dataDir = '';
  let clients: { close(): Promise<unknown> }[] = [];
  let servers: (() => Promise<unknown>)[] = [];
  beforeEach(() => {
    prefix = uniquePrefix();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `concord-${label}-`));
    clients = [];
    servers = [];
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    for (const stop of servers) await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await cleanRedis(prefix);
  });
  return {
    get prefix() {
      return prefix;
    },
    get dataDir() {
      return dataDir;
    },
    client(client) {
      clients.push(client);
      return client;
    },
    server(stop) {
      servers.push(stop);
    },
  };
}

export interface SharedInstances extends SharedRedisDir {
  /** Starts an instance in this process on the shared data directory, with `ADMIN` as admin. */
  instance(redisUrl?: string): Promise<RunningConcord>;
  /** A web chat customer on `c`, closed after the test. */
  connect(c: { url: string }, token?: string): Promise<WebChatClient>;
}

/** `useSharedRedisDir` plus in-process instances started with `options`. */
export function useSharedInstances(label: string, options: StartOptions = {}): SharedInstances {
  const shared = useSharedRedisDir(label);
  return Object.assign(Object.create(shared) as SharedRedisDir, {
    async instance(redisUrl = REDIS_URL): Promise<RunningConcord> {
      const env = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, REDIS_URL: redisUrl, REDIS_PREFIX: shared.prefix };
      const c = await startConcord({ env, dataDir: shared.dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', ...options });
      shared.server(() => c.close());
      return c;
    },
    connect(c: { url: string }, token?: string): Promise<WebChatClient> {
      return WebChatClient.connect(c.url, { token }).then((client) => shared.client(client));
    },
  });
}
