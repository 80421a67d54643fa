/**
 * The indicators' SQL: read-only aggregates over the registry, contracts and applications, as of a
 * date and inside a jurisdiction's division-code prefix. Portable (SQLite and PostgreSQL): ranges
 * instead of LIKE, CASE for classes, sums cast to BIGINT so PostgreSQL answers numbers.
 */
import { sql } from 'kysely';
import type { Executor } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { addDays } from '../../../common/dates.js';
import { TALLY_LEVELS } from '../contracts/tallies.js';
import { childrenOf, codeRange } from '../registry/divisions.js';

const AWARDED = ['awarded', 'publicized', 'approved', 'paid'];

const codesCache = new Map<string, string[]>();

/**
 * The GB/T 2260 codes under a division prefix (the jurisdiction's own code and every code below
 * it). Contracts are held by jurisdiction codes, so `jurisdiction_code IN (…)` lets the index on
 * (jurisdiction_code, registered_on, …) seek each code's date range instead of scanning a year of
 * every jurisdiction.
 */
export function codesUnder(prefix: string): string[] {
  let codes = codesCache.get(prefix);
  if (!codes) {
    const root = prefix.padEnd(6, '0');
    const out = new Set<string>([root]);
    const queue = [root];
    while (queue.length) for (const d of childrenOf(queue.shift()!)) if (!out.has(d.code)) (out.add(d.code), queue.push(d.code));
    codesCache.set(prefix, (codes = [...out].filter((c) => c.startsWith(prefix)).sort()));
  }
  return codes;
}

/** Rows of the one contract pass: a class per group, its count and 技术交易额 in fen. */
export interface ContractGroup {
  year: string;
  type: string;
  field: string;
  origin: string;
  buyerIn: number;
  sellerKind: string | null;
  n: number;
  fen: number;
}

/** The first seller's origin class (common/indicator-vocabulary.ts CONTRACT_ORIGINS) relative to `prefix`, as SQL over the fact `f`. */
function originCase(prefix: string) {
  const j = codeRange(prefix);
  const city = codeRange(prefix.slice(0, 4));
  const province = codeRange(prefix.slice(0, 2));
  return sql<string>`case
    when f.seller_division is null then 'unknown'
    when f.seller_division >= ${j.from} and f.seller_division < ${j.to} then 'district'
    when f.seller_division >= ${city.from} and f.seller_division < ${city.to} then 'city'
    when f.seller_division >= ${province.from} and f.seller_division < ${province.to} then 'province'
    else 'elsewhere' end`;
}

/** The registered contracts' facts (contracts/tallies.ts) of the jurisdiction with `registered_on` in [from, to]. */
function factsIn(db: Executor, prefix: string, from: string, to: string) {
  return db
    .selectFrom('contract_fact as f')
    .where('f.jurisdiction_code', 'in', codesUnder(prefix))
    .where('f.registered_on', '>=', from)
    .where('f.registered_on', '<=', to);
}

/** The groups of [from, to] counted contract by contract from the facts: for days outside whole months, and any prefix. */
async function factGroups(db: Executor, prefix: string, from: string, to: string): Promise<ContractGroup[]> {
  const j = codeRange(prefix);
  const buyerIn = sql<number>`case when f.buyer_division >= ${j.from} and f.buyer_division < ${j.to} then 1 else 0 end`;
  const rows = await factsIn(db, prefix, from, to)
    .select([
      sql<string>`substr(f.registered_on, 1, 4)`.as('year'),
      'f.type as type',
      'f.tech_field as field',
      originCase(prefix).as('origin'),
      buyerIn.as('buyer_in'),
      'f.seller_kind as seller_kind',
      sql<number>`count(*)`.as('n'),
      sql<number>`cast(sum(f.tech_amount_fen) as bigint)`.as('fen'),
    ])
    // By position: PostgreSQL would not match a CASE with bound parameters to its GROUP BY copy.
    .groupBy(sql`1, 2, 3, 4, 5, 6`)
    .execute();
  return rows.map((r) => ({ year: r.year, type: r.type, field: r.field, origin: r.origin, buyerIn: Number(r.buyer_in), sellerKind: r.seller_kind, n: Number(r.n), fen: Number(r.fen ?? 0) }));
}

