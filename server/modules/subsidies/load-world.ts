/**
 * The subsidy world read from the database: organizations (kind, division, filed, legal
 * representative, controller, equity holders, demonstration-institution recognitions), brokers, and
 * the technology contracts with their parties, brokers, third parties, funding and payments (each
 * payment's invoices summed). References are resolved into the object graph the engine reads.
 *
 * Every table is read once, whole, in batches (`scan`): on SQLite one pass in table order straight
 * from better-sqlite3 (no pages), with a small page cache while it runs, the payments of a large
 * registry on a worker thread meanwhile (payments-worker.mjs, ADR 012), and read again if anything
 * was written in between; on PostgreSQL keyset pages (`id > last order by id`) inside one
 * repeatable-read transaction, so every page sees the same snapshot. Rows are joined to their contract in memory. A national year (a million contracts,
 * two million payments) is most of a settlement's memory, so the graph is kept lean: contracts
 * share one frozen empty list until a row adds a broker, third party or funding; payments are
 * given as exact-size lists; dates, divisions and types are one string per distinct value.
 */
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { orderedPayments } from './counting.js';
import { PaymentColumnsBuilder, type PaymentColumns, type PaymentRow } from './payment-columns.mjs';
import { byRef, type Contract, type CreditKind, type CreditRecord, type FundingLevel, type OrgKind, type Organization, type Payment, type Person } from './model.js';
import { rat, type Rational } from './rational.js';
import { addDays } from '../../../common/dates.js';
import { CREDIT_SOURCE_LABELS } from '../../../common/credit-vocabulary.js';

/**
 * `page`: rows per batch (and per PostgreSQL page); tests make it tiny to cross page boundaries.
 * `paymentsWorkerFrom`: on a SQLite file, payments are read by a worker thread, in parallel with
 * the contracts, once the table holds about this many (below it, starting a thread costs more
 * than it saves); tests set 0 to take that path on small data.
 */
export const scanSettings = { page: 20_000, paymentsWorkerFrom: 50_000 };

/** Registry kinds → the engine's kinds (the engine knows who may earn what, not every registry kind). */
const KIND: Record<string, OrgKind> = {
  enterprise: 'enterprise',
  university: 'university',
  research_institute: 'research_institute',
  new_rd_institution: 'new_rd_institution',
  tech_transfer_institution: 'agency',
  service_agency: 'agency',
};

/** Contract statuses whose registration counts (未撤销的已登记合同). */
const REGISTERED = new Set(['registered', 'amended']);
/** Contracts never submitted for registration, or withdrawn, are not part of a settlement. */
const NOT_IN_SETTLEMENT = new Set(['draft', 'cancelled']);

/** Where to read from: the Kysely executor, and on SQLite the connection itself for fast scans. */
export interface ScanSource {
  db: Executor;
  sqlite?: SqliteDatabase.Database;
}

/**
 * What to read: a table (or `table alias`) and the select expressions, each ending in a plain
 * name (`p.id as id`, or a correlated subquery `(select …) as invoiced`); `key` is the column the
 * PostgreSQL pages go by (the table's id).
 */
interface ScanQuery {
  from: string;
  select: readonly string[];
  /** A filter on the rows of `from` (not with `{page}`). */
  where?: string;
  key?: string;
}

/** Every row of a table's named columns, as objects, in batches; the order is unspecified. */
function scan<T extends { id: string }>(src: ScanSource, table: keyof Database, columns: readonly string[]): AsyncGenerator<T[]> {
  return scanQuery<T>(src, { from: `"${table}"`, select: columns.map((c) => `"${c}"`) }, false);
}

/**
 * Every row of a query in batches; with `raw`, rows are arrays in the select's order (the big
 * tables: no object per row to build and throw away). The first column must be the page key.
 */
