/**
 * The part of the `ConversationStore` port that shares agent presence between instances: which
 * agents have a console socket open, on any instance. Each instance holds a lease per agent it
 * has sockets of, renewed while they stay open; a lease that expired belongs to an instance that
 * stopped renewing (it crashed). The disconnect grace period (`src/handoff/presence.ts`) reads it
 * so any instance can tell whether an agent came back. Every implementation runs
 * `test/store/contract-presence.ts`.
 */

export interface PresenceRecords {
  /** Records, or extends to `expiresAt`, that `instance` holds console sockets of each agent. */
  holdConsoles(instance: string, agentIds: string[], expiresAt: number): Promise<void>;
  /** `instance` holds no console socket of the agent any more (its lease is removed). */
  releaseConsole(instance: string, agentId: string): Promise<void>;
  /**
   * True when some instance (other than `exceptInstance`, when given) holds a console lease of
   * the agent that runs past `now`.
   */
  isAgentConnected(agentId: string, now: number, exceptInstance?: string): Promise<boolean>;
  /**
   * Atomically removes the leases that expired by `now` and resolves their agents (each once,
   * and to one caller only when several instances reap at the same time).
   */
  reapConsoleLeases(now: number): Promise<string[]>;
}