/** The groups of whole months [fromMonth, toMonth] (YYYY-MM) from the tallies of the area `prefix`. */
async function tallyGroups(db: Executor, prefix: string, fromMonth: string, toMonth: string): Promise<ContractGroup[]> {
  const rows = await db
    .selectFrom('contract_tally')
    .where('area', '=', prefix)
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .where('n', '>', 0)
    .select([
      sql<string>`substr(month, 1, 4)`.as('year'),
      'type',
      'tech_field as field',
      'origin',
      'buyer_in',
      'seller_kind',
      sql<number>`cast(sum(n) as bigint)`.as('n'),
      sql<number>`cast(sum(fen) as bigint)`.as('fen'),
    ])
    .groupBy(sql`1, 2, 3, 4, 5, 6`)
    .execute();
  return rows.map((r) => ({ year: r.year, type: r.type, field: r.field, origin: r.origin, buyerIn: Number(r.buyer_in), sellerKind: r.seller_kind || null, n: Number(r.n), fen: Number(r.fen) }));
}

const monthAfter = (ym: string) => addDays(`${ym}-28`, 4).slice(0, 7);
const lastDayOf = (ym: string) => addDays(`${monthAfter(ym)}-01`, -1);

/** The whole calendar months inside [from, to] as YYYY-MM bounds, or null when there is none. */
export function wholeMonths(from: string, to: string): { first: string; last: string } | null {
  const first = from.endsWith('-01') ? from.slice(0, 7) : monthAfter(from.slice(0, 7));
  const last = to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : addDays(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  return first <= last ? { first, last } : null;
}

/**
 * The one contract pass: the jurisdiction's registered contracts with `registered_on` in [from, to],
 * grouped by year, type, field, the first seller's origin class and kind, and whether the first
 * buyer is in the jurisdiction. Every contract indicator is a sum over these groups. Whole months
 * come from the tallies (an area's year is bounded by its classes × 12 months, not by its contracts),
 * the days around them from the facts; a prefix that is not a province, city or district code is counted from the facts alone.
 */
export async function contractGroups(db: Executor, prefix: string, from: string, to: string): Promise<ContractGroup[]> {
  const months = (TALLY_LEVELS as readonly number[]).includes(prefix.length) ? wholeMonths(from, to) : null;
  if (!months) return factGroups(db, prefix, from, to);
  const parts = await tallyGroups(db, prefix, months.first, months.last);
  const firstDay = `${months.first}-01`;
  const lastDay = lastDayOf(months.last);
  if (from < firstDay) parts.push(...(await factGroups(db, prefix, from, addDays(firstDay, -1))));
  if (to > lastDay) parts.push(...(await factGroups(db, prefix, addDays(lastDay, 1), to)));
  return mergeGroups(parts);
}

/** Groups with the same class summed (the tallies' and the facts' parts of one pass). */
function mergeGroups(groups: ContractGroup[]): ContractGroup[] {
  const out = new Map<string, ContractGroup>();
  for (const g of groups) {
    const key = `${g.year}|${g.type}|${g.field}|${g.origin}|${g.buyerIn}|${g.sellerKind ?? ''}`;
    const hit = out.get(key);
    if (hit) (hit.n += g.n, hit.fen += g.fen);
    else out.set(key, { ...g });
  }
  return [...out.values()];
}

export interface ContractFilter {
  /** Only contracts whose first seller is in the jurisdiction (输出). */
  sellerIn?: boolean;
  /** Only contracts whose first buyer is in the jurisdiction (吸纳). */
  buyerIn?: boolean;
  sellerKinds?: string[];
  type?: string;
  field?: string;
  origin?: string;
}

/** The drill-down of the contract indicators: the contracts counted, newest registration first. */
export async function contractEntities(db: Executor, prefix: string, from: string, to: string, filter: ContractFilter, page: number, pageSize: number) {
  let q = factsIn(db, prefix, from, to);
  if (filter.sellerIn) q = q.where(underPrefix('f.seller_division', prefix));
  if (filter.buyerIn) q = q.where(underPrefix('f.buyer_division', prefix));
  if (filter.sellerKinds) q = q.where('f.seller_kind', 'in', filter.sellerKinds);
  if (filter.type) q = q.where('f.type', '=', filter.type);
  if (filter.field) q = q.where('f.tech_field', '=', filter.field);
  if (filter.origin) q = q.where(originCase(prefix), '=', filter.origin);
  const [{ total }] = (await q.select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
  const rows = await q
    .innerJoin('contract as c', 'c.id', 'f.contract_id')
    .leftJoin('contract_party as sp', (jn) => jn.onRef('sp.contract_id', '=', 'c.id').on('sp.side', '=', 'seller').on('sp.position', '=', 0))
    .leftJoin('organization as so', 'so.id', 'sp.organization_id')
    .leftJoin('contract_party as bp', (jn) => jn.onRef('bp.contract_id', '=', 'c.id').on('bp.side', '=', 'buyer').on('bp.position', '=', 0))
    .leftJoin('organization as bo', 'bo.id', 'bp.organization_id')
    .select([
      'c.id', 'c.name', 'c.registration_number', 'c.registered_on', 'c.type', 'c.tech_field', 'c.tech_amount_fen', 'c.is_demo',
      'so.name as seller_name', 'sp.person_name as seller_person', 'so.division_code as seller_division',
      'bo.name as buyer_name', 'bp.person_name as buyer_person', 'bo.division_code as buyer_division',
    ])
    .orderBy('f.registered_on', 'desc')
    .orderBy('f.contract_id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total), rows };
}

/** Platforms of `types` (and `levels`) in force on `on` whose host is in the jurisdiction. */
function platformsQuery(db: Executor, prefix: string, on: string, types: string[], levels: string[] | null) {
  let q = db
    .selectFrom('platform as p')
    .innerJoin('organization as o', 'o.id', 'p.host_organization_id')
    .where('p.type', 'in', types)
    .where('p.recognized_on', '<=', on)
    .where((eb) => eb.or([eb('p.revoked_on', 'is', null), eb('p.revoked_on', '>', on)]))
    .where(underPrefix('o.division_code', prefix));
  if (levels) q = q.where('p.level', 'in', levels);
  return q;
}

export async function platformGroups(db: Executor, prefix: string, on: string, types: string[], levels: string[] | null) {
  const rows = await platformsQuery(db, prefix, on, types, levels)
    .select(['p.type', 'p.level', sql<number>`count(*)`.as('n')])
    .groupBy(['p.type', 'p.level'])
    .execute();
  return rows.map((r) => ({ type: r.type, level: r.level, n: Number(r.n) }));
}

export async function platformEntities(db: Executor, prefix: string, on: string, types: string[], levels: string[] | null, page: number, pageSize: number) {
  const q = platformsQuery(db, prefix, on, types, levels);
  const [{ total }] = (await q.select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
  const rows = await q
    .select(['p.id', 'p.name', 'p.type', 'p.level', 'p.recognized_on', 'p.revoked_on', 'p.is_demo', 'o.id as host_id', 'o.name as host_name', 'o.division_code'])
    .orderBy('p.recognized_on')
    .orderBy('p.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total), rows };
}

/** Organizations holding a qualification of `type` valid on `on` (issued ≤ on ≤ valid until), in the jurisdiction. */
function qualifiedQuery(db: Executor, prefix: string, on: string, type: string, levels: string[] | null) {
  let q = db
    .selectFrom('qualification as q')
    .innerJoin('organization as o', 'o.id', 'q.organization_id')
    .where('q.type', '=', type)
    .where('q.issued_on', '<=', on)
    .where('q.valid_until', '>=', on)
    .where(underPrefix('o.division_code', prefix));
  if (levels) q = q.where('q.level', 'in', levels);
  return q;
}

export async function qualifiedCount(db: Executor, prefix: string, on: string, type: string): Promise<number> {
  const row = await qualifiedQuery(db, prefix, on, type, null).select(sql<number>`count(distinct q.organization_id)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function qualifiedEntities(db: Executor, prefix: string, on: string, type: string, page: number, pageSize: number) {
  const q = qualifiedQuery(db, prefix, on, type, null);
  const [{ total }] = (await q.select(sql<number>`count(distinct q.organization_id)`.as('total')).execute()) as [{ total: number }];
  const rows = await q
    .select(['o.id', 'o.name', 'o.kind', 'o.division_code', 'o.is_demo', sql<string>`max(q.number)`.as('number'), sql<string>`min(q.issued_on)`.as('issued_on'), sql<string>`max(q.valid_until)`.as('valid_until')])
    .groupBy(['o.id', 'o.name', 'o.kind', 'o.division_code', 'o.is_demo'])
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total), rows };
}

export interface DemonstrationRow {
  organization_id: string;
  name: string;
  division_code: string;
  is_demo: number;
  level: string | null;
  basis: string;
  since: string;
}

/**
 * Demonstration institutions (技术转移示范机构) at `levels` on `on`: a recognition in the platform
 * registry (type tech_transfer_demonstration, not revoked) or a qualification of that type valid on
 * the date. One organization may appear in both; the caller counts organizations.
 */
export async function demonstrationRows(db: Executor, prefix: string, on: string, levels: string[]): Promise<DemonstrationRow[]> {
  const platforms = await platformsQuery(db, prefix, on, ['tech_transfer_demonstration'], levels)
    .select(['o.id as organization_id', 'o.name', 'o.division_code', 'o.is_demo', 'p.level', 'p.name as basis', 'p.recognized_on as since'])
    .execute();
  const qualifications = await qualifiedQuery(db, prefix, on, 'tech_transfer_demonstration', levels)
    .select(['o.id as organization_id', 'o.name', 'o.division_code', 'o.is_demo', 'q.level', 'q.number as basis', 'q.issued_on as since'])
    .execute();
  return [...platforms, ...qualifications];
}

/**
 * The practitioner roles in force on `on`: the dated periods the talent module keeps
 * (practitioner: valid_from ≤ on ≤ valid_to), and the registry's undated roles (person_role) of
 * people with no dated period in that role — those count as current, whatever the date.
 */
function rolesOn(db: Executor, roles: string[], on: string) {
  const dated = db
    .selectFrom('practitioner as t')
    .select(['t.person_id', 't.role', 't.employment', 't.level', 't.certificate_number', 't.organization_id'])
    .where('t.role', 'in', roles)
    .where('t.valid_from', '<=', on)
    .where((eb) => eb.or([eb('t.valid_to', 'is', null), eb('t.valid_to', '>=', on)]));
  const undated = db
    .selectFrom('person_role as u')
    .select(['u.person_id', 'u.role', 'u.employment', 'u.level', 'u.certificate_number', sql<string | null>`null`.as('organization_id')])
    .where('u.role', 'in', roles)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('practitioner as d').select('d.id').whereRef('d.person_id', '=', 'u.person_id').whereRef('d.role', '=', 'u.role'))));
  return undated.unionAll(dated);
}

/** People with one of `roles` on `on`, held in the jurisdiction's registry or working for (affiliated with) one of its organizations. */
function practitionersQuery(db: Executor, prefix: string, roles: string[], on: string) {
  const { from, to } = codeRange(prefix);
  return db
    .selectFrom(rolesOn(db, roles, on).as('r'))
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('p.jurisdiction_code', '>=', from), eb('p.jurisdiction_code', '<', to)]),
        eb.exists(
          eb
            .selectFrom('organization as ro')
            .select('ro.id')
            .whereRef('ro.id', '=', 'r.organization_id')
            .where('ro.division_code', '>=', from)
            .where('ro.division_code', '<', to),
        ),
        eb.exists(
          eb
            .selectFrom('affiliation as a')
            .innerJoin('organization as ao', 'ao.id', 'a.organization_id')
            .select('a.id')
            .whereRef('a.person_id', '=', 'p.id')
            .where('ao.division_code', '>=', from)
            .where('ao.division_code', '<', to),
        ),
      ]),
    );
}

export async function practitionerGroups(db: Executor, prefix: string, roles: string[], on: string) {
  // One read of (person, role, employment), counted three ways here: the query is the costly part.
  const rows = await practitionersQuery(db, prefix, roles, on).select(['p.id as person_id', 'r.role', 'r.employment']).distinct().execute();
  const peopleBy = (key: (r: (typeof rows)[number]) => string) => {
    const sets = new Map<string, Set<string>>();
    for (const r of rows) {
      const k = key(r);
      let set = sets.get(k);
      if (!set) sets.set(k, (set = new Set()));
      set.add(r.person_id);
    }
    return [...sets].map(([k, people]) => ({ key: k, n: people.size }));
  };
  return {
    total: new Set(rows.map((r) => r.person_id)).size,
    byRole: peopleBy((r) => r.role),
    byEmployment: peopleBy((r) => r.employment ?? 'unspecified'),
  };
}

export async function practitionerEntities(db: Executor, prefix: string, roles: string[], on: string, page: number, pageSize: number) {
  const q = practitionersQuery(db, prefix, roles, on);
  const [{ total }] = (await q.select(sql<number>`count(distinct p.id)`.as('total')).execute()) as [{ total: number }];
  const people = await q
    .select(['p.id', 'p.name', 'p.is_demo'])
    .distinct()
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = people.map((p) => p.id);
  const roleRows = ids.length
    ? await db.selectFrom(rolesOn(db, roles, on).as('r')).select(['r.person_id', 'r.role', 'r.employment', 'r.level', 'r.certificate_number']).where('r.person_id', 'in', ids).execute()
    : [];
  return { total: Number(total), people, roleRows };
}

/**
 * Training courses (培训, server/modules/talent) held by the jurisdiction and ended within [from, on]:
 * per topic, the courses, and the people trained (credited hours > 0) and certified by `on`.
 */
export async function trainingFigures(db: Executor, prefix: string, from: string, on: string) {
  const { from: lo, to: hi } = codeRange(prefix);
  const courses = () =>
    db
      .selectFrom('training_course as c')
      .where('c.jurisdiction_code', '>=', lo)
      .where('c.jurisdiction_code', '<', hi)
      .where('c.ends_on', '>=', from)
      .where('c.ends_on', '<=', on);
  const byTopic = await courses().select(['c.topic', sql<number>`count(*)`.as('n')]).groupBy('c.topic').execute();
  const trained = await courses()
    .innerJoin('training_enrolment as e', 'e.course_id', 'c.id')
    .where('e.hours_x10', '>', 0)
    .select(sql<number>`count(distinct e.person_id)`.as('n'))
    .executeTakeFirstOrThrow();
  const certified = await courses()
    .innerJoin('training_enrolment as e', 'e.course_id', 'c.id')
    .where('e.certificate_issued_on', '<=', on)
    .select(sql<number>`count(distinct e.person_id)`.as('n'))
    .executeTakeFirstOrThrow();
  return { byTopic: byTopic.map((r) => ({ key: r.topic, n: Number(r.n) })), trained: Number(trained.n), certified: Number(certified.n) };
}

/** The jurisdiction's application notices of `year`: their budgets (JSON rule → yuan). */
export function noticesOfYear(db: Executor, prefix: string, year: number) {
  return db
    .selectFrom('subsidy_notice')
    .select(['id', 'title', 'budgets', 'status', 'is_demo'])
    .where('year', '=', year)
    .where(underPrefix('jurisdiction_code', prefix))
    .execute();
}

/** Applications submitted (at least once) before `beforeInstant`, per notice; and awarded yuan by current status. */
export async function applicationSums(db: Executor, noticeIds: string[], beforeInstant: string) {
  if (!noticeIds.length) return { applied: 0, awardedYuan: 0 };
  const row = await db
    .selectFrom('subsidy_application')
    .select([
      sql<number>`count(*)`.as('applied'),
      sql<number>`cast(coalesce(sum(case when status in (${sql.join(AWARDED)}) then award_yuan else 0 end), 0) as bigint)`.as('awarded'),
    ])
    .where('notice_id', 'in', noticeIds)
    .where('first_submitted_at', 'is not', null)
    .where('first_submitted_at', '<', beforeInstant)
    .executeTakeFirstOrThrow();
  return { applied: Number(row.applied), awardedYuan: Number(row.awarded) };
}

export async function disbursedFen(db: Executor, noticeIds: string[], on: string): Promise<number> {
  if (!noticeIds.length) return 0;
  const row = await db
    .selectFrom('subsidy_disbursement')
    .select(sql<number>`cast(coalesce(sum(amount_fen), 0) as bigint)`.as('fen'))
    .where('notice_id', 'in', noticeIds)
    .where('paid_on', '<=', on)
    .executeTakeFirstOrThrow();
  return Number(row.fen);
}

export async function applicationEntities(db: Executor, noticeIds: string[], beforeInstant: string, page: number, pageSize: number) {
  if (!noticeIds.length) return { total: 0, rows: [] };
  const q = db
    .selectFrom('subsidy_application as a')
    .innerJoin('subsidy_notice as n', 'n.id', 'a.notice_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .leftJoin('subsidy_disbursement as d', 'd.application_id', 'a.id')
    .where('a.notice_id', 'in', noticeIds)
    .where('a.first_submitted_at', 'is not', null)
    .where('a.first_submitted_at', '<', beforeInstant);
  const [{ total }] = (await q.select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
  const rows = await q
    .select(['a.id', 'a.number', 'a.status', 'a.award_yuan', 'a.is_demo', 'n.title as notice_title', 'o.name as organization_name', 'd.amount_fen as paid_fen', 'd.paid_on'])
    .orderBy('a.number')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total), rows };
}
