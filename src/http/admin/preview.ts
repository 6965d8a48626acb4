/**
 * Preview chats: the draft runs through the real pipeline (`Engine` + `DialogRuntime`) on a
 * private SQLite store in a temporary directory, with its own bus and outbox, so nothing touches
 * real conversations or metrics. Previews expire after 30 minutes without a message; at most
 * `maxPreviews` exist (the least recently used one is dropped for a new one).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { InProcessBus } from '../../bus/bus';
import type { Clock } from '../../clock';
import { Engine } from '../../engine/engine';
import { Outbox } from '../../engine/outbox';
import type { QuickReply } from '../../engine/messages';
import { ConcordError } from '../../errors';
import type { Logger } from '../../logger';
import { createMetrics } from '../../metrics';
import { createStore } from '../../store';
import type { ConversationStore, StoredMessage } from '../../store/port';
import type { TurnAnalysis } from '../../understanding/types';
import type { AdminContent, ContentKind } from './content';
import { TracingRuntime, type PreviewTrace } from './preview-trace';

export const PREVIEW_IDLE_MS = 30 * 60_000;
export const MAX_PREVIEWS = 20;

export interface PreviewReply {
  text: string;
  quickReplies?: QuickReply[];
}

export interface PreviewTurn {
  replies: PreviewReply[];
  trace: PreviewTrace & { status: string };
}

interface Session {
  id: string;
  engine: Engine;
  outbox: Outbox;
  runtime: TracingRuntime;
  delivered: StoredMessage[];
  lastUsed: number;
  offered: QuickReply[];
}

export interface PreviewOptions {
  content: AdminContent;
  clock: Clock;
  log: Logger;
  idleMs?: number;
  maxPreviews?: number;
}

export class PreviewService {
  private readonly sessions = new Map<string, Session>();
  private readonly metrics = createMetrics();
  private readonly bus = new InProcessBus();
  private store?: Promise<{ store: ConversationStore; dir: string }>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly o: PreviewOptions) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Starts a preview of the draft; throws `invalid` (with diagnostics) when it has errors. */
  async create(kind: ContentKind, name: string, source: string): Promise<string> {
    const content = await this.o.content.draftContent(kind, name, source);
    const { store } = await this.privateStore();
    this.sweep();
    this.makeRoom();
    const scripts = () => content.registry;
    const runtime = new TracingRuntime(scripts);
    const outbox = new Outbox(store, this.o.clock, this.o.log, this.metrics);
    const engine = new Engine({ store, understanding: content.understanding, runtime, clock: this.o.clock, log: this.o.log, metrics: this.metrics, outbox, bus: this.bus, scripts });
    const session: Session = { id: randomUUID(), engine, outbox, runtime, delivered: [], lastUsed: this.o.clock.now(), offered: [] };
    outbox.register('test', { deliver: async (_c, m) => { session.delivered.push(m); return true; } });
    this.sessions.set(session.id, session);
    return session.id;
  }

  /** One customer turn: text, or a quick reply `value` the bot offered. */
  async send(id: string, input: { text?: string; value?: string }): Promise<PreviewTurn> {
    const session = this.sessions.get(id);
    if (!session) throw new ConcordError('not_found', 'this preview has expired or does not exist; start a new one');
    session.lastUsed = this.o.clock.now();
    const pressed = input.value !== undefined ? session.offered.find((q) => q.value === input.value) : undefined;
    if (input.value !== undefined && !pressed) throw new ConcordError('invalid_body', `quick reply "${input.value}" was not offered`);
    const { store } = await this.privateStore();
    session.delivered = [];
    session.runtime.reset();
    const accepted = await session.engine.receive({
      channel: 'test', channelUserId: `preview-${id}`, channelKey: id, channelMessageId: randomUUID(),
      text: pressed ? pressed.label : input.text ?? '', value: pressed?.value, receivedAt: this.o.clock.now(),
    });
    const conversation = await store.getConversation(accepted.conversationId);
    const inbound = (await store.listMessages(accepted.conversationId)).find((m) => m.id === accepted.messageId);
    const replies = session.delivered.map((m) => ({ text: m.text, ...(m.quickReplies?.length ? { quickReplies: m.quickReplies } : {}) }));
    session.offered = replies.at(-1)?.quickReplies ?? [];
    const analysis = inbound?.annotations?.analysis as TurnAnalysis | undefined;
    const frame = (conversation?.state as { stack?: { script: string; step: string }[] } | undefined)?.stack?.at(-1);
    return {
      replies,
      trace: {
        script: frame?.script ?? null,
        step: frame?.step ?? null,
        intent: { name: analysis?.intent.name ?? 'unknown', confidence: analysis?.intent.confidence ?? 0 },
        emotion: { label: analysis?.emotion.label ?? 'neutral', intensity: analysis?.emotion.intensity ?? 0, cues: (analysis?.emotion.cues ?? []).map((c) => c.text) },
        why: session.runtime.last.length ? session.runtime.last : [`the bot did not run the script (conversation status: ${conversation?.status ?? 'unknown'})`],
        status: conversation?.status ?? 'bot',
      },
    };
  }

  /** How many previews are open (tests, metrics). */
  get size(): number {
    return this.sessions.size;
  }

  /** Drops previews idle for longer than the limit. */
  sweep(): void {
    const limit = this.o.idleMs ?? PREVIEW_IDLE_MS;
    for (const s of [...this.sessions.values()]) if (this.o.clock.now() - s.lastUsed > limit) this.drop(s.id);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const id of [...this.sessions.keys()]) this.drop(id);
    const opened = await this.store?.catch(() => undefined);
    if (!opened) return;
    await opened.store.close();
    fs.rmSync(opened.dir, { recursive: true, force: true });
  }

  private makeRoom(): void {
    const max = this.o.maxPreviews ?? MAX_PREVIEWS;
    const byAge = [...this.sessions.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    while (byAge.length >= max) this.drop(byAge.shift()!.id);
  }

  private drop(id: string): void {
    this.sessions.get(id)?.outbox.close();
    this.sessions.delete(id);
  }

  private privateStore(): Promise<{ store: ConversationStore; dir: string }> {
    this.store ??= (async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-preview-'));
      const store = createStore({ kind: 'sqlite', dataDir: dir });
      await store.init();
      return { store, dir };
    })();
    return this.store;
  }
}
