/**
 * The web chat channel: WebSocket connections at `/ws` speaking the protocol in
 * docs/web-chat-protocol.md. It maps frames to `InboundMessage`s, acknowledges a message only
 * once the engine has stored it, and renders outbound messages, status and history as frames.
 */
import { timeOrderedId } from '../../ids';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type {} from '@fastify/websocket';
import type { Engine } from '../../engine/engine';
import type { Language } from '../../engine/messages';
import type { ChannelOutput } from '../../engine/outbox';
import type { Logger } from '../../logger';
import type { Clock } from '../../clock';
import type { Conversation, ConversationStore, StoredMessage } from '../../store/port';
import type { Bus, BusEvent } from '../../bus/bus';
import type { QueueInfo } from '../../handoff/queue-info';
import { memoryRateLimits, RateLimiterRes, type RateLimit, type RateLimits } from '../../rate-limits';
import { FrameError, LIMITS, parseClientFrame } from './protocol';
import { TokenSigner, type WebSession } from './tokens';
import { DeliveryCursor } from './delivery-cursor';
import { KeyedQueue } from '../../engine/keyed-queue';

interface Connection {
  socket: WebSocket;
  session: WebSession;
  /** Id the conversation gets if this connection starts one. */
  pendingConversationId: string;
  localeHint?: Language;
  missedPongs: number;
  /** Which replies this socket has been sent (stored order across instances). */
  cursor: DeliveryCursor;
}

export interface WebChannelDeps {
  engine: Engine;
  store: ConversationStore;
  signer: TokenSigner;
  clock: Clock;
  log: Logger;
  bus: Bus;
  /** Queue position and wait for queued conversations (the handoff queue provides it). */
  queueInfo?: QueueInfo;
  /** Where the message rate limit counts (memory, or Redis across instances). */
  limits?: RateLimits;
}

export class WebChannel implements ChannelOutput {
  private readonly byKey = new Map<string, Set<Connection>>();
  private readonly limiter: RateLimit;
  private heartbeat?: NodeJS.Timeout;
  /** Queued conversations of connected customers: conversation id -> session key. */
  private readonly queued = new Map<string, string>();
  private readonly unsubscribe: () => void;
  /** Deliveries one at a time per chat session, so each socket's cursor sees them in turn. */
  private readonly inOrder = new KeyedQueue();

  constructor(private readonly deps: WebChannelDeps) {
    this.limiter = (deps.limits ?? memoryRateLimits)({ name: 'web_messages', points: LIMITS.rateLimitMessages, durationSeconds: LIMITS.rateLimitWindowSeconds });
    this.unsubscribe = deps.bus.subscribe((event, origin) => {
      if (event.type === 'typing' && event.from === 'agent') void this.agentTyping(event.conversationId);
      if (event.type === 'queue') void this.refreshQueued();
      if (event.type === 'erased') this.erased(event.conversations);
      if (origin === 'remote') this.fromOtherInstance(event);
    });
  }

  /** Registers the `/ws` route (the server must have @fastify/websocket registered). */
  routes(app: FastifyInstance): void {
    app.get('/ws', { websocket: true }, (socket, req) => void this.open(socket, req));
    this.heartbeat = setInterval(() => this.beat(), LIMITS.heartbeatMs);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    let n = 0;
    for (const set of this.byKey.values()) n += set.size;
    return n;
  }

  async deliver(conversation: Conversation, message: StoredMessage): Promise<boolean> {
    const conns = this.byKey.get(conversation.channelKey);
    if (!conns?.size) return false;
    const load = (id: string, afterSeq: number) => this.deps.store.listMessages(id, { afterSeq });
    await this.inOrder.run(conversation.channelKey, async () => {
      for (const c of conns) for (const m of await c.cursor.plan(message, load)) c.socket.send(JSON.stringify(messageFrame(m)));
    });
    return true;
  }

  status(conversation: Conversation): void {
    if (conversation.status === 'queued') this.queued.set(conversation.id, conversation.channelKey);
    else this.queued.delete(conversation.id);
    void this.sendStatus(conversation.id, conversation.channelKey, conversation.status);
  }

