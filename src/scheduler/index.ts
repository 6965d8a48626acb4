/**
 * Builds the scheduler with every timer kind Concord uses: `follow_up` (check back after a
 * resolution) and `sla_breach` (queue waits). The handoff adds `agent_grace` (`src/handoff/setup.ts`).
 * See docs/scheduler.md.
 */
import { FOLLOW_UP_KIND } from '../dialogs/follow-up';
import { followUpHandler, type FollowUpDeps } from './follow-up';
import { Scheduler, type SchedulerOptions } from './scheduler';
import { SLA_KIND, slaBreachHandler, type SlaDeps } from './sla';

export { Scheduler } from './scheduler';

/** Everything the handlers and the loop need. */
export type SchedulerDeps = SchedulerOptions & FollowUpDeps & SlaDeps;

/** A scheduler with Concord's timer kinds registered (not started). */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  return new Scheduler(deps).handle(FOLLOW_UP_KIND, followUpHandler(deps)).handle(SLA_KIND, slaBreachHandler(deps));
}
