/**
 * Plans (实施方案) in the database: loading a plan file (new, or again after an edit: measures and
 * units are matched by number and name, so reports already made stay attached), reading plans
 * with their measures and units, and linking a unit to the registry organization that acts for it.
 *
 * A unit is linked to a government department of the plan's jurisdiction whose name is the unit's
 * name, one of the file's `unitAliases` for it, or ends with it (区工业和信息化局 →
 * 平顶山市湛河区工业和信息化局) when exactly one does. A department account reports for the units
 * linked to the organizations it acts for.
 */
import type { LoadResult, PlanDetail, PlanSummary, PlanUnit } from '../../../common/supervision-api.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import type { ReportingPeriod } from '../../../common/supervision-vocabulary.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import type { PlanFile } from './plan-file.js';
import { dueOn, type Period, periodsBetween } from './periods.js';
import { assignmentsOf, countReports, findPlan, findPlanByCode, findUnit, measuresOf, type PlanRow, unitsOf } from './repo.js';

/** The periods of a measure, each with its due day. */
export function periodsOf(plan: Pick<PlanRow, 'starts_on' | 'ends_on' | 'due_days'>, period: ReportingPeriod): (Period & { dueOn: string })[] {
  return periodsBetween(period, plan.starts_on, plan.ends_on).map((p) => ({ ...p, dueOn: dueOn(p, plan.due_days) }));
}

async function summarize(db: Executor, rows: PlanRow[]): Promise<PlanSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [measures, units] = await Promise.all([
    db.selectFrom('supervision_measure').select(['plan_id']).where('plan_id', 'in', ids).execute(),
    db.selectFrom('supervision_unit').select(['plan_id', 'organization_id']).where('plan_id', 'in', ids).execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    document: r.document,
    jurisdictionCode: r.jurisdiction_code,
    issuedOn: r.issued_on,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    period: r.period as ReportingPeriod,
    dueDays: r.due_days,
    sourceHash: r.source_hash,
    measureCount: measures.filter((m) => m.plan_id === r.id).length,
    unitCount: units.filter((u) => u.plan_id === r.id).length,
    linkedUnitCount: units.filter((u) => u.plan_id === r.id && u.organization_id).length,
    isDemo: r.is_demo === 1,
    version: r.version,
    updatedAt: r.updated_at,
  }));
}

/** The registry organization each unit name stands for, where one is found unambiguously. */
async function linkUnits(db: Executor, jurisdictionCode: string, names: string[], aliases: Record<string, string[]>): Promise<Map<string, string>> {
  const orgs = await db
    .selectFrom('organization')
    .select(['id', 'name'])
    .where(underPrefix('jurisdiction_code', jurisdictionPrefix(jurisdictionCode)))
    .where('kind', '=', 'government_department')
    .execute();
  const out = new Map<string, string>();
  for (const name of names) {
    const exact = orgs.filter((o) => o.name === name || (aliases[name] ?? []).includes(o.name));
    const bySuffix = exact.length ? exact : orgs.filter((o) => o.name.endsWith(name) && name.length >= 4);
    if (bySuffix.length === 1) out.set(name, bySuffix[0]!.id);
  }
  return out;
}

/**
 * Loads a plan file for its jurisdiction (the file's, else the actor's): creates the plan, or
 * updates the one with the same id — measures by number, units by name. A measure or unit
 * assignment that already has reports cannot be dropped (409 naming it).
 */
