/** The evaluation report's own reads: subsidy applications, award lines and payments per rule. */
import { sql } from 'kysely';
import type { Executor } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';

const AWARDED = ['awarded', 'publicized', 'approved', 'paid'];

/** Per notice: applications submitted before `beforeInstant`. */
export async function appliedPerNotice(db: Executor, noticeIds: string[], beforeInstant: string): Promise<Map<string, number>> {
  if (!noticeIds.length) return new Map();
  const rows = await db
    .selectFrom('subsidy_application')
    .select(['notice_id', sql<number>`count(*)`.as('n')])
    .where('notice_id', 'in', noticeIds)
    .where('first_submitted_at', 'is not', null)
    .where('first_submitted_at', '<', beforeInstant)
    .groupBy('notice_id')
    .execute();
  return new Map(rows.map((r) => [r.notice_id, Number(r.n)]));
}

/** Per rule: award lines of awarded applications (count of applications, yuan) and of those paid by `on`. */
export async function awardsPerRule(db: Executor, noticeIds: string[], beforeInstant: string, on: string) {
  if (!noticeIds.length) return [];
  const rows = await db
    .selectFrom('subsidy_application_award as w')
    .innerJoin('subsidy_application as a', 'a.id', 'w.application_id')
    .leftJoin('subsidy_disbursement as d', (j) => j.onRef('d.application_id', '=', 'a.id').on('d.paid_on', '<=', on))
    .select([
      'w.rule',
      sql<number>`count(distinct a.id)`.as('applications'),
      sql<number>`cast(coalesce(sum(w.amount_yuan), 0) as bigint)`.as('yuan'),
      sql<number>`cast(coalesce(sum(case when d.id is not null then w.amount_yuan else 0 end), 0) as bigint)`.as('paid_yuan'),
    ])
    .where('a.notice_id', 'in', noticeIds)
    .where('a.status', 'in', AWARDED)
    .where('a.first_submitted_at', 'is not', null)
    .where('a.first_submitted_at', '<', beforeInstant)
    .groupBy('w.rule')
    .execute();
  return rows.map((r) => ({ rule: r.rule, applications: Number(r.applications), yuan: Number(r.yuan), paidYuan: Number(r.paid_yuan) }));
}

/** The jurisdiction's supervision plans (exact code: a plan belongs to one jurisdiction). */
export function plansOf(db: Executor, jurisdictionCode: string) {
  return db.selectFrom('supervision_plan').selectAll().where('jurisdiction_code', '=', jurisdictionCode).orderBy('code').execute();
}

/** The jurisdiction's application notices of `year` (as the indicators count them): rules and budgets. */
export function noticesOfYear(db: Executor, prefix: string, year: number) {
  return db
    .selectFrom('subsidy_notice')
    .select(['id', 'policy_id', 'rules', 'budgets'])
    .where('year', '=', year)
    .where(underPrefix('jurisdiction_code', prefix))
    .orderBy('id')
    .execute();
}
