/**
 * Which agents have a console open, and what happens when one goes away: once an agent's last
 * console WebSocket, on every instance, has been closed for the grace period
 * (`AGENT_GRACE_SECONDS`), each of their chats is transferred back to the queue (reason
 * `agent_disconnected`), so no customer is stranded and no message is lost. Reconnecting within
 * the grace period, on any instance, cancels it.
 *
 * Presence is shared through the store: each instance holds a console lease per agent it has
 * sockets of (renewed before every scheduler poll, expiring after `leaseMs` when the instance
 * dies). The grace period is a durable `agent_grace` timer (`src/scheduler/`), armed when the
 * agent's last local socket closes (or when an instance finds the expired lease of a crashed one,
 * or on shutdown for the consoles still open), so it fires once, on whichever instance polls,
 * after restarts too; it checks the leases again before returning anything.
 */
import type { Clock } from '../clock';
import { KeyedQueue } from '../engine/keyed-queue';
import { isConcordError } from '../errors';
import type { Logger } from '../logger';
import type { ConversationStore, Timer } from '../store/port';
import type { ConversationControl } from './control';

export const AGENT_GRACE_KIND = 'agent_grace';

/** The grace timer's key for one agent (one active at a time). */
export function graceTimerId(agentId: string): string {
  return `${AGENT_GRACE_KIND}:${agentId}`;
}

export interface PresenceDeps {
  store: ConversationStore;
  control: ConversationControl;
  clock: Clock;
  log: Logger;
  graceMs: number;
  /** This instance's id on its console leases. */
  instance: string;
  /** How long a console lease lasts unless renewed (default 30 s; renewed every third of it). */
  leaseMs?: number;
  /** Called when an agent connects (routing may have work for them). */
  onConnect: () => void;
}

const DEFAULT_LEASE_MS = 30_000;

/** Tracks console connections per agent, shares them through the store, arms the grace timers. */
export class AgentPresence {
  private readonly sockets = new Map<string, number>();
  /** Store writes per agent, in the order their sockets opened and closed. */
  private readonly writes = new KeyedQueue();
  private readonly pending = new Set<Promise<void>>();
  private readonly leaseMs: number;
  private lastRenewal = -Infinity;
  private stopped = false;

  constructor(private readonly deps: PresenceDeps) {
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** True while the agent has at least one console socket open on this instance. */
  isOnline(agentId: string): boolean {
    return (this.sockets.get(agentId) ?? 0) > 0;
  }

  /** True while the agent has a console socket open on any instance. */
  async isConnected(agentId: string): Promise<boolean> {
    return this.isOnline(agentId) || (await this.deps.store.isAgentConnected(agentId, this.deps.clock.now()));
  }

  /**
   * Whether routing may give the agent a chat: a console open here, or a lease held by another
   * instance (the agent's console there learns of the assignment through the bus). This
   * instance's own lease is not asked, since it may outlive the last local socket by a moment.
   */
  async isRoutable(agentId: string): Promise<boolean> {
    return this.isOnline(agentId) || (await this.deps.store.isAgentConnected(agentId, this.deps.clock.now(), this.deps.instance));
  }

  /** A console socket opened: holds the lease and cancels a running grace period. */
  connected(agentId: string): void {
    if (this.stopped) return;
    const count = (this.sockets.get(agentId) ?? 0) + 1;
    this.sockets.set(agentId, count);
    if (count === 1) {
      this.track(agentId, async () => {
        const { store, clock } = this.deps;
        await store.holdConsoles(this.deps.instance, [agentId], clock.now() + this.leaseMs);
        await store.cancelTimer(graceTimerId(agentId));
      });
    }
    this.deps.onConnect();
  }

  /** A console socket closed; the agent's last one on this instance starts the grace period. */
  disconnected(agentId: string): void {
    if (this.stopped) return;
    const left = Math.max(0, (this.sockets.get(agentId) ?? 0) - 1);
    if (left > 0) return void this.sockets.set(agentId, left);
    this.sockets.delete(agentId);
    this.track(agentId, () => this.leave(agentId));
  }

  /**
   * Renews this instance's console leases and takes over the expired ones of instances that
   * stopped renewing (crashed), arming their agents' grace periods. Runs before every scheduler
   * poll; does the work every third of the lease.
   */
  async heartbeat(now: number): Promise<void> {
    if (this.stopped || now - this.lastRenewal < this.leaseMs / 3) return;
    this.lastRenewal = now;
    await this.deps.store.holdConsoles(this.deps.instance, [...this.sockets.keys()], now + this.leaseMs);
    for (const agentId of await this.deps.store.reapConsoleLeases(now)) {
      if (!(await this.isConnected(agentId))) await this.armGrace(agentId, now);
    }
  }

  /** The `agent_grace` timer's handler: returns the agent's chats unless they are back, on any instance. */
  graceHandler(): (timer: Timer) => Promise<void> {
    return async (timer) => {
      const agentId = String(timer.payload.agentId);
      if (await this.isConnected(agentId)) return;
      const failed = await this.returnAll(agentId, 'agent_disconnected');
      if (failed) throw new Error(`${failed} chats of agent ${agentId} could not be returned to the queue`);
    };
  }

  /** Resolves when the store writes started so far are done (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /**
   * Shutdown: this instance's open consoles count as closed, so their grace periods are armed in
   * the store (any instance fires them unless the agents reconnect elsewhere); later socket
   * events are ignored.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const agents = [...this.sockets.keys()];
    this.sockets.clear();
    for (const agentId of agents) this.track(agentId, () => this.leave(agentId));
    await this.settled();
  }

  /** Sends every chat the agent owns back to the queue. */
  async returnChats(agentId: string, reason = 'agent_disconnected'): Promise<void> {
    await this.returnAll(agentId, reason);
  }

  /** Returns the agent's chats; resolves how many failed for a reason other than a coded refusal. */
  private async returnAll(agentId: string, reason: string): Promise<number> {
    let failed = 0;
    for (const c of await this.deps.store.listConversationsByAgent(agentId)) {
      try {
        await this.deps.control.transfer(c.id, { note: reason }, { kind: 'system' });
      } catch (err) {
        if (isConcordError(err)) continue;
        failed++;
        this.deps.log.error({ conversationId: c.id, err: String(err) }, 'could not return a chat to the queue');
      }
    }
    return failed;
  }

  /** The agent's last local socket is gone: drop the lease, and arm the grace period unless they are connected elsewhere. */
  private async leave(agentId: string): Promise<void> {
    if (this.isOnline(agentId)) return;
    const { store, clock } = this.deps;
    const now = clock.now();
    await store.releaseConsole(this.deps.instance, agentId);
    if (!(await store.isAgentConnected(agentId, now))) await this.armGrace(agentId, now);
  }

  /** (Re)arms the agent's grace timer to fire `graceMs` from `now`. */
  private async armGrace(agentId: string, now: number): Promise<void> {
    const id = graceTimerId(agentId);
    await this.deps.store.cancelTimer(id);
    await this.deps.store.scheduleTimer({ id, kind: AGENT_GRACE_KIND, conversationId: null, dueAt: now + this.deps.graceMs, payload: { agentId }, createdAt: now });
  }

  private track(agentId: string, work: () => Promise<void>): void {
    const done: Promise<void> = this.writes
      .run(agentId, work)
      .catch((err: unknown) => this.deps.log.error({ agentId, err: String(err) }, 'could not record agent presence'))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }
}
