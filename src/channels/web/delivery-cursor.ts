/**
 * Replies reach each web chat socket in stored order, also when they come from several instances
 * (this instance's outbox at once, another instance's through the bus a moment later). The store
 * is the truth and the bus only the doorbell: each socket remembers the last seq it was sent; a
 * reply after a gap first sends the missing replies read from the store, and a reply already sent
 * that way is skipped when its own event arrives.
 */
import type { StoredMessage } from '../../store/port';

export type LoadAfter = (conversationId: string, afterSeq: number) => Promise<StoredMessage[]>;

export class DeliveryCursor {
  private conversationId: string | null = null;
  private last = 0;
  /** Seqs of the customer's own messages sent through this socket (no reply is missing there). */
  private readonly inbound = new Set<number>();

  /** The history sent on connect ends at `seq`. */
  reset(conversationId: string, seq: number): void {
    this.conversationId = conversationId;
    this.last = seq;
    this.inbound.clear();
  }

  /** The customer's message stored through this socket. */
  noteInbound(conversationId: string, seq: number): void {
    if (conversationId !== this.conversationId) this.reset(conversationId, 0);
    if (seq > this.last) this.inbound.add(seq);
  }

  /** What to send for `message`, in order: nothing when already sent, else missing replies, then it. */
  async plan(message: StoredMessage, load: LoadAfter): Promise<StoredMessage[]> {
    if (message.conversationId !== this.conversationId) this.reset(message.conversationId, 0);
    if (message.seq <= this.last) return [];
    const missing = this.hasGap(message.seq) ? (await load(message.conversationId, this.last)).filter((m) => m.direction === 'out' && m.seq > this.last && m.seq < message.seq) : [];
    this.last = message.seq;
    for (const s of this.inbound) if (s <= this.last) this.inbound.delete(s);
    return [...missing, message];
  }

  private hasGap(seq: number): boolean {
    for (let s = this.last + 1; s < seq; s++) if (!this.inbound.has(s)) return true;
    return false;
  }
}
