/**
 * Linking a customer's identities across channels with a one-time code: "link" on one channel
 * issues a 6-digit code (valid 10 minutes, single use, stored only as a hash); "link 123456" on
 * another channel joins that identity (and everything of its customer) to the code's customer.
 * Attempts are rate-limited per identity and overall (across instances with Redis, see
 * `src/rate-limits.ts`); codes never reach a log.
 */
import { createHash, randomInt } from 'node:crypto';
import { memoryRateLimits, type RateLimit, type RateLimits } from '../rate-limits';
import type { ChannelName } from '../engine/messages';
import type { ConversationStore } from '../store/port';

/** How long a code works. */
export const LINK_CODE_TTL_MS = 10 * 60 * 1000;
/** Attempts (issuing or redeeming) one identity may make per window. */
export const LINK_ATTEMPTS = { points: 5, windowSeconds: 15 * 60, globalRedeemsPerMinute: 120 };

/** "link" / "关联账号" (issue a code) or "link 123456" / "关联账号 123456" (use one). */
const COMMAND = /^\s*(?:link(?:\s+(?:my\s+)?accounts?)?|关联(?:账号|帐号|账户)?|绑定(?:账号|帐号|账户)|账号关联)\s*[:：]?\s*(\d{1,12})?\s*[.!。！]?\s*$/i;

/** The parsed command, or null when the text is something else. */
export function parseLinkCommand(text: string): { code?: string } | null {
  const m = COMMAND.exec(text.normalize('NFKC'));
  if (!m) return null;
  return m[1] ? { code: m[1] } : {};
}

/** The stored form of a code. The salt keeps it from matching other SHA-256 tables. */
export function hashLinkCode(code: string): string {
  return createHash('sha256').update(`concord-link-code:${code}`).digest('hex');
}

/** A fresh code: six digits, leading zeros kept. */
export function newLinkCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export interface Sender {
  channel: ChannelName;
  channelUserId: string;
}

export type IssueResult = { ok: true; code: string } | { ok: false; reason: 'rate_limited' | 'unavailable' };
/** `mergedFrom` is null when a retried turn redeems again a code it had already used. */
export type RedeemResult = { ok: true; customerId: string; mergedFrom: string | null } | { ok: false; reason: 'rate_limited' | 'invalid' | 'same_customer' };

/** Issues and redeems link codes against the store. One per process; limits from `limits`. */
export class AccountLinker {
  private readonly perIdentity: RateLimit;
  private readonly global: RateLimit;

  constructor(private readonly store: ConversationStore, limits: RateLimits = memoryRateLimits) {
    this.perIdentity = limits({ name: 'link_identity', points: LINK_ATTEMPTS.points, durationSeconds: LINK_ATTEMPTS.windowSeconds });
    this.global = limits({ name: 'link_redeem_all', points: LINK_ATTEMPTS.globalRedeemsPerMinute, durationSeconds: 60 });
  }

  /** A new code for `customerId` (earlier codes of the customer stop working). */
  async issue(sender: Sender, customerId: string, now: number): Promise<IssueResult> {
    if (!(await this.allow(`issue:${sender.channel}:${sender.channelUserId}`))) return { ok: false, reason: 'rate_limited' };
    for (let i = 0; i < 5; i++) {
      const code = newLinkCode();
      if (await this.store.createLinkCode({ codeHash: hashLinkCode(code), customerId, createdAt: now, expiresAt: now + LINK_CODE_TTL_MS })) return { ok: true, code };
    }
    return { ok: false, reason: 'unavailable' };
  }

  /** Uses `code`: the sender's identity (and its customer's history) joins the code's customer. */
  async redeem(sender: Sender, currentCustomerId: string, code: string, now: number): Promise<RedeemResult> {
    const allowed = (await this.allow(`redeem:${sender.channel}:${sender.channelUserId}`)) && (await this.allow('redeem:all', this.global));
    if (!allowed) return { ok: false, reason: 'rate_limited' };
    if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
    const found = await this.store.consumeLinkCode(hashLinkCode(code), now, `${sender.channel}:${sender.channelUserId}`);
    if (!found) return { ok: false, reason: 'invalid' };
    // A retry (the turn ran again after a crash) finishes the link it may not have finished.
    if (found.customerId === currentCustomerId && !found.repeated) return { ok: false, reason: 'same_customer' };
    await this.store.linkIdentity(sender.channel, sender.channelUserId, found.customerId, now);
    return { ok: true, customerId: found.customerId, mergedFrom: found.customerId === currentCustomerId ? null : currentCustomerId };
  }

  private async allow(key: string, limiter: RateLimit = this.perIdentity): Promise<boolean> {
    try {
      await limiter.consume(key);
      return true;
    } catch {
      return false;
    }
  }
}
