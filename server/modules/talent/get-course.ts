/** A training course with its enrolments (an "own" role sees only the people of its organizations). */
import type { Ctx, Executor, Actor } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { type Action, scopeFor } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { type Course, type Enrolment, presentCourse, presentEnrolment } from './present.js';
import { type CourseRow, enrolmentsOf, findCourse } from './repo.js';

export async function loadCourseFor(db: Executor, actor: Actor, action: Action, id: string): Promise<CourseRow> {
  assertCan(actor, action);
  const row = await findCourse(db, id);
  if (!row || !isWithinJurisdiction(actor.jurisdictionCode, row.jurisdiction_code)) throw notFound('培训课程', id);
  return row;
}

export function courseCounts(enrolments: { hours_x10: number; certificate_number: string | null }[]) {
  return {
    enrolled: enrolments.length,
    attended: enrolments.filter((e) => e.hours_x10 > 0).length,
    certified: enrolments.filter((e) => e.certificate_number).length,
  };
}

export async function courseDetail(db: Executor, actor: Actor, row: CourseRow): Promise<Course & { enrolments: Enrolment[] }> {
  const all = await enrolmentsOf(db, row.id);
  // The roster is personal data: the whole of it for a role reading enrolments jurisdiction-wide,
  // otherwise the people the account's organizations sent.
  const visible = scopeFor(actor.roles, 'talent.enrolment.read') === 'jurisdiction'
    ? all
    : all.filter((e) => !!e.organization_id && actor.organizationIds.includes(e.organization_id));
  return { ...presentCourse(row, courseCounts(all)), enrolments: visible.map((e) => presentEnrolment(e, row)) };
}

export async function getCourse(ctx: Ctx, id: string) {
  const row = await loadCourseFor(ctx.db, ctx.actor, 'talent.course.read', id);
  return courseDetail(ctx.db, ctx.actor, row);
}

export function assertCourseVersion(row: { version: number }, version: number): void {
  if (row.version !== version) throw new AppError('CONFLICT', '该培训课程已被他人修改，请刷新后重试', { field: 'version' });
}
