/**
 * The subsidy world read from the database: organizations (kind, division, filed, legal
 * representative, controller, equity holders, demonstration-institution recognitions), brokers, and
 * the technology contracts with their parties, brokers, third parties, funding and payments (each
 * payment's invoices summed). References are resolved into the object graph the engine reads.
 *
 * Tables are read in keyset pages (`id > last order by id`), the same SQL on SQLite and PostgreSQL,
 * so a national year (a million contracts, two million payments) streams without one giant result.
 */
import type { Executor } from '../../context.js';
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
const NOT_IN_SETTLEMENT = ['draft', 'cancelled'];

/** Reads a table in keyset pages of `PAGE` rows ordered by `id`. */
async function* pages<T extends { id: string }>(fetch: (after: string | null, limit: number) => Promise<T[]>): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await fetch(after, PAGE);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

const afterId = <QB extends { where: (...a: never[]) => QB }>(q: QB, column: string, after: string | null): QB =>
  after === null ? q : (q.where as unknown as (c: string, op: string, v: string) => QB)(column, '>', after);

export interface LoadedWorld {
  organizations: Organization[];
  people: Person[];
  contracts: Contract[];
  /** ref → display name, for traces shown to people. */
  names: Map<string, string>;
}

/**
 * Loads everything a settlement for application year `year` can use: all organizations and
 * brokers, and every contract signed by the end of the base year that was submitted for
 * registration (drafts and cancelled ones are not facts yet).
 */
