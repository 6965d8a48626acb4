/**
 * The part of the `ConversationStore` port that serves privacy: erasing a customer, deleting
 * conversations past the retention period, and finding a customer without creating one.
 * Every implementation runs `test/store/contract-privacy.ts`. Contract: docs/privacy.md.
 */
import type { ChannelName } from '../engine/messages';
import type { Customer } from './port';

/** Rows (documents) deleted, per table (collection) name, e.g. `{ messages: 12, tickets: 1 }`. */
export type DeletionCounts = Record<string, number>;

export interface PrivacyRecords {
  /**
   * Deletes the customer and everything of theirs in one transaction: their conversations and
   * those conversations' messages, events, tickets, survey answers, notes (and any other
   * per-conversation data), their identities, link codes, tickets and survey answers, and the
   * customer. Throws `not_found` for an unknown customer. `at` is the time of the erasure.
   */
  eraseCustomer(customerId: string, at: number): Promise<DeletionCounts>;
  /** The customer behind a channel identity, or null (never creates one). */
  findCustomerByIdentity(channel: ChannelName, channelUserId: string): Promise<Customer | null>;
  /**
   * Retention: deletes up to `limit` (default 500) conversations whose `updatedAt` and
   * `lastMessageAt` are both before `cutoff` (closed or idle since then), with their messages,
   * events, tickets, survey answers and notes, in one transaction. Customers stay.
   */
  deleteConversationsBefore(cutoff: number, limit?: number): Promise<DeletionCounts>;
}