async function* scanQuery<T>(src: ScanSource, q: ScanQuery, raw: boolean): AsyncGenerator<T[]> {
  const select = selectList(q, raw);
  if (src.sqlite) {
    const statement = src.sqlite.prepare(sqliteScan(q, raw));
    if (raw) statement.raw(true);
    let batch: T[] = [];
    for (const row of statement.iterate() as IterableIterator<T>) {
      batch.push(row);
      if (batch.length === scanSettings.page) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    return;
  }
  // PostgreSQL: keyset pages. A query whose `from` holds `{page}` pages its inner table there (so a
  // joined one-to-many stays whole within a page) and counts pages by distinct keys.
  const key = q.key ?? 'id';
  const [before, inner] = q.from.split('{page}');
  type Page = { rows: Record<string, unknown>[]; keys: number };
  const fetchPage = async (after: string | null): Promise<Page> => {
    if (inner !== undefined) {
      const page: RawBuilder<unknown> = after === null ? sql`order by id limit ${scanSettings.page}` : sql`where id > ${after} order by id limit ${scanSettings.page}`;
      const { rows } = await sql<Record<string, unknown>>`select ${sql.raw(select)} from ${sql.raw(before!)} ${page} ${sql.raw(inner)} order by ${sql.raw(key)}`.execute(src.db);
      return { rows, keys: new Set(rows.map((r) => Object.values(r)[0])).size };
    }
    const filter = q.where ? sql`where (${sql.raw(q.where)})` : sql``;
    const where: RawBuilder<unknown> = after === null ? filter : q.where ? sql`${filter} and ${sql.raw(key)} > ${after}` : sql`where ${sql.raw(key)} > ${after}`;
    const { rows } = await sql<Record<string, unknown>>`select ${sql.raw(select)} from ${sql.raw(q.from)} ${where} order by ${sql.raw(key)} limit ${scanSettings.page}`.execute(src.db);
    return { rows, keys: rows.length };
  };
  // The next page is asked for as soon as this one arrives, before this one is handed on: the
  // server runs the next query while this process turns the rows into the world (one after the
  // other, each waited for the other about half of a national year's load).
  let next: Promise<Page> | undefined = fetchPage(null);
  try {
    while (next) {
      const { rows, keys }: Page = await next;
      next = keys < scanSettings.page ? undefined : fetchPage(Object.values(rows[rows.length - 1]!)[0] as string);
      // A page asked for but never waited for (the reader stopped early) must not fail unhandled.
      next?.catch(() => {});
      const out = (raw ? rows.map((r) => Object.values(r)) : rows) as T[];
      if (out.length) yield out;
    }
  } finally {
    // Stopped early: let the page in flight finish before the caller's transaction goes on.
    if (next) await next.catch(() => {});
  }
}

/** Raw rows are read by position; unique names keep PostgreSQL's row objects from merging `s.id` and `b.id`. */
function selectList(q: ScanQuery, raw: boolean): string {
  return (raw ? q.select.map((e, i) => `${e} as c${i}`) : q.select).join(', ');
}

/** On SQLite a scan is one statement over the whole table. */
function sqliteScan(q: ScanQuery, raw: boolean): string {
  return `select ${selectList(q, raw)} from ${q.from.replace('{page}', '')}${q.where ? ` where ${q.where}` : ''}`;
}

export interface LoadedWorld {
  organizations: Organization[];
  people: Person[];
  contracts: Contract[];
  /** Organization and person ref → name, for the awards shown to people (contract names are read when explained). */
  names: Map<string, string>;
}

/**
 * Loads everything a settlement for application year `year` can use: all organizations and
 * brokers, and every contract signed by the end of the base year that was submitted for
 * registration (drafts and cancelled ones are not facts yet). On PostgreSQL the reads share one
 * repeatable-read snapshot.
 */
export async function loadSubsidyWorld(src: ScanSource, year: number): Promise<LoadedWorld> {
  const sqlite = src.sqlite;
  if (sqlite) return withScanCache(sqlite, () => unchangedWhileRead(sqlite, () => loadFrom(src, year)));
  // Inside the caller's transaction (a 核定 that locks its notice), its snapshot is the one to read.
  if (!('transaction' in src.db) || src.db.isTransaction) return loadFrom(src, year);
  return src.db.transaction().setIsolationLevel('repeatable read').execute((trx) => loadFrom({ db: trx }, year));
}

/** SQLite page cache while scanning, KiB: each page is read once, so a large cache only holds memory (a national year's tables are over a GB). */
const SCAN_CACHE_KIB = 16_384;

async function withScanCache<T>(sqlite: SqliteDatabase.Database, load: () => Promise<T>): Promise<T> {
  const saved = sqlite.pragma('cache_size', { simple: true }) as number;
  if (saved < 0 && -saved <= SCAN_CACHE_KIB) return load();
  sqlite.pragma(`cache_size = -${SCAN_CACHE_KIB}`);
  try {
    return await load();
  } finally {
    sqlite.pragma(`cache_size = ${saved}`);
  }
}

/**
 * SQLite reads table by table, and payments on a connection of their own: the world is only
 * consistent if nothing was written meanwhile. `data_version` moves when another connection
 * commits, `total_changes()` when this one writes (another request on the same connection); if
 * either moved, the world is read again.
 */
export async function unchangedWhileRead<T>(sqlite: SqliteDatabase.Database, read: () => Promise<T>): Promise<T> {
  const mark = () => `${String(sqlite.pragma('data_version', { simple: true }))}:${String(sqlite.prepare('select total_changes()').pluck().get())}`;
  for (let attempt = 1; ; attempt++) {
    const before = mark();
    const world = await read();
    if (mark() === before) return world;
    if (attempt === 3) throw new AppError('CONFLICT', '登记数据在读取期间反复变化，请稍后重新结算');
  }
}

type Row<K extends keyof Database> = Database[K] & { id: string };

/** The lists most contracts have none of, shared until a row adds the first item (frozen: never pushed to). */
const NONE: never[] = Object.freeze([]) as never[];

/**
 * One string per distinct value: a million contracts share a few thousand dates, divisions and
 * types, so the world keeps those instead of a fresh copy per row.
 */
class Interned {
  private readonly seen = new Map<string, string>();
  of(text: string): string {
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    this.seen.set(text, text);
    return text;
  }
}

/** Exact rationals for the few distinct small integers the rows carry (shares, percentages, years). */
class RationalCache {
  private readonly made = new Map<number, Rational>();
  constructor(private readonly den: bigint) {}
  of(num: number): Rational {
    let r = this.made.get(num);
    if (!r) this.made.set(num, (r = rat(BigInt(num), this.den)));
    return r;
  }
}

async function loadFrom(src: ScanSource, year: number): Promise<LoadedWorld> {
  const paymentsAside = src.sqlite ? paymentsInWorker(src.sqlite) : undefined;
  try {
    return await loadWith(src, year, paymentsAside);
  } finally {
    paymentsAside?.stop();
  }
}

async function loadWith(src: ScanSource, year: number, paymentsAside: PaymentsAside | undefined): Promise<LoadedWorld> {
  const baseYearEnd = `${year - 1}-12-31`;
  const names = new Map<string, string>();
  const strings = new Interned();

  const orgs = new Map<string, Organization>();
  type OrgRow = [id: string, name: string, uscc: string | null, kind: string, division: string, rdFiled: number | null, legalRep: string | null, controller: string | null];
  for await (const rows of scanQuery<OrgRow>(src, { from: 'organization', select: ['id', 'name', 'uscc', 'kind', 'division_code', 'rd_filed', 'legal_representative_id', 'actual_controller_id'] }, true)) {
    for (const [id, name, uscc, kind, division, rdFiled, legalRep, controller] of rows) {
      const o: Organization = { ref: id, name, kind: KIND[kind] ?? 'other', division: strings.of(division), filed: rdFiled === 1, holders: NONE, recognitions: NONE };
      if (uscc) o.uscc = uscc;
      if (legalRep) o.legalRep = legalRep;
      if (controller) o.controller = controller;
      orgs.set(id, o);
      names.set(id, name);
    }
  }
  const percent = new RationalCache(100n);
  for await (const rows of scan<Row<'equity_holding'>>(src, 'equity_holding', ['id', 'organization_id', 'holder_organization_id', 'holder_person_id', 'percent_bp'])) {
    for (const r of rows) {
      const holder = r.holder_organization_id ?? r.holder_person_id;
      const held = orgs.get(r.organization_id);
      if (!held || !holder) continue;
      const h = { holder, percent: percent.of(r.percent_bp) };
      if (held.holders === NONE) held.holders = [h];
      else held.holders.push(h);
    }
  }
  // Recognitions: technology-transfer demonstration institutions (技术转移示范机构), not revoked by the end of the base year.
  for await (const rows of scan<Row<'platform'>>(src, 'platform', ['id', 'type', 'host_organization_id', 'level', 'recognized_on', 'revoked_on'])) {
    for (const p of rows) {
      if (p.type !== 'tech_transfer_demonstration' || (p.revoked_on && p.revoked_on <= baseYearEnd)) continue;
      const host = orgs.get(p.host_organization_id);
      if (!host) continue;
      const r = { kind: 'tech_transfer_demo', level: p.level, date: p.recognized_on };
      if (host.recognitions === NONE) host.recognitions = [r];
      else host.recognitions.push(r);
    }
  }
  // Organizations' recognitions in a canonical order, whatever order the rows came in.
  for (const o of orgs.values()) if (o.recognitions.length > 1) o.recognitions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.level < b.level ? -1 : 1));

  // People: brokers are those with the broker role; everyone named on a contract is known by name.
  // (Their credit records are attached below, with the organizations'.)
  const brokerIds = new Set<string>();
  for await (const rows of scan<Row<'person_role'>>(src, 'person_role', ['id', 'person_id', 'role'])) for (const r of rows) if (r.role === 'broker') brokerIds.add(r.person_id);
  const people = new Map<string, Person>();
  for await (const rows of scan<Row<'person'>>(src, 'person', ['id', 'name'])) {
    for (const p of rows) people.set(p.id, { ref: p.id, name: p.name, broker: brokerIds.has(p.id) });
  }

  await attachCreditRecords(src, orgs, people);

  const contracts = await loadContracts(src, baseYearEnd, orgs, strings);
  const namedOnContract = await attachChildren(src, contracts, orgs, people, strings, paymentsAside);

  const complete: Contract[] = [];
  for (const c of contracts.values()) {
    // Canonical orders for what the rows gave in table order.
    if (c.brokers.length > 1) c.brokers.sort((a, b) => (a.person.ref < b.person.ref ? -1 : 1));
    if (c.thirdParties.length > 1) c.thirdParties.sort((a, b) => (a.org.ref < b.org.ref ? -1 : 1));
    complete.push(c);
  }
  complete.sort(byRef);
  const named = [...people.values()].filter((p) => p.broker || namedOnContract.has(p.ref));
  for (const p of named) names.set(p.ref, p.name);
  return { organizations: [...orgs.values()], people: named, contracts: complete, names };
}

