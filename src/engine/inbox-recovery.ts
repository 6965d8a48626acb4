/**
 * Crash recovery of the inbox: a customer message is acknowledged as soon as it is stored, and
 * its turn commits later (marking it `annotations.processed`). A process killed in between leaves
 * stored, acknowledged messages nobody answers; on start these are found and their turns run
 * through the engine's normal pipeline, oldest first per conversation, exactly once.
 *
 * Call `recoverInbox` before the server accepts messages: it queues every recovered turn on its
 * conversation's queue at once (and the engine holds the Redis lease per turn), so a new message
 * for the same conversation is processed after the recovered ones, and another instance cannot
 * process the same message concurrently. Only messages newer than `windowMs` are answered: a
 * customer who wrote days ago should not get a bot reply now.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ConversationStore } from '../store/port';
import type { Engine } from './engine';

/** Messages older than this are left alone (agents still see them in the history). */
export const RECOVERY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** At most this many messages per start; the rest wait for the next start. */
export const RECOVERY_LIMIT = 1000;

export interface InboxRecoveryCounts {
  found: number;
  processed: number;
  /** In conversations no longer with the bot: marked processed without a reply. */
  marked: number;
  /** Processed meanwhile (another instance) or gone. */
  skipped: number;
  failed: number;
}

export interface InboxRecoveryDeps {
  store: ConversationStore;
  engine: Pick<Engine, 'recoverTurn'>;
  clock: Clock;
  log: Logger;
  windowMs?: number;
  limit?: number;
}

/**
 * Lists the unprocessed messages and queues their turns; resolves once they are queued, with
 * `done` resolving (never rejecting) once they have all run. Logs counts only.
 */
export async function recoverInbox(deps: InboxRecoveryDeps): Promise<{ done: Promise<InboxRecoveryCounts> }> {
  const { store, engine, clock, log } = deps;
  const pending = await store.listUnprocessedInbound(clock.now() - (deps.windowMs ?? RECOVERY_WINDOW_MS), deps.limit ?? RECOVERY_LIMIT);
  const conversations = new Map(await Promise.all([...new Set(pending.map((m) => m.conversationId))].map(async (id) => [id, await store.getConversation(id)] as const)));
  const counts: InboxRecoveryCounts = { found: pending.length, processed: 0, marked: 0, skipped: 0, failed: 0 };
  const turns = pending.map((message) => {
    const conversation = conversations.get(message.conversationId);
    if (!conversation) return Promise.resolve('skipped' as const);
    return engine.recoverTurn(conversation, message).catch((err: unknown) => {
      log.error({ conversationId: message.conversationId, messageId: message.id, err: err instanceof Error ? err.message : String(err) }, 'could not recover a stored message');
      return 'failed' as const;
    });
  });
  const done = Promise.all(turns).then((outcomes) => {
    for (const outcome of outcomes) counts[outcome]++;
    if (counts.found) log.info({ ...counts, limitReached: counts.found === (deps.limit ?? RECOVERY_LIMIT) }, 'answered customer messages stored before the last stop');
    return counts;
  });
  return { done };
}
