/**
 * The checks behind a golden file's `expect:` and `final:` blocks. Replies are checked as the
 * customer saw them (frames); understanding, status and tickets as the store recorded them.
 */
import type { ServerFrame } from '../channels/web/client';
import type { ConversationStore } from '../store/port';
import { computeTrajectory } from '../understanding/trajectory';
import type { EmotionPoint } from '../understanding/types';
import type { GoldenFile, TurnExpect } from './schema';
import { hasHan } from '../understanding/han';

export interface TurnObservation {
  frames: ServerFrame[];
  /** The stored id of the customer's message, when it was accepted. */
  messageId?: string;
}

/** Problems with one turn; empty when it met every expectation. */
export async function checkTurn(expect: TurnExpect | undefined, obs: TurnObservation, store: ConversationStore, key: string): Promise<string[]> {
  if (!expect) return [];
  const problems: string[] = [];
  const replies = obs.frames.filter((f): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message');
  const texts = replies.map((r) => r.text);
  const shown = texts.length ? texts.map((t) => `"${t}"`).join(' | ') : '(no reply)';
  if (expect.replies !== undefined && !inRange(replies.length, expect.replies)) problems.push(`expected ${JSON.stringify(expect.replies)} replies, got ${replies.length}: ${shown}`);
  for (const p of expect.match ?? []) if (!texts.some((t) => regex(p).test(t))) problems.push(`no reply matches /${p}/i; got ${shown}`);
  for (const p of expect.not_match ?? []) if (texts.some((t) => regex(p).test(t))) problems.push(`a reply matches /${p}/i but should not; got ${shown}`);
  if (expect.language) for (const t of texts) if (hasHan(t) !== (expect.language === 'zh')) problems.push(`reply not in ${expect.language}: "${t}"`);
  if (expect.quick_replies) problems.push(...checkQuickReplies(expect.quick_replies, replies));
  if (expect.typing && !obs.frames.some((f) => f.type === 'typing' && f.from === expect.typing)) problems.push(`expected a typing indicator from ${expect.typing}`);
  if (expect.from) for (const r of replies) if (r.from !== expect.from) problems.push(`expected replies from ${expect.from}, got one from ${r.from}: "${r.text}"`);
  if (expect.error) {
    const error = obs.frames.find((f) => f.type === 'error');
    if (error?.type !== 'error' || error.code !== expect.error) problems.push(`expected error frame "${expect.error}", got ${error ? JSON.stringify(error) : 'none'}`);
  }
  if (expect.history !== undefined) {
    const history = obs.frames.find((f) => f.type === 'history');
    const n = history?.type === 'history' ? history.messages.length : 0;
    if (n < expect.history) problems.push(`expected a history of at least ${expect.history} messages, got ${n}`);
  }
  problems.push(...(await checkStored(expect, obs, store, key)));
  return problems;
}

async function checkStored(expect: TurnExpect, obs: TurnObservation, store: ConversationStore, key: string): Promise<string[]> {
  const problems: string[] = [];
  const conversation = await store.findLatestConversation('web', key);
  if (expect.status && conversation?.status !== expect.status) problems.push(`expected status ${expect.status}, got ${conversation?.status ?? 'no conversation'}`);
  if (expect.trajectory) {
    const direction = computeTrajectory((conversation?.emotionTrajectory ?? []) as EmotionPoint[]).direction;
    if (direction !== expect.trajectory) problems.push(`expected a ${expect.trajectory} emotion trajectory, got ${direction}`);
  }
  if (!expect.emotion && !expect.intent) return problems;
  const message = obs.messageId ? await store.getMessage(obs.messageId) : null;
  const analysis = message?.annotations?.analysis as { emotion?: { label: string; intensity: number }; intent?: { name: string } } | undefined;
  if (!analysis) return [...problems, 'the customer message has no stored understanding'];
  const e = expect.emotion;
  if (e?.label !== undefined && !list(e.label).includes(analysis.emotion?.label ?? '')) problems.push(`expected emotion ${list(e.label).join('|')}, got ${analysis.emotion?.label}`);
  const intensity = analysis.emotion?.intensity ?? 0;
  if (e?.min_intensity !== undefined && intensity < e.min_intensity) problems.push(`expected emotion intensity >= ${e.min_intensity}, got ${intensity.toFixed(2)}`);
  if (e?.max_intensity !== undefined && intensity > e.max_intensity) problems.push(`expected emotion intensity <= ${e.max_intensity}, got ${intensity.toFixed(2)}`);
  if (expect.intent !== undefined && !list(expect.intent).includes(analysis.intent?.name ?? '')) problems.push(`expected intent ${list(expect.intent).join('|')}, got ${analysis.intent?.name}`);
  return problems;
}

/** Problems with the final state of the customer's conversations. */
export async function checkFinal(final: GoldenFile['final'], store: ConversationStore, key: string): Promise<string[]> {
  if (!final) return [];
  const problems: string[] = [];
  const conversation = await store.findLatestConversation('web', key);
  if (!conversation) return ['no conversation was stored'];
  if (final.status && conversation.status !== final.status) problems.push(`final: expected status ${final.status}, got ${conversation.status}`);
  const tickets = await store.listTicketsByCustomer(conversation.customerId);
  if (final.tickets !== undefined && tickets.length !== final.tickets) problems.push(`final: expected ${final.tickets} tickets, got ${tickets.length}`);
  const t = final.ticket;
  const ticket = tickets[0];
  if (t && !ticket) problems.push('final: expected a ticket, found none');
  if (t && ticket) {
    for (const field of ['category', 'status', 'priority'] as const) {
      const want = t[field];
      if (want !== undefined && !list(want).includes(ticket[field])) problems.push(`final: expected ticket ${field} ${list(want).join('|')}, got ${ticket[field]}`);
    }
  }
  const conversationIds = new Set((await store.listConversationsByCustomer(conversation.customerId)).map((c) => c.id));
  if (final.survey !== undefined) {
    const surveys = (await Promise.all([...conversationIds].map((id) => store.listSurveys(id)))).flat();
    if (!surveys.some((s) => s.score === final.survey)) problems.push(`final: expected a survey answer ${final.survey}, got ${surveys.map((s) => s.score).join(', ') || 'none'}`);
  }
  if (final.conversations !== undefined && conversationIds.size !== final.conversations) problems.push(`final: expected ${final.conversations} conversations, got ${conversationIds.size}`);
  if (final.events || final.absent_events) {
    const events = (await Promise.all([...conversationIds].map((id) => store.listEvents(id)))).flat();
    const reasons = (e: (typeof events)[number]) => (Array.isArray(e.data?.reasons) ? (e.data.reasons as string[]) : []);
    const types = new Set(events.flatMap((e) => [e.type, e.name ?? '', ...reasons(e)]));
    const listed = [...types].filter(Boolean).join(', ');
    for (const want of final.events ?? []) if (!types.has(want)) problems.push(`final: expected an event "${want}"; events: ${listed}`);
    for (const unwanted of final.absent_events ?? []) if (types.has(unwanted)) problems.push(`final: expected no event "${unwanted}"; events: ${listed}`);
  }
  return problems;
}

function checkQuickReplies(want: string[], replies: Extract<ServerFrame, { type: 'message' }>[]): string[] {
  const got = (replies[replies.length - 1]?.quickReplies ?? []).map((q) => q.value);
  const same = got.length === want.length && want.every((v) => got.includes(v));
  return same ? [] : [`expected quick replies [${want.join(', ')}], got [${got.join(', ')}]`];
}

function inRange(n: number, r: number | { min?: number; max?: number }): boolean {
  return typeof r === 'number' ? n === r : n >= (r.min ?? 0) && n <= (r.max ?? Infinity);
}

function regex(pattern: string): RegExp {
  return new RegExp(pattern, 'iu');
}

function list(v: string | string[]): string[] {
  return Array.isArray(v) ? v : [v];
}
