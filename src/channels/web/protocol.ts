/**
 * The web chat protocol's frames and limits (contract: docs/web-chat-protocol.md). Client frames
 * are validated here; anything wrong becomes an `error` frame with a stable code.
 */
import { z } from 'zod';

export const LIMITS = {
  /** Largest accepted frame, in bytes. */
  maxFrameBytes: 64 * 1024,
  /** Longest accepted message text, in characters (Unicode code points). */
  maxTextChars: 4000,
  /** Messages per connection per window. */
  rateLimitMessages: 20,
  rateLimitWindowSeconds: 10,
  /** Messages sent in a `history` frame. */
  historyMessages: 200,
  heartbeatMs: 30_000,
} as const;

const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const clientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    id: z.string(),
    text: z.string().optional(),
    value: z.string().max(64).optional(),
  }),
  z.object({ type: z.literal('typing') }),
]);

export type ClientFrame = z.infer<typeof clientFrame>;

export type ErrorCode =
  | 'invalid_json' | 'unknown_type' | 'invalid_frame' | 'invalid_id' | 'message_too_long' | 'empty_message'
  | 'frame_too_large' | 'binary_not_supported' | 'rate_limited' | 'store_unavailable';

export class FrameError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly id?: string, readonly extra?: Record<string, unknown>) {
    super(message);
  }
}

/** Parses and validates one text frame; throws `FrameError` with the code the client gets. */
export function parseClientFrame(raw: string): ClientFrame {
  if (Buffer.byteLength(raw) > LIMITS.maxFrameBytes) throw new FrameError('frame_too_large', `frames are limited to ${LIMITS.maxFrameBytes} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new FrameError('invalid_json', 'the frame is not valid JSON');
  }
  const type = (data as { type?: unknown } | null)?.type;
  if (type !== 'message' && type !== 'typing') throw new FrameError('unknown_type', `unknown frame type ${JSON.stringify(type ?? null)}; expected "message" or "typing"`);
  const parsed = clientFrame.safeParse(data);
  if (!parsed.success) throw new FrameError('invalid_frame', `invalid ${type} frame: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  if (parsed.data.type === 'message') checkMessage(parsed.data);
  return parsed.data;
}

function checkMessage(frame: Extract<ClientFrame, { type: 'message' }>): void {
  if (!clientId.safeParse(frame.id).success) throw new FrameError('invalid_id', 'id must be 1-64 characters of A-Z a-z 0-9 _ -');
  const text = frame.text ?? '';
  if ([...text].length > LIMITS.maxTextChars) throw new FrameError('message_too_long', `messages are limited to ${LIMITS.maxTextChars} characters`, frame.id);
  if (!text.trim() && !frame.value) throw new FrameError('empty_message', 'the message has no text', frame.id);
}
