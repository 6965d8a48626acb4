/**
 * Publish with two Concord instances in one process sharing one SQLite data directory and the
 * real Redis: a script published through instance A's admin API is served by instance B to a
 * new customer without a restart (B reloads on the bus event `content`), and a new intent file
 * published on A is understood by B (retrained in a worker thread).
 */
import { ADMIN, ApiClient } from '../helpers/agent-api';
import { COMPLAINT, publishSource, publishedSource, say } from '../helpers/admin-content';
import { useSharedInstances } from '../helpers/instances';
import { eventually } from '../helpers/redis';

const { instance, connect: customer } = useSharedInstances('content');

it('serves a script published on A to a new customer on B without restart', async () => {
  const a = await instance();
  const b = await instance();
  const admin = new ApiClient(a.url);
  await admin.login(ADMIN.email, ADMIN.password);
  const before = await customer(b);
  expect(await say(before, COMPLAINT, /frustrating/)).not.toMatch(/v2/);

  const source = await publishedSource(admin, 'script', 'complaint');
  const changed = source.replace(/(\n +)en: "I completely understand how frustrating this is/, '$1en: "We hear you (v2). I completely understand how frustrating this is');
  expect(await publishSource(admin, 'script', 'complaint', changed)).toBe(2);
  await eventually(async () => b.content.scripts().get('complaint')?.version === 2, 5000);

  const after = await customer(b);
  expect(await say(after, COMPLAINT, /frustrating/)).toMatch(/^We hear you \(v2\)/);
});

it('retrains intents on every instance when an intent file is published', async () => {
  const a = await instance();
  const b = await instance();
  const admin = new ApiClient(a.url);
  await admin.login(ADMIN.email, ADMIN.password);
  expect(b.content.understanding.analyze('zorblax flimwit').intent.name).not.toBe('thanks');
  const thanks = await publishedSource(admin, 'intent', 'thanks');
  const changed = thanks.replace('examples:\n  en:\n', 'examples:\n  en:\n    - "zorblax flimwit"\n    - "zorblax flimwit quarn"\n');
  expect(await publishSource(admin, 'intent', 'thanks', changed)).toBe(2);
  expect(a.content.understanding.analyze('zorblax flimwit').intent.name).toBe('thanks');
  await eventually(async () => b.content.published().some((i) => i.kind === 'intent' && i.name === 'thanks' && i.version === 2), 5000);
  expect(b.content.understanding.analyze('zorblax flimwit').intent.name).toBe('thanks');
});
