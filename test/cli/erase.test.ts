/**
 * `concord erase --customer <id>` as a user runs it: the built binary in a child process against
 * a real SQLite data directory (`dist/` is built first when stale).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite';
import { BIN, childEnv, ROOT } from '../helpers/concord-process';
import { ensureBuilt } from '../helpers/ensure-built';
import { conversation, inbound, T0 } from '../store/contract-fixtures';

function erase(dataDir: string, customerId: string) {
  return spawnSync(process.execPath, [BIN, 'erase', '--customer', customerId], { cwd: ROOT, env: childEnv({ DATA_DIR: dataDir }), encoding: 'utf8', timeout: 30_000 });
}

describe('concord erase', () => {
  let dataDir: string;
  beforeAll(() => ensureBuilt());
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-erase-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('erases the customer, prints the counts, audits as cli; an unknown id exits 1', async () => {
    const file = path.join(dataDir, 'concord.db');
    let store = new SqliteStore({ file });
    await store.init();
    const customer = await store.resolveCustomer('web', 'browser-1', T0);
    const conv = conversation({ customerId: customer.id });
    await store.createConversation(conv);
    await store.appendInbound(inbound(conv.id, { text: 'mail me at cli.erase@example.com' }));
    await store.close();

    const ok = erase(dataDir, customer.id);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout.trim())).toEqual({ erased: customer.id, counts: expect.objectContaining({ customers: 1, conversations: 1, messages: 1, identities: 1 }) });

    store = new SqliteStore({ file });
    await store.init();
    expect(await store.getCustomer(customer.id)).toBeNull();
    expect((await store.listAudit(5)).map((a) => [a.actor, a.action, a.target])).toEqual([['cli', 'customer.erase', `customer:${customer.id}`]]);
    await store.close();

    const again = erase(dataDir, customer.id);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^concord erase: customer .* does not exist/);
  });
});
