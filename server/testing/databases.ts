/**
 * Test databases. Every data-layer suite runs once per database: SQLite always (a fresh file per
 * suite), and PostgreSQL when a server is reachable — in a database of its own, created with a
 * unique name and dropped afterwards, so runs never see each other's data.
 *
 * The server comes from DATABASE_URL when it is a postgres:// URL, else TEST_POSTGRES_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres. When none answers, the PostgreSQL pass is skipped
 * and says so — unless TT_REQUIRE_POSTGRES=1 (CI), where that is a failure.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DbHandle, isPostgresUrl, openDatabase } from '../db/create-db.js';
import { migrateToLatest } from '../db/migrate.js';

export function postgresServerUrl(): string {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv && isPostgresUrl(fromEnv)) return fromEnv;
  return process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

let reachable: Promise<boolean> | undefined;

export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: postgresServerUrl(), connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      if (process.env.TT_REQUIRE_POSTGRES === '1') {
        throw new Error(`TT_REQUIRE_POSTGRES=1 but PostgreSQL at ${postgresServerUrl()} cannot be reached: ${(error as Error).message}`);
      }
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A migrated, empty database of the given dialect; `drop()` removes it. */
export async function createTestDatabase(dialect: 'sqlite' | 'postgres'): Promise<DbHandle & { url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-test-'));
    const url = path.join(dir, 'test.db');
    const handle = openDatabase(url);
    await migrateToLatest(handle.db);
    return {
      ...handle,
      url,
      drop: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const server = postgresServerUrl();
  const name = `tt_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name} encoding 'UTF8' template template0`);
  await admin.end();
  const url = withDatabase(server, name);
  const handle = openDatabase(url);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The dialects this run tests: SQLite, plus PostgreSQL when reachable. */
export async function testDialects(): Promise<('sqlite' | 'postgres')[]> {
  return (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}
