/**
 * Enrols a person in a course (报名). The operator enrols anyone of the jurisdiction; a broker's,
 * an institution's or an agency's account enrols its own people (affiliated with, or practising at,
 * one of its organizations). Refused (409) once the course has ended, when it is full, or twice.
 */
import { chinaDate } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { loadPersonFor, organizationsOfPerson } from './access.js';
import { courseDetail, loadCourseFor } from './get-course.js';
import type { EnrolmentRow } from './repo.js';
import type { EnrolmentInput } from './schema.js';

export async function enrolPerson(ctx: Ctx, courseId: string, input: EnrolmentInput, opts: { isDemo?: boolean } = {}) {
  return inTransaction(ctx, async (trx) => {
    const course = await loadCourseFor(trx, ctx.actor, 'talent.enrolment.create', courseId);
    const person = await loadPersonFor(trx, ctx.actor, 'talent.enrolment.create', input.personId);
    if (chinaDate(ctx.clock.now()) > course.ends_on) throw new AppError('CONFLICT', `培训课程已于 ${course.ends_on} 结束，不能再报名`, { field: 'courseId' });
    const taken = await trx.selectFrom('training_enrolment').select(['id', 'person_id']).where('course_id', '=', course.id).execute();
    if (taken.some((e) => e.person_id === person.id)) throw new AppError('CONFLICT', `${person.name}已报名该课程`, { field: 'personId' });
    if (taken.length >= course.capacity) throw new AppError('CONFLICT', `培训课程名额已满（${course.capacity}人）`, { field: 'courseId' });
    const theirs = await organizationsOfPerson(trx, person.id);
    let organizationId = input.organizationId ?? ctx.actor.organizationIds.find((o) => theirs.includes(o)) ?? theirs[0] ?? null;
    if (input.organizationId) {
      if (!theirs.includes(input.organizationId)) throw new AppError('VALIDATION', '该人员不在所选机构任职', { field: 'organizationId' });
      if (ctx.actor.roles.every((r) => !['operator', 'admin'].includes(r)) && !ctx.actor.organizationIds.includes(input.organizationId)) {
        throw new AppError('FORBIDDEN', '只能以本单位名义报名', { field: 'organizationId' });
      }
      organizationId = input.organizationId;
    }
    const now = ctx.clock.now().toISOString();
    const row: EnrolmentRow = {
      id: newId(), course_id: course.id, person_id: person.id, organization_id: organizationId, enrolled_by_name: ctx.actor.name, hours_x10: 0,
      certificate_number: null, certificate_issued_on: null, is_demo: opts.isDemo ? 1 : 0, version: 1, created_at: now, updated_at: now,
    };
    await trx.insertInto('training_enrolment').values(row).execute();
    await audit(trx, ctx, { action: 'talent.enrolment.create', subjectType: 'training_enrolment', subjectId: row.id, after: { ...row } });
    return courseDetail(trx, ctx.actor, course);
  });
}
