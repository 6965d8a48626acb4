/**
 * `PresenceRecords` on SQLite: table `console_leases` (migration 8), one row per agent and
 * instance. Writes go through the store's group-commit queue (one `IMMEDIATE` transaction), so
 * the reaper's `DELETE ... RETURNING` hands each expired lease to one process only.
 */
import type Database from 'better-sqlite3';
import type { PresenceRecords } from '../port-presence';
import type { Write } from './write-queue';

function prepare(db: Database.Database) {
  return {
    hold: db.prepare<[string, string, number]>(`INSERT INTO console_leases (agent_id, instance, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (agent_id, instance) DO UPDATE SET expires_at = MAX(expires_at, excluded.expires_at)`),
    release: db.prepare<[string, string]>('DELETE FROM console_leases WHERE agent_id = ? AND instance = ?'),
    connected: db.prepare<[string, number], { n: number }>('SELECT 1 AS n FROM console_leases WHERE agent_id = ? AND expires_at > ? LIMIT 1'),
    connectedElsewhere: db.prepare<[string, number, string], { n: number }>('SELECT 1 AS n FROM console_leases WHERE agent_id = ? AND expires_at > ? AND instance != ? LIMIT 1'),
    reap: db.prepare<[number], { agent_id: string }>('DELETE FROM console_leases WHERE expires_at <= ? RETURNING agent_id'),
  };
}

/** The SQLite implementation of {@link PresenceRecords}; created by `SqliteStore.init()`. */
export class SqlitePresenceRecords implements PresenceRecords {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database.Database, private readonly write: Write) {
    this.s = prepare(db);
  }

  async holdConsoles(instance: string, agentIds: string[], expiresAt: number): Promise<void> {
    if (agentIds.length) await this.write(() => agentIds.forEach((id) => this.s.hold.run(id, instance, expiresAt)));
  }

  async releaseConsole(instance: string, agentId: string): Promise<void> {
    await this.write(() => this.s.release.run(agentId, instance));
  }

  async isAgentConnected(agentId: string, now: number, exceptInstance?: string): Promise<boolean> {
    const row = exceptInstance === undefined ? this.s.connected.get(agentId, now) : this.s.connectedElsewhere.get(agentId, now, exceptInstance);
    return row !== undefined;
  }

  async reapConsoleLeases(now: number): Promise<string[]> {
    const rows = await this.write(() => this.s.reap.all(now));
    return [...new Set(rows.map((r) => r.agent_id))];
  }
}
