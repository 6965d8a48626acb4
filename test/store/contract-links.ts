/**
 * Contract for `IdentityLinks`: one-time link codes (single use, expiring, one live code per
 * customer) and merging a channel identity's customer into another.
 */
import type { ConversationStore, LinkCode } from '../../src/store/port';
import { conversation, survey, T0, ticket, uid } from './contract-fixtures';

function code(customerId: string, overrides: Partial<LinkCode> = {}): LinkCode {
  return { codeHash: uid('hash'), customerId, createdAt: T0, expiresAt: T0 + 600_000, ...overrides };
}

/** Registers the `IdentityLinks` tests. */
export function describeLinkContract(store: () => ConversationStore): void {
  it('uses a link code once, and never after it expires', async () => {
    const owner = await store().resolveCustomer('web', uid('browser'), T0);
    const live = code(owner.id);
    expect(await store().createLinkCode(live)).toBe(true);
    expect(await store().consumeLinkCode(live.codeHash, T0 + 1, 'slack:U1')).toEqual({ ...live, repeated: false });
    expect(await store().consumeLinkCode(live.codeHash, T0 + 2, 'slack:U2')).toBeNull();
    expect(await store().consumeLinkCode(uid('unknown'), T0, 'slack:U1')).toBeNull();
    const other = await store().resolveCustomer('web', uid('browser'), T0);
    const expiring = code(other.id);
    await store().createLinkCode(expiring);
    expect(await store().consumeLinkCode(expiring.codeHash, expiring.expiresAt, 'slack:U1')).toBeNull();
  });

  it('resolves a used code again, marked repeated, only for the identity that used it', async () => {
    const owner = await store().resolveCustomer('web', uid('browser'), T0);
    const live = code(owner.id);
    await store().createLinkCode(live);
    expect(await store().consumeLinkCode(live.codeHash, T0 + 1, 'telegram:42')).toMatchObject({ customerId: owner.id, repeated: false });
    expect(await store().consumeLinkCode(live.codeHash, T0 + 2, 'telegram:42')).toEqual({ ...live, repeated: true });
    expect(await store().consumeLinkCode(live.codeHash, T0 + 3, 'telegram:43')).toBeNull();
  });

  it('keeps one live code per customer and refuses a hash another customer holds', async () => {
    const a = await store().resolveCustomer('web', uid('browser'), T0);
    const b = await store().resolveCustomer('slack', uid('user'), T0);
    const first = code(a.id);
    const second = code(a.id, { createdAt: T0 + 5 });
    await store().createLinkCode(first);
    await store().createLinkCode(second);
    expect(await store().consumeLinkCode(first.codeHash, T0 + 6, 'slack:U1')).toBeNull();
    const clash = code(b.id, { codeHash: second.codeHash });
    expect(await store().createLinkCode(clash)).toBe(false);
    expect(await store().consumeLinkCode(second.codeHash, T0 + 7, 'slack:U1')).toEqual({ ...second, repeated: false });
    expect(await store().createLinkCode({ ...clash, createdAt: T0 + 8 })).toBe(true); // the used one no longer blocks
  });

  it('links a new identity to a customer', async () => {
    const a = await store().resolveCustomer('web', uid('browser'), T0);
    const user = uid('U');
    expect(await store().linkIdentity('slack', user, a.id, T0 + 1)).toEqual(a);
    expect(await store().resolveCustomer('slack', user, T0 + 2)).toEqual(a);
    expect((await store().listIdentities(a.id)).map((i) => i.channel)).toEqual(['web', 'slack']);
    await expect(store().linkIdentity('slack', uid('U'), uid('nobody'), T0)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('merges the other customer: identities, conversations, tickets and surveys move, the profile fills in', async () => {
    const webUser = uid('browser');
    const a = await store().resolveCustomer('web', webUser, T0);
    const slackUser = uid('U');
    const b = await store().resolveCustomer('slack', slackUser, T0 + 1);
    await store().linkIdentity('telegram', uid('tg'), b.id, T0 + 2);
    await store().updateCustomer({ ...b, displayName: 'Wang 王', vip: true });
    const conv = conversation({ customerId: b.id, channel: 'slack', createdAt: T0 + 3 });
    await store().createConversation(conv);
    const t = ticket(conv);
    await store().saveTurn({ conversation: conv, expectedVersion: 1, ticketsCreated: [t], surveys: [survey(conv, { ticketRef: t.ref })] });

    const merged = await store().linkIdentity('slack', slackUser, a.id, T0 + 10);
    expect(merged).toEqual({ ...a, displayName: 'Wang 王', vip: true });
    expect(await store().getCustomer(b.id)).toBeNull();
    expect(await store().resolveCustomer('slack', slackUser, T0 + 11)).toEqual(merged);
    expect((await store().listIdentities(a.id)).map((i) => i.channel).sort()).toEqual(['slack', 'telegram', 'web']);
    expect((await store().listConversationsByCustomer(a.id)).map((c) => c.id)).toEqual([conv.id]);
    expect((await store().getConversation(conv.id))?.version).toBe(2);
    expect((await store().listTicketsByCustomer(a.id)).map((x) => x.ref)).toEqual([t.ref]);
    expect((await store().getTicket(t.ref))?.customerId).toBe(a.id);
    expect((await store().listSurveys(conv.id)).map((s) => s.customerId)).toEqual([a.id]);
    expect(await store().linkIdentity('web', webUser, a.id, T0 + 12)).toEqual(merged); // already linked: no-op
  });
}
