/**
 * Masking at rest (`MASK_PII_AT_REST=true`, docs/privacy.md): a `ConversationStore` wrapper that
 * writes personal data masked. A customer message whose text holds personal data is stored with
 * the masked text and its original sealed by the `PiiVault` in `annotations.pii.original`;
 * `appendInbound` still resolves the original text, so understanding runs on it in memory.
 * Conversation state, events, outbound texts, annotations, tickets and survey comments are
 * stored masked; an outbound text holding personal data keeps its original sealed like an inbound
 * one, so the outbox can send the original when it delivers a stored reply again after a crash
 * (`revealForDelivery`). Outbound messages returned by `saveTurn` keep their original text, so the
 * customer receives what the bot said. Every other method passes through unchanged.
 */
import type { Conversation, ConversationEvent, ConversationStore, StoredMessage, Ticket, TurnCommit } from '../store/port';
import { maskAllStrings } from './mask-deep';
import { findPersonalData, maskPersonalData } from './pii';
import type { PiiVault } from './vault';

/** The sealed original text of a masked message, or null when its text was stored as written. */
export function sealedOriginal(m: Pick<StoredMessage, 'annotations'>): string | null {
  const pii = m.annotations?.pii as { original?: unknown } | undefined;
  return typeof pii?.original === 'string' ? pii.original : null;
}

/** The original text of a message (decrypted when it was masked at rest). */
export function revealText(vault: PiiVault, m: StoredMessage): string {
  const sealed = sealedOriginal(m);
  return sealed ? vault.open(sealed, m.id) : m.text;
}

/**
 * The text to send when the outbox delivers a stored message: the original when it was masked at
 * rest, for delivery only (nothing is written back). A seal that cannot be opened (the key was
 * replaced) sends the masked text rather than nothing.
 */
export function revealForDelivery(vault: PiiVault): (m: StoredMessage) => string {
  return (m) => {
    try {
      return revealText(vault, m);
    } catch {
      return m.text;
    }
  };
}

function maskConversation(c: Conversation): Conversation {
  return { ...c, state: maskAllStrings(c.state) };
}

function maskEvent(e: ConversationEvent): ConversationEvent {
  return { ...e, reason: e.reason ? maskPersonalData(e.reason) : e.reason, data: e.data ? maskAllStrings(e.data) : e.data };
}

function maskTicket(t: Ticket): Ticket {
  return { ...t, summary: maskPersonalData(t.summary), facts: maskAllStrings(t.facts), resolution: t.resolution ? maskPersonalData(t.resolution) : t.resolution };
}

/** A reply stored masked, its original sealed (bound to its id) when it held personal data. */
function maskOutbound<M extends Pick<StoredMessage, 'id' | 'text' | 'annotations'>>(m: M, vault: PiiVault): M {
  if (findPersonalData(m.text).length === 0) return m;
  return { ...m, text: maskPersonalData(m.text), annotations: { ...m.annotations, pii: { original: vault.seal(m.text, m.id) } } };
}

function maskCommit(c: TurnCommit, vault: PiiVault): TurnCommit {
  return {
    ...c,
    conversation: maskConversation(c.conversation),
    events: c.events?.map(maskEvent),
    outbound: c.outbound?.map((m) => maskOutbound(m, vault)),
    annotate: c.annotate?.map((a) => ({ ...a, annotations: maskAllStrings(a.annotations) })),
    ticketsCreated: c.ticketsCreated?.map(maskTicket),
    ticketsUpdated: c.ticketsUpdated?.map(maskTicket),
    surveys: c.surveys?.map((s) => ({ ...s, comment: s.comment ? maskPersonalData(s.comment) : s.comment })),
  };
}

/** Wraps `store` so personal data is stored masked (see the file comment). */
export function withMaskingAtRest(store: ConversationStore, vault: PiiVault): ConversationStore {
  const overrides: Partial<ConversationStore> = {
    async appendInbound(message) {
      const masked = message.author === 'customer' && findPersonalData(message.text).length > 0;
      const stored = masked
        ? { ...message, text: maskPersonalData(message.text), annotations: { ...message.annotations, pii: { original: vault.seal(message.text, message.id) } } }
        : message;
      const result = await store.appendInbound(stored);
      return { ...result, message: { ...result.message, text: revealText(vault, result.message) } };
    },
    async saveTurn(commit) {
      const originals = new Map((commit.outbound ?? []).map((m) => [m.id, m.text]));
      const saved = await store.saveTurn(maskCommit(commit, vault));
      return { ...saved, outbound: saved.outbound.map((m) => ({ ...m, text: originals.get(m.id) ?? m.text })) };
    },
    async listUnprocessedInbound(since, limit) {
      return (await store.listUnprocessedInbound(since, limit)).map((m) => ({ ...m, text: revealText(vault, m) }));
    },
    updateConversation: (c, expectedVersion) => store.updateConversation(maskConversation(c), expectedVersion),
    appendEvents: (events) => store.appendEvents(events.map(maskEvent)),
  };
  return new Proxy(store, {
    get(target, prop) {
      const own = (overrides as Record<PropertyKey, unknown>)[prop];
      if (own) return own;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
