/**
 * The composition root: builds store, understanding, dialog scripts, engine, channels and the
 * HTTP server from a `Config`, and returns a handle to stop them in order.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock';
import { loadConfig, type Config } from './config';
import { ConcordError } from './errors';
import { loadKeyFile } from './key-file';
import { createLogger, logFile, type Logger } from './logger';
import { createMetrics } from './metrics';
import { createStore } from './store';
import type { ConversationStore } from './store/port';
import { ContentRuntime } from './content/runtime';
import { ContentService } from './content/service';
import { seedContent } from './content/transfer';
import { createModelAssist } from './understanding/assist-setup';
import { DialogRuntime } from './dialogs/runtime';
import { Engine } from './engine/engine';
import { Outbox } from './engine/outbox';
import { recoverInbox } from './engine/inbox-recovery';
import { InProcessBus, type Bus } from './bus/bus';
import { RedisLease, type ConversationLease } from './engine/conversation-lease';
import { memoryRateLimits, redisRateLimits, type RateLimits } from './rate-limits';
import { ConversationControlImpl } from './handoff/conversation-control';
import { announceAfterHours } from './handoff/after-hours';
import type { ConversationControl } from './handoff/control';
import { buildServer } from './http/server';
import { registerAgentApi } from './http/agent';
import { registerAdminApi } from './http/admin';
import { registerAdminConsole } from './http/admin/console';
import { runtimeContent } from './http/admin/content';
import { createHandoff, type Handoff } from './handoff/setup';
import type { ThrottleOptions } from './auth/throttle';
import { WebChannel } from './channels/web/web-channel';
import { createChannels } from './channels';
import { TokenSigner } from './channels/web/tokens';
import { createScheduler, type Scheduler } from './scheduler';
import { revealForDelivery, withMaskingAtRest } from './privacy/masking-store';
import { startRetention } from './privacy/retention';
import { privacyVault, type PiiVault } from './privacy/vault';

export interface StartOptions {
  /** Overrides of the environment's settings (tests use these). */
  dataDir?: string;
  port?: number;
  host?: string;
  logLevel?: Config['logLevel'];
  dialogsDir?: string;
  intentsDir?: string;
  clock?: Clock;
  /** Login throttling limits (tests lower them). */
  loginThrottle?: ThrottleOptions;
  /** The environment to read; defaults to `process.env` (and `.env`). */
  env?: NodeJS.ProcessEnv;
  /** Append the log to this file instead of stdout. */
  logFile?: string;
}

export interface RunningConcord {
  url: string;
  config: Config;
  /** The store in use (for tools such as the golden conversation runner). */
  store: ConversationStore;
  /** What agents and routing do to conversations (handoff). */
  control: ConversationControl;
  bus: Bus;
  /** Queue, presence, accounts and sessions. */
  handoff: Handoff;
  /** Durable timers (follow-ups, SLA); tests with a fake clock call `scheduler.runDue()`. */
  scheduler: Scheduler;
  /** The published scripts and intents in force (and `draftContent` for previews). */
  content: ContentRuntime;
  /** Drafts, publishing, versions and rollback of scripts and intents. */
  contentService: ContentService;
  close(): Promise<void>;
  /** Waits until every received message has been processed. */
  idle(): Promise<void>;
}

/** Starts Concord and resolves once it is listening. */
export async function startConcord(options: StartOptions = {}): Promise<RunningConcord> {
  const config = withOverrides(options.env ? loadConfig(options.env) : loadConfig(), options);
  const clock = options.clock ?? systemClock;
  const log = createLogger(config.logLevel, options.logFile ? logFile(options.logFile) : undefined);
  const vault = privacyVault(config.dataDir, config.privacy);
  const plain = createStore({ kind: config.store.kind, dataDir: config.dataDir, mongodbUri: config.store.mongodbUri });
  await plain.init();
  const store = config.privacy.maskAtRest && vault ? withMaskingAtRest(plain, vault) : plain;
  const parts = await createBus(config, log);
  try {
    return await assemble(config, clock, log, store, parts, options, vault);
  } catch (err) {
    await parts.bus.close();
    await store.close();
    throw err;
  }
}

