/**
 * Retention on a real SQLite file with a fake clock: the sweep deletes conversations closed or
 * idle for longer than `RETENTION_DAYS` with their messages, events, tickets and surveys, keeps
 * newer ones and the customers, writes one audit entry per sweep, and does nothing when 0.
 */
import { FakeClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import { sweepRetention } from '../../src/privacy/retention';
import type { ConversationStore } from '../../src/store/port';
import { type TempSqliteStore, tempSqliteStore } from '../helpers/temp-store';
import { conversation, inbound, survey, T0, ticket } from '../store/contract-fixtures';

const DAY = 86_400_000;
const log = createLogger('silent');

describe('retention sweep (SQLite)', () => {
  let temp: TempSqliteStore;
  let store: ConversationStore;
  const clock = new FakeClock(T0);

  beforeEach(async () => {
    temp = await tempSqliteStore('retention');
    store = temp.store;
  });
  afterEach(() => temp.remove());

  async function conversationAt(at: number, status: 'closed' | 'bot') {
    const customer = await store.resolveCustomer('web', `browser-${at}-${status}`, at);
    const conv = conversation({ customerId: customer.id, status, createdAt: at, updatedAt: at, lastMessageAt: at });
    await store.createConversation(conv);
    await store.appendInbound(inbound(conv.id, { createdAt: at }));
    const t = ticket(conv);
    await store.saveTurn({ conversation: conv, expectedVersion: 1, ticketsCreated: [t], surveys: [survey(conv, { ticketRef: t.ref })] });
    return { conv, ref: t.ref, customerId: customer.id };
  }

  it('deletes what is older than the period, keeps the rest, and audits each sweep', async () => {
    const old = await conversationAt(T0, 'closed');
    const idle = await conversationAt(T0 + DAY, 'bot');
    const fresh = await conversationAt(T0 + 25 * DAY, 'closed');
    clock.set(T0 + 31 * DAY);

    const counts = await sweepRetention({ store, clock, log, retentionDays: 30 });
    expect(counts).toMatchObject({ conversations: 1, messages: 1, tickets: 1, surveys: 1 });
    expect(await store.getConversation(old.conv.id)).toBeNull();
    expect(await store.getTicket(old.ref)).toBeNull();
    expect(await store.listMessages(old.conv.id)).toEqual([]);
    expect(await store.getConversation(idle.conv.id)).not.toBeNull();
    expect(await store.getCustomer(old.customerId)).not.toBeNull();

    clock.set(T0 + 40 * DAY);
    expect((await sweepRetention({ store, clock, log, retentionDays: 30 })).conversations).toBe(1);
    expect(await store.getConversation(idle.conv.id)).toBeNull();
    expect(await store.getConversation(fresh.conv.id)).not.toBeNull();

    const audit = (await store.listAudit(10)).filter((a) => a.action === 'retention.sweep');
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actor: 'system', target: null, at: T0 + 31 * DAY, data: { retentionDays: 30, cutoff: T0 + DAY, counts } });
  });

  it('keeps everything when RETENTION_DAYS is 0', async () => {
    const old = await conversationAt(T0, 'closed');
    clock.set(T0 + 10_000 * DAY);
    expect(await sweepRetention({ store, clock, log, retentionDays: 0 })).toEqual({ conversations: 0 });
    expect(await store.getConversation(old.conv.id)).not.toBeNull();
    expect(await store.listAudit(10)).toEqual([]);
  });
});
