/** The `prompted_at_least` condition: how often a slot's question has been asked, this time included. */
import { holds } from '../../src/dialogs/conditions';
import type { DialogState, Frame } from '../../src/dialogs/state';
import type { DialogTurn } from '../../src/dialogs/turn';

it('prompted_at_least holds once the slot was asked that many times', () => {
  const frame = { slots: {}, facts: {}, prompts: { description: 2 } } as unknown as Frame;
  const ctx = { turn: { text: 'x', analysis: { emotion: { label: 'neutral', intensity: 0, cues: [] }, entities: [] } } as unknown as DialogTurn, frame, state: { stack: [frame], counters: {} } as unknown as DialogState, intent: 'oos' };
  expect(holds({ prompted_at_least: { description: 2 } }, ctx)).toBe(true);
  expect(holds({ prompted_at_least: { description: 3 } }, ctx)).toBe(false);
  expect(holds({ prompted_at_least: { order_number: 1 } }, ctx)).toBe(false);
});
