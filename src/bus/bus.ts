/**
 * The bus: publish/subscribe between the parts of Concord (and, with Redis, between instances).
 * Agent consoles subscribe to conversation events; the web channel subscribes to agent typing.
 * Side effects (notifications, routing, metrics) subscribe to status events instead of being
 * called from the code that changes the status.
 */
import { EventEmitter } from 'node:events';
import type { ChannelName } from '../engine/messages';
import type { ContentKind, Conversation, ConversationEvent, StoredMessage } from '../store/port';
import type { TurnAnalysis } from '../understanding/types';

export type BusEvent =
  /** A message was stored: a customer's (with its understanding), the bot's or an agent's. */
  | { type: 'message'; conversation: Conversation; message: StoredMessage; analysis?: TurnAnalysis }
  /** The conversation's status changed through a named transition. */
  | { type: 'status'; conversation: Conversation; event: ConversationEvent }
  /** Someone is typing: the customer (to agents) or an agent (to the customer). */
  | { type: 'typing'; conversationId: string; from: 'customer' | 'agent'; agentId?: string }
  /** An internal note was added (agents only; never reaches the customer). */
  | { type: 'note'; conversationId: string; agentId: string; text: string; at: number; id?: string }
  /** The queue changed (positions, waits); consoles and waiting customers refresh. */
  | { type: 'queue'; at: number }
  /** A customer was erased (docs/privacy.md): channels close the sockets of these conversations. */
  | { type: 'erased'; customerId: string; conversations: { id: string; channel: ChannelName; channelKey: string }[] }
  /** A script or intent file was published: every instance reloads its content from the store. */
  | { type: 'content'; kind: ContentKind; name: string; version: number };

/**
 * Where an event was published: on this instance (`local`) or on another one (`remote`, Redis
 * bus only). Fan-out to this instance's sockets takes both; side effects that must happen once
 * across instances (notices, routing) take only `local` ones.
 */
export type BusOrigin = 'local' | 'remote';

/** A subscriber; `origin` says whether the event came from this instance. */
export type BusHandler = (event: BusEvent, origin: BusOrigin) => void;

/** Publish/subscribe between the parts of Concord and, with Redis, between instances. */
export interface Bus {
  publish(event: BusEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(handler: BusHandler): () => void;
  /** Whether the bus can reach its peers now (`/readyz`); always true in process. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** The default bus: one process. Handlers run synchronously; a throwing handler is isolated. */
export class InProcessBus implements Bus {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onHandlerError: (err: unknown) => void = () => undefined) {
    this.emitter.setMaxListeners(0);
  }

  publish(event: BusEvent): void {
    this.dispatch(event, 'local');
  }

  /** Runs every subscriber now with the given origin (the Redis bus uses it for remote events). */
  dispatch(event: BusEvent, origin: BusOrigin): void {
    for (const handler of this.emitter.listeners('event') as BusHandler[]) {
      try {
        handler(event, origin);
      } catch (err) {
        this.onHandlerError(err);
      }
    }
  }

  subscribe(handler: BusHandler): () => void {
    this.emitter.on('event', handler);
    return () => this.emitter.off('event', handler);
  }

  async ready(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
