/**
 * Redeeming a link code is two store writes (use the code, then link the identity) that run
 * before the turn itself is stored. When a turn runs again after a crash, the code is already
 * used: the retry must finish the link and tell the customer it worked, never "invalid".
 */
import { AccountLinker, hashLinkCode } from '../../src/identity/link-codes';
import { tempSqliteStore, type TempSqliteStore } from '../helpers/temp-store';

const T0 = Date.UTC(2026, 11, 2, 9);
let t: TempSqliteStore;
beforeEach(async () => {
  t = await tempSqliteStore('link-retry');
});
afterEach(async () => {
  await t.remove();
});

async function issueFor(linker: AccountLinker, customerId: string): Promise<string> {
  const issued = await linker.issue({ channel: 'web', channelUserId: 'browser-1' }, customerId, T0);
  if (!issued.ok) throw new Error(`no code: ${issued.reason}`);
  return issued.code;
}

it('a redemption retried after it completed says linked again, without a second merge', async () => {
  const linker = new AccountLinker(t.store);
  const web = await t.store.resolveCustomer('web', 'browser-1', T0);
  const slack = await t.store.resolveCustomer('slack', 'T1:U1', T0);
  const code = await issueFor(linker, web.id);
  const sender = { channel: 'slack' as const, channelUserId: 'T1:U1' };

  expect(await linker.redeem(sender, slack.id, code, T0 + 1000)).toEqual({ ok: true, customerId: web.id, mergedFrom: slack.id });
  // The retried turn reloads its conversation, which the merge moved to the web customer.
  expect(await linker.redeem(sender, web.id, code, T0 + 2000)).toEqual({ ok: true, customerId: web.id, mergedFrom: null });
  expect((await t.store.resolveCustomer('slack', 'T1:U1', T0 + 3000)).id).toBe(web.id);
  // Anyone else still finds the code used.
  expect(await linker.redeem({ channel: 'telegram', channelUserId: '99' }, slack.id, code, T0 + 4000)).toEqual({ ok: false, reason: 'invalid' });
});

it('a redemption that crashed between using the code and linking finishes the link on retry', async () => {
  const linker = new AccountLinker(t.store);
  const web = await t.store.resolveCustomer('web', 'browser-1', T0);
  const slack = await t.store.resolveCustomer('slack', 'T1:U2', T0);
  const code = await issueFor(linker, web.id);
  // The first run used the code and died before linking.
  expect(await t.store.consumeLinkCode(hashLinkCode(code), T0 + 1000, 'slack:T1:U2')).toMatchObject({ repeated: false });
  expect((await t.store.resolveCustomer('slack', 'T1:U2', T0 + 1500)).id).toBe(slack.id);

  expect(await linker.redeem({ channel: 'slack', channelUserId: 'T1:U2' }, slack.id, code, T0 + 2000)).toEqual({ ok: true, customerId: web.id, mergedFrom: slack.id });
  expect((await t.store.resolveCustomer('slack', 'T1:U2', T0 + 3000)).id).toBe(web.id);
});
