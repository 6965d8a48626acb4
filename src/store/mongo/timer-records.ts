/**
 * `TimerRecords` on MongoDB: collection `timers` (`_id` = the caller's key), indexed on due
 * pending timers and on expired claims. A claim is one `findOneAndUpdate` per timer, whose filter
 * requires the timer to still be claimable: the server applies it atomically, so two instances
 * never both claim one timer.
 */
import type { ClientSession, Collection, Db } from 'mongodb';
import type { NewTimer, Timer, TimerClaim, TimerRecords, TimerStatus } from '../port-timers';
import { isDuplicateKey } from './collections';

/** A timer as stored (`_id` = `id`). */
export type TimerDoc = Omit<Timer, 'id'> & { _id: string };

const ACTIVE: TimerStatus[] = ['pending', 'claimed'];

function newDoc(t: NewTimer): TimerDoc {
  return {
    _id: t.id, kind: t.kind, conversationId: t.conversationId, dueAt: t.dueAt, payload: t.payload, status: 'pending',
    claimedBy: null, claimUntil: null, attempts: 0, lastError: null, createdAt: t.createdAt, firedAt: null,
  };
}

function docToTimer(d: TimerDoc): Timer {
  const { _id, ...rest } = d;
  return { id: _id, ...rest };
}

/** The `timers` collection handle. */
export function timersCollection(db: Db): Collection<TimerDoc> {
  return db.collection<TimerDoc>('timers');
}

/** Arms a timer inside a turn's transaction (or without one): skipped while one with its id is active. */
export async function scheduleTimerInSession(timers: Collection<TimerDoc>, t: NewTimer, session: ClientSession | undefined): Promise<void> {
  const existing = await timers.findOne({ _id: t.id }, { session, projection: { status: 1 } });
  if (existing && ACTIVE.includes(existing.status)) return;
  await timers.replaceOne({ _id: t.id }, newDoc(t), { upsert: true, session });
}

/** Cancels active timers by id inside a turn's transaction (or without one). */
export async function cancelTimersInSession(timers: Collection<TimerDoc>, ids: string[], session: ClientSession | undefined): Promise<void> {
  if (ids.length) await timers.updateMany({ _id: { $in: ids }, status: { $in: ACTIVE } }, { $set: { status: 'cancelled', claimUntil: null } }, { session });
}

/** The MongoDB implementation of {@link TimerRecords}. */
export class MongoTimerRecords implements TimerRecords {
  constructor(private readonly timers: Collection<TimerDoc>) {}

  async scheduleTimer(timer: NewTimer): Promise<boolean> {
    try {
      const { _id, ...fields } = newDoc(timer);
      const result = await this.timers.updateOne({ _id, status: { $nin: ACTIVE } }, { $set: fields }, { upsert: true });
      return result.modifiedCount + result.upsertedCount === 1;
    } catch (err) {
      if (isDuplicateKey(err)) return false; // an active timer holds the id (the filter skipped it, the upsert collided)
      throw err;
    }
  }

  async cancelTimer(id: string): Promise<boolean> {
    const result = await this.timers.updateOne({ _id: id, status: { $in: ACTIVE } }, { $set: { status: 'cancelled', claimUntil: null } });
    return result.modifiedCount === 1;
  }

  async cancelConversationTimers(conversationId: string, kind?: string): Promise<number> {
    const filter = { conversationId, status: { $in: ACTIVE }, ...(kind === undefined ? {} : { kind }) };
    return (await this.timers.updateMany(filter, { $set: { status: 'cancelled', claimUntil: null } })).modifiedCount;
  }

  /** Earliest `dueAt` first; one atomic `findOneAndUpdate` per timer. */
  async claimDueTimers(c: TimerClaim): Promise<Timer[]> {
    const claimed: Timer[] = [];
    const filter = { $or: [{ status: 'pending' as const, dueAt: { $lte: c.now } }, { status: 'claimed' as const, claimUntil: { $lte: c.now } }] };
    const update = { $set: { status: 'claimed' as const, claimedBy: c.owner, claimUntil: c.now + c.leaseMs }, $inc: { attempts: 1 } };
    while (claimed.length < c.limit) {
      const doc = await this.timers.findOneAndUpdate(filter, update, { sort: { dueAt: 1 }, returnDocument: 'after' });
      if (!doc) break;
      claimed.push(docToTimer(doc));
    }
    return claimed;
  }

  async completeTimer(id: string, owner: string, at: number): Promise<boolean> {
    const result = await this.timers.updateOne({ _id: id, status: 'claimed', claimedBy: owner }, { $set: { status: 'done', firedAt: at, claimUntil: null } });
    return result.modifiedCount === 1;
  }

  async failTimer(id: string, owner: string, error: string, retryAt: number | null): Promise<boolean> {
    const lastError = error.slice(0, 500);
    const set = retryAt === null ? { status: 'failed' as const, lastError, claimUntil: null } : { status: 'pending' as const, lastError, dueAt: retryAt, claimUntil: null };
    const result = await this.timers.updateOne({ _id: id, status: 'claimed', claimedBy: owner }, { $set: set });
    return result.modifiedCount === 1;
  }

  async getTimer(id: string): Promise<Timer | null> {
    const doc = await this.timers.findOne({ _id: id });
    return doc ? docToTimer(doc) : null;
  }
}
