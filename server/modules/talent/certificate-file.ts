/**
 * The certificate PDF (结业证书) of one enrolment: name, course, topic, dates, hours credited, the
 * certificate number, issuer and date — written with the documents module's PdfWriter and its
 * embedded Chinese font. Demo records carry the 「演示数据」 mark.
 */
import { TRAINING_TOPICS } from '../../../common/talent-vocabulary.js';
import type { Ctx } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { PdfWriter, chineseDate, type PdfOptions } from '../documents/pdf-writer.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { hoursOf } from './present.js';
import { findCourse, findEnrolment } from './repo.js';

export interface CertificateFacts {
  number: string;
  personName: string;
  organizationName: string | null;
  courseTitle: string;
  topic: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  organizer: string;
  issuedOn: string;
  isDemo: boolean;
}

export async function certificatePdf(f: CertificateFacts, options: PdfOptions = {}): Promise<Buffer> {
  const pdf = new PdfWriter(
    { title: '技术转移培训结业证书', issuer: f.organizer, date: f.issuedOn, subject: `结业证书：${f.personName}`, ...(f.isDemo ? { mark: '演示数据' } : {}) },
    options,
  );
  pdf.title('结业证书', `证书编号：${f.number}`);
  pdf.paragraph(
    `${f.personName}${f.organizationName ? `（${f.organizationName}）` : ''}于${chineseDate(f.startsOn)}至${chineseDate(f.endsOn)}参加“${f.courseTitle}”（${TRAINING_TOPICS.label(f.topic)}）培训，出勤${f.hours}学时，经考核合格，准予结业。`,
    { indent: true, gap: 0.8 },
  );
  pdf.table(
    [
      { header: '项目', width: 110, align: 'center' },
      { header: '内容', width: pdf.contentWidth - 110 },
    ],
    [
      { cells: ['姓名', f.personName] },
      { cells: ['培训课程', f.courseTitle] },
      { cells: ['培训主题', TRAINING_TOPICS.label(f.topic)] },
      { cells: ['培训时间', `${f.startsOn} 至 ${f.endsOn}`] },
      { cells: ['出勤学时', `${f.hours} 学时`] },
      { cells: ['证书编号', f.number], bold: true },
    ],
    { fontSize: 10.5 },
  );
  pdf.closing(f.organizer, f.issuedOn);
  return pdf.finish();
}

export async function certificateFile(ctx: Ctx, enrolmentId: string): Promise<{ name: string; content: Buffer }> {
  const scope = assertCan(ctx.actor, 'talent.certificate.read');
  const e = await findEnrolment(ctx.db, enrolmentId);
  const course = e ? await findCourse(ctx.db, e.course_id) : undefined;
  if (!e || !course || !isWithinJurisdiction(ctx.actor.jurisdictionCode, course.jurisdiction_code)) throw notFound('报名记录', enrolmentId);
  if (scope === 'own' && !(e.organization_id && ctx.actor.organizationIds.includes(e.organization_id))) throw new AppError('FORBIDDEN', '只能下载本单位人员的结业证书');
  if (!e.certificate_number || !e.certificate_issued_on) throw new AppError('CONFLICT', '该报名尚未颁发结业证书', { field: 'certificateNumber' });
  const person = await ctx.db.selectFrom('person').select('name').where('id', '=', e.person_id).executeTakeFirstOrThrow();
  const org = e.organization_id ? await ctx.db.selectFrom('organization').select('name').where('id', '=', e.organization_id).executeTakeFirst() : undefined;
  const content = await certificatePdf({
    number: e.certificate_number, personName: person.name, organizationName: org?.name ?? null, courseTitle: course.title, topic: course.topic,
    startsOn: course.starts_on, endsOn: course.ends_on, hours: hoursOf(e.hours_x10), organizer: course.organizer_name, issuedOn: e.certificate_issued_on,
    isDemo: course.is_demo === 1 || e.is_demo === 1,
  });
  return { name: `结业证书-${person.name}-${e.certificate_number}.pdf`, content };
}
