/**
 * The engine: inbox -> (gate -> understand -> dialog) -> commit -> outbox.
 *
 * The inbox serialises work per conversation, drops platform retries, and stores the inbound
 * message durably before the channel may acknowledge it. The commit stores everything the turn
 * changed in one transaction; only then are replies sent.
 */
import { timeOrderedId } from '../ids';
import type { Clock } from '../clock';
import { isConcordError, VersionConflictError } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Conversation, ConversationEvent, ConversationStore, StoredMessage } from '../store/port';
import { detectLanguage } from '../understanding/language';
import type { Understanding } from '../understanding/types';
import type { ModelAssist } from '../understanding/model-assist';
import type { DialogRuntime } from '../dialogs/runtime';
import type { ScriptRegistry, ScriptVersions } from '../dialogs/registry';
import type { Bus } from '../bus/bus';
import type { RateLimits } from '../rate-limits';
import { escalationTriggers } from '../handoff/triggers';
import { AccountLinker, type Sender } from '../identity/link-codes';
import { linkAccount } from '../identity/link-stage';
import { senderAnnotations, storedSender } from '../identity/sender';
import type { ConversationLease } from './conversation-lease';
import { KeyedQueue } from './keyed-queue';
import { QueueReminders } from './queue-reminders';
import type { InboundMessage } from './messages';
import { Outbox } from './outbox';
import { compose } from './pipeline';
import { dialog, gate, understand, unsupportedContent } from './stages';
import { queueWithdrawal } from '../handoff/withdrawal';
import { applyTransition } from './status';
import { withQueueTimers } from '../scheduler/sla';
import { TurnContext } from './turn-context';
import { dropClosingQuestion, GREETING, HANDOFF_MESSAGE, inReplyTo, SAFE_REPLY } from './replies';

const MAX_CONFLICT_RETRIES = 3;

/** What the inbox tells the channel once the message is durably stored. */
export interface Accepted {
  conversationId: string;
  messageId: string;
  /** The stored message's place in its conversation. */
  seq: number;
  duplicate: boolean;
}

export interface EngineDeps {
  store: ConversationStore;
  understanding: Understanding;
  runtime: DialogRuntime;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  outbox: Outbox;
  bus: Bus;
  scripts: () => ScriptRegistry;
  /** Older script versions, for conversations that started on them (escalation thresholds). */
  versions?: ScriptVersions;
  /** Cross-instance lease per conversation (Redis); absent: this process orders turns alone. */
  lease?: ConversationLease;
  /** Arms the queue SLA timer when a turn sends the chat to the queue (`QUEUE_SLA_SECONDS`); absent: none. */
  queueSlaMs?: number;
  /** Where rate limits live (link-code attempts); in memory when absent. */
  limits?: RateLimits;
  /** The optional language model for unsure turns (`OPENAI_API_KEY`). */
  assist?: ModelAssist;
}

/** Who opened a chat without writing yet (Bot Framework `conversationUpdate`). */
export type Opening = Pick<InboundMessage, 'channel' | 'channelUserId' | 'channelKey' | 'localeHint'>;

/** Runs every customer turn: stores it, serialises it per conversation, runs the stages, commits, then sends. */
export class Engine {
  private readonly queue = new KeyedQueue();
  private readonly reminders = new QueueReminders();
  private readonly pipeline: (ctx: TurnContext) => Promise<void>;

  constructor(private readonly deps: EngineDeps) {
    this.pipeline = compose([gate, understand(deps.understanding, deps.assist), unsupportedContent, linkAccount(new AccountLinker(deps.store, deps.limits)), queueWithdrawal, dialog(deps.runtime), escalationTriggers(deps.scripts, deps.store, deps.versions)]);
  }

  /**
   * Receives one customer message. `onStored` runs as soon as it is durable (the channel acks
   * then); the turn is processed afterwards, one at a time per conversation.
   */
  receive(inbound: InboundMessage, onStored?: (accepted: Accepted) => void): Promise<Accepted> {
    return this.serialised(`${inbound.channel}:${inbound.channelKey}`, () => this.turn(inbound, onStored));
  }

