/**
 * A `DialogTurn` for dialog runtime tests: a typed turn of the given intent (and order numbers)
 * whose replies are collected in `replies`; the outside world (tickets, surveys) is inert.
 */
import type { DialogTurn } from '../../src/dialogs/turn';
import { neutralAnalysis, stillTrajectory } from '../../src/understanding/neutral';

export function dialogTurn(intent: string, replies: string[], options: { text?: string; orders?: string[] } = {}): DialogTurn {
  const analysis = neutralAnalysis('en');
  const entities = (options.orders ?? []).map((o) => ({ type: 'order_number', value: o, text: o, start: 0, end: o.length }));
  return {
    text: options.text ?? 'x', analysis: { ...analysis, entities, intent: { name: intent, confidence: 0.9, outOfScope: false, ranking: [] } } as DialogTurn['analysis'],
    trajectory: stillTrajectory([]), language: 'en', now: 0,
    reply: (text) => void replies.push(text), attachQuickReplies: () => undefined,
    createTicket: () => { throw new Error('no tickets here'); }, updateTicket: () => undefined,
    findTicket: async () => null, customerTickets: async () => [], recordSurvey: () => 'survey-1', escalate: () => undefined, close: () => undefined,
    schedule: () => undefined, event: () => undefined,
  };
}
