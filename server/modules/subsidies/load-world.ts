/**
 * The subsidy world read from the database: organizations (kind, division, filed, legal
 * representative, controller, equity holders, demonstration-institution recognitions), brokers, and
 * the technology contracts with their parties, brokers, third parties, funding and payments (each
 * payment's invoices summed). References are resolved into the object graph the engine reads.
 *
 * Every table is read once, whole, in batches (`scan`): on SQLite one pass in table order straight
 * from better-sqlite3 (no index lookups, no pages); on PostgreSQL keyset pages (`id > last order by
 * id`) inside one repeatable-read transaction, so every page sees the same snapshot. Rows are
 * joined to their contract in memory. A national year (a million contracts, two million payments)
 * loads in seconds.
 */
import type SqliteDatabase from 'better-sqlite3';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { byRef, type Contract, type FundingLevel, type OrgKind, type Organization, type Person } from './model.js';
import { rat } from './rational.js';

/** Rows per batch (and per PostgreSQL page); tests make it tiny to cross page boundaries. */
export const scanSettings = { page: 20_000 };

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
  // Raw rows are read by position; unique names keep PostgreSQL's row objects from merging `s.id` and `b.id`.
  const select = (raw ? q.select.map((e, i) => `${e} as c${i}`) : q.select).join(', ');
  if (src.sqlite) {
    const statement = src.sqlite.prepare(`select ${select} from ${q.from.replace('{page}', '')}`);
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
  let after: string | null = null;
  for (;;) {
    let rows: Record<string, unknown>[];
    let keys: number;
    if (inner !== undefined) {
      const page: RawBuilder<unknown> = after === null ? sql`order by id limit ${scanSettings.page}` : sql`where id > ${after} order by id limit ${scanSettings.page}`;
      ({ rows } = await sql<Record<string, unknown>>`select ${sql.raw(select)} from ${sql.raw(before!)} ${page} ${sql.raw(inner)} order by ${sql.raw(key)}`.execute(src.db));
      keys = new Set(rows.map((r) => Object.values(r)[0])).size;
    } else {
      const where: RawBuilder<unknown> = after === null ? sql`` : sql`where ${sql.raw(key)} > ${after}`;
      ({ rows } = await sql<Record<string, unknown>>`select ${sql.raw(select)} from ${sql.raw(q.from)} ${where} order by ${sql.raw(key)} limit ${scanSettings.page}`.execute(src.db));
      keys = rows.length;
    }
    const out = (raw ? rows.map((r) => Object.values(r)) : rows) as T[];
    if (out.length) yield out;
    if (keys < scanSettings.page) return;
    after = Object.values(rows[rows.length - 1]!)[0] as string;
  }
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
  if (src.sqlite || !('transaction' in src.db)) return loadFrom(src, year);
  return src.db.transaction().setIsolationLevel('repeatable read').execute((trx) => loadFrom({ db: trx }, year));
}

type Row<K extends keyof Database> = Database[K] & { id: string };