export async function loadSubsidyWorld(db: Executor, year: number): Promise<LoadedWorld> {
  const baseYearEnd = `${year - 1}-12-31`;
  const names = new Map<string, string>();

  // Organizations.
  const orgs = new Map<string, Organization>();
  for await (const rows of pages((after, limit) =>
    afterId(db.selectFrom('organization').select(['id', 'name', 'uscc', 'kind', 'division_code', 'rd_filed', 'legal_representative_id', 'actual_controller_id']), 'id', after)
      .orderBy('id')
      .limit(limit)
      .execute(),
  )) {
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
  for await (const rows of pages((after, limit) =>
    afterId(db.selectFrom('equity_holding').select(['id', 'organization_id', 'holder_organization_id', 'holder_person_id', 'percent_bp']), 'id', after)
      .orderBy('id')
      .limit(limit)
      .execute(),
  )) {
    for (const r of rows) {
      const holder = r.holder_organization_id ?? r.holder_person_id;
      const held = orgs.get(r.organization_id);
      if (held && holder) held.holders.push({ holder, percent: rat(BigInt(r.percent_bp), 100n) });
    }
  }
  // Recognitions: technology-transfer demonstration institutions (技术转移示范机构), not revoked by the end of the base year.
  const demos = await db
    .selectFrom('platform')
    .select(['host_organization_id', 'level', 'recognized_on', 'revoked_on'])
    .where('type', '=', 'tech_transfer_demonstration')
    .orderBy('id')
    .execute();
  for (const p of demos) {
    if (p.revoked_on && p.revoked_on <= baseYearEnd) continue;
    orgs.get(p.host_organization_id)?.recognitions.push({ kind: 'tech_transfer_demo', level: p.level, date: p.recognized_on });
  }

  // Brokers: everyone named on a contract, with whether they hold the broker role.
  const people = new Map<string, Person>();
  const brokerRows = await db
    .selectFrom('person')
    .select((eb) => [
      'person.id',
      'person.name',
      eb.exists(eb.selectFrom('person_role').select('person_role.id').whereRef('person_role.person_id', '=', 'person.id').where('person_role.role', '=', 'broker')).as('broker'),
    ])
    .where((eb) => eb.exists(eb.selectFrom('contract_broker').select('contract_broker.id').whereRef('contract_broker.person_id', '=', 'person.id')))
    .orderBy('person.id')
    .execute();
  for (const p of brokerRows) {
    people.set(p.id, { ref: p.id, name: p.name, broker: Boolean(Number(p.broker)) });
    names.set(p.id, p.name);
  }

  // Contracts.
  const contracts = new Map<string, Contract>();
  for await (const rows of pages((after, limit) =>
    afterId(
      db
        .selectFrom('contract')
        .select([
          'id',
          'name',
          'type',
          'subtype',
          'license_years',
          'signed_on',
          'amount_fen',
          'tech_amount_fen',
          'registration_number',
          'registered_on',
          'registration_office_id',
          'implementation_division',
          'declared_related',
          'fiscal_funded',
          'status',
        ])
        .where('signed_on', '<=', baseYearEnd)
        .where('status', 'not in', NOT_IN_SETTLEMENT),
      'id',
      after,
    )
      .orderBy('id')
      .limit(limit)
      .execute(),
  )) {
    for (const r of rows) {
      const registered = REGISTERED.has(r.status) && r.registration_number && r.registered_on;
      const office = r.registration_office_id ? orgs.get(r.registration_office_id) : undefined;
      contracts.set(r.id, {
        ref: r.id,
        type: r.type as Contract['type'],
        subtype: r.subtype,
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
      names.set(r.id, r.registration_number ? `${r.name}（${r.registration_number}）` : r.name);
    }
  }

  await attachChildren(db, contracts, orgs, people);

  const complete: Contract[] = [];
  for (const c of contracts.values()) {
    if (!c.seller || !c.buyer) continue;
    if (!c.implementedIn) c.implementedIn = c.buyer.division;
    complete.push(c);
  }
  return { organizations: [...orgs.values()], people: [...people.values()], contracts: complete, names };
}

/** Parties, brokers, third parties, funding and payments, each table in pages. */
async function attachChildren(db: Executor, contracts: Map<string, Contract>, orgs: Map<string, Organization>, people: Map<string, Person>): Promise<void> {
  // The first seller and the first buyer (by position) are the contract's parties for subsidies.
  const partyPosition = new Map<string, number>();
  for await (const rows of pages((after, limit) =>
    afterId(db.selectFrom('contract_party').select(['id', 'contract_id', 'side', 'position', 'organization_id', 'person_name']), 'id', after)
      .orderBy('id')
      .limit(limit)
      .execute(),
  )) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      if (!c || (r.side !== 'seller' && r.side !== 'buyer')) continue;
      const key = `${r.contract_id}:${r.side}`;
      const seen = partyPosition.get(key);
      if (seen !== undefined && seen <= r.position) continue;
      partyPosition.set(key, r.position);
      c[r.side] = (r.organization_id && orgs.get(r.organization_id)) || naturalPerson(r.id, r.person_name ?? '自然人');
    }
  }
  for await (const rows of pages((after, limit) =>
    afterId(db.selectFrom('contract_broker').select(['id', 'contract_id', 'person_id', 'share_e4']), 'id', after).orderBy('id').limit(limit).execute(),
  )) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      const person = people.get(r.person_id);
      if (c && person) c.brokers.push({ person, share: rat(BigInt(r.share_e4), 10_000n) });
    }
  }
  for await (const rows of pages((after, limit) =>
    afterId(db.selectFrom('contract_third_party').select(['id', 'contract_id', 'organization_id', 'role']), 'id', after).orderBy('id').limit(limit).execute(),
  )) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      const org = orgs.get(r.organization_id);
      if (c && org) c.thirdParties.push({ org, role: r.role });
    }
  }
  for await (const rows of pages((after, limit) =>
    afterId(db.selectFrom('contract_funding').select(['id', 'contract_id', 'level', 'programme', 'amount_fen']), 'id', after).orderBy('id').limit(limit).execute(),
  )) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      if (c) c.funding.push({ level: r.level as FundingLevel, program: r.programme, amount: Number(r.amount_fen) });
    }
  }
  // Payments with their invoices summed: invoiced amount, and whether every invoice names the contract.
  for await (const rows of pages((after, limit) =>
    afterId(
      db
        .selectFrom('contract_payment as p')
        .leftJoin(
          (eb) =>
            eb
              .selectFrom('contract_invoice')
              .select((e) => ['payment_id', e.fn.sum<number>('amount_fen').as('invoiced'), e.fn.min<number>('names_contract').as('names')])
              .groupBy('payment_id')
              .as('i'),
          (join) => join.onRef('i.payment_id', '=', 'p.id'),
        )
        .select(['p.id as id', 'p.contract_id', 'p.paid_on', 'p.amount_fen', 'p.voucher_number', 'p.voucher_file_hash', 'i.invoiced', 'i.names']),
      'p.id',
      after,
    )
      .orderBy('p.id')
      .limit(limit)
      .execute(),
  )) {
    for (const r of rows) {
      const c = contracts.get(r.contract_id);
      if (!c) continue;
      c.payments.push({
        date: r.paid_on,
        amount: Number(r.amount_fen),
        voucher: Boolean(r.voucher_number || r.voucher_file_hash),
        invoice: Number(r.invoiced ?? 0),
        invoiceNamesContract: r.names === null || r.names === undefined ? false : Number(r.names) === 1,
      });
    }
  }
}

/** A natural person as a contract party: no kind the rules pay, no division. */
function naturalPerson(partyId: string, name: string): Organization {
  return { ref: `person:${partyId}`, name, kind: 'other', division: '', filed: false, holders: [], recognitions: [] };
}
