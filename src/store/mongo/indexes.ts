/**
 * The MongoDB indexes, one per query the store runs. `createIndexes` is idempotent, so `init()`
 * may run on every start and from several instances at once. TTL indexes (`expireAfterSeconds`)
 * drop agent sessions after their absolute expiry and link codes a day after theirs; conversation
 * retention is a sweep instead (privacy-records.ts says why).
 */
import type { Db, IndexDescription } from 'mongodb';

/** Collection name -> the indexes it needs (besides `_id`). */
export const INDEXES: Record<string, IndexDescription[]> = {
  identities: [{ key: { customerId: 1 }, name: 'by_customer' }],
  conversations: [
    { key: { channel: 1, channelKey: 1, status: 1, createdAt: -1 }, name: 'by_channel_key' },
    { key: { customerId: 1, createdAt: -1 }, name: 'by_customer' },
    { key: { status: 1, createdAt: -1 }, name: 'by_status' },
    { key: { assignedAgentId: 1, status: 1, updatedAt: -1 }, name: 'by_agent' },
    { key: { updatedAt: 1 }, name: 'by_updated' },
  ],
  messages: [
    { key: { conversationId: 1, seq: 1 }, name: 'by_seq', unique: true },
    {
      key: { conversationId: 1, channelMessageId: 1 },
      name: 'inbound_dedupe',
      unique: true,
      partialFilterExpression: { channelMessageId: { $type: 'string' } },
    },
    {
      key: { outboxAt: 1, conversationId: 1, seq: 1 },
      name: 'undelivered',
      partialFilterExpression: { outboxAt: { $exists: true } },
    },
    {
      key: { inboxAt: 1, conversationId: 1, seq: 1 },
      name: 'unprocessed_inbound',
      partialFilterExpression: { inboxAt: { $exists: true } },
    },
  ],
  events: [{ key: { conversationId: 1, at: 1, _id: 1 }, name: 'by_conversation' }],
  tickets: [
    { key: { customerId: 1, createdAt: 1 }, name: 'by_customer' },
    { key: { conversationId: 1, createdAt: 1 }, name: 'by_conversation' },
  ],
  surveys: [{ key: { conversationId: 1, at: 1 }, name: 'by_conversation' }, { key: { customerId: 1 }, name: 'by_customer' }],
  link_codes: [{ key: { customerId: 1 }, name: 'by_customer' }, { key: { expireAt: 1 }, name: 'ttl', expireAfterSeconds: 0 }],
  users: [{ key: { email: 1 }, name: 'by_email', unique: true }],
  sessions: [{ key: { userId: 1 }, name: 'by_user' }, { key: { expireAt: 1 }, name: 'ttl', expireAfterSeconds: 0 }],
  notes: [{ key: { conversationId: 1, at: 1 }, name: 'by_conversation' }],
  canned_replies: [{ key: { shortcut: 1 }, name: 'by_shortcut', unique: true }],
  audit: [{ key: { at: -1 }, name: 'by_time' }],
  timers: [
    { key: { status: 1, dueAt: 1 }, name: 'due', partialFilterExpression: { status: 'pending' } },
    { key: { status: 1, claimUntil: 1 }, name: 'leases', partialFilterExpression: { status: 'claimed' } },
    { key: { conversationId: 1, status: 1 }, name: 'by_conversation' },
  ],
  console_leases: [{ key: { agentId: 1, expiresAt: 1 }, name: 'by_agent' }, { key: { expiresAt: 1 }, name: 'by_expiry' }],
  content_versions: [{ key: { kind: 1, name: 1, version: -1 }, name: 'by_item' }],
  content_drafts: [{ key: { kind: 1, name: 1 }, name: 'by_item' }],
};

/** Creates every collection's indexes (and so the collections) if missing. */
export async function ensureIndexes(db: Db): Promise<void> {
  for (const [collection, indexes] of Object.entries(INDEXES)) {
    await db.collection(collection).createIndexes(indexes);
  }
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  if (existing.has('customers')) return;
  try {
    await db.createCollection('customers');
  } catch (err) {
    if ((err as { code?: unknown }).code !== NAMESPACE_EXISTS) throw err;
  }
}

/** Server error code when another instance created the collection first. */
const NAMESPACE_EXISTS = 48;