async function loadFrom(src: ScanSource, year: number): Promise<LoadedWorld> {
  const baseYearEnd = `${year - 1}-12-31`;
  const names = new Map<string, string>();

  const orgs = new Map<string, Organization>();
  for await (const rows of scan<Row<'organization'>>(src, 'organization', ['id', 'name', 'uscc', 'kind', 'division_code', 'rd_filed', 'legal_representative_id', 'actual_controller_id'])) {
    for (const r of rows) {
      orgs.set(r.id, {
        ref: r.id,
        name: r.name,
        uscc: r.uscc,
        kind: KIND[r.kind] ?? 'other',
        division: r.division_code,
        filed: r.rd_filed === 1,
        ...(r.legal_representative_id ? { legalRep: r.legal_representative_id } : {}),
        ...(r.actual_controller_id ? { controller: r.actual_controller_id } : {}),
        holders: [],
        recognitions: [],
      });
      names.set(r.id, r.name);
    }
  }
  for await (const rows of scan<Row<'equity_holding'>>(src, 'equity_holding', ['id', 'organization_id', 'holder_organization_id', 'holder_person_id', 'percent_bp'])) {
    for (const r of rows) {
      const holder = r.holder_organization_id ?? r.holder_person_id;
      const held = orgs.get(r.organization_id);
      if (held && holder) held.holders.push({ holder, percent: rat(BigInt(r.percent_bp), 100n) });
    }
  }
  // Recognitions: technology-transfer demonstration institutions (技术转移示范机构), not revoked by the end of the base year.
  for await (const rows of scan<Row<'platform'>>(src, 'platform', ['id', 'type', 'host_organization_id', 'level', 'recognized_on', 'revoked_on'])) {
    for (const p of rows) {
      if (p.type !== 'tech_transfer_demonstration' || (p.revoked_on && p.revoked_on <= baseYearEnd)) continue;
      orgs.get(p.host_organization_id)?.recognitions.push({ kind: 'tech_transfer_demo', level: p.level, date: p.recognized_on });
    }
  }
  // Organizations' recognitions in a canonical order, whatever order the rows came in.
  for (const o of orgs.values()) if (o.recognitions.length > 1) o.recognitions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.level < b.level ? -1 : 1));

  // People: brokers are those with the broker role; everyone named on a contract is known by name.
  const brokerIds = new Set<string>();
  for await (const rows of scan<Row<'person_role'>>(src, 'person_role', ['id', 'person_id', 'role'])) for (const r of rows) if (r.role === 'broker') brokerIds.add(r.person_id);
  const people = new Map<string, Person>();
  for await (const rows of scan<Row<'person'>>(src, 'person', ['id', 'name'])) {
    for (const p of rows) people.set(p.id, { ref: p.id, name: p.name, broker: brokerIds.has(p.id) });
  }

  // The contract with its first seller and first buyer (position 0): an organization, or a natural person.
  const contractQuery: ScanQuery = {
    from: `contract c
      left join contract_party s on s.contract_id = c.id and s.side = 'seller' and s.position = 0
      left join contract_party b on b.contract_id = c.id and b.side = 'buyer' and b.position = 0`,
    key: 'c.id',
    select: [
      'c.id', 'c.type', 'c.license_years', 'c.signed_on', 'c.amount_fen', 'c.tech_amount_fen', 'c.registration_number', 'c.registered_on',
      'c.registration_office_id', 'c.implementation_division', 'c.declared_related', 'c.fiscal_funded', 'c.status',
      's.organization_id', 's.id', 's.person_name', 'b.organization_id', 'b.id', 'b.person_name',
    ],
  };
  type ContractRow = [
    id: string, type: string, licenseYears: number | null, signedOn: string, amountFen: number | string, techAmountFen: number | string,
    registrationNumber: string | null, registeredOn: string | null, officeId: string | null, implementedIn: string | null,
    declaredRelated: number, fiscalFunded: number, status: string,
    sellerOrg: string | null, sellerPartyId: string | null, sellerName: string | null, buyerOrg: string | null, buyerPartyId: string | null, buyerName: string | null,
  ];
  const party = (org: string | null, partyId: string | null, name: string | null): Organization | undefined =>
    org ? orgs.get(org) : partyId ? naturalPerson(partyId, name ?? '自然人') : undefined;
  const contracts = new Map<string, Contract>();
  for await (const rows of scanQuery<ContractRow>(src, contractQuery, true)) {
    for (const r of rows) {
      const [id, type, licenseYears, signedOn, amountFen, techAmountFen, number, registeredOn, officeId, implementedIn, declaredRelated, fiscalFunded, status] = r;
      if (signedOn > baseYearEnd || NOT_IN_SETTLEMENT.has(status)) continue;
      const seller = party(r[13], r[14], r[15]);
      const buyer = party(r[16], r[17], r[18]);
      if (!seller || !buyer) continue;
      const office = officeId ? orgs.get(officeId) : undefined;
      contracts.set(id, {
        ref: id,
        type: type as Contract['type'],
        ...(licenseYears ? { licenseTerm: rat(BigInt(licenseYears)) } : {}),
        seller,
        buyer,
        amount: Number(amountFen),
        techAmount: Number(techAmountFen),
        signed: signedOn,
        ...(REGISTERED.has(status) && number && registeredOn ? { registration: { number, date: registeredOn, ...(office ? { office } : {}) } } : {}),
        implementedIn: implementedIn || buyer.division,
        brokers: [],
        thirdParties: [],
        declaredRelated: Number(declaredRelated) === 1,
        fiscalFunds: Number(fiscalFunded) === 1,
        funding: [],
        payments: [],
      });
    }
  }

  const namedOnContract = await attachChildren(src, contracts, orgs, people);

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

