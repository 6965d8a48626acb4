/**
 * `IdentityLinks` on SQLite: table `link_codes` (by hash) and the identity merge, each write one
 * statement group in the store's group-commit queue, so it is atomic and durable on resolve.
 */
import type Database from 'better-sqlite3';
import type { ChannelName } from '../../engine/messages';
import { NotFoundError } from '../../errors';
import type { Customer, CustomerIdentity } from '../port';
import type { ConsumedLinkCode, IdentityLinks, LinkCode } from '../port-links';
import { type CustomerRow, rowToCustomer } from './rows';
import type { Write } from './write-queue';

interface LinkCodeRow {
  code_hash: string;
  customer_id: string;
  created_at: number;
  expires_at: number;
  used_by: string | null;
}

interface IdentityRow {
  channel: ChannelName;
  channel_user_id: string;
  customer_id: string;
  created_at: number;
}

function prepare(db: Database.Database) {
  return {
    dropStale: db.prepare<[string, string, number]>('DELETE FROM link_codes WHERE customer_id = ? OR (code_hash = ? AND (used_at IS NOT NULL OR expires_at <= ?))'),
    insertCode: db.prepare<[string, string, number, number]>('INSERT OR IGNORE INTO link_codes (code_hash, customer_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    consume: db.prepare<[number, string, string, number], LinkCodeRow>(
      'UPDATE link_codes SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING code_hash, customer_id, created_at, expires_at, used_by'),
    usedBy: db.prepare<[string, string], LinkCodeRow>('SELECT code_hash, customer_id, created_at, expires_at, used_by FROM link_codes WHERE code_hash = ? AND used_by = ?'),
    getCustomer: db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?'),
    identityOwner: db.prepare<[string, string], string>('SELECT customer_id FROM identities WHERE channel = ? AND channel_user_id = ?').pluck(),
    insertIdentity: db.prepare<[string, string, string, number]>('INSERT INTO identities (channel, channel_user_id, customer_id, created_at) VALUES (?, ?, ?, ?)'),
    moveIdentities: db.prepare<[string, string]>('UPDATE identities SET customer_id = ? WHERE customer_id = ?'),
    moveConversations: db.prepare<[string, string]>('UPDATE conversations SET customer_id = ? WHERE customer_id = ?'),
    moveTickets: db.prepare<[string, string]>('UPDATE tickets SET customer_id = ? WHERE customer_id = ?'),
    moveSurveys: db.prepare<[string, string]>('UPDATE surveys SET customer_id = ? WHERE customer_id = ?'),
    mergeProfile: db.prepare<{ into: string; from: string }>(`UPDATE customers SET
      display_name = COALESCE(display_name, (SELECT display_name FROM customers WHERE id = @from)),
      language = COALESCE(language, (SELECT language FROM customers WHERE id = @from)),
      vip = CASE WHEN (SELECT vip FROM customers WHERE id = @from) = 1 THEN 1 ELSE vip END
      WHERE id = @into`),
    deleteCustomer: db.prepare<[string]>('DELETE FROM customers WHERE id = ?'),
    listIdentities: db.prepare<[string], IdentityRow>('SELECT * FROM identities WHERE customer_id = ? ORDER BY created_at, channel, channel_user_id'),
  };
}

/** The SQLite implementation of {@link IdentityLinks}; created by `SqliteStore.init()`. */
export class SqliteLinkRecords implements IdentityLinks {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database.Database, private readonly write: Write) {
    this.s = prepare(db);
  }

  async createLinkCode(code: LinkCode): Promise<boolean> {
    return this.write(() => {
      this.s.dropStale.run(code.customerId, code.codeHash, code.createdAt);
      return this.s.insertCode.run(code.codeHash, code.customerId, code.createdAt, code.expiresAt).changes === 1;
    });
  }

  async consumeLinkCode(codeHash: string, now: number, usedBy: string): Promise<ConsumedLinkCode | null> {
    return this.write(() => {
      const fresh = this.s.consume.get(now, usedBy, codeHash, now);
      const row = fresh ?? this.s.usedBy.get(codeHash, usedBy);
      return row ? { codeHash: row.code_hash, customerId: row.customer_id, createdAt: row.created_at, expiresAt: row.expires_at, repeated: !fresh } : null;
    });
  }

  async linkIdentity(channel: ChannelName, channelUserId: string, customerId: string, now: number): Promise<Customer> {
    return this.write(() => {
      if (!this.s.getCustomer.get(customerId)) throw new NotFoundError('customer', customerId);
      const owner = this.s.identityOwner.get(channel, channelUserId);
      if (owner === undefined) this.s.insertIdentity.run(channel, channelUserId, customerId, now);
      else if (owner !== customerId) this.merge(owner, customerId);
      const row = this.s.getCustomer.get(customerId);
      if (!row) throw new NotFoundError('customer', customerId);
      return rowToCustomer(row);
    });
  }

  /** Moves everything of customer `from` to `into` and deletes `from` (inside the caller's transaction). */
  private merge(from: string, into: string): void {
    for (const move of [this.s.moveIdentities, this.s.moveConversations, this.s.moveTickets, this.s.moveSurveys]) move.run(into, from);
    this.s.mergeProfile.run({ into, from });
    this.s.deleteCustomer.run(from);
  }

  async listIdentities(customerId: string): Promise<CustomerIdentity[]> {
    return this.s.listIdentities.all(customerId).map((r) => ({ channel: r.channel, channelUserId: r.channel_user_id, customerId: r.customer_id, createdAt: r.created_at }));
  }
}
