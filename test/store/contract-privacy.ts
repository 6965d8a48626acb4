/**
 * Contract for `PrivacyRecords`: erasing a customer removes everything of theirs and nothing of
 * anyone else; retention deletes conversations idle or closed since before a cutoff; a customer
 * can be found by identity without creating one.
 */
import type { Conversation, ConversationStore } from '../../src/store/port';
import { conversation, event, inbound, outbound, survey, T0, ticket, uid } from './contract-fixtures';

const DAY = 86_400_000;

/** A conversation of `customerId` with two messages, an event, a ticket, a survey answer and a note. */
async function fullConversation(store: ConversationStore, customerId: string, overrides: Partial<Conversation> = {}): Promise<{ conv: Conversation; ticketRef: string }> {
  const conv = conversation({ customerId, ...overrides });
  await store.createConversation(conv);
  await store.appendInbound(inbound(conv.id, { text: 'mail me at jane@example.com', createdAt: conv.createdAt }));
  const t = ticket(conv, { createdAt: conv.createdAt });
  await store.saveTurn({
    conversation: conv, expectedVersion: conv.version, events: [event(conv.id, { at: conv.createdAt })],
    outbound: [outbound(conv.id, { createdAt: conv.createdAt })], ticketsCreated: [t], surveys: [survey(conv, { ticketRef: t.ref, at: conv.createdAt })],
  });
  await store.addNote({ id: uid('note'), conversationId: conv.id, authorId: uid('agent'), text: 'called back', at: conv.createdAt });
  await store.scheduleTimer({ id: `follow_up:${t.ref}`, kind: 'follow_up', conversationId: conv.id, dueAt: conv.createdAt + DAY, payload: { ticketRef: t.ref }, createdAt: conv.createdAt });
  return { conv, ticketRef: t.ref };
}

/** Registers the `PrivacyRecords` tests. */
export function describePrivacyContract(store: () => ConversationStore): void {
  it('erases a customer and everything of theirs in one call, and nobody else\'s data', async () => {
    const user = uid('browser');
    const victim = await store().resolveCustomer('web', user, T0);
    await store().linkIdentity('slack', uid('U'), victim.id, T0);
    await store().createLinkCode({ codeHash: uid('hash'), customerId: victim.id, createdAt: T0, expiresAt: T0 + 600_000 });
    const a = await fullConversation(store(), victim.id);
    const b = await fullConversation(store(), victim.id, { channel: 'slack' });
    const other = await store().resolveCustomer('web', uid('browser'), T0);
    const kept = await fullConversation(store(), other.id);

    const counts = await store().eraseCustomer(victim.id, T0 + DAY);
    expect(counts).toMatchObject({ customers: 1, identities: 2, conversations: 2, messages: 4, events: 2, tickets: 2, surveys: 2, notes: 2, timers: 2, link_codes: 1 });
    expect(await store().getCustomer(victim.id)).toBeNull();
    expect(await store().findCustomerByIdentity('web', user)).toBeNull();
    expect(await store().listIdentities(victim.id)).toEqual([]);
    expect(await store().listConversationsByCustomer(victim.id)).toEqual([]);
    for (const { conv, ticketRef } of [a, b]) {
      expect(await store().getConversation(conv.id)).toBeNull();
      expect(await store().listMessages(conv.id)).toEqual([]);
      expect(await store().listEvents(conv.id)).toEqual([]);
      expect(await store().listNotes(conv.id)).toEqual([]);
      expect(await store().listSurveys(conv.id)).toEqual([]);
      expect(await store().getTicket(ticketRef)).toBeNull();
    }
    expect(await store().listTicketsByCustomer(victim.id)).toEqual([]);
    expect(await store().listMessages(kept.conv.id)).toHaveLength(2);
    expect(await store().getTicket(kept.ticketRef)).not.toBeNull();
    expect(await store().listNotes(kept.conv.id)).toHaveLength(1);
    expect(await store().getCustomer(other.id)).not.toBeNull();
  });

  it('refuses to erase an unknown customer', async () => {
    await expect(store().eraseCustomer(uid('nobody'), T0)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('finds a customer by identity without creating one', async () => {
    const user = uid('U');
    expect(await store().findCustomerByIdentity('slack', user)).toBeNull();
    const customer = await store().resolveCustomer('slack', user, T0);
    expect(await store().findCustomerByIdentity('slack', user)).toEqual(customer);
    expect(await store().findCustomerByIdentity('web', user)).toBeNull();
  });

  it('deletes conversations closed or idle since before the cutoff, with their data; customers stay', async () => {
    const customer = await store().resolveCustomer('web', uid('browser'), T0);
    const closedOld = await fullConversation(store(), customer.id, { status: 'closed', createdAt: T0, updatedAt: T0 + DAY, lastMessageAt: T0 + DAY });
    const idleOld = await fullConversation(store(), customer.id, { status: 'bot', createdAt: T0, updatedAt: T0 + 2 * DAY, lastMessageAt: T0 + 2 * DAY });
    const recent = await fullConversation(store(), customer.id, { status: 'closed', createdAt: T0, updatedAt: T0 + 20 * DAY, lastMessageAt: T0 + 20 * DAY });
    const recentMessage = await fullConversation(store(), customer.id, { createdAt: T0, updatedAt: T0, lastMessageAt: T0 + 20 * DAY });

    const counts = await store().deleteConversationsBefore(T0 + 10 * DAY);
    expect(counts).toMatchObject({ conversations: 2, messages: 4, events: 2, tickets: 2, surveys: 2, notes: 2, timers: 2 });
    for (const gone of [closedOld, idleOld]) {
      expect(await store().getConversation(gone.conv.id)).toBeNull();
      expect(await store().listMessages(gone.conv.id)).toEqual([]);
      expect(await store().getTicket(gone.ticketRef)).toBeNull();
    }
    for (const stays of [recent, recentMessage]) {
      expect(await store().getConversation(stays.conv.id)).not.toBeNull();
      expect(await store().listMessages(stays.conv.id)).toHaveLength(2);
    }
    expect(await store().getCustomer(customer.id)).not.toBeNull();
    expect((await store().deleteConversationsBefore(T0 + 10 * DAY)).conversations).toBe(0);
  });

  it('deletes at most `limit` conversations per call', async () => {
    const customer = await store().resolveCustomer('web', uid('browser'), T0);
    for (let i = 0; i < 3; i += 1) await fullConversation(store(), customer.id, { status: 'closed' });
    expect((await store().deleteConversationsBefore(T0 + DAY, 2)).conversations).toBe(2);
    expect((await store().deleteConversationsBefore(T0 + DAY, 2)).conversations).toBe(1);
  });
}
