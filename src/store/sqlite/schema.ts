/**
 * SQLite schema and its migrations. Each migration runs once, in order, inside an `IMMEDIATE`
 * transaction that also bumps `PRAGMA user_version`, so two processes opening the same file
 * at once cannot both migrate it.
 */
import type Database from 'better-sqlite3';
import { ConcordError } from '../../errors';

/** Migration N (1-based) brings the file from `user_version` N-1 to N. Append only; never edit. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    display_name TEXT,
    language TEXT,
    vip INTEGER,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE identities (
    channel TEXT NOT NULL,
    channel_user_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (channel, channel_user_id)
  ) WITHOUT ROWID;

  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    channel_key TEXT NOT NULL,
    status TEXT NOT NULL,
    language TEXT NOT NULL,
    state TEXT NOT NULL,
    emotion_trajectory TEXT NOT NULL,
    assigned_agent_id TEXT,
    previous_conversation_id TEXT,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_message_at INTEGER NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX conversations_by_key ON conversations (channel, channel_key, status, created_at DESC);
  CREATE INDEX conversations_by_customer ON conversations (customer_id, created_at DESC);
  CREATE INDEX conversations_by_status ON conversations (status, created_at DESC);

  CREATE TABLE messages (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    direction TEXT NOT NULL,
    author TEXT NOT NULL,
    channel_message_id TEXT,
    text TEXT NOT NULL,
    value TEXT,
    quick_replies TEXT,
    annotations TEXT,
    author_id TEXT,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER,
    delivery_attempts INTEGER NOT NULL DEFAULT 0,
    last_delivery_error TEXT,
    last_attempt_at INTEGER,
    PRIMARY KEY (conversation_id, seq)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX messages_by_id ON messages (id);
  CREATE UNIQUE INDEX messages_dedupe ON messages (conversation_id, channel_message_id)
    WHERE channel_message_id IS NOT NULL;
  CREATE INDEX messages_undelivered ON messages (created_at)
    WHERE direction = 'out' AND delivered_at IS NULL;

  CREATE TABLE events (
    id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT,
    from_status TEXT,
    to_status TEXT,
    actor TEXT NOT NULL,
    reason TEXT,
    data TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX events_by_conversation ON events (conversation_id, at);

  CREATE TABLE tickets (
    ref TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    category TEXT NOT NULL,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    summary TEXT NOT NULL,
    facts TEXT NOT NULL,
    resolution TEXT,
    language TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    due_at INTEGER,
    resolved_at INTEGER
  );
  CREATE INDEX tickets_by_customer ON tickets (customer_id, created_at);
  CREATE INDEX tickets_by_conversation ON tickets (conversation_id, created_at);

  CREATE TABLE surveys (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    ticket_ref TEXT,
    score INTEGER NOT NULL,
    comment TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX surveys_by_conversation ON surveys (conversation_id, at);
  `,
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    languages TEXT NOT NULL,
    categories TEXT NOT NULL,
    teams TEXT NOT NULL,
    max_chats INTEGER NOT NULL,
    presence TEXT NOT NULL,
    disabled INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_assigned_at INTEGER
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    text TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX notes_by_conversation ON notes (conversation_id, at);
  CREATE TABLE canned_replies (
    id TEXT PRIMARY KEY,
    shortcut TEXT NOT NULL UNIQUE,
    texts TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    data TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX audit_by_time ON audit (at DESC);
  CREATE INDEX conversations_by_agent ON conversations (assigned_agent_id, status, updated_at DESC);
  `,
  `
  CREATE TABLE link_codes (
    code_hash TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE INDEX link_codes_by_customer ON link_codes (customer_id);
  CREATE INDEX identities_by_customer ON identities (customer_id);
  CREATE INDEX surveys_by_customer ON surveys (customer_id);
  `,
  `
  CREATE TABLE content_versions (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    source TEXT NOT NULL,
    author TEXT NOT NULL,
    message TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (kind, name, version)
  ) WITHOUT ROWID;
  CREATE TABLE content_drafts (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    source TEXT,
    revision INTEGER NOT NULL,
    base_version INTEGER,
    author TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (kind, name)
  ) WITHOUT ROWID;
  `,
  // 5: durable timers (src/scheduler/). IF NOT EXISTS, in case a file met an early build of it.
  `
  CREATE TABLE IF NOT EXISTS timers (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    conversation_id TEXT,
    due_at INTEGER NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    claimed_by TEXT,
    claim_until INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    fired_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS timers_due ON timers (status, due_at);
  CREATE INDEX IF NOT EXISTS timers_leases ON timers (status, claim_until);
  CREATE INDEX IF NOT EXISTS timers_by_conversation ON timers (conversation_id, status);
  `,
  // 6: the inbox of unprocessed customer messages (crash recovery, src/engine/inbox-recovery.ts).
  // The WHERE must stay identical to the `listUnprocessedInbound` statement's.
  `
  CREATE INDEX IF NOT EXISTS messages_unprocessed ON messages (created_at, conversation_id, seq)
    WHERE direction = 'in' AND author = 'customer' AND json_extract(annotations, '$.processed') IS NULL;
  `,
  // Who used a link code, so that a retried turn that already used it is told it worked.
  `
  ALTER TABLE link_codes ADD COLUMN used_by TEXT;
  `,
  // 8: agent console leases, shared presence for the disconnect grace period (src/handoff/presence.ts).
  `
  CREATE TABLE IF NOT EXISTS console_leases (
    instance TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (agent_id, instance)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS console_leases_expiry ON console_leases (expires_at);
  `,
];

/** The schema version this code writes; a file with a higher `user_version` is refused. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to {@link SCHEMA_VERSION}. Idempotent and safe to call from several
 * processes at once: the version is read and bumped inside one `IMMEDIATE` transaction.
 */
export function migrate(db: Database.Database): void {
  const run = db.transaction(() => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > SCHEMA_VERSION) {
      throw new ConcordError(
        'store_schema_too_new',
        `database ${db.name} has schema version ${current} but this Concord knows only ${SCHEMA_VERSION}; upgrade Concord or point DATA_DIR elsewhere`,
      );
    }
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version - 1]);
      db.pragma(`user_version = ${version}`);
    }
  });
  run.immediate();
}
