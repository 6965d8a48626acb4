/**
 * Whatever goes wrong inside a turn, the customer hears back in their language, their message
 * stays stored (marked failed, so recovery does not run it again) and the failure is recorded.
 */
import path from 'node:path';
import { InProcessBus } from '../../src/bus/bus';
import { FakeClock } from '../../src/clock';
import { loadScripts } from '../../src/dialogs/registry';
import { DialogRuntime } from '../../src/dialogs/runtime';
import { Engine } from '../../src/engine/engine';
import type { InboundMessage } from '../../src/engine/messages';
import { Outbox } from '../../src/engine/outbox';
import { SAFE_REPLY } from '../../src/engine/replies';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics';
import type { StoredMessage } from '../../src/store/port';
import { createUnderstanding } from '../../src/understanding';
import type { Understanding } from '../../src/understanding/types';
import { tempSqliteStore, type TempSqliteStore } from '../helpers/temp-store';

const root = path.join(__dirname, '../..');
const real = createUnderstanding({ intentsDir: path.join(root, 'intents') });
const registry = loadScripts(path.join(root, 'dialogs')).registry!;

describe('Engine safe reply', () => {
  let temp: TempSqliteStore;
  let delivered: StoredMessage[];
  let engine: Engine;

  /** An understanding stage that fails on texts containing "boom" (a bug in a stage, say). */
  const failing: Understanding = {
    intents: () => real.intents(),
    analyze: (text, context) => {
      if (text.includes('boom')) throw new Error('understanding exploded');
      return real.analyze(text, context);
    },
  };

  beforeEach(async () => {
    temp = await tempSqliteStore('safe-reply');
    const clock = new FakeClock();
    const log = createLogger('silent');
    const metrics = createMetrics();
    const outbox = new Outbox(temp.store, clock, log, metrics);
    delivered = [];
    outbox.register('web', { deliver: async (_c, m) => { delivered.push(m); return true; } });
    engine = new Engine({ store: temp.store, understanding: failing, runtime: new DialogRuntime(() => registry), clock, log, metrics, outbox, bus: new InProcessBus(), scripts: () => registry });
  });
  afterEach(() => temp.remove());

  const inbound = (text: string, id: string): InboundMessage => ({ channel: 'web', channelUserId: 'u1', channelKey: 'k1', channelMessageId: id, text, receivedAt: 0 });

  it.each([
    ['en', 'my order 12345 went boom', SAFE_REPLY.en],
    ['zh', '我的订单 12345 boom 了，怎么回事', SAFE_REPLY.zh],
  ])('answers a failed %s turn with the safe reply and keeps the message', async (_lang, text, expected) => {
    const accepted = await engine.receive(inbound(text, 'm1'));
    await engine.idle();
    expect(delivered.map((m) => m.text)).toEqual([expected]);
    const messages = await temp.store.listMessages(accepted.conversationId);
    const stored = messages.find((m) => m.direction === 'in')!;
    expect(stored.text).toBe(text);
    expect(stored.annotations).toMatchObject({ processed: true, failed: true });
    expect(delivered[0].annotations).toMatchObject({ inReplyTo: stored.id });
    const events = await temp.store.listEvents(accepted.conversationId);
    expect(events.filter((e) => e.type === 'turn_failed').map((e) => e.data)).toEqual([{ messageId: stored.id }]);
  });

  it('goes on with the next turn normally after a failed one', async () => {
    const first = await engine.receive(inbound('boom', 'm1'));
    await engine.receive(inbound('where is my order 12345?', 'm2'));
    await engine.idle();
    expect(delivered[0].text).toBe(SAFE_REPLY.en);
    expect(delivered.length).toBeGreaterThan(1);
    expect(delivered.slice(1).some((m) => m.text === SAFE_REPLY.en)).toBe(false);
    const conversation = await temp.store.getConversation(first.conversationId);
    expect(conversation?.status).toBe('bot');
  });
});
