/**
 * Marks attendance (考勤) for one enrolment: a session's hours added to the credited hours, or the
 * course's total set at once. Not before the course starts, never beyond the course's hours, and
 * frozen once the certificate is issued (409). Audited; guarded by the enrolment's `version`.
 */
import { chinaDate } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { assertVersion } from './access.js';
import { courseDetail, loadCourseFor } from './get-course.js';
import { hoursOf, x10 } from './present.js';
import { findEnrolment, updateVersioned } from './repo.js';
import type { AttendanceInput } from './schema.js';

export async function markAttendance(ctx: Ctx, courseId: string, enrolmentId: string, input: AttendanceInput) {
  if ((input.sessionHours === undefined) === (input.totalHours === undefined)) {
    throw new AppError('VALIDATION', '请填写本次出勤学时或累计出勤学时（二者选一）', { field: 'sessionHours' });
  }
  return inTransaction(ctx, async (trx) => {
    const course = await loadCourseFor(trx, ctx.actor, 'talent.attendance.mark', courseId);
    const enrolment = await findEnrolment(trx, enrolmentId);
    if (!enrolment || enrolment.course_id !== course.id) throw notFound('报名记录', enrolmentId);
    assertVersion(enrolment, input.version, '报名记录');
    if (chinaDate(ctx.clock.now()) < course.starts_on) throw new AppError('CONFLICT', `培训课程 ${course.starts_on} 开始，开课前不能登记出勤`, { field: 'sessionHours' });
    if (enrolment.certificate_number) throw new AppError('CONFLICT', '已颁发结业证书，出勤学时不能再修改', { field: 'sessionHours' });
    const field = input.sessionHours !== undefined ? 'sessionHours' : 'totalHours';
    const hours = input.sessionHours !== undefined ? enrolment.hours_x10 + x10(input.sessionHours) : x10(input.totalHours!);
    if (hours > course.hours_x10) {
      throw new AppError('VALIDATION', `出勤学时合计 ${hoursOf(hours)} 超过课程学时 ${hoursOf(course.hours_x10)}`, { field });
    }
    const at = ctx.clock.now().toISOString();
    if (!(await updateVersioned(trx, 'training_enrolment', enrolment.id, enrolment.version, { hours_x10: hours, updated_at: at }))) {
      throw new AppError('CONFLICT', '该报名记录已被他人修改，请刷新后重试', { field: 'version' });
    }
    await audit(trx, ctx, {
      action: 'talent.attendance.mark', subjectType: 'training_enrolment', subjectId: enrolment.id,
      before: { hours: hoursOf(enrolment.hours_x10) }, after: { hours: hoursOf(hours) },
    });
    return courseDetail(trx, ctx.actor, course);
  });
}
