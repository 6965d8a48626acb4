/**
 * Where to send replies for each Bot Framework conversation. The address (service URL and ids)
 * is kept in memory by conversation key and stored durably as a `channel_address` event on the
 * Concord conversation the first time it is seen there (and again when it changes), so agent
 * replies and replies recovered after a restart still find their way.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Conversation, ConversationStore } from '../../store/port';
import { conversationAddress, type ConversationAddress } from './activities';

export const ADDRESS_EVENT = 'channel_address';
const MAX_CACHED = 10_000;

export class AddressBook {
  /** conversation key -> address (insertion order = age, for eviction). */
  private readonly byKey = new Map<string, ConversationAddress>();
  /** Concord conversation id -> the address JSON already stored on it. */
  private readonly stored = new Map<string, string>();

  constructor(private readonly store: ConversationStore, private readonly clock: Clock) {}

  /** Remembers the latest address of a conversation key (before its message is processed). */
  remember(key: string, address: ConversationAddress): void {
    this.byKey.delete(key);
    this.byKey.set(key, address);
    evict(this.byKey);
  }

  /** Stores the address on the Concord conversation unless it is already there unchanged. */
  async persist(conversationId: string, address: ConversationAddress): Promise<void> {
    const json = JSON.stringify(address);
    if (this.stored.get(conversationId) === json) return;
    const known = await this.fromEvents(conversationId);
    if (JSON.stringify(known) !== json) {
      await this.store.appendEvents([{ id: randomUUID(), conversationId, type: ADDRESS_EVENT, actor: 'system', data: address, at: this.clock.now() }]);
    }
    this.stored.set(conversationId, json);
    evict(this.stored);
  }

  /** The address to reply to a conversation, or undefined when it was never seen. */
  async find(conversation: Conversation): Promise<ConversationAddress | undefined> {
    const cached = this.byKey.get(conversation.channelKey);
    if (cached) return cached;
    const found = (await this.fromEvents(conversation.id)) ?? (conversation.previousConversationId ? await this.fromEvents(conversation.previousConversationId) : undefined);
    if (found) this.remember(conversation.channelKey, found);
    return found;
  }

  private async fromEvents(conversationId: string): Promise<ConversationAddress | undefined> {
    const events = await this.store.listEvents(conversationId);
    const last = events.filter((e) => e.type === ADDRESS_EVENT).at(-1);
    const parsed = conversationAddress.safeParse(last?.data);
    return parsed.success ? parsed.data : undefined;
  }
}

function evict(map: Map<string, unknown>): void {
  while (map.size > MAX_CACHED) map.delete(map.keys().next().value as string);
}