  /**
   * Another instance stored a reply or changed the status of a conversation whose customer may be
   * connected here (several instances behind a load balancer); its outbox could not reach them.
   */
  private fromOtherInstance(event: BusEvent): void {
    if (event.type === 'status' && event.conversation.channel === 'web') this.status(event.conversation);
    if (event.type !== 'message' || event.message.direction !== 'out' || event.conversation.channel !== 'web') return;
    const { conversation, message } = event;
    void this.deliver(conversation, message).then(async (sent) => {
      if (sent && !message.deliveredAt) await this.deps.store.markDelivered(message.id, this.deps.clock.now());
    }).catch((err: unknown) => this.deps.log.warn({ conversationId: conversation.id, messageId: message.id, err: err instanceof Error ? err.message : String(err) }, 'could not relay a reply from another instance'));
  }

  /** The customer was erased (docs/privacy.md): their chat ends with status `closed` and the socket closes. */
  private erased(conversations: { id: string; channel: string; channelKey: string }[]): void {
    for (const c of conversations.filter((x) => x.channel === 'web')) {
      this.queued.delete(c.id);
      this.broadcast(c.channelKey, { type: 'status', status: 'closed' });
      for (const conn of this.byKey.get(c.channelKey) ?? []) conn.socket.close(1000, 'conversation erased');
    }
  }

  private async sendStatus(conversationId: string, key: string, status: Conversation['status']): Promise<void> {
    const place = status === 'queued' ? await this.deps.queueInfo?.(conversationId).catch(() => null) : null;
    this.broadcast(key, { type: 'status', status, ...(place ? { position: place.position, etaSeconds: place.etaSeconds } : {}) });
  }

  /** Every queued customer connected here gets their new place; asked at once, one queue snapshot answers all. */
  private async refreshQueued(): Promise<void> {
    const connected = [...this.queued].filter(([, key]) => this.byKey.has(key));
    await Promise.all(connected.map(([conversationId, key]) => this.sendStatus(conversationId, key, 'queued')));
  }

  private async agentTyping(conversationId: string): Promise<void> {
    const conversation = await this.deps.store.getConversation(conversationId);
    if (conversation?.channel === 'web') this.broadcast(conversation.channelKey, { type: 'typing', from: 'agent' });
  }

