/** The jurisdiction's training courses, newest first, filtered by topic and year; with enrolment counts. */
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { courseCounts } from './get-course.js';
import { type Course, presentCourse } from './present.js';
import type { CourseQuery } from './schema.js';

export async function listCourses(ctx: Ctx, query: CourseQuery): Promise<{ items: Course[]; total: number }> {
  assertCan(ctx.actor, 'talent.course.read');
  let base = ctx.db.selectFrom('training_course').where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  if (query.topic) base = base.where('topic', '=', query.topic);
  if (query.year) base = base.where('starts_on', '>=', `${query.year}-01-01`).where('starts_on', '<=', `${query.year}-12-31`);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const ids = rows.map((r) => r.id);
  const enrolments = ids.length
    ? await ctx.db.selectFrom('training_enrolment').select(['course_id', 'hours_x10', 'certificate_number']).where('course_id', 'in', ids).execute()
    : [];
  return { items: rows.map((r) => presentCourse(r, courseCounts(enrolments.filter((e) => e.course_id === r.id)))), total: Number(total) };
}
