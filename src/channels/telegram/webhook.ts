/**
 * The Telegram webhook route: `POST /channels/telegram/webhook`. The secret header is checked
 * (constant time) before the body is even parsed; a bad body is a 400 with a clear message; a
 * good update is answered 200 only once it is durably stored (a 500 makes Telegram redeliver).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../logger';
import { telegramUpdate, type TelegramUpdate } from './updates';

export const TELEGRAM_WEBHOOK_PATH = '/channels/telegram/webhook';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Compares secrets in constant time (hashing first, so lengths do not leak either). */
export function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export interface WebhookOptions {
  secret: string;
  log: Logger;
  /** Resolves once the update is stored (or needs nothing stored); rejects when storing failed. */
  handle(update: TelegramUpdate): Promise<void>;
}

/** Registers the webhook route on `app`. */
export function registerWebhook(app: FastifyInstance, options: WebhookOptions): void {
  const { secret, log } = options;
  app.post(TELEGRAM_WEBHOOK_PATH, {
    onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
      if (secretMatches(req.headers[SECRET_HEADER], secret)) return;
      log.warn({ channel: 'telegram' }, 'telegram webhook refused: missing or wrong secret token');
      return reply.code(401).send({ error: 'unauthorized', message: 'missing or wrong X-Telegram-Bot-Api-Secret-Token' });
    },
    errorHandler: (err: FastifyError, _req, reply) => {
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
      log.warn({ channel: 'telegram', code: err.code, status }, 'telegram webhook request rejected');
      return reply.code(status).send({ error: status === 500 ? 'internal' : 'invalid_request', message: status === 500 ? 'internal error' : err.message });
    },
  }, async (req, reply) => {
    const parsed = telegramUpdate.safeParse(req.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).slice(0, 5);
      log.warn({ channel: 'telegram', problems }, 'malformed telegram update');
      return reply.code(400).send({ error: 'invalid_update', message: `not a Telegram update: ${problems.join('; ')}` });
    }
    try {
      await options.handle(parsed.data);
    } catch (err) {
      log.error({ channel: 'telegram', updateId: parsed.data.update_id, err: err instanceof Error ? err.message : String(err) }, 'telegram update could not be stored; Telegram will redeliver it');
      return reply.code(500).send({ error: 'store_unavailable', message: 'the update could not be stored; retry later' });
    }
    return reply.code(200).send({ ok: true });
  });
}