/**
 * Credit records (信用记录, table credit_record) onto their holders, as the engine reads them: a
 * record ended early is in force until the day before it ended (one ended on or before its start
 * never was); the source in words. Few rows: read whole. Canonical order per holder.
 */
async function attachCreditRecords(src: ScanSource, orgs: Map<string, Organization>, people: Map<string, Person>): Promise<void> {
  const rows = await src.db
    .selectFrom('credit_record')
    .select(['id', 'organization_id', 'person_id', 'kind', 'source', 'source_name', 'document_number', 'valid_from', 'valid_to', 'ended_on'])
    .orderBy('id')
    .execute();
  const touched = new Set<CreditRecord[]>();
  for (const r of rows) {
    let to = r.valid_to ?? undefined;
    if (r.ended_on) {
      const lastDay = addDays(r.ended_on, -1);
      if (lastDay < r.valid_from) continue;
      if (to === undefined || lastDay < to) to = lastDay;
    }
    const record: CreditRecord = {
      kind: r.kind as CreditKind,
      from: r.valid_from,
      ...(to !== undefined ? { to } : {}),
      ...(r.document_number ? { document: r.document_number } : {}),
      source: r.source_name || (CREDIT_SOURCE_LABELS[r.source] ?? r.source),
    };
    const holder: Organization | Person | undefined = r.organization_id ? orgs.get(r.organization_id) : r.person_id ? people.get(r.person_id) : undefined;
    if (!holder) continue;
    (holder.credit ??= []).push(record);
    touched.add(holder.credit);
  }
  const key = (c: CreditRecord) => `${c.from}|${c.kind}|${c.to ?? ''}|${c.document ?? ''}|${c.source ?? ''}`;
  for (const list of touched) if (list.length > 1) list.sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

/**
 * The contracts with their first seller and first buyer (position 0). The parties come from the
 * covering index on (contract, side, position, organization), so the join never reads a party row;
 * the rare natural-person parties (no organization) are read first, on their own.
 */
async function loadContracts(src: ScanSource, baseYearEnd: string, orgs: Map<string, Organization>, strings: Interned): Promise<Map<string, Contract>> {
  const persons = new Map<string, { seller?: Organization; buyer?: Organization }>();
  type PersonRow = [id: string, contractId: string, side: string, name: string | null];
  const personQuery: ScanQuery = { from: 'contract_party', select: ['id', 'contract_id', 'side', 'person_name'], where: 'organization_id is null and position = 0' };
  for await (const rows of scanQuery<PersonRow>(src, personQuery, true)) {
    for (const [id, contractId, side, name] of rows) {
      let parties = persons.get(contractId);
      if (!parties) persons.set(contractId, (parties = {}));
      if (side === 'seller' || side === 'buyer') parties[side] = naturalPerson(id, name ?? '自然人');
    }
  }
  const contractQuery: ScanQuery = {
    from: `contract c
      left join contract_party s on s.contract_id = c.id and s.side = 'seller' and s.position = 0
      left join contract_party b on b.contract_id = c.id and b.side = 'buyer' and b.position = 0`,
    key: 'c.id',
    select: [
      'c.id', 'c.type', 'c.license_years', 'c.signed_on', 'c.amount_fen', 'c.tech_amount_fen', 'c.registration_number', 'c.registered_on',
      'c.registration_office_id', 'c.implementation_division', 'c.declared_related', 'c.fiscal_funded', 'c.status', 's.organization_id', 'b.organization_id',
    ],
  };
  type ContractRow = [
    id: string, type: string, licenseYears: number | null, signedOn: string, amountFen: number | string, techAmountFen: number | string,
    registrationNumber: string | null, registeredOn: string | null, officeId: string | null, implementedIn: string | null,
    declaredRelated: number, fiscalFunded: number, status: string, sellerOrg: string | null, buyerOrg: string | null,
  ];
  const years = new RationalCache(1n);
  const contracts = new Map<string, Contract>();
  for await (const rows of scanQuery<ContractRow>(src, contractQuery, true)) {
    for (const r of rows) {
      const [id, type, licenseYears, signedOn, amountFen, techAmountFen, number, registeredOn, officeId, implementedIn, declaredRelated, fiscalFunded, status, sellerOrg, buyerOrg] = r;
      if (signedOn > baseYearEnd || NOT_IN_SETTLEMENT.has(status)) continue;
      const seller = sellerOrg ? orgs.get(sellerOrg) : persons.get(id)?.seller;
      const buyer = buyerOrg ? orgs.get(buyerOrg) : persons.get(id)?.buyer;
      if (!seller || !buyer) continue;
      const c: Contract = {
        ref: id,
        type: strings.of(type) as Contract['type'],
        seller,
        buyer,
        amount: Number(amountFen),
        techAmount: Number(techAmountFen),
        signed: strings.of(signedOn),
        implementedIn: implementedIn ? strings.of(implementedIn) : buyer.division,
        brokers: NONE,
        thirdParties: NONE,
        declaredRelated: Number(declaredRelated) === 1,
        fiscalFunds: Number(fiscalFunded) === 1,
        funding: NONE,
        payments: NONE,
      };
      if (licenseYears) c.licenseTerm = years.of(licenseYears);
      if (REGISTERED.has(status) && number && registeredOn) {
        const office = officeId ? orgs.get(officeId) : undefined;
        c.registration = office ? { number, date: strings.of(registeredOn), office } : { number, date: strings.of(registeredOn) };
      }
      contracts.set(id, c);
    }
  }
  return contracts;
}

/** Brokers, third parties, funding and payments, each table scanned once; returns who is named as a broker. */
async function attachChildren(
  src: ScanSource,
  contracts: Map<string, Contract>,
  orgs: Map<string, Organization>,
  people: Map<string, Person>,
  strings: Interned,
  paymentsAside: PaymentsAside | undefined,
): Promise<Set<string>> {
  const namedOnContract = new Set<string>();
  const shares = new RationalCache(10_000n);
  for await (const rows of scan<Row<'contract_broker'>>(src, 'contract_broker', ['id', 'contract_id', 'person_id', 'share_e4'])) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      const person = people.get(r.person_id);
      if (!c || !person) continue;
      const b = { person, share: shares.of(r.share_e4) };
      if (c.brokers === NONE) c.brokers = [b];
      else c.brokers.push(b);
      namedOnContract.add(person.ref);
    }
  }
  for await (const rows of scan<Row<'contract_third_party'>>(src, 'contract_third_party', ['id', 'contract_id', 'organization_id', 'role'])) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      const org = orgs.get(r.organization_id);
      if (!c || !org) continue;
      const t = { org, role: r.role };
      if (c.thirdParties === NONE) c.thirdParties = [t];
      else c.thirdParties.push(t);
    }
  }
  for await (const rows of scan<Row<'contract_funding'>>(src, 'contract_funding', ['id', 'contract_id', 'level', 'programme', 'amount_fen'])) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      if (!c) continue;
      const f = { level: r.level as FundingLevel, program: r.programme, amount: Number(r.amount_fen) };
      if (c.funding === NONE) c.funding = [f];
      else c.funding.push(f);
    }
  }
  attachPayments(paymentsAside ? await paymentsAside.columns : await readPaymentColumns(src), contracts, strings);
  return namedOnContract;
}

