/** SQL of the deal tables; the use cases of this module call these. */
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../context.js';
import type { DealNoteTable, DealStepTable, DealTable } from '../../db/schema.js';

export type DealRow = Selectable<DealTable>;
export type DealStepRow = Selectable<DealStepTable>;
export type DealNoteRow = Selectable<DealNoteTable>;

export function findDeal(db: Executor, id: string) {
  return db.selectFrom('deal').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDeal(db: Executor, row: DealRow): Promise<void> {
  await db.insertInto('deal').values(row).execute();
}

/** Updates a deal when its version is still `version`; false when someone else changed it first. */
export async function updateDeal(db: Executor, id: string, version: number, set: Partial<DealRow>): Promise<boolean> {
  const res = await db.updateTable('deal').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function stepsOf(db: Executor, dealId: string) {
  return db.selectFrom('deal_step').selectAll().where('deal_id', '=', dealId).orderBy('seq').execute();
}

export async function appendStep(db: Executor, step: Omit<Insertable<DealStepTable>, 'seq'>): Promise<void> {
  const last = await db.selectFrom('deal_step').select((eb) => eb.fn.max('seq').as('seq')).where('deal_id', '=', step.deal_id).executeTakeFirst();
  await db.insertInto('deal_step').values({ ...step, seq: Number(last?.seq ?? 0) + 1 }).execute();
}

export function notesOf(db: Executor, dealId: string) {
  return db.selectFrom('deal_note').selectAll().where('deal_id', '=', dealId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function insertNote(db: Executor, row: DealNoteRow): Promise<void> {
  await db.insertInto('deal_note').values(row).execute();
}

function unique(ids: (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** What a deal shows of the records it links: names, titles, the contract's registration status. */
export async function linkedRecords(db: Executor, rows: DealRow[]) {
  const orgIds = unique(rows.flatMap((r) => [r.buyer_organization_id, r.seller_organization_id, r.broker_organization_id]));
  const personIds = unique(rows.map((r) => r.broker_person_id));
  const userIds = unique(rows.map((r) => r.broker_user_id));
  const demandIds = unique(rows.map((r) => r.demand_id));
  const achievementIds = unique(rows.map((r) => r.achievement_id));
  const eventIds = unique(rows.map((r) => r.event_id));
  const contractIds = unique(rows.map((r) => r.contract_id));
  const [orgs, people, users, demands, achievements, events, contracts] = await Promise.all([
    orgIds.length ? db.selectFrom('organization').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    personIds.length ? db.selectFrom('person').select(['id', 'name']).where('id', 'in', personIds).execute() : [],
    userIds.length ? db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [],
    demandIds.length ? db.selectFrom('demand').select(['id', 'title', 'status', 'technical_field']).where('id', 'in', demandIds).execute() : [],
    achievementIds.length
      ? db.selectFrom('achievement').select(['id', 'title', 'status', 'technical_field', 'transfer_modes']).where('id', 'in', achievementIds).execute()
      : [],
    eventIds.length ? db.selectFrom('market_event').select(['id', 'title', 'kind', 'held_on']).where('id', 'in', eventIds).execute() : [],
    contractIds.length
      ? db
          .selectFrom('contract')
          .select(['id', 'name', 'status', 'registration_number', 'registered_on', 'amount_fen', 'tech_amount_fen', 'signed_on'])
          .where('id', 'in', contractIds)
          .execute()
      : [],
  ]);
  return {
    organizations: new Map(orgs.map((o) => [o.id, o])),
    people: new Map(people.map((p) => [p.id, p])),
    users: new Map(users.map((u) => [u.id, u])),
    demands: new Map(demands.map((d) => [d.id, d])),
    achievements: new Map(achievements.map((a) => [a.id, a])),
    events: new Map(events.map((e) => [e.id, e])),
    contracts: new Map(contracts.map((c) => [c.id, c])),
  };
}

/** Whether a person of the registry holds the broker role (技术经纪（经理）人). */
export async function isBrokerPerson(db: Executor, personId: string): Promise<boolean> {
  const row = await db.selectFrom('person_role').select('id').where('person_id', '=', personId).where('role', '=', 'broker').executeTakeFirst();
  return !!row;
}

/** A user account with the broker role, and the organizations it acts for. */
export async function brokerUser(db: Executor, userId: string) {
  const user = await db.selectFrom('app_user').select(['id', 'display_name', 'roles', 'jurisdiction_code']).where('id', '=', userId).executeTakeFirst();
  if (!user || !(JSON.parse(user.roles) as string[]).includes('broker')) return null;
  const orgs = await db.selectFrom('user_organization').select('organization_id').where('user_id', '=', userId).orderBy('organization_id').execute();
  return { ...user, organizationIds: orgs.map((o) => o.organization_id) };
}
