/**
 * `PrivacyRecords` on MongoDB. The collections that hold a customer's data are listed once
 * below; a feature that adds a collection keyed by conversation or customer adds it to the
 * list, and erasure and retention then cover it. Erasure runs in one transaction on a replica
 * set (on a standalone server a crash halfway leaves part of it done; running it again finishes
 * it). Retention uses the same sweep as SQLite rather than TTL indexes: a TTL index expires
 * documents one by one and cannot delete a conversation together with its messages and tickets.
 */
import type { ClientSession, Db, MongoClient } from 'mongodb';
import type { ChannelName } from '../../engine/messages';
import { NotFoundError } from '../../errors';
import type { Customer } from '../port';
import type { DeletionCounts, PrivacyRecords } from '../port-privacy';
import { atomically, type Collections } from './collections';
import { docToCustomer, identityKey } from './documents';

/** Collections with a `conversationId` field: deleted with their conversation. Extend when adding one. */
export const CONVERSATION_COLLECTIONS = ['messages', 'events', 'tickets', 'surveys', 'notes', 'timers'] as const;
/** Collections with a `customerId` field besides conversations: deleted on erasure. Extend when adding one. */
export const CUSTOMER_COLLECTIONS = ['tickets', 'surveys', 'identities', 'link_codes'] as const;

const DEFAULT_SWEEP_LIMIT = 500;

/** The MongoDB implementation of {@link PrivacyRecords}. */
export class MongoPrivacyRecords implements PrivacyRecords {
  constructor(private readonly db: Db, private readonly client: MongoClient, private readonly c: Collections, private readonly transactional: () => boolean) {}

  async eraseCustomer(customerId: string, _at: number): Promise<DeletionCounts> {
    return atomically(this.client, this.transactional(), async (session) => {
      if (!(await this.c.customers.findOne({ _id: customerId }, { session }))) throw new NotFoundError('customer', customerId);
      const ids = (await this.c.conversations.find({ customerId }, { session, projection: { _id: 1 } }).toArray()).map((d) => d._id);
      const counts = await this.deleteConversations(ids, session);
      for (const name of CUSTOMER_COLLECTIONS) add(counts, name, (await this.db.collection(name).deleteMany({ customerId }, { session })).deletedCount);
      add(counts, 'customers', (await this.c.customers.deleteOne({ _id: customerId }, { session })).deletedCount);
      return counts;
    });
  }

  async findCustomerByIdentity(channel: ChannelName, channelUserId: string): Promise<Customer | null> {
    const identity = await this.c.identities.findOne({ _id: identityKey(channel, channelUserId) });
    const doc = identity ? await this.c.customers.findOne({ _id: identity.customerId }) : null;
    return doc ? docToCustomer(doc) : null;
  }

  async deleteConversationsBefore(cutoff: number, limit = DEFAULT_SWEEP_LIMIT): Promise<DeletionCounts> {
    const filter = { updatedAt: { $lt: cutoff }, lastMessageAt: { $lt: cutoff } };
    return atomically(this.client, this.transactional(), async (session) => {
      const ids = (await this.c.conversations.find(filter, { session, projection: { _id: 1 }, limit: Math.max(1, limit) }).toArray()).map((d) => d._id);
      return this.deleteConversations(ids, session);
    });
  }

  private async deleteConversations(ids: string[], session: ClientSession | undefined): Promise<DeletionCounts> {
    const counts: DeletionCounts = { conversations: 0 };
    if (ids.length === 0) return counts;
    for (const name of CONVERSATION_COLLECTIONS) {
      add(counts, name, (await this.db.collection(name).deleteMany({ conversationId: { $in: ids } }, { session })).deletedCount);
    }
    counts.conversations = (await this.c.conversations.deleteMany({ _id: { $in: ids } }, { session })).deletedCount;
    return counts;
  }
}

function add(counts: DeletionCounts, name: string, n: number): void {
  counts[name] = (counts[name] ?? 0) + n;
}
