/**
 * What a channel adapter (Slack, Telegram, Bot Framework, ...) gets from the core, and what it
 * offers back. An adapter only translates: platform payload -> `InboundMessage` -> `engine.receive`,
 * and stored `StoredMessage` -> platform API call (as its `ChannelOutput`).
 */
import type { FastifyInstance } from 'fastify';
import type { QueueInfo } from './status-text';
import type { Bus } from '../bus/bus';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Engine } from '../engine/engine';
import type { ChannelName } from '../engine/messages';
import type { ChannelOutput } from '../engine/outbox';
import type { Logger } from '../logger';
import type { ConversationStore } from '../store/port';

export interface ChannelContext {
  app: FastifyInstance;
  engine: Engine;
  store: ConversationStore;
  bus: Bus;
  clock: Clock;
  log: Logger;
  config: Config;
  /** The queued conversation's place in line, for status notices. */
  queueInfo?: QueueInfo;
}

export interface Channel extends ChannelOutput {
  readonly name: ChannelName;
  /** Registers routes (before the server listens) and prepares clients. */
  register(ctx: ChannelContext): Promise<void>;
  /** Starts anything that runs on its own (long polling, Socket Mode), after the server listens. */
  start?(): Promise<void>;
  stop(): Promise<void>;
}

/** Raised by `deliver` when the platform says "slow down": the outbox waits `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number, message = `rate limited; retry after ${retryAfterMs} ms`) {
    super(message);
    this.name = 'RateLimitedError';
  }
}
