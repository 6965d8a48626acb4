/**
 * Looks for strings in everything a SQLite data directory holds: every column of every row of
 * every table (read through a second connection after a WAL checkpoint), then the raw bytes of
 * the database file and its `-wal`/`-shm` files (deleted rows left in free pages would show there).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface ScanHit {
  where: string;
  needle: string;
}

/** Every place (table.column or file name) where one of `needles` occurs. */
export function scanSqlite(file: string, needles: readonly string[]): ScanHit[] {
  const hits: ScanHit[] = [];
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
          for (const needle of needles) if (text.includes(needle)) hits.push({ where: `${table}.${column}`, needle });
        }
      }
    }
  } finally {
    db.close();
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const f = `${file}${suffix}`;
    if (!fs.existsSync(f)) continue;
    const bytes = fs.readFileSync(f);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) hits.push({ where: path.basename(f), needle });
  }
  return hits;
}

/** The tables of a SQLite file and their row counts. */
export function tableCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    return Object.fromEntries(tables.map((t) => [t, Number(db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get())]));
  } finally {
    db.close();
  }
}
