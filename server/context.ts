/**
 * What every use case receives explicitly: the database (or the open transaction), who acts, from
 * where, and the clock. No DI container.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { UserRole } from '../common/vocabulary.js';
import type { Db, Dialect } from './db/create-db.js';
import type { Database } from './db/schema.js';
import type { DataProtector } from './modules/registry/protect.js';

export interface Actor {
  /** null for the system (CLI, seeding). */
  id: string | null;
  name: string;
  roles: UserRole[];
  jurisdictionCode: string;
  organizationIds: string[];
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Ctx {
  db: Db;
  dialect: Dialect;
  actor: Actor;
  ip: string | null;
  clock: Clock;
  protector: DataProtector;
  /** Set on SQLite: the connection itself, for bulk inserts (server/db/bulk-insert.ts). */
  sqlite?: SqliteDatabase.Database;
}

export type Executor = Db | Transaction<Database>;

export function systemActor(jurisdictionCode: string, name = 'system'): Actor {
  return { id: null, name, roles: ['admin'], jurisdictionCode, organizationIds: [] };
}

/**
 * Runs `work` in one transaction: every state change and its audit events commit together. A use
 * case given a context whose `db` is already a transaction (one use case applying another's write
 * path, e.g. an approved 变更申请 applying updateOrganization) joins it instead of nesting.
 */
export function inTransaction<T>(ctx: Ctx, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx.db as unknown as Transaction<Database>);
  return ctx.db.transaction().execute(work);
}

/** The same context inside `trx`: the write paths it is passed to join that transaction. */
export function withinTransaction(ctx: Ctx, trx: Transaction<Database>): Ctx {
  return { ...ctx, db: trx as unknown as Db };
}
