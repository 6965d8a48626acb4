/**
 * The Bot Framework channel (Microsoft Teams, Direct Line, Web Chat, the Emulator) at
 * `POST /api/messages`: activities are validated, authenticated by the CloudAdapter (JWT when
 * `MICROSOFT_APP_ID` is set), mapped to `InboundMessage`s and stored before the 200; replies,
 * status notices and agent typing are sent proactively to the conversation's service URL.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { ConcordError } from '../../errors';
import type { InboundMessage } from '../../engine/messages';
import type { Logger } from '../../logger';
import type { Conversation, StoredMessage } from '../../store/port';
import { RateLimitedError, type Channel, type ChannelContext } from '../channel';
import { languageFromLocale } from '../locale';
import { receiveUntilStored } from '../receive';
import { statusNoticeFor, type NoticeKind } from '../status-text';
import { addressOf, addsCustomer, botActivity, mapMessage, type BotActivity } from './activities';
import { AddressBook } from './addresses';
import { BotConnector, NotAuthenticatedError, type Outgoing } from './connector';
import { PlatformHttpError } from './transport';

export const BOTFRAMEWORK_PATH = '/api/messages';

/** The Bot Framework adapter; enabled by `MICROSOFT_APP_ID` (or, insecurely, `BOTFRAMEWORK_ALLOW_UNAUTHENTICATED`). */
export class BotFrameworkChannel implements Channel {
  readonly name = 'botframework' as const;
  private readonly connector: BotConnector;
  private ctx?: ChannelContext;
  private addresses?: AddressBook;

  constructor(private readonly options: Config['botFramework']) {
    this.connector = new BotConnector(options);
  }

  private get log(): Logger {
    if (!this.ctx) throw new ConcordError('channel_not_registered', 'the Bot Framework channel was used before register()');
    return this.ctx.log;
  }

  async register(ctx: ChannelContext): Promise<void> {
    this.ctx = { ...ctx, log: ctx.log.child({ channel: 'botframework' }) };
    this.addresses = new AddressBook(ctx.store, ctx.clock);
    if (!this.options.appId) {
      this.log.warn('!!! BOT FRAMEWORK AUTHENTICATION IS OFF: MICROSOFT_APP_ID is not set and BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=true, so anyone who can reach POST /api/messages can post activities as any user. Use this only for local testing (Bot Framework Emulator); never in production.');
    }
    ctx.app.post(BOTFRAMEWORK_PATH, {
      errorHandler: (err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
        const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
        this.log.warn({ code: err.code, status }, 'bot framework request rejected');
        return reply.code(status).send({ error: status === 500 ? 'internal' : 'invalid_request', message: status === 500 ? 'internal error' : err.message });
      },
    }, (req, reply) => this.onRequest(req, reply));
  }

  async stop(): Promise<void> {}

  async deliver(conversation: Conversation, message: StoredMessage): Promise<boolean> {
    await this.send(conversation, { kind: 'message', text: message.text, quickReplies: message.quickReplies });
    return true;
  }

  status(conversation: Conversation, kind?: NoticeKind): void {
    void statusNoticeFor(conversation, this.ctx?.queueInfo, kind).then((notice) => {
      if (notice) this.sendQuietly(conversation, { kind: 'message', text: notice }, 'status notice not delivered');
    });
  }

  typing(conversation: Conversation): void {
    this.sendQuietly(conversation, { kind: 'typing' }, 'typing not shown');
  }

  private async onRequest(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const parsed = botActivity.safeParse(req.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).slice(0, 5);
      this.log.warn({ problems }, 'malformed bot framework activity');
      return reply.code(400).send({ error: 'invalid_activity', message: `not a Bot Framework activity: ${problems.join('; ')}` });
    }
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    try {
      await this.connector.process(req.body as Record<string, unknown>, authorization, () => this.onActivity(parsed.data));
    } catch (err) {
      if (err instanceof NotAuthenticatedError) {
        this.log.warn({ reason: err.message }, 'bot framework activity refused: not authenticated');
        return reply.code(401).send({ error: 'unauthorized', message: 'missing or invalid Bot Framework token' });
      }
      this.log.error({ activityType: parsed.data.type, err: err instanceof Error ? err.message.split('\n')[0] : String(err) }, 'bot framework activity could not be stored');
      return reply.code(500).send({ error: 'store_unavailable', message: 'the activity could not be stored; retry later' });
    }
    return reply.code(200).send();
  }

  /** Stores one authenticated activity; resolves once it is durable (the 200 follows). */
  private async onActivity(activity: BotActivity): Promise<void> {
    const { engine, clock } = this.ctx!;
    const address = addressOf(activity);
    if (activity.type === 'conversationUpdate' && addsCustomer(activity)) {
      this.addresses!.remember(activity.conversation.id, address);
      const { conversationId } = await engine.greet({ channel: 'botframework', channelUserId: activity.from.id, channelKey: activity.conversation.id, localeHint: languageFromLocale(activity.locale) });
      return this.addresses!.persist(conversationId, address);
    }
    const inbound = activity.type === 'message' ? mapMessage(activity, clock.now()) : undefined;
    if (!inbound) return this.log.debug({ activityType: activity.type }, 'bot framework activity ignored');
    this.addresses!.remember(inbound.channelKey, address);
    const accepted = await receiveUntilStored(engine, await this.withQuickReply(inbound), this.log);
    if (accepted.duplicate) this.log.info({ conversationId: accepted.conversationId }, 'redelivered bot framework activity dropped');
    await this.addresses!.persist(accepted.conversationId, address);
  }

  /** An `imBack` press arrives as text equal to a suggested action's value: restore label and value. */
  private async withQuickReply(inbound: InboundMessage): Promise<InboundMessage> {
    const { store } = this.ctx!;
    const open = await store.findOpenConversation('botframework', inbound.channelKey);
    if (!open) return inbound;
    const lastOut = (await store.listMessages(open.id, { limit: 20 })).reverse().find((m) => m.direction === 'out');
    const pressed = lastOut?.quickReplies?.find((q) => q.value === inbound.text || q.label === inbound.text);
    return pressed ? { ...inbound, text: pressed.label, value: pressed.value } : inbound;
  }

  private async send(conversation: Conversation, outgoing: Outgoing): Promise<void> {
    const address = await this.addresses!.find(conversation);
    if (!address) throw new ConcordError('address_unknown', `no Bot Framework address is known for conversation ${conversation.id}; the customer has to write first`);
    try {
      await this.connector.send(address, outgoing);
    } catch (err) {
      throw deliveryError(err);
    }
  }

  private sendQuietly(conversation: Conversation, outgoing: Outgoing, what: string): void {
    this.send(conversation, outgoing).catch((err: unknown) => this.log.warn({ conversationId: conversation.id, err: err instanceof Error ? err.message : String(err) }, what));
  }
}

/** 429 (with `Retry-After`) -> `RateLimitedError`; anything else an error without payload details. */
function deliveryError(err: unknown): Error {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof PlatformHttpError) return e.status === 429 ? new RateLimitedError(e.retryAfterMs ?? 1000, `botframework: ${e.message}`) : new Error(`botframework: ${e.message}`);
  }
  return new Error(`botframework: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
}
