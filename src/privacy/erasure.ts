/**
 * "Erase customer X": deletes everything of the customer in the store (one transaction), writes
 * an audit entry with the customer id and the counts only (never personal data), and tells every
 * instance on the bus, so the customer's open web chat sockets are closed and consoles refresh.
 * Used by `POST /api/admin/customers/:id/erase` and `concord erase --customer <id>`.
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus/bus';
import type { Clock } from '../clock';
import type { ConversationStore, DeletionCounts } from '../store/port';

/** What erasure needs. */
export interface ErasureDeps {
  store: ConversationStore;
  clock: Clock;
  /** Absent in the CLI (no sockets to close in that process). */
  bus?: Bus;
}

/** The largest number of conversations whose channel keys are collected to close their sockets. */
const MAX_CONVERSATIONS = 10_000;

/**
 * Erases the customer; `actor` is who asked (`user:<id>`, `cli`). Resolves the counts per table;
 * rejects with `not_found` for an unknown customer (nothing is written then).
 */
export async function eraseCustomer(deps: ErasureDeps, customerId: string, actor: string): Promise<DeletionCounts> {
  const { store, clock, bus } = deps;
  const conversations = await store.listConversationsByCustomer(customerId, MAX_CONVERSATIONS);
  const at = clock.now();
  const counts = await store.eraseCustomer(customerId, at);
  await store.appendAudit({ id: randomUUID(), actor, action: 'customer.erase', target: `customer:${customerId}`, data: { counts }, at });
  bus?.publish({ type: 'erased', customerId, conversations: conversations.map((c) => ({ id: c.id, channel: c.channel, channelKey: c.channelKey })) });
  bus?.publish({ type: 'queue', at });
  return counts;
}