  close(): void {
    this.unsubscribe();
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const set of this.byKey.values()) for (const c of set) c.socket.close(1001, 'server shutting down');
  }

  private async open(socket: WebSocket, req: FastifyRequest): Promise<void> {
    const query = req.query as { token?: string; lang?: string };
    const session = this.deps.signer.verify(query.token) ?? TokenSigner.fresh();
    const conn: Connection = { socket, session, pendingConversationId: timeOrderedId(this.deps.clock.now()), localeHint: asLanguage(query.lang), missedPongs: 0, cursor: new DeliveryCursor() };
    socket.on('message', (data, isBinary) => void this.onFrame(conn, data.toString('utf8'), isBinary));
    socket.on('pong', () => (conn.missedPongs = 0));
    socket.on('close', () => this.detach(conn));
    socket.on('error', (err) => this.deps.log.warn({ err: err.message }, 'web socket error'));
    try {
      // With deliveries to this session: a reply is either in the history or sent after it, never both.
      await this.inOrder.run(session.key, async () => {
        this.attach(conn);
        await this.sendSession(conn);
      });
    } catch (err) {
      this.deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not load the web session');
      this.sendError(conn, new FrameError('store_unavailable', 'the conversation could not be loaded; please reconnect'));
    }
  }

  private async sendSession(conn: Connection): Promise<void> {
    const { store, signer } = this.deps;
    const latest = await store.findLatestConversation('web', conn.session.key);
    const open = latest && latest.status !== 'closed' ? latest : null;
    const language = latest?.language ?? conn.localeHint;
    if (open?.status === 'queued') this.queued.set(open.id, open.channelKey);
    conn.socket.send(JSON.stringify({
      type: 'session',
      conversationId: open?.id ?? conn.pendingConversationId,
      token: signer.issue(conn.session),
      ...(language ? { language } : {}),
      status: open?.status ?? 'bot',
    }));
    if (latest) await this.sendHistory(conn, latest);
    if (open && open.status !== 'bot') await this.sendStatus(open.id, open.channelKey, open.status);
  }

  private async sendHistory(conn: Connection, latest: Conversation): Promise<void> {
    const { store, clock } = this.deps;
    const previous = latest.previousConversationId ? await store.listMessages(latest.previousConversationId, { limit: LIMITS.historyMessages }) : [];
    const current = await store.listMessages(latest.id, { limit: LIMITS.historyMessages });
    const messages = [...previous, ...current].slice(-LIMITS.historyMessages);
    conn.socket.send(JSON.stringify({ type: 'history', messages: messages.map(historyItem) }));
    conn.cursor.reset(latest.id, current.at(-1)?.seq ?? 0);
    for (const m of current) if (m.direction === 'out' && !m.deliveredAt) await store.markDelivered(m.id, clock.now());
  }

  private async onFrame(conn: Connection, raw: string, isBinary: boolean): Promise<void> {
    try {
      if (isBinary) throw new FrameError('binary_not_supported', 'send JSON text frames, not binary frames');
      const frame = parseClientFrame(raw);
      if (frame.type === 'typing') return this.customerTyping(conn);
      await this.consume(conn, frame.id);
      await this.deps.engine.receive(
        {
          channel: 'web',
          channelUserId: conn.session.userId,
          channelKey: conn.session.key,
          channelMessageId: frame.id,
          text: (frame.text ?? '').trim() || frame.value || '',
          value: frame.value,
          receivedAt: this.deps.clock.now(),
          localeHint: conn.localeHint,
          conversationId: conn.pendingConversationId,
        },
        (accepted) => {
          conn.cursor.noteInbound(accepted.conversationId, accepted.seq);
          conn.socket.send(JSON.stringify({ type: 'ack', id: frame.id }));
        },
      );
    } catch (err) {
      if (err instanceof FrameError) return this.sendError(conn, err);
      this.deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'web message could not be stored');
      this.sendError(conn, new FrameError('store_unavailable', 'the message could not be stored; please send it again', idOf(raw)));
    }
  }

  private async customerTyping(conn: Connection): Promise<void> {
    const open = await this.deps.store.findOpenConversation('web', conn.session.key);
    if (open?.status === 'agent') this.deps.bus.publish({ type: 'typing', conversationId: open.id, from: 'customer' });
  }

  /** Counts per browser session (the resume token's key): all its sockets, on every instance. */
  private async consume(conn: Connection, id: string): Promise<void> {
    try {
      await this.limiter.consume(conn.session.key);
    } catch (res) {
      const retryAfterMs = res instanceof RateLimiterRes ? res.msBeforeNext : 1000;
      throw new FrameError('rate_limited', 'too many messages; slow down', id, { retryAfterMs });
    }
  }

  private sendError(conn: Connection, err: FrameError): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    conn.socket.send(JSON.stringify({ type: 'error', code: err.code, message: err.message, ...(err.id ? { id: err.id } : {}), ...err.extra }));
  }

  private broadcast(key: string, frame: object): void {
    const text = JSON.stringify(frame);
    for (const c of this.byKey.get(key) ?? []) c.socket.send(text);
  }

  private attach(conn: Connection): void {
    let set = this.byKey.get(conn.session.key);
    if (!set) this.byKey.set(conn.session.key, (set = new Set()));
    set.add(conn);
  }

  private detach(conn: Connection): void {
    const set = this.byKey.get(conn.session.key);
    set?.delete(conn);
    if (set && !set.size) this.byKey.delete(conn.session.key);
  }

  private beat(): void {
    for (const set of this.byKey.values()) {
      for (const c of set) {
        if (c.missedPongs >= 2) c.socket.terminate();
        else {
          c.missedPongs++;
          c.socket.ping();
        }
      }
    }
  }
}

function messageFrame(m: StoredMessage) {
  return { type: 'message', id: m.id, from: m.author === 'agent' ? 'agent' : 'bot', text: m.text, ...(m.quickReplies?.length ? { quickReplies: m.quickReplies } : {}), at: m.createdAt };
}

function historyItem(m: StoredMessage) {
  const from = m.direction === 'in' ? 'customer' : m.author === 'agent' ? 'agent' : 'bot';
  return { id: m.id, from, text: m.text, ...(m.quickReplies?.length ? { quickReplies: m.quickReplies } : {}), at: m.createdAt, ...(m.channelMessageId ? { clientId: m.channelMessageId } : {}) };
}

function asLanguage(v: string | undefined): Language | undefined {
  const l = v?.toLowerCase();
  return l?.startsWith('zh') ? 'zh' : l?.startsWith('en') ? 'en' : undefined;
}

function idOf(raw: string): string | undefined {
  try {
    const id = (JSON.parse(raw) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
