/**
 * The multi-statement writes of the SQLite store. Each function runs inside one `IMMEDIATE`
 * transaction opened by the caller, so a thrown error (version conflict, unknown id, duplicate
 * key) rolls every statement of the call back.
 */
import { timeOrderedId } from '../../ids';
import type { ChannelName } from '../../engine/messages';
import { AtCapacityError, ConcordError, NotFoundError, VersionConflictError } from '../../errors';
import { canonicalConversation, canonicalMessage } from '../canonical';
import { mergeAnnotationsJson } from '../list-options';
import type { AppendInboundResult, Conversation, Customer, StoredMessage, Ticket, TurnCommit } from '../port';
import { conversationParams, eventParams, messageParams, surveyParams, ticketParams } from './params';
import { rowToCustomer, rowToMessage } from './rows';
import type { Statements } from './statements';

/** What `saveTurn` hands back. */
export interface SavedTurn {
  conversation: Conversation;
  outbound: StoredMessage[];
}

/**
 * Creates the customer and its identity unless the identity exists, then returns the customer
 * the identity points at. `INSERT OR IGNORE` makes the loser of a race read the winner's row.
 */
export function resolveCustomerTx(s: Statements, channel: ChannelName, channelUserId: string, now: number): Customer {
  const id = timeOrderedId(now);
  if (s.insertIdentity.run(channel, channelUserId, id, now).changes === 1) s.insertCustomer.run(id, now);
  const row = s.findIdentityCustomer.get(channel, channelUserId);
  if (!row) throw new ConcordError('store_corrupt', `identity ${channel}/${channelUserId} points at no customer`);
  return rowToCustomer(row);
}

/**
 * Optimistically writes the conversation (version + 1) and reserves `seqCount` message numbers.
 * Returns the new `last_seq`; throws `NotFoundError` or `VersionConflictError`.
 */
export function updateConversationTx(s: Statements, c: Conversation, expectedVersion: number, seqCount: number): number {
  const params = { ...conversationParams(c), expectedVersion, seqIncrement: seqCount };
  const lastSeq = s.updateConversationSameStatus.get(params) ?? s.updateConversation.get(params);
  if (lastSeq !== undefined) return lastSeq;
  if (s.getConversationVersion.get(c.id) === undefined) throw new NotFoundError('conversation', c.id);
  throw new VersionConflictError('conversation', c.id, expectedVersion);
}

/** Stores an inbound message with the next seq, or returns the copy already stored under its channel id. */
export function appendInboundTx(s: Statements, message: Omit<StoredMessage, 'seq'>): AppendInboundResult {
  const channelMessageId = message.channelMessageId ?? null;
  if (channelMessageId !== null) {
    const existing = s.findByChannelMessageId.get(message.conversationId, channelMessageId);
    if (existing) return { message: rowToMessage(existing), duplicate: true };
  }
  const seq = s.nextSeq.get(message.conversationId);
  if (seq === undefined) throw new NotFoundError('conversation', message.conversationId);
  s.insertMessage.run(messageParams(message, seq));
  return { message: canonicalMessage(message, seq), duplicate: false };
}

/** Applies every part of one turn; the caller's transaction makes it all-or-nothing. */
export function saveTurnTx(s: Statements, commit: TurnCommit): SavedTurn {
  if (commit.capacity) requireCapacityTx(s, commit.conversation.id, commit.capacity);
  const outbound = commit.outbound ?? [];
  const lastSeq = updateConversationTx(s, commit.conversation, commit.expectedVersion, outbound.length);
  for (const event of commit.events ?? []) s.insertEvent.run(eventParams(event));
  const firstSeq = lastSeq - outbound.length + 1;
  const stored = outbound.map((message, i) => {
    s.insertMessage.run(messageParams(message, firstSeq + i));
    return canonicalMessage(message, firstSeq + i);
  });
  for (const { messageId, annotations } of commit.annotate ?? []) annotateTx(s, messageId, annotations);
  for (const ticket of commit.ticketsCreated ?? []) insertTicketTx(s, ticket);
  for (const ticket of commit.ticketsUpdated ?? []) updateTicketTx(s, ticket);
  for (const survey of commit.surveys ?? []) s.insertSurvey.run(surveyParams(survey));
  return { conversation: canonicalConversation(commit.conversation, commit.expectedVersion + 1), outbound: stored };
}

/** `at_capacity` when the agent owns `maxChats` other conversations; inside the write transaction, so no other process claims meanwhile. */
function requireCapacityTx(s: Statements, conversationId: string, { agentId, maxChats }: { agentId: string; maxChats: number }): void {
  const load = s.countAgentLoad.get(agentId, conversationId) ?? 0;
  if (load >= maxChats) throw new AtCapacityError(agentId, load, maxChats);
}

function annotateTx(s: Statements, messageId: string, patch: Record<string, unknown>): void {
  const stored = s.getAnnotations.get(messageId);
  if (stored === undefined) throw new NotFoundError('message', messageId);
  s.setAnnotations.run(mergeAnnotationsJson(stored, patch), messageId);
}

function insertTicketTx(s: Statements, ticket: Ticket): void {
  try {
    s.insertTicket.run(ticketParams(ticket));
  } catch (err) {
    if (isConstraintError(err)) {
      throw new ConcordError('ticket_ref_taken', `ticket ${ticket.ref} already exists; generate another reference and retry`);
    }
    throw err;
  }
}

function updateTicketTx(s: Statements, ticket: Ticket): void {
  if (s.updateTicket.run(ticketParams(ticket)).changes === 0) throw new NotFoundError('ticket', ticket.ref);
}

/** True for SQLite UNIQUE / PRIMARY KEY violations. */
export function isConstraintError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}