/** Brokers, third parties, funding and payments, each table scanned once; returns who is named as a broker. */
async function attachChildren(src: ScanSource, contracts: Map<string, Contract>, orgs: Map<string, Organization>, people: Map<string, Person>): Promise<Set<string>> {
  const namedOnContract = new Set<string>();
  for await (const rows of scan<Row<'contract_broker'>>(src, 'contract_broker', ['id', 'contract_id', 'person_id', 'share_e4'])) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      const person = people.get(r.person_id);
      if (c && person) {
        c.brokers.push({ person, share: rat(BigInt(r.share_e4), 10_000n) });
        namedOnContract.add(person.ref);
      }
    }
  }
  for await (const rows of scan<Row<'contract_third_party'>>(src, 'contract_third_party', ['id', 'contract_id', 'organization_id', 'role'])) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      const org = orgs.get(r.organization_id);
      if (c && org) c.thirdParties.push({ org, role: r.role });
    }
  }
  for await (const rows of scan<Row<'contract_funding'>>(src, 'contract_funding', ['id', 'contract_id', 'level', 'programme', 'amount_fen'])) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      if (c) c.funding.push({ level: r.level as FundingLevel, program: r.programme, amount: Number(r.amount_fen) });
    }
  }
  // Payments joined with their invoices: one row per invoice (or one for a payment without any),
  // a payment's rows adjacent; summed here: the invoiced amount, and whether every invoice names the contract.
  const paymentQuery: ScanQuery = {
    from: '(select id, contract_id, paid_on, amount_fen, voucher_number, voucher_file_hash from contract_payment {page}) p left join contract_invoice i on i.payment_id = p.id',
    key: 'p.id',
    select: ['p.id', 'p.contract_id', 'p.paid_on', 'p.amount_fen', 'p.voucher_number', 'p.voucher_file_hash', 'i.amount_fen', 'i.names_contract'],
  };
  type PaymentRow = [id: string, contractId: string, paidOn: string, amountFen: number | string, voucherNumber: string | null, voucherFile: string | null, invoiceFen: number | string | null, namesContract: number | null];
  let current: { id: string; payment: Contract['payments'][number] } | undefined;
  let lastContractId: string | undefined;
  let lastContract: Contract | undefined;
  for await (const rows of scanQuery<PaymentRow>(src, paymentQuery, true)) {
    for (const [id, contractId, paidOn, amountFen, voucherNumber, voucherFile, invoiceFen, namesContract] of rows) {
      if (current?.id !== id) {
        // A contract's payments are usually stored together: remember the last one looked up.
        if (contractId !== lastContractId) {
          lastContractId = contractId;
          lastContract = contracts.get(contractId);
        }
        const c = lastContract;
        if (!c) {
          current = undefined;
          continue;
        }
        const payment = { date: paidOn, amount: Number(amountFen), voucher: Boolean(voucherNumber || voucherFile), invoice: 0, invoiceNamesContract: invoiceFen !== null };
        c.payments.push(payment);
        current = { id, payment };
      }
      if (invoiceFen !== null) {
        current.payment.invoice += Number(invoiceFen);
        current.payment.invoiceNamesContract &&= Number(namesContract) === 1;
      }
    }
  }
  return namedOnContract;
}

/** A natural person as a contract party: no kind the rules pay, no division. */
function naturalPerson(partyId: string, name: string): Organization {
  return { ref: `person:${partyId}`, name, kind: 'other', division: '', filed: false, holders: [], recognitions: [] };
}
