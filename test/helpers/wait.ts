/**
 * Polling for tests: wait until a condition holds, failing with a descriptive error after a
 * timeout (never a timed assertion: the timeout only bounds a hang).
 */

/**
 * Polls `check` every `intervalMs` until it is true; after `timeoutMs` throws an Error with
 * `failure` (a function is called then, so it can describe the state at that moment).
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, failure: string | (() => string), timeoutMs = 10_000, intervalMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(typeof failure === 'string' ? failure : failure());
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
