/**
 * The queue SLA against a real server: a chat waiting longer than QUEUE_SLA_SECONDS gets one
 * `sla_breached` event, the queue entry is flagged, consoles are told (a `queue` bus event) and
 * the Prometheus counter moves; a chat claimed in time never breaches.
 */
import { WebChatClient } from '../../src/channels/web/client';
import type { BusEvent } from '../../src/bus/bus';
import { startTestConcord, type TestConcord } from '../helpers/concord';

let t: TestConcord;
let clients: WebChatClient[] = [];

beforeEach(async () => {
  t = await startTestConcord({ env: { QUEUE_SLA_SECONDS: '120' } });
});

afterEach(async () => {
  for (const c of clients) await c.close();
  clients = [];
  await t.stop();
});

async function queuedConversation(): Promise<string> {
  const client = await WebChatClient.connect(t.concord.url);
  clients.push(client);
  client.send('I want to talk to a real person');
  await client.waitFor((f) => f.type === 'status' && f.status === 'queued');
  await t.concord.idle();
  return client.session.conversationId;
}

async function breaches(): Promise<number> {
  const text = await (await fetch(`${t.concord.url}/metrics`)).text();
  return Number(/^concord_queue_sla_breaches_total (\d+)/m.exec(text)?.[1] ?? 'NaN');
}

it('flags a chat that waited longer than the SLA, once', async () => {
  const id = await queuedConversation();
  expect(await t.concord.store.getTimer(`sla_breach:${id}`)).toMatchObject({ status: 'pending', dueAt: t.clock.now() + 120_000 });
  const seen: BusEvent[] = [];
  t.concord.bus.subscribe((e) => seen.push(e));
  t.clock.advance(119_000);
  await t.concord.scheduler.runDue();
  expect((await t.concord.handoff.queue.snapshot()).items[0]).toMatchObject({ conversationId: id, slaBreached: false });
  t.clock.advance(1_000);
  await t.concord.scheduler.runDue();
  t.clock.advance(600_000);
  await t.concord.scheduler.runDue();
  const events = (await t.concord.store.listEvents(id)).filter((e) => e.type === 'sla_breached');
  expect(events).toHaveLength(1);
  expect(events[0].data).toMatchObject({ waitedSeconds: 120 });
  expect((await t.concord.handoff.queue.snapshot()).items[0]).toMatchObject({ conversationId: id, slaBreached: true });
  expect(seen.some((e) => e.type === 'queue')).toBe(true);
  expect(await breaches()).toBe(1);
});

it('cancels the SLA timer when an agent claims the chat in time', async () => {
  const id = await queuedConversation();
  await t.concord.control.assign(id, 'a1', { kind: 'agent', id: 'a1' });
  expect(await t.concord.store.getTimer(`sla_breach:${id}`)).toMatchObject({ status: 'cancelled' });
  t.clock.advance(3_600_000);
  await t.concord.scheduler.runDue();
  expect((await t.concord.store.listEvents(id)).some((e) => e.type === 'sla_breached')).toBe(false);
  expect(await breaches()).toBe(0);
});
