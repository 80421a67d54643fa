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
import type { Executor } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { Contract, FundingLevel, OrgKind, Organization, Person } from './model.js';
import { rat } from './rational.js';

const PAGE = 20_000;

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

/** Every row of a table (only the named columns), in batches; the order is unspecified. */
async function* scan<T extends { id: string }>(src: ScanSource, table: keyof Database, columns: readonly string[]): AsyncGenerator<T[]> {
  if (src.sqlite) {
    const statement = src.sqlite.prepare(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${table}"`);
    let batch: T[] = [];
    for (const row of statement.iterate() as IterableIterator<T>) {
      batch.push(row);
      if (batch.length === PAGE) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    return;
  }
  let after: string | null = null;
  for (;;) {
    let q = src.db.selectFrom(table as 'contract').select(columns as never[]);
    if (after !== null) q = q.where('id', '>', after);
    const rows = (await q.orderBy('id').limit(PAGE).execute()) as unknown as T[];
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
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

  const contracts = new Map<string, Contract>();
  const contractColumns = [
    'id', 'type', 'license_years', 'signed_on', 'amount_fen', 'tech_amount_fen', 'registration_number', 'registered_on',
    'registration_office_id', 'implementation_division', 'declared_related', 'fiscal_funded', 'status',
  ] as const;
  for await (const rows of scan<Row<'contract'>>(src, 'contract', contractColumns)) {
    for (const r of rows) {
      if (r.signed_on > baseYearEnd || NOT_IN_SETTLEMENT.has(r.status)) continue;
      const registered = REGISTERED.has(r.status) && r.registration_number && r.registered_on;
      const office = r.registration_office_id ? orgs.get(r.registration_office_id) : undefined;
      contracts.set(r.id, {
        ref: r.id,
        type: r.type as Contract['type'],
        ...(r.license_years ? { licenseTerm: rat(BigInt(r.license_years)) } : {}),
        // Parties are filled in below; a contract left without one is dropped.
        seller: undefined as unknown as Organization,
        buyer: undefined as unknown as Organization,
        amount: Number(r.amount_fen),
        techAmount: Number(r.tech_amount_fen),
        signed: r.signed_on,
        ...(registered ? { registration: { number: r.registration_number!, date: r.registered_on!, ...(office ? { office } : {}) } } : {}),
        implementedIn: r.implementation_division ?? '',
        brokers: [],
        thirdParties: [],
        declaredRelated: r.declared_related === 1,
        fiscalFunds: r.fiscal_funded === 1,
        funding: [],
        payments: [],
      });
    }
  }

  const namedOnContract = await attachChildren(src, contracts, orgs, people);

  const complete: Contract[] = [];
  for (const c of contracts.values()) {
    if (!c.seller || !c.buyer) continue;
    if (!c.implementedIn) c.implementedIn = c.buyer.division;
    // Canonical orders for what the rows gave in table order.
    if (c.brokers.length > 1) c.brokers.sort((a, b) => (a.person.ref < b.person.ref ? -1 : 1));
    if (c.thirdParties.length > 1) c.thirdParties.sort((a, b) => (a.org.ref < b.org.ref ? -1 : 1));
    complete.push(c);
  }
  complete.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  const named = [...people.values()].filter((p) => p.broker || namedOnContract.has(p.ref));
  for (const p of named) names.set(p.ref, p.name);
  return { organizations: [...orgs.values()], people: named, contracts: complete, names };
}

/** Parties, brokers, third parties, funding and payments, each table scanned once; returns who is named as a broker. */
async function attachChildren(src: ScanSource, contracts: Map<string, Contract>, orgs: Map<string, Organization>, people: Map<string, Person>): Promise<Set<string>> {
  const namedOnContract = new Set<string>();
  // The first seller and the first buyer (by position) are the contract's parties for subsidies.
  const partyPosition = new Map<string, number>();
  for await (const rows of scan<Row<'contract_party'>>(src, 'contract_party', ['id', 'contract_id', 'side', 'position', 'organization_id', 'person_name'])) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      if (!c || (r.side !== 'seller' && r.side !== 'buyer')) continue;
      // Position 0 always wins; any other position only over a later one (rare: several sellers).
      if (r.position !== 0) {
        const key = `${r.contract_id}:${r.side}`;
        if (c[r.side] !== undefined && (partyPosition.get(key) ?? 0) <= r.position) continue;
        partyPosition.set(key, r.position);
      }
      c[r.side] = (r.organization_id && orgs.get(r.organization_id)) || naturalPerson(r.id, r.person_name ?? '自然人');
    }
  }
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
  // Invoices summed per payment: the invoiced amount, and whether every invoice names the contract.
  const invoiced = new Map<string, { fen: number; namesContract: boolean }>();
  for await (const rows of scan<Row<'contract_invoice'>>(src, 'contract_invoice', ['id', 'payment_id', 'amount_fen', 'names_contract'])) {
    for (const r of rows) {
      const sum = invoiced.get(r.payment_id);
      if (sum) {
        sum.fen += Number(r.amount_fen);
        sum.namesContract &&= r.names_contract === 1;
      } else invoiced.set(r.payment_id, { fen: Number(r.amount_fen), namesContract: r.names_contract === 1 });
    }
  }
  for await (const rows of scan<Row<'contract_payment'>>(src, 'contract_payment', ['id', 'contract_id', 'paid_on', 'amount_fen', 'voucher_number', 'voucher_file_hash'])) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      if (!c) continue;
      const inv = invoiced.get(r.id);
      c.payments.push({
        date: r.paid_on,
        amount: Number(r.amount_fen),
        voucher: Boolean(r.voucher_number || r.voucher_file_hash),
        invoice: inv?.fen ?? 0,
        invoiceNamesContract: inv?.namesContract ?? false,
      });
    }
  }
  return namedOnContract;
}

/** A natural person as a contract party: no kind the rules pay, no division. */
function naturalPerson(partyId: string, name: string): Organization {
  return { ref: `person:${partyId}`, name, kind: 'other', division: '', filed: false, holders: [], recognitions: [] };
}
