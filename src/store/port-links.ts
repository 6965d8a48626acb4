/**
 * The part of the `ConversationStore` port that links one customer's identities across channels
 * (Slack, Telegram, web chat): one-time link codes, stored only as hashes, and re-pointing an
 * identity at another customer. Every implementation runs `test/store/contract-links.ts`.
 */
import type { ChannelName } from '../engine/messages';
import type { Customer, CustomerIdentity } from './port';

/** A one-time link code, by hash (the code itself is never stored). */
export interface LinkCode {
  /** Hex SHA-256 of the code (see `src/identity/link-codes.ts`). */
  codeHash: string;
  /** The customer who asked for the code; identities that use it join this customer. */
  customerId: string;
  createdAt: number;
  expiresAt: number;
}

/** A link code as `consumeLinkCode` resolves it. */
export interface ConsumedLinkCode extends LinkCode {
  /** The same identity had already used it: this is a retry of that redemption. */
  repeated: boolean;
}

export interface IdentityLinks {
  /**
   * Stores a code. The customer's earlier codes stop working. Resolves `false` (nothing stored)
   * when another customer holds an unused, unexpired code with the same hash: draw another code.
   */
  createLinkCode(code: LinkCode): Promise<boolean>;
  /**
   * Uses a code, once: resolves it when it exists, is unused and expires after `now`, and marks
   * it used by `usedBy` (the redeeming channel identity) in the same atomic step. A code already
   * used by the same `usedBy` resolves again with `repeated: true` (a turn retried after a crash
   * must not call its own redemption invalid). Resolves null otherwise (unknown, expired, or
   * used by someone else).
   */
  consumeLinkCode(codeHash: string, now: number, usedBy: string): Promise<ConsumedLinkCode | null>;
  /**
   * Points the channel identity at `customerId` (creating the identity when new). When it pointed
   * at another customer, that customer is merged into `customerId`: all its identities,
   * conversations, tickets and surveys move, its missing profile fields fill ours, and it is
   * deleted. Atomic. Conversation versions are not bumped (turns never write `customerId`).
   * Throws `not_found` when `customerId` does not exist. Resolves the (merged) customer.
   */
  linkIdentity(channel: ChannelName, channelUserId: string, customerId: string, now: number): Promise<Customer>;
  /** The identities pointing at a customer, oldest first. */
  listIdentities(customerId: string): Promise<CustomerIdentity[]>;
}
