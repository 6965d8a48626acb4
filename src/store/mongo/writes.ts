/**
 * The multi-document writes of the MongoDB store. Each takes the session of the surrounding
 * transaction (or none on a standalone server, where they run in this order: version check
 * first, so a conflicting turn still writes nothing).
 */
import { randomUUID } from 'node:crypto';
import type { ClientSession } from 'mongodb';
import type { ChannelName } from '../../engine/messages';
import { AtCapacityError, ConcordError, NotFoundError, VersionConflictError } from '../../errors';
import { canonicalConversation, canonicalMessage } from '../canonical';
import type { AppendInboundResult, Conversation, Customer, StoredMessage, Ticket, TurnCommit } from '../port';
import { type Collections, isDuplicateKey } from './collections';
import {
  conversationChanges,
  docToCustomer,
  docToMessage,
  eventToDoc,
  identityKey,
  messageToDoc,
  surveyToDoc,
  ticketToDoc,
} from './documents';

type Session = ClientSession | undefined;

/**
 * Optimistically updates the conversation (version + 1) and reserves `seqCount` message numbers
 * with `$inc` on `lastSeq`; returns the new `lastSeq`.
 */
export async function bumpConversation(
  c: Collections,
  conv: Conversation,
  expectedVersion: number,
  seqCount: number,
  session: Session,
): Promise<number> {
  const updated = await c.conversations.findOneAndUpdate(
    { _id: conv.id, version: expectedVersion },
    { $set: conversationChanges(conv), $inc: { version: 1, lastSeq: seqCount } },
    { session, returnDocument: 'after', projection: { lastSeq: 1 } },
  );
  if (updated) return updated.lastSeq;
  const exists = await c.conversations.countDocuments({ _id: conv.id }, { session, limit: 1 });
  if (exists === 0) throw new NotFoundError('conversation', conv.id);
  throw new VersionConflictError('conversation', conv.id, expectedVersion);
}

/** Stores an inbound message with the next seq, or returns the copy stored under its channel id. */
export async function appendInboundDocs(
  c: Collections,
  message: Omit<StoredMessage, 'seq'>,
  session: Session,
): Promise<AppendInboundResult> {
  const channelMessageId = message.channelMessageId ?? null;
  if (channelMessageId !== null) {
    const existing = await c.messages.findOne({ conversationId: message.conversationId, channelMessageId }, { session });
    if (existing) return { message: docToMessage(existing), duplicate: true };
  }
  const conv = await c.conversations.findOneAndUpdate(
    { _id: message.conversationId },
    { $inc: { lastSeq: 1 } },
    { session, returnDocument: 'after', projection: { lastSeq: 1 } },
  );
  if (!conv) throw new NotFoundError('conversation', message.conversationId);
  const stored = canonicalMessage(message, conv.lastSeq);
  await c.messages.insertOne(messageToDoc(stored), { session });
  return { message: stored, duplicate: false };
}

