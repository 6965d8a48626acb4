/**
 * When the queue moves, every queued web customer gets their new place from ONE queue snapshot.
 * Before, each asked for their own (four store reads per queued chat each): a queue of 150 took
 * 1.7 s of the main thread per move, growing with the square of the queue.
 */
import { WebChatClient, type ServerFrame } from '../../src/channels/web/client';
import { startTestConcord, type TestConcord } from '../helpers/concord';

let t: TestConcord;
const clients: WebChatClient[] = [];

beforeAll(async () => {
  t = await startTestConcord();
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await t.stop();
});

it('answers every waiting customer from one snapshot, each with their own place', async () => {
  for (let i = 0; i < 12; i++) {
    const client = await WebChatClient.connect(t.concord.url);
    clients.push(client);
    client.send('I want to talk to a real person');
    await client.waitFor((f) => f.type === 'status' && f.status === 'queued');
  }
  await t.concord.idle();
  await t.concord.handoff.queue.settled();

  const store = t.concord.store;
  const list = store.listConversationsByStatus.bind(store);
  let snapshots = 0;
  store.listConversationsByStatus = (...args: Parameters<typeof list>) => {
    snapshots += 1;
    return list(...args);
  };
  try {
    const since = clients.map((c) => c.frames.length);
    t.concord.bus.publish({ type: 'queue', at: t.clock.now() });
    const frames = await Promise.all(clients.map((c, i) => c.waitFor((f) => f.type === 'status', 10_000, since[i])));
    const positions = frames.map((f) => (f as Extract<ServerFrame, { type: 'status' }>).position).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(positions).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(snapshots).toBe(1);
  } finally {
    store.listConversationsByStatus = list;
  }
});
