/**
 * When each queued customer last heard where they stand. A customer who writes while waiting
 * for a colleague gets their place in line again (the channel's `status(..., 'reminder')`), at
 * most once per interval: the escalation notice itself counts, so "hello? anyone there?" right
 * after it gets nothing more, and ten impatient messages get one reminder, not ten.
 *
 * Per instance and in memory: with several instances a customer whose messages land on both may
 * hear it once from each per interval. Bounded: the oldest entries go first.
 */
export const REMINDER_INTERVAL_MS = 2 * 60_000;
const MAX_ENTRIES = 10_000;

export class QueueReminders {
  private readonly last = new Map<string, number>();

  constructor(private readonly intervalMs = REMINDER_INTERVAL_MS, private readonly maxEntries = MAX_ENTRIES) {}

  /** The customer was just told where they stand (the notice of their escalation). */
  told(conversationId: string, now: number): void {
    this.last.delete(conversationId);
    this.last.set(conversationId, now);
    if (this.last.size > this.maxEntries) this.last.delete(this.last.keys().next().value as string);
  }

  /** Whether to remind now; when it says yes, the reminder counts as told. */
  due(conversationId: string, now: number): boolean {
    const at = this.last.get(conversationId);
    if (at !== undefined && now - at < this.intervalMs) return false;
    this.told(conversationId, now);
    return true;
  }

  /** The conversation left the queue. */
  forget(conversationId: string): void {
    this.last.delete(conversationId);
  }
}