async function assemble(config: Config, clock: Clock, log: Logger, store: ConversationStore, { bus, lease, limits }: BusParts, options: StartOptions, vault?: PiiVault): Promise<RunningConcord> {
  await seedContent(store, { dialogsDir: config.dialogsDir, intentsDir: config.intentsDir }, clock);
  const content = await ContentRuntime.start({ store, bus, log: log.child({ module: 'content' }) });
  const contentService = new ContentService({ store, bus, clock, runtime: content });
  const { understanding, scripts } = content;
  const metrics = createMetrics();
  const outbox = new Outbox(store, clock, log, metrics, vault ? revealForDelivery(vault) : undefined);
  const runtime = new DialogRuntime(scripts, content);
  const assist = createModelAssist(config.openai, { intents: () => understanding.intents(), clock, metrics, log });
  const queueSlaMs = config.handoff.queueSlaSeconds * 1000;
  const engine = new Engine({ store, understanding, runtime, clock, log, metrics, outbox, bus, scripts, versions: content, lease, limits, assist, queueSlaMs });
  const control = new ConversationControlImpl({ store, outbox, bus, clock, runtime, queueSlaMs });
  const instance = `instance-${randomUUID()}`;
  const scheduler = createScheduler({ store, clock, log: log.child({ module: 'scheduler' }), metrics, outbox, bus, runtime, owner: instance });
  const handoff = await createHandoff({ store, bus, control, clock, log, config, scheduler, instance, throttle: options.loginThrottle, limits });
  const afterHours = announceAfterHours({ bus, control, hours: handoff.hours, clock, log, timeZone: config.handoff.timeZone });
  const queueInfo = (id: string) => handoff.queue.queuePosition(id);
  const web = new WebChannel({ engine, store, signer: new TokenSigner(loadSecret(config.dataDir)), clock, log, bus, queueInfo, limits });
  outbox.register('web', web);
  const app = await buildServer({ log, metrics, store, bus });
  web.routes(app);
  const closeConsoles = await registerAgentApi(app, { store, bus, clock, log, control, ...handoff, publicUrl: config.publicUrl, vault });
  await registerAdminApi(app, { store, log, sessions: handoff.sessions, content: contentService, runtime: content, publicUrl: config.publicUrl });
  const closeAdmin = await registerAdminConsole(app, { sessions: handoff.sessions, log, clock, content: runtimeContent(content), publicUrl: config.publicUrl });
  const channels = createChannels(config);
  for (const channel of channels) {
    await channel.register({ app, engine, store, bus, clock, log, config, queueInfo });
    outbox.register(channel.name, channel);
  }
  bus.subscribe((e, origin) => {
    if (origin !== 'local' || e.type !== 'typing' || e.from !== 'agent') return;
    void store.getConversation(e.conversationId).then((c) => c && channels.find((ch) => ch.name === c.channel)?.typing?.(c));
  });
  // Crash recovery before accepting messages: replies stored but unsent first, then the turns of
  // messages stored (acknowledged) but never processed, queued ahead of any new message.
  const recovered = await outbox.recover();
  if (recovered) log.info({ recovered }, 'delivered replies stored before the last stop');
  await recoverInbox({ store, engine, clock, log });
  await app.listen({ port: config.port, host: config.host });
  for (const channel of channels) await channel.start?.();
  const stopRetention = startRetention({ store, clock, log, retentionDays: config.privacy.retentionDays });
  scheduler.start();
  const url = `http://${config.host}:${listeningPort(app)}`;
  return {
    url,
    config,
    store,
    control,
    bus,
    handoff,
    scheduler,
    content,
    contentService,
    idle: async () => {
      await engine.idle();
      await afterHours.settled();
    },
    close: async () => {
      await scheduler.stop();
      stopRetention();
      afterHours.stop();
      await handoff.stop();
      closeConsoles();
      await closeAdmin();
      for (const channel of channels) await channel.stop();
      web.close();
      await app.close();
      await engine.idle();
      await handoff.queue.settled();
      await handoff.presence.settled();
      outbox.close();
      await content.close();
      await bus.close();
      await store.close();
    },
  };
}

interface BusParts {
  bus: Bus;
  lease?: ConversationLease;
  limits: RateLimits;
}

/** The Redis bus, conversation lease and rate limits when `REDIS_URL` is set; in process otherwise. */
async function createBus(config: Config, log: Logger): Promise<BusParts> {
  if (!config.redisUrl) return { bus: new InProcessBus((err) => log.error({ err: err instanceof Error ? err.message : String(err) }, 'bus handler failed')), limits: memoryRateLimits };
  // Loaded here, not at the top: the Redis client costs memory that a single instance without REDIS_URL never needs.
  const { RedisBus } = await import('./bus/redis-bus');
  const bus = new RedisBus({ url: config.redisUrl, channel: `${config.redisPrefix}:bus`, log: log.child({ module: 'bus' }) });
  await bus.start();
  return {
    bus,
    lease: new RedisLease({ client: bus.commands, prefix: `${config.redisPrefix}:lease:`, log: log.child({ module: 'lease' }) }),
    limits: redisRateLimits(bus.commands, config.redisPrefix),
  };
}

/** The secret that signs web chat resume tokens, created once per data directory. */
function loadSecret(dataDir: string): Buffer {
  return loadKeyFile(dataDir, 'secret.key', 'open web chats will start new conversations');
}

function listeningPort(app: FastifyInstance): number {
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function withOverrides(config: Config, o: StartOptions): Config {
  return {
    ...config,
    dataDir: o.dataDir ? path.resolve(o.dataDir) : config.dataDir,
    port: o.port ?? config.port,
    host: o.host ?? config.host,
    logLevel: o.logLevel ?? config.logLevel,
    dialogsDir: o.dialogsDir ? path.resolve(o.dialogsDir) : config.dialogsDir,
    intentsDir: o.intentsDir ? path.resolve(o.intentsDir) : config.intentsDir,
  };
}
