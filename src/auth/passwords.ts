/**
 * Password hashing with argon2id (memory-hard), OWASP's minimum parameters (19 MiB, t=2, p=1).
 * `verifyPassword` always does the work of one hash, even for unknown users, so response time
 * does not tell an attacker which emails exist.
 */
import { hash, verify } from '@node-rs/argon2';

/** argon2id (algorithm 2) with OWASP 2023 parameters. */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let dummyHash: Promise<string> | null = null;

/** Hashes a password into a PHC string (`$argon2id$...`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * True when `password` matches `phc`. With `phc` null (unknown user) it verifies against a
 * dummy hash and returns false, so both paths cost the same.
 */
export async function verifyPassword(phc: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('concord-dummy-password-for-timing');
  const target = phc ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return phc !== null && ok;
  } catch {
    return false;
  }
}
