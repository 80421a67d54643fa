/** Creates a training course (培训课程) on a topic of (六): dates, hours, place, capacity. Operator only; audited. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { type Course, presentCourse, x10 } from './present.js';
import type { CourseRow } from './repo.js';
import type { CourseInput } from './schema.js';

export async function createCourse(ctx: Ctx, input: CourseInput, opts: { isDemo?: boolean } = {}): Promise<Course> {
  assertCan(ctx.actor, 'talent.course.write');
  if (input.endsOn < input.startsOn) throw new AppError('VALIDATION', '结束日期不能早于开始日期', { field: 'endsOn' });
  const required = input.requiredHours ?? input.hours;
  if (required > input.hours) throw new AppError('VALIDATION', '结业学时不能超过课程学时', { field: 'requiredHours' });
  return inTransaction(ctx, async (trx) => {
    if (input.organizerOrganizationId) {
      const org = await trx.selectFrom('organization').select('id').where('id', '=', input.organizerOrganizationId).executeTakeFirst();
      if (!org) throw new AppError('VALIDATION', `主办机构不存在：${input.organizerOrganizationId}`, { field: 'organizerOrganizationId' });
    }
    const now = ctx.clock.now().toISOString();
    const row: CourseRow = {
      id: newId(),
      jurisdiction_code: ctx.actor.jurisdictionCode,
      title: input.title,
      topic: input.topic,
      organizer_name: input.organizerName,
      organizer_organization_id: input.organizerOrganizationId ?? null,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      hours_x10: x10(input.hours),
      required_hours_x10: x10(required),
      place: input.place,
      capacity: input.capacity,
      is_demo: opts.isDemo ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('training_course').values(row).execute();
    await audit(trx, ctx, { action: 'talent.course.write', subjectType: 'training_course', subjectId: row.id, after: { ...row } });
    return presentCourse(row, { enrolled: 0, attended: 0, certified: 0 });
  });
}