  /** One at a time per channel key: in this process (queue) and across instances (Redis lease). */
  private serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
    const { lease } = this.deps;
    return this.queue.run(key, () => (lease ? lease.hold(key, task) : task()));
  }

  /** Stores one inbound message and, unless it was already handled, processes it. */
  private async turn(inbound: InboundMessage, onStored?: (accepted: Accepted) => void): Promise<Accepted> {
    const { conversation, message, duplicate, found } = await this.store(inbound);
    const accepted = { conversationId: conversation.id, messageId: message.id, seq: message.seq, duplicate };
    onStored?.(accepted);
    if (duplicate) this.deps.metrics.duplicatesDropped.inc({ channel: inbound.channel });
    else this.deps.metrics.messagesReceived.inc({ channel: inbound.channel });
    if (!(duplicate && message.annotations?.processed)) await this.process(conversation.id, message, inbound, found ? conversation : undefined);
    return accepted;
  }

  /**
   * Greets a customer who opened a chat: starts the conversation and stores the greeting as a bot
   * message (then delivers it), unless the open conversation already has messages, so a
   * redelivered "member added" greets once. Serialised with the customer's messages (across
   * instances too, with Redis).
   */
  greet(opening: Opening): Promise<{ conversationId: string; greeted: boolean }> {
    return this.serialised(`${opening.channel}:${opening.channelKey}`, async () => {
      const { store, clock } = this.deps;
      const now = clock.now();
      const open = await store.findOpenConversation(opening.channel, opening.channelKey);
      if (open && (await store.listMessages(open.id, { limit: 1 })).length) return { conversationId: open.id, greeted: false };
      const conversation = open ?? (await this.startConversation(opening, now));
      const ctx = new TurnContext(conversation, { id: timeOrderedId(now), conversationId: conversation.id, seq: 0, direction: 'in', author: 'system', text: '', createdAt: now }, now, store);
      ctx.reply(GREETING[conversation.language]);
      const saved = await store.saveTurn({ conversation: { ...conversation, updatedAt: now }, expectedVersion: conversation.version, outbound: ctx.outbound });
      await this.deps.outbox.deliver(saved.conversation, saved.outbound);
      for (const message of saved.outbound) this.deps.bus.publish({ type: 'message', conversation: saved.conversation, message });
      return { conversationId: conversation.id, greeted: true };
    });
  }

  /**
   * Runs the turn of a customer message stored before a crash but never processed (see
   * `inbox-recovery.ts`), serialised with live turns like `receive`. Re-reads both under the
   * lease: a message processed meanwhile (by another instance) is skipped; one in a conversation
   * no longer with the bot is only marked processed (agents see it in the history).
   */
  recoverTurn(conversation: Conversation, message: StoredMessage): Promise<'processed' | 'marked' | 'skipped'> {
    return this.serialised(`${conversation.channel}:${conversation.channelKey}`, async () => {
      const { store, clock } = this.deps;
      const [current, stored] = await Promise.all([store.getConversation(conversation.id), store.getMessage(message.id)]);
      if (!current || !stored || stored.annotations?.processed) return 'skipped';
      if (current.status !== 'bot') {
        const annotate = [{ messageId: message.id, annotations: { processed: true, recovered: 'not_with_bot' } }];
        await store.saveTurn({ conversation: { ...current, updatedAt: clock.now() }, expectedVersion: current.version, annotate });
        return 'marked';
      }
      const recovered = { ...stored, text: message.text };
      await this.process(current.id, recovered, await storedSender(store, current, recovered), current);
      return 'processed';
    });
  }

  /** Waits until every queued turn has finished (shutdown, tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** `found`: the conversation was read from the store (not just created), so the turn may reuse it. */
  private async store(inbound: InboundMessage): Promise<{ conversation: Conversation; message: StoredMessage; duplicate: boolean; found: boolean }> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const open = await store.findOpenConversation(inbound.channel, inbound.channelKey);
    const conversation = open ?? (await this.startConversation(inbound, now));
    const result = await store.appendInbound({
      id: timeOrderedId(now),
      conversationId: conversation.id,
      direction: 'in',
      author: 'customer',
      channelMessageId: inbound.channelMessageId,
      text: inbound.text,
      value: inbound.value ?? null,
      annotations: annotationsOf(inbound),
      createdAt: now,
    });
    return { conversation, message: result.message, duplicate: result.duplicate, found: open !== null };
  }

  private async startConversation(inbound: Opening & Pick<InboundMessage, 'conversationId'>, now: number): Promise<Conversation> {
    const { store } = this.deps;
    const customer = await store.resolveCustomer(inbound.channel, inbound.channelUserId, now);
    const previous = await store.findLatestConversation(inbound.channel, inbound.channelKey);
    const conversation: Conversation = {
      id: previous || !inbound.conversationId ? timeOrderedId(now) : inbound.conversationId,
      customerId: customer.id,
      channel: inbound.channel,
      channelKey: inbound.channelKey,
      status: 'bot',
      language: previous?.language ?? customer.language ?? inbound.localeHint ?? 'en',
      state: {},
      emotionTrajectory: [],
      assignedAgentId: null,
      previousConversationId: previous?.id ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      lastMessageAt: now,
    };
    await store.createConversation(conversation);
    return conversation;
  }

  /**
   * Runs the pipeline for one stored message and commits it; retries on a version conflict.
   * `loaded` (the conversation the inbox just read) saves the first attempt a read: storing the
   * inbound message does not change it, and if anything else did, the commit's version check
   * fails and the retry reads it afresh.
   */
  private async process(conversationId: string, message: StoredMessage, sender?: Sender, loaded?: Conversation): Promise<void> {
    const { metrics, log } = this.deps;
    const end = metrics.turnSeconds.startTimer();
    for (let attempt = 1; ; attempt++) {
      const conversation = attempt === 1 && loaded ? loaded : await this.deps.store.getConversation(conversationId);
      if (!conversation) return;
      const ctx = new TurnContext(conversation, message, this.deps.clock.now(), this.deps.store);
      if (sender) ctx.sender = { channel: sender.channel, channelUserId: sender.channelUserId };
      try {
        await this.pipeline(ctx);
        await this.commit(ctx);
        metrics.turns.inc({ outcome: 'ok' });
        break;
      } catch (err) {
        if (err instanceof VersionConflictError && attempt < MAX_CONFLICT_RETRIES) continue;
        const code = isConcordError(err) ? err.code : 'internal';
        metrics.errors.inc({ code });
        metrics.turns.inc({ outcome: 'error' });
        log.error({ code, conversationId, messageId: message.id, err: err instanceof Error ? err.message : String(err) }, 'turn failed; sending the safe reply');
        await this.safeReply(conversationId, message);
        break;
      }
    }
    end();
  }

  private async commit(ctx: TurnContext): Promise<void> {
    let conversation: Conversation = {
      ...ctx.conversation,
      language: ctx.analysis.language,
      state: (ctx.dialogState ?? ctx.conversation.state) as unknown as Record<string, unknown>,
      emotionTrajectory: ctx.trajectory.points,
      lastMessageAt: ctx.now,
      updatedAt: ctx.now,
    };
    const events = [...ctx.events];
    const reasons = [...ctx.escalations, ...ctx.triggerEscalations];
    if (reasons.length && conversation.status === 'bot' && !ctx.closeRequested) {
      if (ctx.triggerEscalations.length && !ctx.escalations.length) this.announceHandoff(ctx);
      const t = applyTransition(conversation, 'escalate', { actor: 'bot', reason: reasons.join(', '), at: ctx.now, data: { reasons } });
      conversation = t.conversation;
      events.push(t.event);
    }
    if (ctx.withdrawRequested && conversation.status === 'queued') {
      const t = applyTransition(conversation, 'returnToBot', { actor: 'customer', reason: 'customer_withdrew', at: ctx.now });
      // The story that led to the queue is over for now: the next message starts afresh.
      const state = { ...(conversation.state as Record<string, unknown>), stack: [] };
      conversation = { ...t.conversation, assignedAgentId: null, state };
      events.push(t.event);
    }
    if (ctx.closeRequested && conversation.status !== 'closed') {
      const t = applyTransition(conversation, 'close', { actor: 'bot', reason: 'customer said goodbye', at: ctx.now });
      conversation = t.conversation;
      events.push(t.event);
    }
    const saved = await this.deps.store.saveTurn(withQueueTimers({
      conversation,
      expectedVersion: ctx.conversation.version,
      events,
      outbound: inReplyTo(ctx),
      annotate: [{ messageId: ctx.message.id, annotations: { processed: true, analysis: ctx.analysis } }],
      ticketsCreated: ctx.ticketsCreated,
      ticketsUpdated: ctx.ticketsUpdated,
      surveys: ctx.surveys,
      timers: ctx.timers,
    }, ctx.conversation, ctx.now, this.deps.queueSlaMs));
    await this.deps.outbox.deliver(saved.conversation, saved.outbound);
    this.publish(ctx, saved.conversation, saved.outbound, events);
  }

  /** Tells agents and side effects what this turn did: messages (with understanding) and status changes. */
  private publish(ctx: TurnContext, conversation: Conversation, outbound: StoredMessage[], events: ConversationEvent[]): void {
    const { bus } = this.deps;
    bus.publish({ type: 'message', conversation, message: { ...ctx.message, annotations: { ...ctx.message.annotations, analysis: ctx.analysis } }, analysis: ctx.analysis });
    for (const message of outbound) bus.publish({ type: 'message', conversation, message });
    for (const event of events.filter((e) => e.type === 'transition')) bus.publish({ type: 'status', conversation, event });
    const output = this.deps.outbox.output(conversation.channel);
    if (conversation.status !== ctx.conversation.status) {
      output?.status?.(conversation);
      if (conversation.status === 'queued') this.reminders.told(conversation.id, ctx.now);
      else this.reminders.forget(conversation.id);
    } else if (conversation.status === 'queued' && ctx.message.direction === 'in' && this.reminders.due(conversation.id, ctx.now)) {
      output?.status?.(conversation, 'reminder');
    }
  }

  /** The rules (not the script) decided a person should take over: say so, and drop stale buttons. */
  private announceHandoff(ctx: TurnContext): void {
    for (const m of ctx.outbound) m.quickReplies = null;
    dropClosingQuestion(ctx.outbound);
    ctx.reply(HANDOFF_MESSAGE[ctx.language]);
  }

  /** Whatever went wrong, the customer hears back and the message is kept. */
  private async safeReply(conversationId: string, message: StoredMessage): Promise<void> {
    try {
      const conversation = await this.deps.store.getConversation(conversationId);
      if (!conversation) return;
      const ctx = new TurnContext(conversation, message, this.deps.clock.now(), this.deps.store);
      // In the language of the message itself: the turn may have failed before it was detected.
      ctx.reply(SAFE_REPLY[detectLanguage(message.text, conversation.language)]);
      ctx.event('turn_failed', { messageId: message.id }, 'system');
      const saved = await this.deps.store.saveTurn({
        conversation: { ...conversation, updatedAt: ctx.now },
        expectedVersion: conversation.version,
        events: ctx.events,
        outbound: inReplyTo(ctx),
        annotate: [{ messageId: message.id, annotations: { processed: true, failed: true } }],
      });
      await this.deps.outbox.deliver(saved.conversation, saved.outbound);
    } catch (err) {
      this.deps.log.fatal({ conversationId, err: err instanceof Error ? err.message : String(err) }, 'could not store the safe reply');
    }
  }
}

/** What an inbound message is stored with besides its text: attachments, and the sender of a link command (for recovery). */
function annotationsOf(inbound: InboundMessage): Record<string, unknown> | null {
  const annotations = { ...(inbound.attachments?.length ? { attachments: inbound.attachments } : {}), ...senderAnnotations(inbound) };
  return Object.keys(annotations).length ? annotations : null;
}
