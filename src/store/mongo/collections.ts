/**
 * Typed handles on the store's collections and the small helpers the MongoDB store shares:
 * duplicate-key detection and "run atomically if the deployment can".
 */
import type { ClientSession, Collection, Db, MongoClient } from 'mongodb';
import type { ConversationDoc, CustomerDoc, EventDoc, IdentityDoc, MessageDoc, SurveyDoc, TicketDoc } from './documents';

/** The collections of one Concord database. */
export interface Collections {
  customers: Collection<CustomerDoc>;
  identities: Collection<IdentityDoc>;
  conversations: Collection<ConversationDoc>;
  messages: Collection<MessageDoc>;
  events: Collection<EventDoc>;
  tickets: Collection<TicketDoc>;
  surveys: Collection<SurveyDoc>;
  /** One document per agent, written by every capacity-checked claim (see `requireCapacityDocs`). */
  agentClaims: Collection<AgentClaimDoc>;
}

/** Written by each capacity-checked claim so two concurrent claims for one agent conflict. */
export interface AgentClaimDoc {
  _id: string;
  claims: number;
}

/** Opens the typed collection handles (no I/O). */
export function collections(db: Db): Collections {
  return {
    customers: db.collection<CustomerDoc>('customers'),
    identities: db.collection<IdentityDoc>('identities'),
    conversations: db.collection<ConversationDoc>('conversations'),
    messages: db.collection<MessageDoc>('messages'),
    events: db.collection<EventDoc>('events'),
    tickets: db.collection<TicketDoc>('tickets'),
    surveys: db.collection<SurveyDoc>('surveys'),
    agentClaims: db.collection<AgentClaimDoc>('agent_claims'),
  };
}

/** True for E11000 (unique index violation). */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 11000;
}

/**
 * True when the server can run multi-document transactions: a replica set member or a mongos.
 * A standalone `mongod` cannot.
 */
export async function supportsTransactions(db: Db): Promise<boolean> {
  const hello = await db.admin().command({ hello: 1 });
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}

/**
 * Runs `work` in a transaction (majority commit) when `transactional`, else directly with no
 * session. `withTransaction` may call `work` more than once on transient errors, so `work`
 * must only write through the session it is given.
 */
export async function atomically<T>(
  client: MongoClient,
  transactional: boolean,
  work: (session: ClientSession | undefined) => Promise<T>,
): Promise<T> {
  if (!transactional) return work(undefined);
  return client.withSession((session) =>
    session.withTransaction(() => work(session), {
      readConcern: { level: 'snapshot' },
      writeConcern: { w: 'majority' },
    }),
  );
}
