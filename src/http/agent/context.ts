/**
 * What the agent API routes share: their dependencies and the small lookups several routes need
 * (the conversation a caller may see, names of users, a user's view with load and presence).
 */
import type { AccountService } from '../../auth/accounts';
import type { SessionService } from '../../auth/sessions';
import type { Bus } from '../../bus/bus';
import type { Clock } from '../../clock';
import { ConcordError } from '../../errors';
import type { ConversationControl, Actor } from '../../handoff/control';
import type { AgentPresence } from '../../handoff/presence';
import type { HandoffQueue } from '../../handoff/queue';
import type { Logger } from '../../logger';
import type { PiiVault } from '../../privacy/vault';
import type { Conversation, ConversationStore, User } from '../../store/port';
import { hasRole } from '../../auth/roles';
import type { Guard } from './guard';
import { userView } from './views';

/** Everything the agent API needs. */
export interface AgentApiDeps {
  store: ConversationStore;
  bus: Bus;
  clock: Clock;
  log: Logger;
  control: ConversationControl;
  queue: HandoffQueue;
  presence: AgentPresence;
  accounts: AccountService;
  sessions: SessionService;
  /** `PUBLIC_URL`: fixes the allowed Origin and makes the cookie `Secure` when https. */
  publicUrl?: string;
  /** Opens originals of messages masked at rest (`MASK_PII_AT_REST`); absent when off. */
  vault?: PiiVault;
}

/** Deps plus the guard, as handed to each route module. */
export type ApiContext = AgentApiDeps & { guard: Guard };

/** The `ConversationControl` actor for a console user. */
export function actorOf(user: User): Actor {
  return { kind: user.role, id: user.id };
}

/** True when the user may read this conversation (agents: queued ones and their own). */
export function canView(user: User, c: Conversation): boolean {
  return hasRole(user.role, 'supervisor') || c.status === 'queued' || c.assignedAgentId === user.id;
}

/** The conversation, or `not_found`; `forbidden` when the user may not see it. */
export async function visibleConversation(ctx: ApiContext, user: User, id: string): Promise<Conversation> {
  const c = await ctx.store.getConversation(id);
  if (!c) throw new ConcordError('not_found', `conversation ${id} does not exist`);
  if (!canView(user, c)) throw new ConcordError('forbidden', 'agents can open queued conversations and their own chats only');
  return c;
}

/** Owner or supervisor/admin, else `not_owner`. */
export function requireOwnerOrSupervisor(user: User, c: Conversation): void {
  if (hasRole(user.role, 'supervisor')) return;
  if (c.status !== 'agent' || c.assignedAgentId !== user.id) throw new ConcordError('not_owner', 'this chat is not yours; only its owner or a supervisor can do that');
}

/** User id -> name, for transcripts and notes. */
export async function userNames(store: ConversationStore): Promise<Map<string, string>> {
  return new Map((await store.listUsers()).map((u) => [u.id, u.name]));
}

/** A user's view with their current load and connection; `loads` (from `countConversationsByAgent`) when viewing many. */
export async function viewUser(ctx: ApiContext, u: User, viewer: User, loads?: Map<string, number>) {
  const activeChats = (loads ?? (await ctx.store.countConversationsByAgent())).get(u.id) ?? 0;
  return userView(u, { activeChats, online: await ctx.presence.isConnected(u.id), withEmail: viewer.id === u.id || viewer.role === 'admin' });
}
