/**
 * Every error Concord raises on purpose carries a stable `code` (for logs, metrics and API
 * clients) and a message that says what went wrong and how to fix it.
 */
export class ConcordError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ConcordError';
  }
}

/** Raised by a store when an optimistic update finds a newer version than the one it read. */
export class VersionConflictError extends ConcordError {
  constructor(entity: string, id: string, expected: number) {
    super('version_conflict', `${entity} ${id} was changed by someone else (expected version ${expected}); reload and retry`);
  }
}

/** Raised when an id does not name anything the caller can see. */
export class NotFoundError extends ConcordError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} does not exist`);
  }
}

/** Raised by a store when a claim would give an agent more than `maxChats` conversations (`TurnCommit.capacity`). */
export class AtCapacityError extends ConcordError {
  constructor(agentId: string, load: number, maxChats: number) {
    super('at_capacity', `agent ${agentId} already has ${load} chats (their limit is ${maxChats}); finish one first`, { load, maxChats });
  }
}

export function isConcordError(err: unknown, code?: string): err is ConcordError {
  return err instanceof ConcordError && (code === undefined || err.code === code);
}
