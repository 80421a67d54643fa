/**
 * A worker thread that reads a SQLite database's contract payments while the main thread reads the
 * contracts: a national year's two million payments take as long to step through as its million
 * contracts, and the machine has a second core (ADR 012). It runs the query load-world.ts gives it
 * and answers with the same columns the main thread builds itself on a smaller database.
 *
 * Plain JavaScript, so a worker can load it however the main thread runs TypeScript (tsx, vitest).
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { PaymentColumnsBuilder, transferables } from './payment-columns.mjs';

/** @type {{ file: string, cacheKib: number, sql: string }} */
const { file, cacheKib, sql } = workerData;

const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
db.pragma(`cache_size = -${cacheKib}`);
const columns = new PaymentColumnsBuilder();
for (const row of db.prepare(sql).raw(true).iterate()) columns.add(row);
db.close();
const out = columns.finish();
parentPort.postMessage(out, transferables(out));
