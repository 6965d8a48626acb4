/**
 * Delivers stored outbound messages through their channel, recording success or failure. A reply
 * is always stored (by the turn's commit) before it is sent; undelivered ones stay in the store's
 * outbox and are retried with backoff, and again after a restart.
 */
import type { ChannelName } from './messages';
import type { Conversation, ConversationStore, StoredMessage } from '../store/port';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { NoticeKind } from '../channels/status-text';
import type { Metrics } from '../metrics';

/** What a channel adapter offers the engine for output. */
export interface ChannelOutput {
  /**
   * Sends one stored message to the customer. Resolves `true` when delivered, `false` when the
   * customer cannot be reached right now in a way that is not an error (a web visitor with the
   * tab closed: they get it with the history). Throws on failures worth retrying.
   */
  deliver(conversation: Conversation, message: StoredMessage): Promise<boolean>;
  /**
   * Tells the customer the conversation's status changed (queued, agent, closed ...), or with
   * `reminder`, that they are still queued and where they stand (they wrote while waiting).
   */
  status?(conversation: Conversation, kind?: NoticeKind): void;
  /** Shows the customer that an agent is typing. */
  typing?(conversation: Conversation): void;
}

const BACKOFF_MS = [500, 2_000, 8_000, 30_000, 120_000];

export class Outbox {
  private readonly outputs = new Map<ChannelName, ChannelOutput>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: ConversationStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    /** The text to send for a stored message (the original of a reply masked at rest); as stored when absent. */
    private readonly textToSend: (message: StoredMessage) => string = (m) => m.text,
  ) {}

  register(channel: ChannelName, output: ChannelOutput): void {
    this.outputs.set(channel, output);
  }

  output(channel: ChannelName): ChannelOutput | undefined {
    return this.outputs.get(channel);
  }

  /**
   * Delivers messages in order; a failure schedules a retry of that message and the rest. The
   * delivered ones are recorded together afterwards (one group commit, not one per message, and
   * the next reply does not wait for the previous one's record).
   */
  async deliver(conversation: Conversation, messages: StoredMessage[]): Promise<void> {
    const output = this.outputs.get(conversation.channel);
    if (!output) return;
    const delivered: StoredMessage[] = [];
    for (let i = 0; i < messages.length; i++) {
      const result = await this.attempt(output, conversation, messages[i]);
      if (result === 'delivered') delivered.push(messages[i]);
      else if (result !== 'unreachable') {
        this.retryLater(conversation, messages.slice(i), messages[i].deliveryAttempts ?? 1, result.retryAfterMs);
        break;
      }
    }
    await this.recordDelivered(conversation, delivered);
  }

  /** One delivery attempt: delivered, unreachable for now (not an error), or when to retry. */
  private async attempt(output: ChannelOutput, conversation: Conversation, message: StoredMessage): Promise<'delivered' | 'unreachable' | { retryAfterMs?: number }> {
    try {
      return (await output.deliver(conversation, { ...message, text: this.textToSend(message) })) ? 'delivered' : 'unreachable';
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.metrics.deliveryFailures.inc({ channel: conversation.channel });
      this.log.warn({ conversationId: conversation.id, messageId: message.id, err: reason }, 'delivery failed; will retry');
      await this.store.recordDeliveryFailure(message.id, reason.slice(0, 500), this.clock.now()).catch(() => undefined);
      message.deliveryAttempts = (message.deliveryAttempts ?? 0) + 1;
      const retryAfterMs = (err as { retryAfterMs?: unknown }).retryAfterMs;
      return { retryAfterMs: typeof retryAfterMs === 'number' ? retryAfterMs : undefined };
    }
  }

  /** Records deliveries; a message that reached the customer is not sent again if this fails. */
  private async recordDelivered(conversation: Conversation, delivered: StoredMessage[]): Promise<void> {
    if (!delivered.length) return;
    const now = this.clock.now();
    const results = await Promise.allSettled(delivered.map((m) => this.store.markDelivered(m.id, now)));
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        this.log.warn({ conversationId: conversation.id, messageId: delivered[i].id, err: r.reason instanceof Error ? r.reason.message : String(r.reason) }, 'delivered, but the delivery could not be recorded');
      }
    });
    this.metrics.replies.inc({ channel: conversation.channel }, delivered.length);
  }

  /** Retries after the platform's `retry_after`, else with growing backoff; gives up after 5 attempts. */
  private retryLater(conversation: Conversation, messages: StoredMessage[], attempt: number, retryAfterMs?: number): void {
    if (this.closed || attempt > BACKOFF_MS.length) {
      this.log.error({ conversationId: conversation.id, messageId: messages[0]?.id, attempts: attempt }, 'delivery abandoned; the reply stays in the outbox');
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(conversation, messages);
    }, retryAfterMs ?? BACKOFF_MS[attempt - 1]);
    timer.unref();
    this.timers.add(timer);
  }

  /**
   * Delivers what was stored but not sent before the last stop (a crash between commit and
   * send). Web replies are left to the history a returning browser receives.
   */
  async recover(limit = 1000): Promise<number> {
    const pending = await this.store.listUndelivered(limit);
    const byConversation = new Map<string, StoredMessage[]>();
    for (const m of pending) byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
    let sent = 0;
    for (const [id, messages] of byConversation) {
      const conversation = await this.store.getConversation(id);
      if (!conversation || conversation.channel === 'web' || !this.outputs.has(conversation.channel)) continue;
      await this.deliver(conversation, messages);
      sent += messages.length;
    }
    return sent;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
