/**
 * Inserting many rows of one table inside the caller's transaction, as fast as each database
 * allows. SQLite: one prepared single-row statement reused for every row — no per-chunk SQL
 * compilation, and no statement journal, which every multi-row INSERT needs. PostgreSQL:
 * multi-row INSERTs in chunks that stay under its bound-parameter limit.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Insertable } from 'kysely';
import type { Executor } from '../context.js';
import type { Database } from './schema.js';

const statements = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

function prepared(sqlite: SqliteDatabase.Database, table: string, columns: string[]): SqliteDatabase.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  const key = `${table}(${columns.join(',')})`;
  let statement = cache.get(key);
  if (!statement) {
    const names = columns.map((c) => `"${c}"`).join(', ');
    statement = sqlite.prepare(`insert into "${table}" (${names}) values (${columns.map(() => '?').join(', ')})`);
    cache.set(key, statement);
  }
  return statement;
}

/**
 * `sqlite` is the connection the transaction `trx` runs on (DbHandle.sqlite / Ctx.sqlite); when
 * absent, the portable path is taken. Every row must have the same columns.
 */
export async function insertMany<T extends keyof Database>(
  trx: Executor,
  sqlite: SqliteDatabase.Database | undefined,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  if (sqlite) {
    // Safe inside the Kysely transaction: better-sqlite3 has one connection, and the transaction
    // holds it while this synchronous loop runs.
    const statement = prepared(sqlite, table, columns);
    for (const row of rows) {
      const record = row as Record<string, unknown>;
      statement.run(columns.map((c) => record[c] ?? null));
    }
    return;
  }
  const perChunk = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += perChunk) {
    await trx.insertInto(table).values(rows.slice(i, i + perChunk) as never).execute();
  }
}
