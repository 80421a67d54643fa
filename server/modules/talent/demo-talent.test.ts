/** The demo talent seed through the use cases: dated practitioner periods, courses with certificates, researchers on demo contracts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCourses } from '../../demo/seed-demo-talent.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { computeReport } from '../indicators/compute-indicators.js';

const NOW = '2026-06-01T08:00:00.000Z';

for (const dialect of await testDialects()) {
  describe(`demo talent on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      await seedDemo(testCtx(handle, {}, NOW));
    }, 300_000);
    afterAll(async () => handle.drop());

    it('seeds practitioners, courses with attendance and certificates, and contract researchers', async () => {
      const db = handle.db;
      const periods = await db.selectFrom('practitioner').selectAll().execute();
      const roles = await db.selectFrom('person_role').select('id').where('role', 'in', ['broker', 'transfer_staff']).execute();
      expect(periods).toHaveLength(roles.length);
      expect(periods.every((p) => p.is_demo === 1 && p.valid_to === null)).toBe(true);
      const courses = await db.selectFrom('training_course').selectAll().orderBy('starts_on').execute();
      expect(courses.map((c) => c.title)).toEqual(demoCourses.map((c) => c.title));
      expect(courses.map((c) => [c.starts_on, c.ends_on])).toEqual([['2026-03-18', '2026-03-20'], ['2026-05-02', '2026-05-02'], ['2026-06-21', '2026-06-22']]);
      const enrolments = await db.selectFrom('training_enrolment').selectAll().orderBy('certificate_number').execute();
      const of = (i: number) => enrolments.filter((e) => e.course_id === courses[i]!.id);
      expect(of(0).map((e) => e.hours_x10 / 10).sort((a, b) => a - b)).toEqual([8, 12, 20, 22, 24, 24]);
      expect(of(0).filter((e) => e.certificate_number)).toHaveLength(4);
      expect(of(1).filter((e) => e.certificate_number)).toHaveLength(3);
      expect(of(2).every((e) => e.hours_x10 === 0 && !e.certificate_number)).toBe(true);
      expect(enrolments.map((e) => e.certificate_number).filter(Boolean)).toEqual(['PX20264104110001', 'PX20264104110002', 'PX20264104110003', 'PX20264104110004', 'PX20264104110005', 'PX20264104110006', 'PX20264104110007']);
      const links = await db.selectFrom('contract_researcher').selectAll().execute();
      expect(new Set(links.map((l) => l.contract_id)).size).toBeGreaterThanOrEqual(1);
      expect(links.every((l) => l.is_demo === 1)).toBe(true);
      const report = await computeReport(db, '410411', '2026-06-01');
      expect(report.indicators.find((i) => i.id === 'trainings')).toMatchObject({ value: 2, note: '参训 7 人，结业 6 人' }); // distinct people: three attended both held courses
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('is idempotent', async () => {
      await seedDemo(testCtx(handle, {}, NOW));
      expect(await handle.db.selectFrom('training_course').select('id').execute()).toHaveLength(demoCourses.length);
    });
  });
}
