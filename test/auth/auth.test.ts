/**
 * Password hashing, the login throttle and the first admin, without HTTP.
 */
import { AccountService } from '../../src/auth/accounts';
import { hashPassword, verifyPassword } from '../../src/auth/passwords';
import { LoginThrottle } from '../../src/auth/throttle';
import { FakeClock } from '../../src/clock';
import { SqliteStore } from '../../src/store/sqlite';
import { type TempSqliteStore, tempSqliteStore } from '../helpers/temp-store';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const phc = await hashPassword('s3cret password');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(phc, 's3cret password')).toBe(true);
    expect(await verifyPassword(phc, 'wrong')).toBe(false);
    expect(await verifyPassword(null, 's3cret password')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

describe('LoginThrottle', () => {
  it('blocks an email after its failures and an IP after its own limit', async () => {
    const t = new LoginThrottle({ perEmail: 2, perIp: 3, windowSeconds: 60 });
    expect(await t.check('a@x.com', '1.1.1.1')).toBe(0);
    await t.failed('A@x.com', '1.1.1.1');
    await t.failed('a@x.com', '1.1.1.1');
    expect(await t.check('a@x.com', '2.2.2.2')).toBeGreaterThan(0);
    expect(await t.check('b@x.com', '2.2.2.2')).toBe(0);
    await t.failed('b@x.com', '1.1.1.1');
    expect(await t.check('c@x.com', '1.1.1.1')).toBeGreaterThan(0);
    await t.succeeded('a@x.com');
    expect(await t.check('a@x.com', '2.2.2.2')).toBe(0);
  });
});

describe('AccountService.ensureAdmin', () => {
  let temp: TempSqliteStore;
  let store: SqliteStore;
  beforeEach(async () => {
    temp = await tempSqliteStore('auth');
    store = temp.store;
  });
  afterEach(() => temp.remove());

  it('generates the first admin once and never again', async () => {
    const accounts = new AccountService(store, new FakeClock(), new LoginThrottle());
    const generated = await accounts.ensureAdmin({});
    expect(generated?.password.length).toBeGreaterThanOrEqual(20);
    expect(await accounts.ensureAdmin({})).toBeNull();
    const users = await store.listUsers();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ role: 'admin', email: 'admin@concord.local' });
    expect((await accounts.login('admin@concord.local', generated!.password, '127.0.0.1')).ok).toBe(true);
  });

  it('uses ADMIN_EMAIL/ADMIN_PASSWORD and prints nothing', async () => {
    const accounts = new AccountService(store, new FakeClock(), new LoginThrottle());
    expect(await accounts.ensureAdmin({ email: 'Boss@Example.com', password: 'a very long password' })).toBeNull();
    expect((await store.getUserByEmail('boss@example.com'))?.role).toBe('admin');
  });
});