/**
 * Payments with their invoices. SQLite looks each payment's invoices up by index (one row per
 * invoice). PostgreSQL, given that plain join, hashes the page against a scan of every invoice (a
 * quarter of a second a page on a national year), so there each payment's invoices are summed in a
 * lateral subquery on the index: one row a payment. PaymentColumnsBuilder takes either.
 */
function paymentQuery(sqlite: boolean): ScanQuery {
  const payments = '(select id, contract_id, paid_on, amount_fen, voucher_number, voucher_file_hash from contract_payment {page}) p';
  return {
    from: sqlite
      ? `${payments} left join contract_invoice i on i.payment_id = p.id`
      : `${payments} left join lateral (select sum(amount_fen) as amount_fen, min(names_contract) as names_contract from contract_invoice where payment_id = p.id) i on true`,
    key: 'p.id',
    // The voucher test is 0/1 on SQLite, a boolean on PostgreSQL.
    select: ['p.id', 'p.contract_id', 'p.paid_on', 'p.amount_fen', "coalesce(p.voucher_number, '') <> '' or coalesce(p.voucher_file_hash, '') <> ''", 'i.amount_fen', 'i.names_contract'],
  };
}

/** The payments read on this thread. */
async function readPaymentColumns(src: ScanSource): Promise<PaymentColumns> {
  const columns = new PaymentColumnsBuilder();
  for await (const rows of scanQuery<PaymentRow>(src, paymentQuery(Boolean(src.sqlite)), true)) for (const row of rows) columns.add(row);
  return columns.finish();
}

