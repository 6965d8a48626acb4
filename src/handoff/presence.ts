/**
 * Which agents have a console open, and what happens when one goes away: once an agent's last
 * console WebSocket has been closed for the grace period (`AGENT_GRACE_SECONDS`), each of their
 * chats is transferred back to the queue (reason `agent_disconnected`), so no customer is
 * stranded and no message is lost. Reconnecting within the grace period cancels it.
 */
import { isConcordError } from '../errors';
import type { Logger } from '../logger';
import type { ConversationStore } from '../store/port';
import type { ConversationControl } from './control';
import type { Timers } from './timers';

export interface PresenceDeps {
  store: ConversationStore;
  control: ConversationControl;
  timers: Timers;
  log: Logger;
  graceMs: number;
  /** Called when an agent connects (routing may have work for them). */
  onConnect: () => void;
}

/** Tracks console connections per agent and runs the disconnect grace timers. */
export class AgentPresence {
  private readonly sockets = new Map<string, number>();
  private readonly grace = new Map<string, () => void>();
  private readonly returning = new Set<Promise<void>>();

  constructor(private readonly deps: PresenceDeps) {}

  /** True while the agent has at least one console socket open. */
  isOnline(agentId: string): boolean {
    return (this.sockets.get(agentId) ?? 0) > 0;
  }

  /** A console socket opened. */
  connected(agentId: string): void {
    this.sockets.set(agentId, (this.sockets.get(agentId) ?? 0) + 1);
    this.grace.get(agentId)?.();
    this.grace.delete(agentId);
    this.deps.onConnect();
  }

  /** A console socket closed; the last one starts the grace period. */
  disconnected(agentId: string): void {
    const left = Math.max(0, (this.sockets.get(agentId) ?? 0) - 1);
    if (left > 0) return void this.sockets.set(agentId, left);
    this.sockets.delete(agentId);
    this.grace.get(agentId)?.();
    this.grace.set(agentId, this.deps.timers.after(this.deps.graceMs, () => this.expire(agentId)));
  }

  /** Resolves when chats being returned right now are back in the queue (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.returning]);
  }

  /** Cancels every grace timer (shutdown). */
  stop(): void {
    for (const cancel of this.grace.values()) cancel();
    this.grace.clear();
  }

  private expire(agentId: string): void {
    this.grace.delete(agentId);
    if (this.isOnline(agentId)) return;
    const work = this.returnChats(agentId).finally(() => this.returning.delete(work));
    this.returning.add(work);
  }

  /** Sends every chat the agent owns back to the queue. */
  async returnChats(agentId: string, reason = 'agent_disconnected'): Promise<void> {
    for (const c of await this.deps.store.listConversationsByAgent(agentId)) {
      try {
        await this.deps.control.transfer(c.id, { note: reason }, { kind: 'system' });
      } catch (err) {
        if (!isConcordError(err)) this.deps.log.error({ conversationId: c.id, err: String(err) }, 'could not return a chat to the queue');
      }
    }
  }
}
