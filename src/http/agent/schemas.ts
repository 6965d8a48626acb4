/**
 * zod schemas of every agent API body and query, and the one helper that turns a failed parse
 * into `400 invalid_body` (or `413 message_too_long` for text over the limit).
 */
import { z } from 'zod';
import { ConcordError } from '../../errors';

export const MAX_TEXT = 4000;
const language = z.enum(['en', 'zh']);
const role = z.enum(['agent', 'supervisor', 'admin']);
const tag = z.string().trim().min(1).max(40);

export const loginBody = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) });
export const textBody = z.object({ text: z.string().max(MAX_TEXT, 'text is limited to 4000 characters') });
export const transferBody = z.object({ agentId: z.string().min(1).max(100).optional(), team: tag.optional(), note: z.string().max(MAX_TEXT).optional() });
export const resolveBody = z.object({ note: z.string().max(MAX_TEXT).optional() }).optional();
export const closeBody = z.object({ reason: z.string().max(500).optional() }).optional();
export const presenceBody = z.object({ presence: z.enum(['available', 'away', 'offline']) });
export const cannedBody = z.object({
  shortcut: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'use 1-32 lower-case letters, digits, _ or -'),
  texts: z.object({ en: z.string().min(1).max(MAX_TEXT).optional(), zh: z.string().min(1).max(MAX_TEXT).optional() })
    .refine((t) => t.en !== undefined || t.zh !== undefined, 'give at least one of texts.en and texts.zh'),
});
export const newUserBody = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(12).max(200),
  role,
  languages: z.array(language).min(1).optional(),
  categories: z.array(tag).max(20).optional(),
  teams: z.array(tag).max(20).optional(),
  maxChats: z.number().int().min(0).max(50).optional(),
});
export const userPatchBody = newUserBody.omit({ email: true }).partial().extend({ disabled: z.boolean().optional() });
export const conversationQuery = z.object({ lang: language.optional() });
export const liveQuery = z.object({ status: z.enum(['bot', 'queued', 'agent']).default('bot') });
export const customerQuery = z.object({
  channel: z.enum(['web', 'slack', 'telegram', 'botframework', 'cli', 'test']).optional(),
  channelUserId: z.string().min(1).max(300).optional(),
  ticketRef: z.string().min(1).max(40).optional(),
  customerId: z.string().min(1).max(100).optional(),
});
export const wsFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('typing'), conversationId: z.string().min(1).max(100) }),
  z.object({ type: z.literal('ping') }),
]);

/** Parses `value` or throws a coded error listing every problem. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  if (result.error.issues.some((i) => i.code === 'too_big' && (i.path.at(-1) === 'text' || i.path.at(-1) === 'note'))) {
    throw new ConcordError('message_too_long', `text is limited to ${MAX_TEXT} characters; split it into several messages`);
  }
  throw new ConcordError('invalid_body', issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; '), { issues });
}
