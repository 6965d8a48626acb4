/**
 * A fake Telegram Bot API server on 127.0.0.1 for the real `telegraf` client: it records every
 * call, answers getMe/sendMessage (other methods, e.g. answerCallbackQuery, editMessageReplyMarkup, with `true`) and
 * serves queued updates to getUpdates, and can be told to fail the next calls of a method
 * (429 with retry_after, 500). Builders make real-shaped updates.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from './wait';

export const BOT = { id: 7000001, is_bot: true, first_name: 'Concord', username: 'concord_test_bot' };
export const BOT_TOKEN = '7000001:AAFakeTokenForTests_abcdefghijklmnop';

export interface TelegramCall {
  method: string;
  payload: Record<string, any>;
  /** The HTTP status the fake answered with. */
  status: number;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 };

interface SentMessage {
  message_id: number;
  chat: { id: number; type: string };
  text: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

export class FakeTelegram {
  readonly calls: TelegramCall[] = [];
  readonly sent: SentMessage[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly updates: Record<string, unknown>[] = [];
  private nextMessageId = 5000;

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeTelegram> {
    const server = http.createServer();
    const fake = new FakeTelegram(server);
    server.on('request', (req, res) => void fake.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Successful calls of a method. */
  ok(method: string): TelegramCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** The next calls of `method` fail, in order. */
  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** Updates served by getUpdates (polling mode). */
  queueUpdates(...updates: Record<string, unknown>[]): void {
    this.updates.push(...updates);
  }

  async waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
    await waitUntil(check, 'timed out waiting for the fake Telegram', timeoutMs, 20);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const payload = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    if (!match || match[1] !== BOT_TOKEN) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2];
    const failure = this.failures.get(method)?.shift();
    const call: TelegramCall = { method, payload, status: failure?.status ?? 200 };
    this.calls.push(call);
    if (failure?.status === 429) return send(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${failure.retryAfter}`, parameters: { retry_after: failure.retryAfter } });
    if (failure?.status === 500) return send(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    send(res, 200, { ok: true, result: await this.result(method, payload) });
  }

  private async result(method: string, payload: Record<string, any>): Promise<unknown> {
    switch (method) {
      case 'getMe': return BOT;
      case 'sendMessage': return this.recordSent(payload);
      case 'getUpdates': return this.serveUpdates(payload);
      default: return true;
    }
  }

  private recordSent(payload: Record<string, any>): SentMessage & { date: number } {
    const message: SentMessage = { message_id: this.nextMessageId++, chat: { id: Number(payload.chat_id), type: Number(payload.chat_id) < 0 ? 'supergroup' : 'private' }, text: String(payload.text), ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}) };
    this.sent.push(message);
    return { ...message, date: Math.floor(Date.now() / 1000) };
  }

  /** Long polling, shortened: waits up to 200 ms for updates at or after `offset`. */
  private async serveUpdates(payload: Record<string, any>): Promise<unknown[]> {
    const offset = Number(payload.offset ?? 0);
    const end = Date.now() + (payload.timeout ? 200 : 0);
    for (;;) {
      const due = this.updates.filter((u) => Number(u.update_id) >= offset);
      if (due.length || Date.now() >= end) return due.slice(0, Number(payload.limit ?? 100));
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

let nextUpdateId = 810_000_000;
let nextInboundId = 100;

/** A private-chat (or group) text message update from a customer. */
export function textUpdate(o: { chatId: number; userId?: number; text: string; languageCode?: string; chatType?: 'private' | 'supergroup'; entities?: unknown[]; replyToBot?: boolean; updateId?: number }): Record<string, unknown> {
  const from = { id: o.userId ?? o.chatId, is_bot: false, first_name: 'Ada', ...(o.languageCode ? { language_code: o.languageCode } : {}) };
  return {
    update_id: o.updateId ?? nextUpdateId++,
    message: {
      message_id: nextInboundId++,
      from,
      chat: o.chatType === 'supergroup' ? { id: o.chatId, type: 'supergroup', title: 'Support group' } : { id: o.chatId, type: 'private', first_name: 'Ada' },
      date: 1767603600,
      text: o.text,
      ...(o.entities ? { entities: o.entities } : {}),
      ...(o.replyToBot ? { reply_to_message: { message_id: 4999, from: BOT, chat: { id: o.chatId, type: 'supergroup' }, date: 1767603500, text: 'earlier' } } : {}),
    },
  };
}

/** A message with content Concord cannot read (a sticker, a photo ...). */
export function stickerUpdate(o: { chatId: number; languageCode?: string }): Record<string, unknown> {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextInboundId++,
      from: { id: o.chatId, is_bot: false, first_name: 'Ada', ...(o.languageCode ? { language_code: o.languageCode } : {}) },
      chat: { id: o.chatId, type: 'private', first_name: 'Ada' },
      date: 1767603600,
      sticker: { file_id: 'CAACAgIAAxkBAAE', file_unique_id: 'AgADAQAD', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '😡' },
    },
  };
}

/** The customer pressing the inline button with `value` under a message the bot sent. */
export function pressUpdate(message: SentMessage, value: string, o: { userId?: number; languageCode?: string } = {}): Record<string, unknown> {
  const from = { id: o.userId ?? message.chat.id, is_bot: false, first_name: 'Ada', ...(o.languageCode ? { language_code: o.languageCode } : {}) };
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cbq-${nextUpdateId}`,
      from,
      message: { ...message, date: 1767603600, from: BOT },
      chat_instance: '-123456789',
      data: value,
    },
  };
}
