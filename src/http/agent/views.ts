/**
 * JSON views of the agent API (docs/agent-api.md, "Shapes"). Password hashes, session ids and
 * event payloads never leave through here.
 */
import type { Conversation, ConversationEvent, Customer, InternalNote, StoredMessage, User } from '../../store/port';
import { analysisOf } from '../../handoff/packet';
import { latestEmotion } from '../../handoff/queue-items';
import { sealedOriginal } from '../../privacy/masking-store';
import { maskPersonalData } from '../../privacy/pii';

/** A console user; `email` only when `withEmail` (yourself, admins). */
export function userView(u: User, extra: { activeChats: number; online: boolean; withEmail: boolean }) {
  return {
    id: u.id,
    name: u.name,
    ...(extra.withEmail ? { email: u.email } : {}),
    role: u.role,
    languages: u.languages,
    categories: u.categories,
    teams: u.teams,
    maxChats: u.maxChats,
    presence: u.presence,
    disabled: u.disabled,
    activeChats: extra.activeChats,
    online: extra.online,
  };
}

/** A conversation in a list (my chats, live view). */
export function chatView(c: Conversation, customer: Customer | null, last: StoredMessage | null) {
  return {
    conversationId: c.id,
    status: c.status,
    channel: c.channel,
    language: c.language,
    customer: { id: c.customerId, displayName: customer?.displayName ?? null, vip: customer?.vip === true },
    assignedAgentId: c.assignedAgentId ?? null,
    emotion: latestEmotion(c),
    lastMessage: last ? { text: last.text, at: last.createdAt, author: last.author } : null,
    updatedAt: c.updatedAt,
  };
}

/**
 * One transcript message with the customer's emotion for that turn. `masked`: personal data in
 * the text is masked at rest and supervisors/admins can reveal the original (docs/privacy.md).
 */
export function messageView(m: StoredMessage, names: Map<string, string>) {
  const emotion = m.author === 'customer' ? analysisOf(m)?.emotion : undefined;
  const masked = sealedOriginal(m) !== null;
  return {
    id: m.id,
    seq: m.seq,
    author: m.author,
    authorId: m.authorId ?? null,
    authorName: m.authorId ? names.get(m.authorId) ?? null : null,
    text: masked ? maskPersonalData(m.text) : m.text,
    masked,
    at: m.createdAt,
    emotion: emotion ? { label: emotion.label, intensity: emotion.intensity, valence: emotion.valence } : null,
    delivery: m.direction === 'out' ? deliveryView(m) : null,
  };
}

/** Whether an outbound message reached the customer, and the failed attempts on the way. */
function deliveryView(m: StoredMessage) {
  return { deliveredAt: m.deliveredAt ?? null, failedAttempts: m.deliveryAttempts ?? 0, lastError: m.lastDeliveryError ?? null };
}

/** An internal note. */
export function noteView(n: InternalNote, names: Map<string, string>) {
  return { id: n.id, conversationId: n.conversationId, authorId: n.authorId, authorName: names.get(n.authorId) ?? '', text: n.text, at: n.at };
}

/** A status transition (without its data payload). */
export function eventView(e: ConversationEvent) {
  return { id: e.id, type: e.type, name: e.name ?? null, fromStatus: e.fromStatus ?? null, toStatus: e.toStatus ?? null, actor: e.actor, reason: e.reason ?? null, at: e.at };
}
