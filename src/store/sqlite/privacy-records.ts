/**
 * `PrivacyRecords` on SQLite. The tables that hold a customer's data are listed once below;
 * a migration that adds a table keyed by conversation or customer adds it to the list, and
 * erasure and retention then cover it. Deletes run with `secure_delete` on (set by the store),
 * and the WAL is checkpointed afterwards, so erased text does not linger in the file.
 */
import type Database from 'better-sqlite3';
import type { ChannelName } from '../../engine/messages';
import { NotFoundError } from '../../errors';
import type { Customer } from '../port';
import type { DeletionCounts, PrivacyRecords } from '../port-privacy';
import { type CustomerRow, rowToCustomer } from './rows';
import type { Write } from './write-queue';

/** Tables with a `conversation_id` column: deleted with their conversation. Extend when adding one. */
export const CONVERSATION_TABLES = ['messages', 'events', 'tickets', 'surveys', 'notes', 'timers'] as const;
/** Tables with a `customer_id` column besides conversations: deleted on erasure. Extend when adding one. */
export const CUSTOMER_TABLES = ['tickets', 'surveys', 'identities', 'link_codes'] as const;

const DEFAULT_SWEEP_LIMIT = 500;

function prepare(db: Database.Database) {
  const byConversation = (table: string) => db.prepare<[string]>(`DELETE FROM ${table} WHERE conversation_id IN (SELECT value FROM json_each(?))`);
  return {
    byConversation: CONVERSATION_TABLES.map((t) => [t, byConversation(t)] as const),
    byCustomer: CUSTOMER_TABLES.map((t) => [t, db.prepare<[string]>(`DELETE FROM ${t} WHERE customer_id = ?`)] as const),
    conversationIds: db.prepare<[string], string>('SELECT id FROM conversations WHERE customer_id = ?').pluck(),
    expiredIds: db.prepare<[number, number, number], string>('SELECT id FROM conversations WHERE updated_at < ? AND last_message_at < ? LIMIT ?').pluck(),
    deleteConversations: db.prepare<[string]>('DELETE FROM conversations WHERE id IN (SELECT value FROM json_each(?))'),
    getCustomer: db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?'),
    deleteCustomer: db.prepare<[string]>('DELETE FROM customers WHERE id = ?'),
    identityCustomer: db.prepare<[string, string], CustomerRow>(
      'SELECT c.* FROM identities i JOIN customers c ON c.id = i.customer_id WHERE i.channel = ? AND i.channel_user_id = ?'),
  };
}

/** The SQLite implementation of {@link PrivacyRecords}; created by `SqliteStore.init()`. */
export class SqlitePrivacyRecords implements PrivacyRecords {
  private readonly s: ReturnType<typeof prepare>;

  constructor(private readonly db: Database.Database, private readonly write: Write) {
    this.s = prepare(db);
  }

  async eraseCustomer(customerId: string, _at: number): Promise<DeletionCounts> {
    const counts = await this.write(() => {
      if (!this.s.getCustomer.get(customerId)) throw new NotFoundError('customer', customerId);
      const counts = this.deleteConversations(this.s.conversationIds.all(customerId));
      for (const [table, stmt] of this.s.byCustomer) add(counts, table, stmt.run(customerId).changes);
      add(counts, 'customers', this.s.deleteCustomer.run(customerId).changes);
      return counts;
    });
    this.checkpoint();
    return counts;
  }

  async findCustomerByIdentity(channel: ChannelName, channelUserId: string): Promise<Customer | null> {
    const row = this.s.identityCustomer.get(channel, channelUserId);
    return row ? rowToCustomer(row) : null;
  }

  async deleteConversationsBefore(cutoff: number, limit = DEFAULT_SWEEP_LIMIT): Promise<DeletionCounts> {
    const counts = await this.write(() => this.deleteConversations(this.s.expiredIds.all(cutoff, cutoff, Math.max(1, limit))));
    if (counts.conversations) this.checkpoint();
    return counts;
  }

  /** Deletes the conversations and every row pointing at them (inside the caller's transaction). */
  private deleteConversations(ids: string[]): DeletionCounts {
    const counts: DeletionCounts = { conversations: 0 };
    if (ids.length === 0) return counts;
    const json = JSON.stringify(ids);
    for (const [table, stmt] of this.s.byConversation) add(counts, table, stmt.run(json).changes);
    counts.conversations = this.s.deleteConversations.run(json).changes;
    return counts;
  }

  /** Copies the WAL into the file and truncates it, so deleted rows leave no copy behind (best effort). */
  private checkpoint(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // another connection is busy; its next checkpoint will do
    }
  }
}

function add(counts: DeletionCounts, table: string, n: number): void {
  counts[table] = (counts[table] ?? 0) + n;
}