export async function loadPlan(ctx: Ctx, file: PlanFile, opts: { isDemo?: boolean } = {}): Promise<LoadResult> {
  assertCan(ctx.actor, 'supervision.plan.load');
  const jurisdictionCode = file.jurisdiction ?? ctx.actor.jurisdictionCode;
  if (!isWithinJurisdiction(ctx.actor.jurisdictionCode, jurisdictionCode)) {
    throw new AppError('FORBIDDEN', `方案所属辖区 ${jurisdictionCode} 不在本账号辖区（${ctx.actor.jurisdictionCode}）内`, { field: 'jurisdiction' });
  }
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const existing = await findPlanByCode(trx, jurisdictionCode, file.id);
    const fields = {
      title: file.title,
      document: file.document,
      issued_on: file.issuedOn,
      starts_on: file.startsOn,
      ends_on: file.endsOn,
      period: file.period,
      due_days: file.dueDays,
      source_hash: file.hash,
      updated_at: now,
    };
    let planId: string;
    if (existing) {
      planId = existing.id;
      await trx.updateTable('supervision_plan').set({ ...fields, version: existing.version + 1 }).where('id', '=', planId).execute();
    } else {
      planId = newId();
      await trx
        .insertInto('supervision_plan')
        .values({ id: planId, jurisdiction_code: jurisdictionCode, code: file.id, ...fields, is_demo: opts.isDemo ? 1 : 0, version: 1, created_at: now })
        .execute();
    }

    // Units, by name; a link found now replaces an earlier one, no link found keeps it.
    const names = [...new Set(file.measures.flatMap((m) => [m.lead, ...m.co]))];
    const links = await linkUnits(trx, jurisdictionCode, names, file.unitAliases);
    const units = new Map((await unitsOf(trx, planId)).map((u) => [u.name, u]));
    for (const name of names) {
      const current = units.get(name);
      const organization_id = links.get(name) ?? current?.organization_id ?? null;
      if (!current) {
        const row = { id: newId(), plan_id: planId, name, organization_id };
        await trx.insertInto('supervision_unit').values(row).execute();
        units.set(name, row);
      } else if (current.organization_id !== organization_id) {
        await trx.updateTable('supervision_unit').set({ organization_id }).where('id', '=', current.id).execute();
        units.set(name, { ...current, organization_id });
      }
    }

    // Measures, by number; their assignments replaced (kept where reports exist).
    const measures = new Map((await measuresOf(trx, planId)).map((m) => [m.number, m]));
    const wanted = new Set(file.measures.map((m) => m.number));
    for (const [number, m] of measures) {
      if (wanted.has(number)) continue;
      if (await countReports(trx, { measureId: m.id })) {
        throw new AppError('CONFLICT', `措施（${number}）已有进度报告，新方案文件不能删除它`, { field: 'measures' });
      }
      await trx.deleteFrom('supervision_assignment').where('measure_id', '=', m.id).execute();
      await trx.deleteFrom('supervision_measure').where('id', '=', m.id).execute();
    }
    const assignments = await assignmentsOf(trx, planId);
    for (const m of file.measures) {
      const row = { seq: m.seq, heading: m.heading, text: m.text, responsibility: m.responsibility, period: m.period };
      let measureId = measures.get(m.number)?.id;
      if (measureId) await trx.updateTable('supervision_measure').set(row).where('id', '=', measureId).execute();
      else {
        measureId = newId();
        await trx.insertInto('supervision_measure').values({ id: measureId, plan_id: planId, number: m.number, ...row }).execute();
      }
      const want = [m.lead, ...m.co].map((name, position) => ({ unitId: units.get(name)!.id, role: position === 0 ? 'lead' : 'co', position }));
      for (const a of assignments.filter((x) => x.measure_id === measureId)) {
        if (want.some((w) => w.unitId === a.unit_id)) continue;
        const reports = await trx.selectFrom('supervision_report').select('id').where('measure_id', '=', measureId).where('unit_id', '=', a.unit_id).executeTakeFirst();
        if (reports) {
          const name = [...units.values()].find((u) => u.id === a.unit_id)?.name;
          throw new AppError('CONFLICT', `措施（${m.number}）的责任单位“${name}”已有进度报告，新方案文件不能去掉它`, { field: 'measures' });
        }
        await trx.deleteFrom('supervision_assignment').where('id', '=', a.id).execute();
      }
      for (const w of want) {
        const have = assignments.find((x) => x.measure_id === measureId && x.unit_id === w.unitId);
        if (have) await trx.updateTable('supervision_assignment').set({ role: w.role, position: w.position }).where('id', '=', have.id).execute();
        else await trx.insertInto('supervision_assignment').values({ id: newId(), measure_id: measureId, unit_id: w.unitId, role: w.role, position: w.position }).execute();
      }
    }

    const [summary] = await summarize(trx, [(await findPlan(trx, planId))!]);
    await audit(trx, ctx, {
      action: 'supervision.plan.load',
      subjectType: 'supervision_plan',
      subjectId: planId,
      ...(existing ? { before: { sourceHash: existing.source_hash, version: existing.version } } : {}),
      after: { code: file.id, title: file.title, sourceHash: file.hash, measures: file.measures.length, units: names.length, linked: Object.fromEntries(names.map((n) => [n, units.get(n)!.organization_id])) },
    });
    return { ...summary!, created: !existing, unlinkedUnits: names.filter((n) => !units.get(n)!.organization_id) };
  });
}

