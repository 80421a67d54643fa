/**
 * Issues the course's certificates (结业证书): to every enrolment credited with at least the required
 * hours and holding none yet, numbered 「PX{year}{jurisdiction}{seq:4}」 in enrolment order,
 * continuing the jurisdiction's sequence of the year. Only once the course has ended (409). Audited.
 */
import { chinaDate } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { courseDetail, loadCourseFor } from './get-course.js';
import type { CertificateInput } from './schema.js';

export async function issueCertificates(ctx: Ctx, courseId: string, input: CertificateInput) {
  return inTransaction(ctx, async (trx) => {
    const course = await loadCourseFor(trx, ctx.actor, 'talent.certificate.issue', courseId);
    const issuedOn = input.issuedOn ?? chinaDate(ctx.clock.now());
    if (issuedOn < course.ends_on) throw new AppError('CONFLICT', `培训课程 ${course.ends_on} 结束，结业证书只能在结束后颁发`, { field: 'issuedOn' });
    if (issuedOn > chinaDate(ctx.clock.now())) throw new AppError('VALIDATION', '发证日期不能晚于今天', { field: 'issuedOn' });
    const due = await trx
      .selectFrom('training_enrolment')
      .selectAll()
      .where('course_id', '=', course.id)
      .where('certificate_number', 'is', null)
      .where('hours_x10', '>=', course.required_hours_x10)
      .where('hours_x10', '>', 0)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const prefix = `PX${issuedOn.slice(0, 4)}${course.jurisdiction_code}`;
    const last = await trx
      .selectFrom('training_enrolment')
      .select((eb) => eb.fn.max('certificate_number').as('n'))
      .where('certificate_number', 'like', `${prefix}%`)
      .executeTakeFirst();
    let seq = last?.n ? Number(String(last.n).slice(prefix.length)) : 0;
    const at = ctx.clock.now().toISOString();
    for (const e of due) {
      const number = `${prefix}${String(++seq).padStart(4, '0')}`;
      await trx
        .updateTable('training_enrolment')
        .set({ certificate_number: number, certificate_issued_on: issuedOn, version: e.version + 1, updated_at: at })
        .where('id', '=', e.id)
        .execute();
      await audit(trx, ctx, { action: 'talent.certificate.issue', subjectType: 'training_enrolment', subjectId: e.id, after: { certificateNumber: number, issuedOn } });
    }
    return { issued: due.length, course: await courseDetail(trx, ctx.actor, course) };
  });
}
