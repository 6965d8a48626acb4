/**
 * Slack request signing (v0): `X-Slack-Signature` is `v0=` + hex HMAC-SHA256 of
 * `v0:<X-Slack-Request-Timestamp>:<raw body>` keyed with the app's signing secret. Requests older
 * (or newer) than five minutes are refused, so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from our clock. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

/** Why a request was refused (`ok` when it is genuine). */
export type VerifyResult = 'ok' | 'missing_signature' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature';

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string;
}

/** Signs a body the way Slack does (tests and tools use it too). */
export function slackSignature(secret: string, timestampSeconds: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`;
}

/** Checks one request against the signing secret at time `nowMs` (constant-time compare). */
export function verifySlackSignature(secret: string, req: SignedRequest, nowMs: number): VerifyResult {
  if (!req.signature || !req.timestamp) return 'missing_signature';
  if (!/^\d{1,12}$/.test(req.timestamp)) return 'bad_timestamp';
  if (Math.abs(nowMs - Number(req.timestamp) * 1000) > SIGNATURE_WINDOW_MS) return 'stale_timestamp';
  const expected = Buffer.from(slackSignature(secret, req.timestamp, req.rawBody), 'utf8');
  const given = Buffer.from(req.signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad_signature';
}
