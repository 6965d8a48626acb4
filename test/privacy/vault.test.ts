import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/config';
import { loadVault, PiiVault, privacyVault } from '../../src/privacy/vault';

describe('PiiVault', () => {
  const vault = new PiiVault(randomBytes(32));

  it('round-trips text, never stores it in clear, and is bound to the message id', () => {
    const sealed = vault.seal('我的邮箱 a@b.cn, card 4111 1111 1111 1111', 'm1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('a@b.cn');
    expect(vault.open(sealed, 'm1')).toBe('我的邮箱 a@b.cn, card 4111 1111 1111 1111');
    expect(vault.seal('same', 'm1')).not.toBe(vault.seal('same', 'm1')); // random IV
    expect(() => vault.open(sealed, 'm2')).toThrow(expect.objectContaining({ code: 'pii_unreadable' }));
    expect(() => new PiiVault(randomBytes(32)).open(sealed, 'm1')).toThrow(expect.objectContaining({ code: 'pii_unreadable' }));
    expect(() => vault.open(`${sealed.slice(0, -2)}AA`, 'm1')).toThrow(expect.objectContaining({ code: 'pii_unreadable' }));
  });

  it('takes PII_KEY, else creates DATA_DIR/pii.key once (mode 0600); none when masking was never on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-vault-'));
    try {
      expect(privacyVault(dir, { maskAtRest: false })).toBeUndefined();
      const sealed = loadVault(dir).seal('x', 'm');
      expect(fs.statSync(path.join(dir, 'pii.key')).mode & 0o777).toBe(0o600);
      expect(privacyVault(dir, { maskAtRest: false })?.open(sealed, 'm')).toBe('x');
      const key = randomBytes(32).toString('hex');
      expect(loadVault(dir, key).open(new PiiVault(Buffer.from(key, 'hex')).seal('y', 'm'), 'm')).toBe('y');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates the settings', () => {
    expect(loadConfig({}).privacy).toEqual({ maskAtRest: false, piiKey: undefined, retentionDays: 0 });
    expect(loadConfig({ MASK_PII_AT_REST: 'true', RETENTION_DAYS: '30' }).privacy).toMatchObject({ maskAtRest: true, retentionDays: 30 });
    expect(() => loadConfig({ PII_KEY: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ RETENTION_DAYS: '-1' })).toThrow(/RETENTION_DAYS/);
    expect(() => loadConfig({ MASK_PII_AT_REST: 'yes' })).toThrow(/MASK_PII_AT_REST/);
  });
});
