/** SQL of the supervision tables; the use cases call these. */
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../context.js';
import type {
  SupervisionAssignmentTable,
  SupervisionMeasureTable,
  SupervisionPlanTable,
  SupervisionReportStepTable,
  SupervisionReportTable,
  SupervisionUnitTable,
} from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';

export type PlanRow = Selectable<SupervisionPlanTable>;
export type UnitRow = Selectable<SupervisionUnitTable>;
export type MeasureRow = Selectable<SupervisionMeasureTable>;
export type AssignmentRow = Selectable<SupervisionAssignmentTable>;
export type ReportRow = Selectable<SupervisionReportTable>;
export type StepRow = Selectable<SupervisionReportStepTable>;

export function findPlan(db: Executor, id: string) {
  return db.selectFrom('supervision_plan').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPlanByCode(db: Executor, jurisdictionCode: string, code: string) {
  return db.selectFrom('supervision_plan').selectAll().where('jurisdiction_code', '=', jurisdictionCode).where('code', '=', code).executeTakeFirst();
}

export function unitsOf(db: Executor, planId: string) {
  return db.selectFrom('supervision_unit').selectAll().where('plan_id', '=', planId).orderBy('name').execute();
}

export function findUnit(db: Executor, id: string) {
  return db.selectFrom('supervision_unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export function measuresOf(db: Executor, planId: string) {
  return db.selectFrom('supervision_measure').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
}

export function findMeasure(db: Executor, id: string) {
  return db.selectFrom('supervision_measure').selectAll().where('id', '=', id).executeTakeFirst();
}

export function assignmentsOf(db: Executor, planId: string) {
  return db
    .selectFrom('supervision_assignment as a')
    .innerJoin('supervision_measure as m', 'm.id', 'a.measure_id')
    .selectAll('a')
    .where('m.plan_id', '=', planId)
    .orderBy('m.seq')
    .orderBy('a.position')
    .execute();
}

export function findAssignment(db: Executor, measureId: string, unitId: string) {
  return db.selectFrom('supervision_assignment').selectAll().where('measure_id', '=', measureId).where('unit_id', '=', unitId).executeTakeFirst();
}

export function findReport(db: Executor, id: string) {
  return db.selectFrom('supervision_report').selectAll().where('id', '=', id).executeTakeFirst();
}

export function reportOfCell(db: Executor, measureId: string, unitId: string, period: string) {
  return db
    .selectFrom('supervision_report')
    .selectAll()
    .where('measure_id', '=', measureId)
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .executeTakeFirst();
}

/** The status of every report of a plan (the board's and the reminder job's input). */
export function reportStatusesOf(db: Executor, planId: string) {
  return db.selectFrom('supervision_report').select(['id', 'measure_id', 'unit_id', 'period', 'status']).where('plan_id', '=', planId).execute();
}

export function countReports(db: Executor, where: { measureId?: string; unitId?: string }) {
  let q = db.selectFrom('supervision_report').select((eb) => eb.fn.countAll<number>().as('n'));
  if (where.measureId) q = q.where('measure_id', '=', where.measureId);
  if (where.unitId) q = q.where('unit_id', '=', where.unitId);
  return q.executeTakeFirst().then((r) => Number(r?.n ?? 0));
}

/** Updates a row only if it still has the version read; anything else is a lost update (409). */
export async function updateReportVersioned(db: Executor, row: { id: string; version: number }, set: Partial<Insertable<SupervisionReportTable>>): Promise<void> {
  const res = await db
    .updateTable('supervision_report')
    .set({ ...set, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该进度报告已被他人处理或修改，请刷新后重试', { field: 'version' });
}

export function assertVersion(row: { version: number }, version: number): void {
  if (row.version !== version) {
    throw new AppError('CONFLICT', `该进度报告已被他人处理或修改（当前版本 ${row.version}，提交版本 ${version}），请刷新后重试`, { field: 'version' });
  }
}

export async function appendStep(db: Executor, step: Omit<Insertable<SupervisionReportStepTable>, 'seq' | 'id'>): Promise<void> {
  const last = await db
    .selectFrom('supervision_report_step')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('report_id', '=', step.report_id)
    .executeTakeFirst();
  await db.insertInto('supervision_report_step').values({ ...step, id: newId(), seq: Number(last?.seq ?? 0) + 1 }).execute();
}

export function stepsOf(db: Executor, reportId: string) {
  return db.selectFrom('supervision_report_step').selectAll().where('report_id', '=', reportId).orderBy('seq').execute();
}

export function attachmentsOf(db: Executor, reportId: string) {
  return db
    .selectFrom('supervision_report_attachment as a')
    .innerJoin('evidence_file as f', 'f.hash', 'a.hash')
    .select(['a.hash', 'a.label', 'f.size', 'f.mime'])
    .where('a.report_id', '=', reportId)
    .orderBy('a.position')
    .execute();
}

export async function replaceAttachments(db: Executor, reportId: string, attachments: { hash: string; label: string }[]): Promise<void> {
  await db.deleteFrom('supervision_report_attachment').where('report_id', '=', reportId).execute();
  if (attachments.length) {
    await db
      .insertInto('supervision_report_attachment')
      .values(attachments.map((a, position) => ({ id: newId(), report_id: reportId, hash: a.hash, label: a.label, position })))
      .execute();
  }
}
