/**
 * The follow-up after a resolution (METHOD.md step 5): which durable timer a resolved ticket
 * arms. The scheduler's `follow_up` handler (`src/scheduler/follow-up.ts`) runs it.
 */
import type { NewTimer, Ticket } from '../store/port';
import type { ScriptRegistry } from './registry';
import type { FollowUpSettings } from './schema';
import type { Frame } from './state';

export const FOLLOW_UP_KIND = 'follow_up';

/** What the timer carries to its handler. */
export interface FollowUpPayload {
  ticketRef: string;
  /** The script to start (from `settings.follow_up.script`). */
  script: string;
}

/**
 * The follow-up timer of a ticket, keyed `follow_up:<ref>` (arming it twice is a no-op), or null
 * when follow-ups are off. Due `delay_minutes` after now or, with `after: due_date` (the
 * default), after the promised date of a solution still being carried out (`in_progress`):
 * asking before then would be premature.
 */
export function followUpTimer(ticket: Ticket, settings: FollowUpSettings | undefined, now: number): NewTimer | null {
  if (!settings?.enabled) return null;
  const fromDue = settings.after === 'due_date' && ticket.status === 'in_progress' && ticket.dueAt;
  const from = fromDue ? Math.max(now, ticket.dueAt!) : now;
  const payload: FollowUpPayload = { ticketRef: ticket.ref, script: settings.script };
  return { id: `${FOLLOW_UP_KIND}:${ticket.ref}`, kind: FOLLOW_UP_KIND, conversationId: ticket.conversationId, dueAt: from + settings.delay_minutes * 60_000, payload: { ...payload }, createdAt: now };
}

/** The follow-up settings of the script agents hand back to (`return_step`), the stack's first. */
export function followUpSettingsOf(registry: ScriptRegistry, stack: Frame[]): FollowUpSettings | undefined {
  const scripts = [...[...stack].reverse().flatMap((f) => registry.get(f.script) ?? []), ...registry.all()];
  return scripts.find((s) => s.script.settings.return_step && s.script.settings.follow_up)?.script.settings.follow_up;
}
