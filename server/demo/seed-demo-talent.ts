/**
 * Seeds the demo talent records (人才) through the talent use cases: dated practitioner periods for
 * the demo brokers and transfer staff (from their certificate year, at their first organization),
 * three training courses on topics of (六) — two held (enrolments, attendance, certificates) and one
 * to come (enrolments only) — and the researchers of a few registered demo contracts. Runs once and
 * only after the demo registry and contracts: a database that already holds a demo course is left alone.
 */
import { addDays, chinaDate } from '../../common/dates.js';
import type { TrainingTopic } from '../../common/talent-vocabulary.js';
import type { Actor, Ctx } from '../context.js';
import { createCourse } from '../modules/talent/create-course.js';
import { enrolPerson } from '../modules/talent/enrol-person.js';
import { issueCertificates } from '../modules/talent/issue-certificates.js';
import { markAttendance } from '../modules/talent/mark-attendance.js';
import { savePractitioner } from '../modules/talent/save-practitioner.js';
import { setContractResearchers } from '../modules/talent/set-contract-researchers.js';

function on(ctx: Ctx, date: string, actor: Actor): Ctx {
  const instant = new Date(`${date}T02:00:00.000Z`);
  return { ...ctx, actor, clock: { now: () => instant } };
}

interface DemoCourse {
  title: string;
  topic: TrainingTopic;
  /** Days from today to the first day (negative: past). */
  startsIn: number;
  days: number;
  hours: number;
  requiredHours: number;
  place: string;
  capacity: number;
  /** Hours attended by each enrolled practitioner, in order (a past course only). */
  attendance: number[];
}

export const demoCourses: DemoCourse[] = [
  { title: '技术经纪人（初级）专题培训班', topic: 'brokerage', startsIn: -75, days: 3, hours: 24, requiredHours: 20, place: '湛河区科技创新服务中心三楼报告厅', capacity: 40, attendance: [24, 22, 20, 12, 24, 8] },
  { title: '技术合同认定登记与税收优惠政策解读', topic: 'contract_registration', startsIn: -30, days: 1, hours: 6, requiredHours: 6, place: '湛河区政务服务中心培训室', capacity: 60, attendance: [6, 6, 3, 6] },
  { title: '科技金融与知识产权质押融资实务', topic: 'sci_tech_finance', startsIn: 20, days: 2, hours: 12, requiredHours: 10, place: '鹰城银行湛河科技支行会议室', capacity: 30, attendance: [] },
];

/** Seeds the demo practitioners, courses and contract researchers; returns how many courses were created (0 when already there). */
export async function seedDemoTalent(ctx: Ctx): Promise<number> {
  const already = await ctx.db.selectFrom('training_course').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  if (already) return 0;
  const today = chinaDate(ctx.clock.now());
  const operator: Actor = { id: null, name: '科技局运营人员（演示）', roles: ['operator'], jurisdictionCode: ctx.actor.jurisdictionCode, organizationIds: [] };

  // Practitioner periods for the demo brokers and transfer staff, from their certificate's year.
  const roles = await ctx.db
    .selectFrom('person_role as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'r.role', 'r.level', 'r.employment', 'r.certificate_number', 'p.name'])
    .where('p.is_demo', '=', 1)
    .where('r.role', 'in', ['broker', 'transfer_staff'])
    .orderBy('p.name')
    .orderBy('r.role')
    .execute();
  if (!roles.length) return 0;
  const practitioners: string[] = [];
  for (const r of roles) {
    const org = await ctx.db.selectFrom('affiliation').select('organization_id').where('person_id', '=', r.person_id).orderBy('id').executeTakeFirst();
    const year = /〔(\d{4})〕/.exec(r.certificate_number ?? '')?.[1] ?? '2022';
    await savePractitioner(on(ctx, today, operator), {
      personId: r.person_id, role: r.role as 'broker' | 'transfer_staff', employment: (r.employment ?? 'full_time') as 'full_time' | 'part_time',
      ...(r.level ? { level: r.level as 'junior' | 'intermediate' | 'senior' } : {}),
      ...(r.certificate_number ? { certificateNumber: r.certificate_number } : {}),
      ...(org ? { organizationId: org.organization_id } : {}),
      validFrom: `${year}-01-01`,
    }, { isDemo: true });
    if (!practitioners.includes(r.person_id)) practitioners.push(r.person_id);
  }

  // The courses: enrolled a month before, attendance during, certificates the day after.
  let n = 0;
  for (const [i, c] of demoCourses.entries()) {
    const startsOn = addDays(today, c.startsIn);
    const endsOn = addDays(startsOn, c.days - 1);
    const course = await createCourse(on(ctx, addDays(startsOn, -30), operator), {
      title: c.title, topic: c.topic, organizerName: '湛河区科学技术局', startsOn, endsOn, hours: c.hours, requiredHours: c.requiredHours, place: c.place, capacity: c.capacity,
    }, { isDemo: true });
    n += 1;
    const people = practitioners.slice(i * 3, i * 3 + Math.max(c.attendance.length, 4));
    let detail = course as Awaited<ReturnType<typeof enrolPerson>> | typeof course;
    for (const personId of people) detail = await enrolPerson(on(ctx, addDays(startsOn, -20), operator), course.id, { personId }, { isDemo: true });
    if (c.startsIn >= 0 || !('enrolments' in detail)) continue;
    for (const [k, e] of detail.enrolments.entries()) {
      const hours = c.attendance[k];
      if (!hours) continue;
      await markAttendance(on(ctx, endsOn, operator), course.id, e.id, { version: e.version, totalHours: hours });
    }
    await issueCertificates(on(ctx, addDays(endsOn, 1), operator), course.id, {});
  }

  // Researchers on the first registered demo contracts whose seller employs researchers.
  const contracts = await ctx.db
    .selectFrom('contract as c')
    .innerJoin('contract_party as s', (j) => j.onRef('s.contract_id', '=', 'c.id').on('s.side', '=', 'seller').on('s.position', '=', 0))
    .select(['c.id', 's.organization_id'])
    .where('c.is_demo', '=', 1)
    .where('c.status', 'in', ['registered', 'amended'])
    .orderBy('c.registration_number')
    .execute();
  let linked = 0;
  for (const c of contracts) {
    if (linked >= 4 || !c.organization_id) continue;
    const researchers = await ctx.db
      .selectFrom('affiliation as a')
      .innerJoin('person_role as r', 'r.person_id', 'a.person_id')
      .select('a.person_id')
      .distinct()
      .where('a.organization_id', '=', c.organization_id)
      .where('r.role', '=', 'researcher')
      .orderBy('a.person_id')
      .execute();
    if (!researchers.length) continue;
    await setContractResearchers(on(ctx, today, operator), c.id, {
      researchers: researchers.slice(0, 3).map((r, k) => ({ personId: r.person_id, role: k === 0 ? 'project_leader' as const : 'principal' as const })),
    }, { isDemo: true });
    linked += 1;
  }
  return n;
}
