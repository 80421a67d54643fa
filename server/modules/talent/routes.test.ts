/** The talent API over HTTP: validation names the field, who may do what, downloads with their types. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeOrganization, makePerson } from '../../testing/builders.js';
import { makeRegisteredContract } from '../contracts/test-support.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';
import { addDays, chinaDate } from '../../../common/dates.js';

// The app runs on the real clock: a course that ends today.
const today = chinaDate(new Date());

for (const dialect of await testDialects()) {
  describe(`talent API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let institution: Session;
    let enterprise: Session;
    let evaluator: Session;
    let center: string;
    let person: string;
    let outsider: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      center = (await makeOrganization(t.ctx, { kind: 'tech_transfer_institution' })).id;
      person = (await makePerson(t.ctx, { name: '赵经纪', affiliations: [{ organizationId: center }] })).id;
      outsider = (await makePerson(t.ctx, { name: '钱外人', affiliations: [{ organizationId: (await makeOrganization(t.ctx)).id }] })).id;
      operator = await t.loginAs(['operator']);
      institution = await t.loginAs(['institution'], [center]);
      enterprise = await t.loginAs(['enterprise'], [(await makeOrganization(t.ctx)).id]);
      evaluator = await t.loginAs(['evaluator']);
    }, 60_000);
    afterAll(async () => t.close());

    it('answers bad input with 400 naming the field', async () => {
      const cases: [string, string, Record<string, unknown>, string][] = [
        ['POST', '/api/talent/practitioners', { personId: person, role: 'researcher', employment: 'full_time', validFrom: '2026-01-01' }, 'role'],
        ['POST', '/api/talent/practitioners', { personId: person, role: 'broker', employment: 'full_time', validFrom: '2026-02-30' }, 'validFrom'],
        ['POST', '/api/talent/courses', { title: '技术合同登记培训', topic: 'cooking', organizerName: '湛河区科技局', startsOn: '2026-07-01', endsOn: '2026-07-01', hours: 4, place: '湛河区', capacity: 20 }, 'topic'],
        ['POST', '/api/talent/courses', { title: '技术合同登记培训', topic: 'contract_registration', organizerName: '湛河区科技局', startsOn: '2026-07-01', endsOn: '2026-07-01', hours: 4.25, place: '湛河区', capacity: 20 }, 'hours'],
      ];
      for (const [method, url, payload, field] of cases) {
        const res = await t.call(operator, method, url, payload);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.field).toBe(field);
      }
    });

    it('runs practitioners, a course and a certificate over HTTP', async () => {
      const p = await t.call(operator, 'POST', '/api/talent/practitioners', { personId: person, role: 'broker', organizationId: center, level: 'junior', employment: 'part_time', validFrom: '2025-01-01' });
      expect(p.statusCode, p.body).toBe(201);
      const list = await t.call(operator, 'GET', '/api/talent/practitioners?asOf=2026-01-01');
      expect(list.json()).toMatchObject({ asOf: '2026-01-01', total: 1, items: [{ personName: '赵经纪', levelLabel: '初级' }], t2: { total: 1 } });
      expect((await t.call(operator, 'GET', '/api/talent/practitioners?asOf=2024-12-31')).json()).toMatchObject({ total: 0, t2: { total: 0 } });
      expect((await t.call(institution, 'GET', '/api/talent/practitioners?asOf=2026-01-01')).json()).toMatchObject({ total: 1, t2: null });
      expect((await t.call(enterprise, 'GET', '/api/talent/practitioners')).statusCode).toBe(403);
      const stale = await t.call(operator, 'PATCH', `/api/talent/practitioners/${p.json().id}`, { version: 5, validTo: '2026-12-31' });
      expect(stale.statusCode).toBe(409);

      const course = await t.call(operator, 'POST', '/api/talent/courses', { title: '技术合同认定登记实务', topic: 'contract_registration', organizerName: '湛河区科学技术局', startsOn: addDays(today, -2), endsOn: today, hours: 6, place: '湛河区政务中心', capacity: 20 });
      expect(course.statusCode, course.body).toBe(201);
      const id = course.json().id as string;
      expect((await t.call(institution, 'POST', '/api/talent/courses', { title: '机构自办培训', topic: 'practice', organizerName: '转移中心', startsOn: today, endsOn: today, hours: 2, place: '湛河区', capacity: 5 })).statusCode).toBe(403);
      expect((await t.call(institution, 'POST', `/api/talent/courses/${id}/enrolments`, { personId: outsider })).statusCode).toBe(403);
      const enrolled = await t.call(institution, 'POST', `/api/talent/courses/${id}/enrolments`, { personId: person });
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      const enrolment = enrolled.json().enrolments[0];
      expect((await t.call(institution, 'POST', `/api/talent/courses/${id}/enrolments/${enrolment.id}/attendance`, { version: 1, totalHours: 6 })).statusCode).toBe(403);
      const marked = await t.call(operator, 'POST', `/api/talent/courses/${id}/enrolments/${enrolment.id}/attendance`, { version: 1, totalHours: 6 });
      expect(marked.json()).toMatchObject({ enrolments: [{ hours: 6, completed: true }] });
      const issued = await t.call(operator, 'POST', `/api/talent/courses/${id}/certificates`, {});
      expect(issued.json()).toMatchObject({ issued: 1, course: { certified: 1, enrolments: [{ certificateNumber: `PX${today.slice(0, 4)}4104110001` }] } });
      const pdf = await t.call(institution, 'GET', `/api/talent/enrolments/${enrolment.id}/certificate`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await t.call(enterprise, 'GET', `/api/talent/enrolments/${enrolment.id}/certificate`)).statusCode).toBe(403);
      expect((await t.call(enterprise, 'GET', `/api/talent/courses/${id}`)).json()).toMatchObject({ enrolled: 1, enrolments: [] });
      expect((await t.call(evaluator, 'GET', '/api/talent/courses')).json()).toMatchObject({ total: 1 });
    });

    it('sets researchers on a contract and downloads the contributions workbook', async () => {
      const contract = await makeRegisteredContract(t.ctx, { amountFen: 50_000_000 });
      const put = await t.call(operator, 'PUT', `/api/talent/contracts/${contract.id}/researchers`, { researchers: [{ personId: person, role: 'project_leader' }] });
      expect(put.json()).toMatchObject({ researchers: [{ personName: '赵经纪', roleLabel: '项目负责人' }] });
      expect((await t.call(enterprise, 'PUT', `/api/talent/contracts/${contract.id}/researchers`, { researchers: [] })).statusCode).toBe(403);
      const read = await t.call(evaluator, 'GET', `/api/talent/contracts/${contract.id}/researchers`);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toEqual({ contractId: contract.id, researchers: [{ personId: person, personName: '赵经纪', role: 'project_leader', roleLabel: '项目负责人' }] });
      expect((await t.call(enterprise, 'GET', `/api/talent/contracts/${contract.id}/researchers`)).statusCode).toBe(403);
      expect((await t.call(operator, 'GET', '/api/talent/contracts/no-such-contract/researchers')).statusCode).toBe(404);
      const bad = await t.call(operator, 'PUT', `/api/talent/contracts/${contract.id}/researchers`, { researchers: [{ personId: person, role: 'boss' }] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('researchers.0.role');
      const c = await t.call(institution, 'GET', `/api/talent/people/${person}/contributions`);
      expect(c.json()).toMatchObject({ total: { contracts: 1, techAmountFen: 50_000_000 }, byType: [{ type: 'transfer', contracts: 1 }] });
      const xlsx = await t.call(evaluator, 'GET', `/api/talent/people/${person}/contributions.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const rows = rowsOf((await loadWorkbook(xlsx.rawPayload)).getWorksheet('转化贡献')!);
      expect(rows[4]!.slice(5)).toEqual(['项目负责人', '', 500000]);
      expect((await t.call(enterprise, 'GET', `/api/talent/people/${person}/contributions`)).statusCode).toBe(403);
    });
  });
}