interface PaymentsAside {
  columns: Promise<PaymentColumns>;
  /** Ends the thread if it is still reading (the load failed elsewhere). */
  stop(): void;
}

/** Starts reading the payments on a worker thread, if the database is a file and the table is large enough to be worth it. */
function paymentsInWorker(sqlite: SqliteDatabase.Database): PaymentsAside | undefined {
  if (sqlite.memory) return undefined;
  const size = Number(sqlite.prepare('select coalesce(max(rowid), 0) from contract_payment').pluck().get());
  if (size < scanSettings.paymentsWorkerFrom) return undefined;
  const workerData = { file: sqlite.name, cacheKib: SCAN_CACHE_KIB, sql: sqliteScan(paymentQuery(true), true) };
  const worker = new Worker(new URL('./payments-worker.mjs', import.meta.url), { workerData });
  const columns = new Promise<PaymentColumns>((resolve, reject) => {
    worker.once('message', (message: PaymentColumns) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`读取付款记录的线程提前退出（代码 ${code}）`)));
  });
  // A load that fails before it waits for the payments must not leave an unhandled rejection behind.
  columns.catch(() => {});
  return { columns, stop: () => void worker.terminate() };
}

/**
 * Payment objects given to their contracts. A contract's payments usually come together (one run),
 * so each run is one exact-size list in canonical order (the engine then never copies them to
 * sort); a contract whose payments come in several runs gets them merged.
 */
function attachPayments(cols: PaymentColumns, contracts: Map<string, Contract>, strings: Interned): void {
  const dates = cols.dates.map((d) => strings.of(d));
  let p = 0;
  for (let r = 0; r < cols.runs.length; r++) {
    const n = cols.runCounts[r]!;
    const owner = contracts.get(cols.runs[r]!);
    if (!owner) {
      p += n;
      continue;
    }
    const list: Payment[] = [];
    for (let k = 0; k < n; k++, p++) {
      list.push({ date: dates[cols.dateIndex[p]!]!, amount: cols.amount[p]!, voucher: cols.voucher[p] === 1, invoice: cols.invoice[p]!, invoiceNamesContract: cols.namesContract[p] === 1 });
    }
    owner.payments = orderedPayments(owner.payments === NONE ? list : [...owner.payments, ...list]);
  }
}

/** A natural person as a contract party: no kind the rules pay, no division. */
function naturalPerson(partyId: string, name: string): Organization {
  return { ref: `person:${partyId}`, name, kind: 'other', division: '', filed: false, holders: [], recognitions: [] };
}
