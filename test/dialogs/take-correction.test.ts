/**
 * `take_correction` on an entity slot: the new value replaces the old one in the slot and where
 * the customer's own words (the frame's text slots) name the old one, never inside a longer number.
 */
import { runAction, type ActionContext } from '../../src/dialogs/actions';
import type { Script } from '../../src/dialogs/schema';
import { newFrame } from '../../src/dialogs/state';
import type { DialogTurn } from '../../src/dialogs/turn';

const script = {
  slots: {
    description: { from: 'text', min_length: { en: 4, zh: 6 } },
    order_number: { from: 'entity', entity: 'order_number' },
  },
} as unknown as Script;

function correct(description: string, text: string, order: string): Record<string, string> {
  const frame = newFrame('complaint', 1, 'confirm');
  frame.slots = { description, order_number: '123456' };
  const turn = { text, analysis: { language: 'en', category: 'other', entities: [{ type: 'order_number', value: order, text: order }] } } as unknown as DialogTurn;
  const ctx = { turn, frame, script, state: {}, setTicket: () => undefined, onEscalate: () => undefined } as unknown as ActionContext;
  runAction({ do: 'take_correction', slots: ['order_number'] }, ctx);
  return frame.slots;
}

it('replaces the corrected order number in the slot and in the quoted story', () => {
  expect(correct('my parcel for order 123456 never arrived', "no, it's 654321", '654321'))
    .toEqual({ description: 'my parcel for order 654321 never arrived', order_number: '654321' });
  expect(correct('订单123456的耳机左边没声音', '654321', '654321').description).toBe('订单654321的耳机左边没声音');
});

it('leaves longer numbers that contain the old one alone', () => {
  expect(correct('order 123456 and tracking 11234567 both wrong', '654321', '654321').description)
    .toBe('order 654321 and tracking 11234567 both wrong');
});
