/**
 * The Telegram channel on `telegraf`: updates arrive on the webhook (verified by the secret
 * token) or by long polling (`TELEGRAM_MODE=polling`), are mapped to `InboundMessage`s and
 * stored; replies, status notices and agent typing go out through the Bot API client.
 */
import { Telegraf, type Telegram } from 'telegraf';
import type { Config } from '../../config';
import { ConcordError } from '../../errors';
import type { Logger } from '../../logger';
import type { Conversation, StoredMessage } from '../../store/port';
import type { Channel, ChannelContext } from '../channel';
import { receiveUntilStored } from '../receive';
import { statusNoticeFor, type NoticeKind } from '../status-text';
import { deliveryError, inlineKeyboard } from './render';
import { chatTarget, mapUpdate, needsIdentity, telegramUpdate, type BotIdentity, type TelegramUpdate } from './updates';
import { registerWebhook, TELEGRAM_WEBHOOK_PATH } from './webhook';

type TelegramConfig = NonNullable<Config['telegram']>;

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** The Telegram adapter; enabled when `TELEGRAM_BOT_TOKEN` is set. */
export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  private readonly bot: Telegraf;
  private ctx?: ChannelContext;
  private identityCall?: Promise<BotIdentity>;
  private polling?: Promise<void>;

  constructor(private readonly options: TelegramConfig, private readonly publicUrl?: string) {
    this.bot = new Telegraf(options.botToken, { telegram: { apiRoot: options.apiRoot } });
    this.bot.catch((err) => this.log.error({ channel: 'telegram', err: err instanceof Error ? err.message : String(err) }, 'telegram update failed'));
  }

  private get log(): Logger {
    if (!this.ctx) throw new ConcordError('channel_not_registered', 'the Telegram channel was used before register()');
    return this.ctx.log;
  }

  private get telegram(): Telegram {
    return this.bot.telegram;
  }

  async register(ctx: ChannelContext): Promise<void> {
    this.ctx = { ...ctx, log: ctx.log.child({ channel: 'telegram' }) };
    if (this.options.mode === 'polling') return;
    if (!this.options.webhookSecret) throw new ConcordError('telegram_secret_missing', 'TELEGRAM_WEBHOOK_SECRET is required in webhook mode (or set TELEGRAM_MODE=polling)');
    registerWebhook(ctx.app, { secret: this.options.webhookSecret, log: this.log, handle: (u) => this.handle(u) });
  }

  /** Polling mode: starts telegraf's long polling. Webhook mode: sets the webhook when PUBLIC_URL is known. */
  async start(): Promise<void> {
    if (this.options.mode === 'webhook') return this.setWebhook();
    this.bot.use(async (tctx) => this.fromPolling(tctx.update));
    this.bot.botInfo = await this.telegram.getMe();
    this.polling = this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((err: unknown) => {
      this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'telegram long polling stopped with an error (is another instance polling, or the token wrong?)');
    });
    this.log.info('telegram long polling started');
  }

  async stop(): Promise<void> {
    if (!this.polling) return;
    for (let i = 0; i < 100; i++) {
      try {
        this.bot.stop('concord stopping');
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 20)); // launch() has not reached polling yet
      }
    }
    await this.polling;
    this.polling = undefined;
  }

  async deliver(conversation: Conversation, message: StoredMessage): Promise<boolean> {
    const { chatId, threadId } = chatTarget(conversation.channelKey);
    const keyboard = inlineKeyboard(message.quickReplies, (value) => this.log.warn({ messageId: message.id, bytes: Buffer.byteLength(value) }, 'quick reply value too long for Telegram; button left out'));
    try {
      await this.telegram.sendMessage(chatId, message.text, { message_thread_id: threadId, ...(keyboard ? { reply_markup: keyboard } : {}) });
    } catch (err) {
      throw deliveryError('sendMessage', err);
    }
    return true;
  }

  status(conversation: Conversation, kind?: NoticeKind): void {
    const { chatId, threadId } = chatTarget(conversation.channelKey);
    void statusNoticeFor(conversation, this.ctx?.queueInfo, kind)
      .then((notice) => (notice ? this.telegram.sendMessage(chatId, notice, { message_thread_id: threadId }) : undefined))
      .catch((err: unknown) => {
        this.log.warn({ conversationId: conversation.id, err: deliveryError('sendMessage', err).message }, 'status notice not delivered');
      });
  }

  typing(conversation: Conversation): void {
    const { chatId, threadId } = chatTarget(conversation.channelKey);
    this.telegram.sendChatAction(chatId, 'typing', { message_thread_id: threadId }).catch((err: unknown) => {
      this.log.debug({ conversationId: conversation.id, err: deliveryError('sendChatAction', err).message }, 'typing not shown');
    });
  }

  /** Maps and stores one validated update; resolves once it is stored (or ignored). */
  private async handle(update: TelegramUpdate): Promise<void> {
    const { engine, clock } = this.ctx!;
    const mapped = mapUpdate(update, clock.now(), needsIdentity(update) ? await this.identity() : undefined);
    try {
      if (mapped.kind === 'ignored') return this.log.debug({ updateId: update.update_id, reason: mapped.reason }, 'telegram update ignored');
      const accepted = await receiveUntilStored(engine, mapped.inbound, this.log);
      if (accepted.duplicate) this.log.info({ updateId: update.update_id, conversationId: accepted.conversationId }, 'redelivered telegram update dropped');
      if (mapped.pressed) this.removeKeyboard(mapped.pressed);
    } finally {
      if (mapped.callbackQueryId) this.answerCallback(mapped.callbackQueryId);
    }
  }

  /** A pressed keyboard has done its job: take it off so old buttons cannot be pressed again. */
  private removeKeyboard({ chatId, messageId }: { chatId: number; messageId: number }): void {
    this.telegram.editMessageReplyMarkup(chatId, messageId, undefined, { inline_keyboard: [] }).catch((err: unknown) => {
      this.log.debug({ err: deliveryError('editMessageReplyMarkup', err).message }, 'keyboard not removed (message too old or already edited)');
    });
  }

  private answerCallback(id: string): void {
    this.telegram.answerCbQuery(id).catch((err: unknown) => {
      this.log.debug({ err: deliveryError('answerCallbackQuery', err).message }, 'callback query not answered (already answered or too old)');
    });
  }

  private async fromPolling(raw: unknown): Promise<void> {
    const parsed = telegramUpdate.safeParse(raw);
    if (!parsed.success) return this.log.warn({ problems: parsed.error.issues.map((i) => i.path.join('.')).slice(0, 5) }, 'malformed telegram update from getUpdates skipped');
    try {
      await this.handle(parsed.data);
    } catch (err) {
      this.log.error({ updateId: parsed.data.update_id, err: err instanceof Error ? err.message : String(err) }, 'telegram update could not be stored');
    }
  }

  /** The bot's id and username (getMe), fetched once and only when a group message needs it. */
  private identity(): Promise<BotIdentity> {
    if (this.bot.botInfo) return Promise.resolve({ id: this.bot.botInfo.id, username: this.bot.botInfo.username });
    this.identityCall ??= this.telegram.getMe().then(
      (me) => ({ id: me.id, username: me.username }),
      (err: unknown) => {
        this.identityCall = undefined;
        throw deliveryError('getMe', err);
      },
    );
    return this.identityCall;
  }

  private async setWebhook(): Promise<void> {
    if (!this.publicUrl) return this.log.info(`telegram webhook mode: set the webhook to <PUBLIC_URL>${TELEGRAM_WEBHOOK_PATH} (see docs/channels.md)`);
    const url = `${this.publicUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
    try {
      await this.telegram.setWebhook(url, { secret_token: this.options.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
      this.log.info({ url }, 'telegram webhook set');
    } catch (err) {
      this.log.error({ url, err: deliveryError('setWebhook', err).message }, 'could not set the telegram webhook; set it by hand (docs/channels.md)');
    }
  }
}
