/**
 * Builds the handoff side of Concord for the composition root: accounts and sessions, agent
 * presence with its disconnect grace period, and the queue with automatic assignment.
 */
import { AccountService } from '../auth/accounts';
import { SessionService } from '../auth/sessions';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleOptions } from '../auth/throttle';
import type { Bus } from '../bus/bus';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { RateLimits } from '../rate-limits';
import type { Scheduler } from '../scheduler/scheduler';
import type { ConversationStore } from '../store/port';
import { BusinessHours } from './business-hours';
import type { ConversationControl } from './control';
import { AGENT_GRACE_KIND, AgentPresence } from './presence';
import { HandoffQueue } from './queue';

export interface HandoffDeps {
  store: ConversationStore;
  bus: Bus;
  control: ConversationControl;
  clock: Clock;
  log: Logger;
  config: Config;
  /** Runs the durable grace timers and renews this instance's console leases before each poll. */
  scheduler: Scheduler;
  /** This instance's id (console leases). */
  instance: string;

  throttle?: ThrottleOptions;
  /** Where the login throttle counts (memory, or Redis across instances). */
  limits?: RateLimits;
}

/** The running handoff services. */
export interface Handoff {
  queue: HandoffQueue;
  /** When people answer (BUSINESS_HOURS in BUSINESS_TIMEZONE). */
  hours: BusinessHours;
  presence: AgentPresence;
  accounts: AccountService;
  sessions: SessionService;
  /** Stops routing and arms the grace periods of the consoles this instance still holds. */
  stop(): Promise<void>;
}

/** Wires queue, presence, accounts and sessions, makes sure an admin exists, starts routing. */
export async function createHandoff(deps: HandoffDeps): Promise<Handoff> {
  const { store, bus, control, clock, log, config } = deps;
  const accounts = new AccountService(store, clock, new LoginThrottle(deps.throttle ?? DEFAULT_THROTTLE, deps.limits));
  const generated = await accounts.ensureAdmin(config.admin);
  if (generated) {
    // Printed once, to stdout only: the logger never sees it.
    process.stdout.write(`\nConcord created the first admin account.\n  email:    ${generated.email}\n  password: ${generated.password}\nLog in at /agent and change it; this is shown only once.\n\n`);
  }
  let queue: HandoffQueue | null = null;
  const presence = new AgentPresence({
    store, control, clock, log, graceMs: config.handoff.agentGraceSeconds * 1000, instance: deps.instance, leaseMs: config.handoff.agentLeaseSeconds * 1000,
    onConnect: () => queue?.schedule(),
  });
  deps.scheduler.handle(AGENT_GRACE_KIND, presence.graceHandler()).beforeEachRun((now) => presence.heartbeat(now));
  const hours = new BusinessHours(config.handoff.businessHours, config.handoff.timeZone);
  queue = new HandoffQueue({ store, bus, control, clock, log, hours, isConnected: (id) => presence.isRoutable(id) });
  queue.start();
  const q = queue;
  return {
    queue: q,
    hours,
    presence,
    accounts,
    sessions: new SessionService(store, clock),
    stop: async () => {
      q.stop();
      await presence.stop();
    },
  };
}
