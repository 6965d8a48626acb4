/**
 * `PresenceRecords` on MongoDB: collection `console_leases`, one document per agent and instance
 * (`_id` = `<agentId>|<instance>`), indexed on the agent and on the expiry. The reaper takes each
 * expired lease with its own `findOneAndDelete`, which the server applies atomically, so two
 * instances reaping at once never both get one lease.
 */
import type { Collection, Db } from 'mongodb';
import type { PresenceRecords } from '../port-presence';

/** One instance's console lease for one agent. */
export interface ConsoleLeaseDoc {
  _id: string;
  agentId: string;
  instance: string;
  expiresAt: number;
}

/** The MongoDB implementation of {@link PresenceRecords}. */
export class MongoPresenceRecords implements PresenceRecords {
  private readonly leases: Collection<ConsoleLeaseDoc>;

  constructor(db: Db) {
    this.leases = db.collection<ConsoleLeaseDoc>('console_leases');
  }

  async holdConsoles(instance: string, agentIds: string[], expiresAt: number): Promise<void> {
    if (!agentIds.length) return;
    await this.leases.bulkWrite(agentIds.map((agentId) => ({
      updateOne: { filter: { _id: `${agentId}|${instance}` }, update: { $set: { agentId, instance }, $max: { expiresAt } }, upsert: true },
    })));
  }

  async releaseConsole(instance: string, agentId: string): Promise<void> {
    await this.leases.deleteOne({ _id: `${agentId}|${instance}` });
  }

  async isAgentConnected(agentId: string, now: number, exceptInstance?: string): Promise<boolean> {
    const elsewhere = exceptInstance === undefined ? {} : { instance: { $ne: exceptInstance } };
    return (await this.leases.countDocuments({ agentId, expiresAt: { $gt: now }, ...elsewhere }, { limit: 1 })) > 0;
  }

  async reapConsoleLeases(now: number): Promise<string[]> {
    const agents = new Set<string>();
    for (;;) {
      const doc = await this.leases.findOneAndDelete({ expiresAt: { $lte: now } });
      if (!doc) break;
      agents.add(doc.agentId);
    }
    return [...agents];
  }
}