/** Applies every part of one turn through `session`. */
export async function saveTurnDocs(c: Collections, commit: TurnCommit, session: Session) {
  if (commit.capacity) await requireCapacityDocs(c, commit.conversation.id, commit.capacity, session);
  const outbound = commit.outbound ?? [];
  const lastSeq = await bumpConversation(c, commit.conversation, commit.expectedVersion, outbound.length, session);
  const firstSeq = lastSeq - outbound.length + 1;
  const stored = outbound.map((m, i) => canonicalMessage(m, firstSeq + i));
  const events = commit.events ?? [];
  if (events.length > 0) await c.events.insertMany(events.map(eventToDoc), { session });
  if (stored.length > 0) await c.messages.insertMany(stored.map(messageToDoc), { session });
  for (const { messageId, annotations } of commit.annotate ?? []) {
    const merge = { $mergeObjects: [{ $ifNull: ['$annotations', {}] }, { $literal: annotations }] };
    const processed = annotations.processed === true ? [{ $unset: 'inboxAt' }] : [];
    const result = await c.messages.updateOne({ _id: messageId }, [{ $set: { annotations: merge } }, ...processed], { session });
    if (result.matchedCount === 0) throw new NotFoundError('message', messageId);
  }
  const created = commit.ticketsCreated ?? [];
  if (created.length > 0) await insertTickets(c, created, session);
  for (const ticket of commit.ticketsUpdated ?? []) {
    const result = await c.tickets.replaceOne({ _id: ticket.ref }, ticketToDoc(ticket), { session });
    if (result.matchedCount === 0) throw new NotFoundError('ticket', ticket.ref);
  }
  const surveys = commit.surveys ?? [];
  if (surveys.length > 0) {
    // Keyed by id: an answer saved again (a comment added to the score) replaces the stored one, keeping its time.
    const ops = surveys.map(surveyToDoc).map(({ _id, at, ...rest }) => ({ updateOne: { filter: { _id }, update: { $set: rest, $setOnInsert: { at } }, upsert: true } }));
    await c.surveys.bulkWrite(ops, { session, ordered: true });
  }
  return { conversation: canonicalConversation(commit.conversation, commit.expectedVersion + 1), outbound: stored };
}

/**
 * `at_capacity` when the agent owns `maxChats` other conversations. Counting alone is not enough
 * under snapshot isolation (two transactions would each count the other's claim as absent), so the
 * claim first writes the agent's `agent_claims` document: of two concurrent claims for one agent,
 * one fails with a write conflict, and `withTransaction` retries it after the other committed, when
 * its count includes that claim. Without transactions (a standalone server) the check is not atomic.
 */
async function requireCapacityDocs(c: Collections, conversationId: string, { agentId, maxChats }: { agentId: string; maxChats: number }, session: Session): Promise<void> {
  await c.agentClaims.updateOne({ _id: agentId }, { $inc: { claims: 1 } }, { upsert: true, session });
  const load = await c.conversations.countDocuments({ assignedAgentId: agentId, status: 'agent', _id: { $ne: conversationId } }, { session });
  if (load >= maxChats) throw new AtCapacityError(agentId, load, maxChats);
}

async function insertTickets(c: Collections, tickets: Ticket[], session: Session): Promise<void> {
  try {
    await c.tickets.insertMany(tickets.map(ticketToDoc), { session });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    throw new ConcordError('ticket_ref_taken', `a ticket ref in ${tickets.map((t) => t.ref).join(', ')} already exists; generate another and retry`);
  }
}

/**
 * Returns the customer behind an identity, creating both on first sight. The candidate customer
 * is inserted first and the identity upserted with `$setOnInsert`; the loser of a race deletes
 * its unused candidate and reads the winner's customer.
 */
export async function resolveCustomerDocs(c: Collections, channel: ChannelName, channelUserId: string, now: number): Promise<Customer> {
  const _id = identityKey(channel, channelUserId);
  const known = await c.identities.findOne({ _id });
  if (known) return requireCustomer(c, known.customerId);
  const candidate = randomUUID();
  await c.customers.insertOne({ _id: candidate, createdAt: now });
  const identity = await upsertIdentity(c, _id, { channel, channelUserId, customerId: candidate, createdAt: now });
  if (identity !== candidate) await c.customers.deleteOne({ _id: candidate });
  return requireCustomer(c, identity);
}

async function upsertIdentity(
  c: Collections,
  _id: string,
  fields: { channel: ChannelName; channelUserId: string; customerId: string; createdAt: number },
): Promise<string> {
  try {
    const doc = await c.identities.findOneAndUpdate({ _id }, { $setOnInsert: fields }, { upsert: true, returnDocument: 'after' });
    if (doc) return doc.customerId;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const winner = await c.identities.findOne({ _id });
  if (!winner) throw new NotFoundError('identity', _id);
  return winner.customerId;
}

async function requireCustomer(c: Collections, id: string): Promise<Customer> {
  const doc = await c.customers.findOne({ _id: id });
  if (!doc) throw new NotFoundError('customer', id);
  return docToCustomer(doc);
}
