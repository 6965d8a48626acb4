/**
 * The handoff queue: orders queued conversations by priority (`priority.ts`), gives each its
 * position and estimated wait, and assigns them automatically to the least-loaded eligible agent
 * (`routing.ts`) through `ConversationControl.assign`, among the agents connected to any instance
 * (console leases in the store; claims are atomic, so instances routing at once cannot both win).
 * Assignment runs when a conversation is queued, when a chat ends or is transferred, and when an
 * agent becomes available or connects; passes are serialised and coalesced. After each pass a `{type:'queue'}` bus event tells
 * consoles and waiting customers to refresh.
 */
import type { Bus, BusEvent } from '../bus/bus';
import type { Clock } from '../clock';
import { isConcordError } from '../errors';
import type { Logger } from '../logger';
import type { ConversationStore, User } from '../store/port';
import type { BusinessHours } from './business-hours';
import type { ConversationControl } from './control';
import { buildEntry, compareEntries, type QueueItem } from './queue-items';
import type { QueuePlace } from './queue-info';
import { type Candidate, pickAgent } from './routing';

/** Assumed handling time until real ones have been seen. */
const DEFAULT_HANDLING_MS = 5 * 60 * 1000;
const HANDLING_SAMPLES = 20;
const MAX_QUEUE = 500;
/** Failures that only mean "someone else changed it first": skip and go on. */
const RACES = new Set(['already_claimed', 'at_capacity', 'invalid_transition', 'not_found', 'version_conflict']);

export interface QueueDeps {
  store: ConversationStore;
  bus: Bus;
  control: ConversationControl;
  clock: Clock;
  log: Logger;
  hours: BusinessHours;
  /** True when the agent has a console socket open on any instance (see `presence.ts` `isRoutable`). */
  isConnected: (agentId: string) => Promise<boolean>;
}

/** The whole queue, ordered. */
export interface QueueSnapshot {
  items: QueueItem[];
  afterHours: boolean;
  nextOpenAt: number | null;
}

/** The queue service. Call `start()` once; `stop()` on shutdown. */
export class HandoffQueue {
  private readonly assignedAt = new Map<string, number>();
  private readonly handling: number[] = [];
  private chain: Promise<void> = Promise.resolve();
  private passPending = false;
  private unsubscribe: (() => void) | null = null;
  private building: Promise<QueueSnapshot> | null = null;

  constructor(private readonly deps: QueueDeps) {}

  start(): void {
    this.unsubscribe = this.deps.bus.subscribe((event) => this.onEvent(event));
    this.schedule();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Resolves when every scheduled assignment pass has run (tests, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  /**
   * The queue ordered by priority, with positions and estimated waits. Callers that ask while a
   * snapshot is being built share it: when the queue moves, every waiting customer asks for their
   * place at once, and one snapshot (four store reads per queued chat) answers them all instead
   * of one each, which grew with the square of the queue.
   */
  snapshot(): Promise<QueueSnapshot> {
    if (this.building) return this.building;
    const building = this.buildSnapshot().finally(() => {
      if (this.building === building) this.building = null;
    });
    this.building = building;
    return building;
  }

  private async buildSnapshot(): Promise<QueueSnapshot> {
    const now = this.deps.clock.now();
    const queued = await this.deps.store.listConversationsByStatus('queued', MAX_QUEUE);
    const entries = (await Promise.all(queued.map((c) => buildEntry(this.deps.store, c, now)))).sort(compareEntries);
    const open = this.deps.hours.isOpen(now);
    const waitUntilOpen = open ? 0 : this.deps.hours.nextOpen(now) - now;
    const agents = Math.max(1, (await this.candidates()).filter((c) => c.online && c.user.presence === 'available' && !c.user.disabled).length);
    const handling = this.averageHandlingMs();
    const items = entries.map((e, i) => ({ ...e, position: i + 1, etaSeconds: Math.round((waitUntilOpen + Math.ceil((i + 1) / agents) * handling) / 1000) }));
    return { items, afterHours: !open, nextOpenAt: open ? null : now + waitUntilOpen };
  }

  /** Where a queued conversation stands (null when it is not queued). */
  async queuePosition(conversationId: string): Promise<(QueuePlace & { afterHours: boolean; nextOpenAt: number | null }) | null> {
    const snap = await this.snapshot();
    const item = snap.items.find((i) => i.conversationId === conversationId);
    return item ? { position: item.position, etaSeconds: item.etaSeconds, afterHours: snap.afterHours, nextOpenAt: snap.nextOpenAt } : null;
  }

  /** Every console user with their current load (one counting query) and connection state. */
  async candidates(): Promise<Candidate[]> {
    const [users, loads] = await Promise.all([this.deps.store.listUsers(), this.deps.store.countConversationsByAgent()]);
    return Promise.all(users.map(async (user) => ({ user, load: loads.get(user.id) ?? 0, online: await this.deps.isConnected(user.id) })));
  }

  /** Queues an assignment pass (coalesced: at most one waiting at a time). */
  schedule(): void {
    if (this.passPending) return;
    this.passPending = true;
    this.chain = this.chain.then(async () => {
      this.passPending = false;
      await this.assignPending().catch((err) => this.deps.log.error({ code: isConcordError(err) ? err.code : 'internal', err: String(err) }, 'queue assignment pass failed'));
      this.deps.bus.publish({ type: 'queue', at: this.deps.clock.now() });
    });
  }

  private onEvent(event: BusEvent): void {
    if (event.type !== 'status') return;
    const { fromStatus, toStatus, conversationId, at } = event.event;
    if (toStatus === 'agent') this.assignedAt.set(conversationId, this.assignedAt.get(conversationId) ?? at);
    if (fromStatus === 'agent' && toStatus !== 'agent') this.recordHandling(conversationId, at);
    if (toStatus === 'queued' || fromStatus === 'queued' || fromStatus === 'agent') this.schedule();
  }

  private recordHandling(conversationId: string, at: number): void {
    const start = this.assignedAt.get(conversationId);
    this.assignedAt.delete(conversationId);
    if (start === undefined) return;
    this.handling.push(Math.max(0, at - start));
    if (this.handling.length > HANDLING_SAMPLES) this.handling.shift();
  }

  private averageHandlingMs(): number {
    if (this.handling.length === 0) return DEFAULT_HANDLING_MS;
    return this.handling.reduce((a, b) => a + b, 0) / this.handling.length;
  }

  /** One pass: best-scored conversation first, each to the least-loaded eligible agent. */
  private async assignPending(): Promise<void> {
    // Its own snapshot: a shared one may have been started before the change that scheduled this pass.
    const { items } = await this.buildSnapshot();
    if (items.length === 0) return;
    const candidates = await this.candidates();
    for (const item of items) {
      const pick = pickAgent(candidates, { language: item.language, category: item.category, team: item.team });
      if (!pick) continue;
      try {
        await this.deps.control.assign(item.conversationId, pick.user.id, { kind: 'system' }, pick.user.maxChats);
        pick.load++;
        pick.user = await this.markAssigned(pick.user);
      } catch (err) {
        if (!isConcordError(err) || !RACES.has(err.code)) throw err;
      }
    }
  }

  private async markAssigned(user: User): Promise<User> {
    const fresh = (await this.deps.store.getUser(user.id)) ?? user;
    const next = { ...fresh, lastAssignedAt: this.deps.clock.now() };
    await this.deps.store.updateUser(next);
    return next;
  }
}
