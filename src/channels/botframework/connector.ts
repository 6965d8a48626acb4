/**
 * Everything Concord does with `botbuilder` (keep every import of it inside this folder: the SDK
 * is archived upstream and may be replaced). A `CloudAdapter` with
 * `ConfigurationBotFrameworkAuthentication` authenticates incoming activities (JWT when an app id
 * is configured) and sends activities proactively to a stored conversation address.
 */
import {
  ActionTypes,
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConversationAccount,
  type ConversationReference,
} from 'botbuilder';
import type { QuickReply } from '../../engine/messages';
import type { ConversationAddress } from './activities';
import { connectorClientOptions } from './transport';

export interface ConnectorOptions {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
}

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** The request was not authenticated (missing, forged or expired token). */
export class NotAuthenticatedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotAuthenticatedError';
  }
}

/** What goes out: a message (with suggested actions), or a typing indicator. */
export type Outgoing = { kind: 'message'; text: string; quickReplies?: QuickReply[] | null } | { kind: 'typing' };

/** The Bot Framework connection: authentication in, proactive activities out. */
export class BotConnector {
  private readonly auth: ConfigurationBotFrameworkAuthentication;
  private readonly adapter: CloudAdapter;

  constructor(private readonly options: ConnectorOptions) {
    this.auth = new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: options.appId,
        MicrosoftAppPassword: options.appPassword,
        MicrosoftAppTenantId: options.tenantId,
        MicrosoftAppType: options.tenantId ? 'SingleTenant' : 'MultiTenant',
      } as ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
      undefined,
      undefined,
      undefined,
      connectorClientOptions(),
    );
    this.adapter = new CloudAdapter(this.auth);
  }

  /**
   * Authenticates an activity by its `Authorization` header and runs `logic` as a CloudAdapter
   * turn. Throws `NotAuthenticatedError` when the token is missing or invalid (JWT mode).
   */
  async process(body: Record<string, unknown>, authorization: string, logic: () => Promise<void>): Promise<void> {
    const activity = body as unknown as Activity;
    let result: AuthResult;
    try {
      result = await this.auth.authenticateRequest(activity, authorization);
    } catch (err) {
      if (isAuthError(err)) throw new NotAuthenticatedError(err instanceof Error ? err.message : 'not authenticated');
      throw err;
    }
    await this.adapter.processActivityDirect(result, activity, logic);
  }

  /** Sends one activity to the conversation at `address` through its service URL. */
  async send(address: ConversationAddress, outgoing: Outgoing): Promise<void> {
    const reference: Partial<ConversationReference> = {
      channelId: address.channelId,
      serviceUrl: address.serviceUrl,
      conversation: address.conversation as ConversationAccount,
      bot: { id: address.bot.id, name: '' },
      user: { id: address.user.id, name: '' },
    };
    const activity = toActivity(outgoing, address.user.id);
    await this.adapter.continueConversationAsync(this.options.appId ?? '', reference, async (ctx) => {
      // A proactive turn invents an activity id to reply to; post to the conversation instead.
      ctx.onSendActivities(async (_ctx, activities, next) => {
        for (const a of activities) delete a.replyToId;
        return next();
      });
      await ctx.sendActivity(activity);
    });
  }
}

function toActivity(outgoing: Outgoing, userId: string): Partial<Activity> {
  if (outgoing.kind === 'typing') return { type: ActivityTypes.Typing };
  const actions = (outgoing.quickReplies ?? []).map((q) => ({ type: ActionTypes.ImBack, title: q.label, value: q.value }));
  return {
    type: ActivityTypes.Message,
    text: outgoing.text,
    ...(actions.length ? { suggestedActions: { to: [userId], actions } } : {}),
  };
}

function isAuthError(err: unknown): boolean {
  const e = err as { name?: unknown; statusCode?: unknown };
  return e?.name === 'AuthenticationError' || e?.statusCode === 401 || e?.statusCode === 403;
}
