/**
 * `IdentityLinks` on MongoDB: collection `link_codes` (`_id` = code hash) and the identity merge,
 * which runs in one transaction on a replica set (on a standalone server a crash halfway can
 * leave part of a merge done; running it again finishes it).
 */
import type { ClientSession, Collection, Db, MongoClient } from 'mongodb';
import type { ChannelName } from '../../engine/messages';
import { NotFoundError } from '../../errors';
import type { Customer, CustomerIdentity } from '../port';
import type { ConsumedLinkCode, IdentityLinks, LinkCode } from '../port-links';
import { atomically, type Collections, isDuplicateKey } from './collections';
import { type CustomerDoc, docToCustomer, identityKey } from './documents';

interface LinkCodeDoc {
  _id: string;
  customerId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedBy?: string;
  /** For the TTL index (indexes.ts): a day after expiry, long enough for a retried turn to find its use. */
  expireAt: Date;
}

const KEEP_USED_CODES_MS = 24 * 60 * 60 * 1000;

/** The MongoDB implementation of {@link IdentityLinks}. */
export class MongoLinkRecords implements IdentityLinks {
  private readonly codes: Collection<LinkCodeDoc>;

  constructor(db: Db, private readonly client: MongoClient, private readonly c: Collections, private readonly transactional: () => boolean) {
    this.codes = db.collection('link_codes');
  }

  async createLinkCode(code: LinkCode): Promise<boolean> {
    const stale = { $or: [{ usedAt: { $ne: null } }, { expiresAt: { $lte: code.createdAt } }] };
    await this.codes.deleteMany({ $or: [{ customerId: code.customerId }, { _id: code.codeHash, ...stale }] });
    try {
      await this.codes.insertOne({ _id: code.codeHash, customerId: code.customerId, createdAt: code.createdAt, expiresAt: code.expiresAt, usedAt: null, expireAt: new Date(code.expiresAt + KEEP_USED_CODES_MS) });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async consumeLinkCode(codeHash: string, now: number, usedBy: string): Promise<ConsumedLinkCode | null> {
    const fresh = await this.codes.findOneAndUpdate({ _id: codeHash, usedAt: null, expiresAt: { $gt: now } }, { $set: { usedAt: now, usedBy } }, { returnDocument: 'after' });
    const doc = fresh ?? (await this.codes.findOne({ _id: codeHash, usedBy }));
    return doc ? { codeHash: doc._id, customerId: doc.customerId, createdAt: doc.createdAt, expiresAt: doc.expiresAt, repeated: !fresh } : null;
  }

  async linkIdentity(channel: ChannelName, channelUserId: string, customerId: string, now: number): Promise<Customer> {
    return atomically(this.client, this.transactional(), async (session) => {
      const target = await this.c.customers.findOne({ _id: customerId }, { session });
      if (!target) throw new NotFoundError('customer', customerId);
      const _id = identityKey(channel, channelUserId);
      const identity = await this.c.identities.findOne({ _id }, { session });
      if (!identity) await this.c.identities.insertOne({ _id, channel, channelUserId, customerId, createdAt: now }, { session });
      else if (identity.customerId !== customerId) return docToCustomer(await this.merge(identity.customerId, target, session));
      return docToCustomer(target);
    });
  }

  /** Moves everything of customer `from` to `into` and deletes `from`; returns the merged profile. */
  private async merge(from: string, into: CustomerDoc, session: ClientSession | undefined): Promise<CustomerDoc> {
    const move = { $set: { customerId: into._id } };
    await this.c.identities.updateMany({ customerId: from }, move, { session });
    await this.c.conversations.updateMany({ customerId: from }, move, { session });
    await this.c.tickets.updateMany({ customerId: from }, move, { session });
    await this.c.surveys.updateMany({ customerId: from }, move, { session });
    const old = await this.c.customers.findOne({ _id: from }, { session });
    const merged: CustomerDoc = {
      ...into,
      displayName: into.displayName ?? old?.displayName ?? null,
      language: into.language ?? old?.language ?? null,
      vip: old?.vip === true ? true : into.vip ?? null,
    };
    await this.c.customers.updateOne({ _id: into._id }, { $set: { displayName: merged.displayName, language: merged.language, vip: merged.vip } }, { session });
    await this.c.customers.deleteOne({ _id: from }, { session });
    return merged;
  }

  async listIdentities(customerId: string): Promise<CustomerIdentity[]> {
    const docs = await this.c.identities.find({ customerId }).sort({ createdAt: 1, channel: 1, channelUserId: 1 }).toArray();
    return docs.map((d) => ({ channel: d.channel, channelUserId: d.channelUserId, customerId: d.customerId, createdAt: d.createdAt }));
  }
}