/** Checks the permission, then finds the plan and checks its jurisdiction. */
export async function loadPlanFor(db: Executor, ctx: Ctx, id: string, action: 'supervision.plan.read' | 'supervision.board.read' | 'supervision.plan.load' = 'supervision.plan.read'): Promise<PlanRow> {
  assertCan(ctx.actor, action);
  const plan = await findPlan(db, id);
  if (!plan) throw notFound('督办方案', id);
  if (!isWithinJurisdiction(ctx.actor.jurisdictionCode, plan.jurisdiction_code)) throw new AppError('FORBIDDEN', '无权访问该方案');
  return plan;
}

export async function listPlans(ctx: Ctx): Promise<PlanSummary[]> {
  assertCan(ctx.actor, 'supervision.plan.read');
  const rows = await ctx.db
    .selectFrom('supervision_plan')
    .selectAll()
    .where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)))
    .orderBy('starts_on', 'desc')
    .execute();
  return summarize(ctx.db, rows);
}

export async function getPlan(ctx: Ctx, id: string): Promise<PlanDetail> {
  const plan = await loadPlanFor(ctx.db, ctx, id);
  const [[summary], units, measures, assignments] = await Promise.all([summarize(ctx.db, [plan]), unitsOf(ctx.db, id), measuresOf(ctx.db, id), assignmentsOf(ctx.db, id)]);
  const orgIds = units.map((u) => u.organization_id).filter((x): x is string => !!x);
  const orgs = orgIds.length ? await ctx.db.selectFrom('organization').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const unitById = new Map(units.map((u) => [u.id, u]));
  return {
    ...summary!,
    units: units.map((u) => ({ id: u.id, name: u.name, organizationId: u.organization_id, organizationName: u.organization_id ? orgName.get(u.organization_id) ?? null : null })),
    measures: measures.map((m) => ({
      id: m.id,
      number: m.number,
      seq: m.seq,
      heading: m.heading,
      text: m.text,
      responsibility: m.responsibility,
      period: m.period as ReportingPeriod,
      units: assignments
        .filter((a) => a.measure_id === m.id)
        .map((a) => ({ unitId: a.unit_id, name: unitById.get(a.unit_id)!.name, role: a.role as 'lead' | 'co', organizationId: unitById.get(a.unit_id)!.organization_id })),
    })),
  };
}

/** Links a unit to the registry organization acting for it (or unlinks it with null). */
export async function setUnitOrganization(ctx: Ctx, unitId: string, organizationId: string | null): Promise<PlanUnit> {
  assertCan(ctx.actor, 'supervision.plan.load'); // 403 before 404
  return inTransaction(ctx, async (trx) => {
    const unit = await findUnit(trx, unitId);
    if (!unit) throw notFound('责任单位', unitId);
    const plan = await loadPlanFor(trx, ctx, unit.plan_id, 'supervision.plan.load');
    let orgName: string | null = null;
    if (organizationId) {
      const org = await trx.selectFrom('organization').select(['id', 'name', 'jurisdiction_code']).where('id', '=', organizationId).executeTakeFirst();
      if (!org || !isWithinJurisdiction(plan.jurisdiction_code, org.jurisdiction_code)) {
        throw new AppError('VALIDATION', `机构不存在或不在方案辖区内：${organizationId}`, { field: 'organizationId' });
      }
      orgName = org.name;
    }
    await trx.updateTable('supervision_unit').set({ organization_id: organizationId }).where('id', '=', unitId).execute();
    await audit(trx, ctx, {
      action: 'supervision.plan.load',
      subjectType: 'supervision_unit',
      subjectId: unitId,
      before: { organizationId: unit.organization_id },
      after: { organizationId },
    });
    return { id: unit.id, name: unit.name, organizationId, organizationName: orgName };
  });
}
