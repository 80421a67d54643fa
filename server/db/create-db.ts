/**
 * Opens the database named by DATABASE_URL: a `postgres://` URL selects PostgreSQL, anything else
 * is a SQLite file path (default ./data/techtransfer.db). Dialect differences stay in this folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /**
   * For read-only work (GET requests, session lookups). On SQLite a second connection: in WAL mode
   * it reads the last committed state while a long import holds the writing connection. On
   * PostgreSQL the same pool.
   */
  readDb: Db;
  /** The SQLite connection itself, for the bulk-insert fast path (server/db/bulk-insert.ts). */
  sqlite?: SqliteDatabase.Database;
  /** The read connection itself (SQLite), for hot read paths that skip the query builder (search). */
  readSqlite?: SqliteDatabase.Database;
  /** What it points at, without a password, for logs. */
  description: string;
  close(): Promise<void>;
}

export const DEFAULT_SQLITE_PATH = './data/techtransfer.db';

// PostgreSQL returns BIGINT and NUMERIC as strings; our BIGINT columns (audit sequence, later money
// in fen) stay within Number.MAX_SAFE_INTEGER, which the parser checks rather than trusts.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${value} exceeds the safe range`);
  return n;
});

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(url: string = process.env.DATABASE_URL || DEFAULT_SQLITE_PATH): DbHandle {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
    // An idle client whose connection the server ended (restart, failover, a dropped database) is
    // reported on the pool; the pool discards it and the next query connects afresh. Unlistened, the
    // event would crash the process.
    pool.on('error', (error) => {
      if (process.env.NODE_ENV !== 'test' && !process.env.VITEST) console.warn(`PostgreSQL: idle connection lost (${error.message})`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      readDb: db,
      dialect: 'postgres',
      description: url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@'),
      close: () => db.destroy(),
    };
  }
  if (url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const sqlite = new SqliteDatabase(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('synchronous = NORMAL');
  // A large page cache keeps big imports (one transaction touching many index pages) off the disk.
  sqlite.pragma(`cache_size = -${Number(process.env.SQLITE_CACHE_MB ?? 256) * 1024}`);
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (url === ':memory:') {
    return { db, readDb: db, dialect: 'sqlite', sqlite, readSqlite: sqlite, description: url, close: () => db.destroy() };
  }
  const reader = new SqliteDatabase(url, { readonly: true });
  reader.pragma('busy_timeout = 10000');
  reader.pragma(`cache_size = -${Number(process.env.SQLITE_CACHE_MB ?? 256) * 1024}`);
  const readDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: reader }) });
  return {
    db,
    readDb,
    dialect: 'sqlite',
    sqlite,
    readSqlite: reader,
    description: path.resolve(url),
    close: async () => {
      await readDb.destroy();
      await db.destroy();
    },
  };
}
