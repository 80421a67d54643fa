/**
 * Talent on both databases: dated practitioner periods and the T2 count as of dates; a course's
 * enrolment, attendance hours and certificates with exact numbers, the certificate PDF read back;
 * researchers on contracts and a person's contributions by type and amount, the XLSX read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Ctx } from '../../context.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeOrganization, makePerson } from '../../testing/builders.js';
import { makeRegisteredContract, makeContract } from '../contracts/test-support.js';
import { flatText, parsePdf } from '../documents/pdf-test-support.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';
import { certificateFile } from './certificate-file.js';
import { createCourse } from './create-course.js';
import { enrolPerson } from './enrol-person.js';
import { contributionsXlsx } from './export-contributions.js';
import { getCourse } from './get-course.js';
import { issueCertificates } from './issue-certificates.js';
import { listCourses } from './list-courses.js';
import { listPractitioners } from './list-practitioners.js';
import { markAttendance } from './mark-attendance.js';
import { readContributions } from './read-contributions.js';
import { savePractitioner } from './save-practitioner.js';
import { setContractResearchers } from './set-contract-researchers.js';
import { updatePractitioner } from './update-practitioner.js';

const page = { page: 1, pageSize: 20 };

for (const dialect of await testDialects()) {
  describe(`talent on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    let operator: Ctx;
    let center: string;
    let other: string;
    let zhang: string;
    let li: string;
    let wang: string;
    const as = (actor: Partial<Actor>, now?: string) => testCtx(handle, { id: null, name: '用户', ...actor }, now);
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      operator = as({ name: '运营人员', roles: ['operator'] });
      center = (await makeOrganization(ctx, { kind: 'tech_transfer_institution', name: '湛河技术转移中心' })).id;
      other = (await makeOrganization(ctx, { kind: 'tech_transfer_institution', name: '另一技术转移中心' })).id;
      zhang = (await makePerson(ctx, { name: '张经纪', affiliations: [{ organizationId: center }] })).id;
      li = (await makePerson(ctx, { name: '李转移', affiliations: [{ organizationId: center }] })).id;
      wang = (await makePerson(ctx, { name: '王研究', roles: [{ role: 'researcher' }], affiliations: [{ organizationId: other }] })).id;
    }, 60_000);
    afterAll(async () => handle.drop());

    it('keeps dated practitioner periods and counts T2 as of a date', async () => {
      const p = await savePractitioner(operator, { personId: zhang, role: 'broker', organizationId: center, level: 'intermediate', employment: 'full_time', certificateNumber: '豫技经证字〔2023〕第0007号', validFrom: '2023-03-01' });
      expect(p).toMatchObject({ personName: '张经纪', roleLabel: '技术经纪（经理）人', levelLabel: '中级', employmentLabel: '专职', validTo: null, version: 1 });
      await savePractitioner(operator, { personId: li, role: 'transfer_staff', organizationId: center, employment: 'part_time', validFrom: '2022-01-01', validTo: '2023-12-31' });
      // The registry now holds the roles too.
      const roles = await ctx.db.selectFrom('person_role').select(['person_id', 'role']).where('person_id', 'in', [zhang, li]).orderBy('role').execute();
      expect(roles.map((r) => r.role)).toEqual(['broker', 'transfer_staff']);

      await expect(savePractitioner(operator, { personId: zhang, role: 'broker', employment: 'part_time', validFrom: '2024-01-01' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'validFrom' } });
      await expect(savePractitioner(operator, { personId: wang, role: 'broker', employment: 'part_time', validFrom: '2024-01-01', validTo: '2023-01-01' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'validTo' } });
      await expect(savePractitioner(as({ roles: ['institution'], organizationIds: [center] }), { personId: zhang, role: 'broker', employment: 'part_time', validFrom: '2020-01-01' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

      const on = async (asOf: string) => listPractitioners(operator, { ...page, asOf });
      expect((await on('2022-06-30')).items.map((i) => i.personName)).toEqual(['李转移']);
      expect((await on('2023-06-30')).t2).toEqual({ total: 2, byRole: expect.arrayContaining([{ key: 'broker', n: 1 }, { key: 'transfer_staff', n: 1 }]), byEmployment: expect.arrayContaining([{ key: 'full_time', n: 1 }, { key: 'part_time', n: 1 }]) });
      expect((await on('2024-01-01')).t2!.total).toBe(1);
      expect((await listPractitioners(operator, { ...page, asOf: '2023-06-30', employment: 'part_time' })).items.map((i) => i.personName)).toEqual(['李转移']);
      expect((await listPractitioners(operator, { ...page, asOf: '2023-06-30', level: 'intermediate' })).total).toBe(1);
      // An institution sees its own practitioners, without the jurisdiction's T2.
      const mine = await listPractitioners(as({ roles: ['institution'], organizationIds: [other] }), { ...page, asOf: '2023-06-30' });
      expect(mine).toMatchObject({ total: 0, t2: null });

      // Ending the role: stale version 409; then T2 drops from the day after.
      await expect(updatePractitioner(operator, p.id, { version: 2, validTo: '2024-06-30' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      const ended = await updatePractitioner(operator, p.id, { version: 1, validTo: '2024-06-30' });
      expect(ended).toMatchObject({ validTo: '2024-06-30', version: 2 });
      expect([(await on('2024-06-30')).t2!.total, (await on('2024-07-01')).t2!.total]).toEqual([1, 0]);
      const audits = await ctx.db.selectFrom('audit_event').select('action').where('subject_id', '=', p.id).execute();
      expect(audits.map((a) => a.action)).toEqual(['talent.practitioner.write', 'talent.practitioner.write']);
    });

    it('runs a course: enrolment, attendance hours, certificates with numbers, the PDF', async () => {
      const before = as({ name: '运营人员', roles: ['operator'] }, '2026-03-01T02:00:00.000Z');
      const during = as({ name: '运营人员', roles: ['operator'] }, '2026-03-10T02:00:00.000Z');
      const after = as({ name: '运营人员', roles: ['operator'] }, '2026-03-20T02:00:00.000Z');
      const institution = as({ name: '中心账号', roles: ['institution'], organizationIds: [center] }, '2026-03-01T02:00:00.000Z');
      await expect(createCourse(before, { title: '技术经纪人初级培训', topic: 'brokerage', organizerName: '湛河区科学技术局', startsOn: '2026-03-10', endsOn: '2026-03-09', hours: 8, place: '湛河区', capacity: 2 }))
        .rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'endsOn' } });
      await expect(createCourse(before, { title: '技术经纪人初级培训', topic: 'brokerage', organizerName: '湛河区科学技术局', startsOn: '2026-03-10', endsOn: '2026-03-12', hours: 8, requiredHours: 9, place: '湛河区', capacity: 2 }))
        .rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'requiredHours' } });
      await expect(createCourse(institution, { title: '技术经纪人初级培训', topic: 'brokerage', organizerName: '湛河区科学技术局', startsOn: '2026-03-10', endsOn: '2026-03-12', hours: 8, place: '湛河区', capacity: 2 }))
        .rejects.toMatchObject({ code: 'FORBIDDEN' });
      const course = await createCourse(before, { title: '技术经纪人初级培训', topic: 'brokerage', organizerName: '湛河区科学技术局', startsOn: '2026-03-10', endsOn: '2026-03-12', hours: 16, requiredHours: 12, place: '湛河区科技大厦三楼', capacity: 2 });
      expect(course).toMatchObject({ topicLabel: '技术经纪', hours: 16, requiredHours: 12, enrolled: 0 });

      // The institution enrols its own people, not another's.
      await expect(enrolPerson(institution, course.id, { personId: wang })).rejects.toMatchObject({ code: 'FORBIDDEN', options: { field: 'personId' } });
      const first = await enrolPerson(institution, course.id, { personId: zhang });
      expect(first.enrolments).toMatchObject([{ personName: '张经纪', organizationName: '湛河技术转移中心', enrolledByName: '中心账号', hours: 0, completed: false }]);
      await expect(enrolPerson(institution, course.id, { personId: zhang })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'personId' } });
      await enrolPerson(before, course.id, { personId: li });
      await expect(enrolPerson(before, course.id, { personId: wang })).rejects.toMatchObject({ code: 'CONFLICT', message: '培训课程名额已满（2人）' });
      // The institution sees only its own people; the operator all.
      expect((await getCourse(as({ roles: ['broker'], organizationIds: [other] }), course.id)).enrolments).toEqual([]);

      const detail = await getCourse(operator, course.id);
      const [eZhang, eLi] = [detail.enrolments.find((e) => e.personId === zhang)!, detail.enrolments.find((e) => e.personId === li)!];
      await expect(markAttendance(before, course.id, eZhang.id, { version: 1, sessionHours: 4 })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(markAttendance(during, course.id, eZhang.id, { version: 1 })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'sessionHours' } });
      await markAttendance(during, course.id, eZhang.id, { version: 1, sessionHours: 8 });
      await markAttendance(during, course.id, eZhang.id, { version: 2, sessionHours: 4.5 });
      await expect(markAttendance(during, course.id, eZhang.id, { version: 3, sessionHours: 4 })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'sessionHours' }, message: '出勤学时合计 16.5 超过课程学时 16' });
      await expect(markAttendance(during, course.id, eZhang.id, { version: 2, sessionHours: 1 })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      const marked = await markAttendance(during, course.id, eLi.id, { version: 1, totalHours: 11.5 });
      expect(marked.enrolments.map((e) => [e.personName, e.hours, e.completed])).toEqual([['张经纪', 12.5, true], ['李转移', 11.5, false]]);

      await expect(issueCertificates(during, course.id, {})).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'issuedOn' } });
      const issued = await issueCertificates(after, course.id, {});
      expect(issued.issued).toBe(1);
      expect(issued.course).toMatchObject({ enrolled: 2, attended: 2, certified: 1 });
      const cert = issued.course.enrolments.find((e) => e.personId === zhang)!;
      expect(cert).toMatchObject({ certificateNumber: 'PX20264104110001', certificateIssuedOn: '2026-03-20' });
      await expect(markAttendance(after, course.id, cert.id, { version: cert.version, sessionHours: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
      // Issuing again gives nothing new; a second course continues the year's numbering.
      expect((await issueCertificates(after, course.id, {})).issued).toBe(0);
      const second = await createCourse(before, { title: '科技金融专题培训', topic: 'sci_tech_finance', organizerName: '湛河区科学技术局', startsOn: '2026-03-10', endsOn: '2026-03-10', hours: 4, place: '湛河区', capacity: 10 });
      const e2 = (await enrolPerson(before, second.id, { personId: li })).enrolments[0]!;
      await markAttendance(during, second.id, e2.id, { version: 1, totalHours: 4 });
      expect((await issueCertificates(after, second.id, { issuedOn: '2026-03-15' })).course.enrolments[0]).toMatchObject({ certificateNumber: 'PX20264104110002', certificateIssuedOn: '2026-03-15' });
      expect((await listCourses(operator, { ...page, year: 2026 })).items.map((c) => [c.title, c.enrolled, c.certified])).toEqual([['科技金融专题培训', 1, 1], ['技术经纪人初级培训', 2, 1]]);
      expect((await listCourses(operator, { ...page, topic: 'brokerage' })).total).toBe(1);

      const pdf = await certificateFile(institution, cert.id);
      expect(pdf.name).toBe('结业证书-张经纪-PX20264104110001.pdf');
      const text = flatText(parsePdf(pdf.content));
      expect(text).toContain('结业证书');
      expect(text).toContain('证书编号：PX20264104110001');
      expect(text).toContain('张经纪（湛河技术转移中心）于2026年3月10日至2026年3月12日参加“技术经纪人初级培训”（技术经纪）培训，出勤12.5学时');
      await expect(certificateFile(as({ roles: ['institution'], organizationIds: [other] }), cert.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(certificateFile(operator, eLi.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('lists a researcher’s contributions by type and amount, and exports them as XLSX', async () => {
      const seller = (await makeOrganization(ctx, { kind: 'university', name: '平顶山学院' })).id;
      const buyer = (await makeOrganization(ctx, { name: '湛河甲电气有限公司' })).id;
      const owner = as({ roles: ['institution'], organizationIds: [seller] });
      const k1 = await makeRegisteredContract(ctx, { name: '永磁操动机构专利转让', type: 'transfer', subtype: 'patent', amountFen: 80_000_000, sellers: [{ organizationId: seller }], buyers: [{ organizationId: buyer }] });
      const k2 = await makeRegisteredContract(ctx, { name: '智能断路器联合开发', type: 'development', subtype: 'commissioned', amountFen: 25_000_050, sellers: [{ organizationId: seller }], buyers: [{ organizationId: buyer }], brokers: [{ personId: wang, share: 0.5 }] });
      const k3 = await makeRegisteredContract(ctx, { name: '断路器检测技术服务', type: 'service', subtype: 'service', amountFen: 1_234_567, sellers: [{ organizationId: seller }], buyers: [{ organizationId: buyer }] });
      const draft = await makeContract(ctx, { sellers: [{ organizationId: seller }], buyers: [{ organizationId: buyer }] });

      await setContractResearchers(owner, k1.id, { researchers: [{ personId: wang, role: 'project_leader' }, { personId: zhang, role: 'principal' }] });
      await setContractResearchers(operator, k2.id, { researchers: [{ personId: wang, role: 'principal' }] });
      await setContractResearchers(owner, k3.id, { researchers: [{ personId: wang, role: 'participant' }] });
      await setContractResearchers(owner, draft.id, { researchers: [{ personId: wang, role: 'project_leader' }] });
      await expect(setContractResearchers(as({ roles: ['institution'], organizationIds: [center] }), k1.id, { researchers: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(setContractResearchers(owner, k1.id, { researchers: [{ personId: wang, role: 'project_leader' }, { personId: zhang, role: 'project_leader' }] })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'researchers' } });
      await expect(setContractResearchers(owner, k1.id, { researchers: [{ personId: wang, role: 'principal' }, { personId: wang, role: 'participant' }] })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'researchers.1.personId' } });

      const c = await readContributions(operator, wang, {});
      // k2: broker and researcher — two rows, one contract.
      expect(c.items.map((i) => [i.name, i.typeLabel, i.roleLabel, i.techAmountFen, i.brokerShare])).toEqual(
        expect.arrayContaining([
          ['永磁操动机构专利转让', '技术转让', '项目负责人', 80_000_000, null],
          ['智能断路器联合开发', '技术开发', '主要完成人', 25_000_050, null],
          ['智能断路器联合开发', '技术开发', '技术经纪人', 25_000_050, 0.5],
          ['断路器检测技术服务', '技术服务', '参与人员', 1_234_567, null],
        ]),
      );
      expect(c.items).toHaveLength(4);
      expect(c.byType).toEqual([
        { type: 'development', typeLabel: '技术开发', contracts: 1, techAmountFen: 25_000_050 },
        { type: 'transfer', typeLabel: '技术转让', contracts: 1, techAmountFen: 80_000_000 },
        { type: 'service', typeLabel: '技术服务', contracts: 1, techAmountFen: 1_234_567 },
      ]);
      expect(c.total).toEqual({ contracts: 3, techAmountFen: 106_234_617 });
      expect((await readContributions(operator, zhang, {})).total).toEqual({ contracts: 1, techAmountFen: 80_000_000 });
      expect((await readContributions(operator, wang, { to: '2026-05-31' })).total).toEqual({ contracts: 0, techAmountFen: 0 });
      await expect(readContributions(as({ roles: ['institution'], organizationIds: [center] }), wang, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await readContributions(as({ roles: ['institution'], organizationIds: [other] }), wang, {})).total.contracts).toBe(3);

      const file = await contributionsXlsx(operator, wang, {});
      expect(file.name).toBe('转化贡献-王研究.xlsx');
      const book = await loadWorkbook(file.content);
      const rows = rowsOf(book.getWorksheet('转化贡献')!);
      expect(rows[0]).toEqual(['王研究 技术转移转化贡献（已登记技术合同）']);
      expect(rows[3]).toEqual(['序号', '合同登记编号', '合同名称', '合同类型', '登记日期', '本人角色', '经纪份额', '技术交易额（元）']);
      expect(rows.slice(4, 8).map((r) => [r[0], r[2], r[5], r[6], r[7]])).toEqual(expect.arrayContaining([
        [1, expect.any(String), expect.any(String), expect.any(String), expect.any(Number)],
      ]));
      expect(rows.slice(4, 8).map((r) => [r[2], r[5], r[6], r[7]]).sort()).toEqual([
        ['智能断路器联合开发', '主要完成人', '', 250000.5],
        ['智能断路器联合开发', '技术经纪人', '50%', 250000.5],
        ['断路器检测技术服务', '参与人员', '', 12345.67],
        ['永磁操动机构专利转让', '项目负责人', '', 800000],
      ].sort());
      expect(rows[8]).toEqual(['', '合计', '3 项合同', '', '', '', '', 1062346.17]);
      const summary = rowsOf(book.getWorksheet('按类型汇总')!);
      expect(summary.slice(2)).toEqual([
        ['合同类型', '合同项数', '技术交易额（元）'],
        ['技术开发', 1, 250000.5],
        ['技术转让', 1, 800000],
        ['技术服务', 1, 12345.67],
        ['合计', 3, 1062346.17],
      ]);
    });
  });
}
