/**
 * Encrypts the original text of a message whose stored text is masked (`MASK_PII_AT_REST`):
 * AES-256-GCM with a random 96-bit IV, the message id as additional data (a sealed text cannot
 * be moved to another message), stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 * The key is `PII_KEY` (64 hex characters) or `<DATA_DIR>/pii.key`, created on first start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConcordError } from '../errors';
import { loadKeyFile } from '../key-file';

const VERSION = 'v1';

/** Seals and opens personal data with one key. */
export class PiiVault {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new ConcordError('pii_key_invalid', 'the personal-data key must be 32 bytes (64 hex characters)');
  }

  /** Encrypts `text`, bound to `messageId`. */
  seal(text: string, messageId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(messageId, 'utf8'));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** Decrypts what `seal` made for the same `messageId`; `pii_unreadable` when the key or id differ. */
  open(sealed: string, messageId: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    try {
      if (version !== VERSION || body === undefined) throw new Error('unknown format');
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(messageId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new ConcordError('pii_unreadable', 'the original text cannot be decrypted: PII_KEY or pii.key is not the key it was stored with');
    }
  }
}

/** The vault for this deployment: `PII_KEY` when set, else the key file in the data directory. */
export function loadVault(dataDir: string, configuredKey?: string): PiiVault {
  const key = configuredKey ? Buffer.from(configuredKey, 'hex') : loadKeyFile(dataDir, 'pii.key', 'masked messages stored so far can no longer be revealed');
  return new PiiVault(key);
}

/**
 * The vault when personal data may be masked at rest: `MASK_PII_AT_REST` on, `PII_KEY` set, or a
 * `pii.key` file left from a time it was on (so earlier masked messages can still be revealed).
 */
export function privacyVault(dataDir: string, settings: { maskAtRest: boolean; piiKey?: string }): PiiVault | undefined {
  if (settings.maskAtRest || settings.piiKey || fs.existsSync(path.join(dataDir, 'pii.key'))) return loadVault(dataDir, settings.piiKey);
  return undefined;
}
