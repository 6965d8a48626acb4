/**
 * Who gets a queued conversation: the least-loaded eligible agent. Eligible = enabled,
 * `available`, console connected (on any instance), below `maxChats`, speaks the conversation's language and,
 * when the agent lists categories, covers the conversation's category (and, after a transfer to a
 * team, belongs to it). Ties: the lower load
 * relative to capacity, then the agent who was given a chat longest ago.
 */
import type { Language } from '../engine/messages';
import type { User } from '../store/port';

/** An agent as routing sees them. */
export interface Candidate {
  user: User;
  /** Conversations the agent owns now. */
  load: number;
  /** Has a console WebSocket open. */
  online: boolean;
}

/** What routing needs to know about a conversation. */
export interface RoutingNeed {
  language: Language;
  category: string | null;
  /** Set when the chat was transferred to a team: only its members qualify. */
  team: string | null;
}

/** True when `c` may receive `need` automatically right now. */
export function isEligible(c: Candidate, need: RoutingNeed): boolean {
  const u = c.user;
  if (u.disabled || u.presence !== 'available' || !c.online || c.load >= u.maxChats) return false;
  if (!u.languages.includes(need.language)) return false;
  if (need.team && !u.teams.includes(need.team)) return false;
  return u.categories.length === 0 || need.category === null || u.categories.includes(need.category);
}

/** The agent to assign, or null when nobody is eligible. */
export function pickAgent(candidates: Candidate[], need: RoutingNeed): Candidate | null {
  const eligible = candidates.filter((c) => isEligible(c, need));
  eligible.sort((a, b) =>
    a.load - b.load
    || a.load / a.user.maxChats - b.load / b.user.maxChats
    || (a.user.lastAssignedAt ?? 0) - (b.user.lastAssignedAt ?? 0)
    || a.user.id.localeCompare(b.user.id));
  return eligible[0] ?? null;
}
