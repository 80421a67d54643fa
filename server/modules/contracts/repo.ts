/** SQL of the contract tables; the use cases in contracts.ts and payments.ts call these. */
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../context.js';
import type {
  ContractBrokerTable,
  ContractFundingTable,
  ContractInvoiceTable,
  ContractPartyTable,
  ContractPaymentTable,
  ContractStepTable,
  ContractTable,
  ContractThirdPartyTable,
} from '../../db/schema.js';

export type ContractRow = Selectable<ContractTable>;
export type PartyRow = Selectable<ContractPartyTable>;
export type BrokerRow = Selectable<ContractBrokerTable>;
export type ThirdPartyRow = Selectable<ContractThirdPartyTable>;
export type FundingRow = Selectable<ContractFundingTable>;
export type StepRow = Selectable<ContractStepTable>;
export type PaymentRow = Selectable<ContractPaymentTable>;
export type InvoiceRow = Selectable<ContractInvoiceTable>;

export interface ContractChildren {
  parties: PartyRow[];
  brokers: BrokerRow[];
  thirdParties: ThirdPartyRow[];
  funding: FundingRow[];
}

export function findContractById(db: Executor, id: string) {
  return db.selectFrom('contract').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findContractByRegistrationNumber(db: Executor, number: string) {
  return db.selectFrom('contract').selectAll().where('registration_number', '=', number).executeTakeFirst();
}

export function partyOrganizationIds(db: Executor, contractId: string) {
  return db
    .selectFrom('contract_party')
    .select('organization_id')
    .where('contract_id', '=', contractId)
    .where('organization_id', 'is not', null)
    .execute()
    .then((rows) => rows.map((r) => r.organization_id!));
}

/** The organizations a contract names as third parties (中介方 and the like): they may read it, not change it. */
export function thirdPartyOrganizationIds(db: Executor, contractId: string) {
  return db
    .selectFrom('contract_third_party')
    .select('organization_id')
    .where('contract_id', '=', contractId)
    .execute()
    .then((rows) => rows.map((r) => r.organization_id));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** The child rows of several contracts, grouped by contract id. */
export async function childrenOf(db: Executor, ids: string[]): Promise<Map<string, ContractChildren>> {
  const out = new Map<string, ContractChildren>();
  if (ids.length === 0) return out;
  const [parties, brokers, thirdParties, funding] = await Promise.all([
    db.selectFrom('contract_party').selectAll().where('contract_id', 'in', ids).orderBy('side').orderBy('position').execute(),
    db.selectFrom('contract_broker').selectAll().where('contract_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('contract_third_party').selectAll().where('contract_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('contract_funding').selectAll().where('contract_id', 'in', ids).orderBy('id').execute(),
  ]);
  const p = groupBy(parties, (r) => r.contract_id);
  const b = groupBy(brokers, (r) => r.contract_id);
  const t = groupBy(thirdParties, (r) => r.contract_id);
  const f = groupBy(funding, (r) => r.contract_id);
  for (const id of ids) out.set(id, { parties: p.get(id) ?? [], brokers: b.get(id) ?? [], thirdParties: t.get(id) ?? [], funding: f.get(id) ?? [] });
  return out;
}

export async function replaceChildren(db: Executor, contractId: string, children: ContractChildren): Promise<void> {
  await db.deleteFrom('contract_party').where('contract_id', '=', contractId).execute();
  await db.deleteFrom('contract_broker').where('contract_id', '=', contractId).execute();
  await db.deleteFrom('contract_third_party').where('contract_id', '=', contractId).execute();
  await db.deleteFrom('contract_funding').where('contract_id', '=', contractId).execute();
  await insertChildren(db, children);
}

export async function insertChildren(db: Executor, children: ContractChildren): Promise<void> {
  if (children.parties.length) await db.insertInto('contract_party').values(children.parties).execute();
  if (children.brokers.length) await db.insertInto('contract_broker').values(children.brokers).execute();
  if (children.thirdParties.length) await db.insertInto('contract_third_party').values(children.thirdParties).execute();
  if (children.funding.length) await db.insertInto('contract_funding').values(children.funding).execute();
}

export function stepsOf(db: Executor, contractId: string) {
  return db.selectFrom('contract_step').selectAll().where('contract_id', '=', contractId).orderBy('seq').execute();
}

export async function appendStep(db: Executor, step: Omit<Insertable<ContractStepTable>, 'seq'>): Promise<void> {
  const last = await db
    .selectFrom('contract_step')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('contract_id', '=', step.contract_id)
    .executeTakeFirst();
  await db.insertInto('contract_step').values({ ...step, seq: Number(last?.seq ?? 0) + 1 }).execute();
}

/** Names of organizations and people, for presenting ids. */
export async function namesOf(db: Executor, organizationIds: string[], personIds: string[]) {
  const [orgs, people] = await Promise.all([
    organizationIds.length
      ? db.selectFrom('organization').select(['id', 'name', 'uscc', 'kind', 'division_code']).where('id', 'in', [...new Set(organizationIds)]).execute()
      : [],
    personIds.length ? db.selectFrom('person').select(['id', 'name']).where('id', 'in', [...new Set(personIds)]).execute() : [],
  ]);
  return { organizations: new Map(orgs.map((o) => [o.id, o])), people: new Map(people.map((p) => [p.id, p])) };
}

export function paymentsOf(db: Executor, contractIds: string[]) {
  if (contractIds.length === 0) return Promise.resolve([] as PaymentRow[]);
  return db.selectFrom('contract_payment').selectAll().where('contract_id', 'in', contractIds).orderBy('paid_on').orderBy('id').execute();
}

export function invoicesOf(db: Executor, paymentIds: string[]) {
  if (paymentIds.length === 0) return Promise.resolve([] as InvoiceRow[]);
  return db.selectFrom('contract_invoice').selectAll().where('payment_id', 'in', paymentIds).orderBy('payment_id').orderBy('position').execute();
}
