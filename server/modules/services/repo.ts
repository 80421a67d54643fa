/** SQL of the services and finance tables; the use cases of this module call these. */
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../context.js';
import type {
  Database, FinanceNeedTable, FinanceOfferTable, FinanceProductTable, IpRecordTable, ServiceOfferingTable, ServiceRequestStepTable, ServiceRequestTable,
} from '../../db/schema.js';

export type OfferingRow = Selectable<ServiceOfferingTable>;
export type RequestRow = Selectable<ServiceRequestTable>;
export type RequestStepRow = Selectable<ServiceRequestStepTable>;
export type ProductRow = Selectable<FinanceProductTable>;
export type NeedRow = Selectable<FinanceNeedTable>;
export type OfferRow = Selectable<FinanceOfferTable>;
export type IpRecordRow = Selectable<IpRecordTable>;

type Versioned = 'service_offering' | 'service_request' | 'finance_product' | 'finance_need' | 'ip_record';

export function findRow<T extends Versioned>(db: Executor, table: T, id: string) {
  return db.selectFrom(table as 'service_offering').selectAll().where('id', '=', id).executeTakeFirst() as Promise<Selectable<Database[T]> | undefined>;
}

export async function insertRow<T extends keyof Database>(db: Executor, table: T, row: Insertable<Database[T]>): Promise<void> {
  await db.insertInto(table).values(row as never).execute();
}

/** Updates a row when its version is still `version`; false when someone else changed it first. */
export async function updateVersioned<T extends Versioned>(db: Executor, table: T, id: string, version: number, set: Partial<Selectable<Database[T]>>): Promise<boolean> {
  const res = await db
    .updateTable(table as 'service_offering')
    .set({ ...(set as object), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function stepsOf(db: Executor, requestId: string) {
  return db.selectFrom('service_request_step').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
}

export async function appendStep(db: Executor, step: Omit<Insertable<ServiceRequestStepTable>, 'seq'>): Promise<void> {
  const last = await db.selectFrom('service_request_step').select((eb) => eb.fn.max('seq').as('seq')).where('request_id', '=', step.request_id).executeTakeFirst();
  await db.insertInto('service_request_step').values({ ...step, seq: Number(last?.seq ?? 0) + 1 }).execute();
}

export function offersOf(db: Executor, needIds: string[]) {
  if (!needIds.length) return Promise.resolve([] as OfferRow[]);
  return db.selectFrom('finance_offer').selectAll().where('need_id', 'in', needIds).orderBy('created_at').orderBy('id').execute();
}

/** id → name of organizations (and other named records) for presenting rows. */
export async function namesOf(db: Executor, ids: { organizations?: (string | null)[]; contracts?: (string | null)[]; achievements?: (string | null)[]; products?: (string | null)[]; offerings?: (string | null)[] }) {
  const u = (xs?: (string | null)[]) => [...new Set((xs ?? []).filter((x): x is string => !!x))];
  const [orgs, contracts, achievements, products, offerings] = await Promise.all([
    u(ids.organizations).length ? db.selectFrom('organization').select(['id', 'name']).where('id', 'in', u(ids.organizations)).execute() : [],
    u(ids.contracts).length ? db.selectFrom('contract').select(['id', 'name', 'registration_number', 'status']).where('id', 'in', u(ids.contracts)).execute() : [],
    u(ids.achievements).length ? db.selectFrom('achievement').select(['id', 'title']).where('id', 'in', u(ids.achievements)).execute() : [],
    u(ids.products).length ? db.selectFrom('finance_product').select(['id', 'name']).where('id', 'in', u(ids.products)).execute() : [],
    u(ids.offerings).length ? db.selectFrom('service_offering').select(['id', 'title']).where('id', 'in', u(ids.offerings)).execute() : [],
  ]);
  return {
    organization: (id: string | null) => (id ? { id, name: orgs.find((o) => o.id === id)?.name ?? '' } : null),
    contract: (id: string | null) => {
      const c = id ? contracts.find((x) => x.id === id) : undefined;
      return c ? { id: c.id, name: c.name, registrationNumber: c.registration_number, status: c.status } : null;
    },
    achievement: (id: string | null) => {
      const a = id ? achievements.find((x) => x.id === id) : undefined;
      return a ? { id: a.id, title: a.title } : null;
    },
    product: (id: string | null) => (id ? { id, name: products.find((p) => p.id === id)?.name ?? '' } : null),
    offering: (id: string | null) => (id ? { id, title: offerings.find((o) => o.id === id)?.title ?? '' } : null),
  };
}
