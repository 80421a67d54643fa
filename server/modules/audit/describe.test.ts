import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS } from '../../../common/audit-vocabulary.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization } from '../../testing/builders.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { findInternals } from '../../testing/internals.js';
import { ACTIONS } from '../access/permissions.js';
import { updateOrganization } from '../registry/organizations.js';
import { describeEvents } from './describe.js';

describe('audit actions', () => {
  it('has a label for every action of the permission table (which names the audit actions)', () => {
    expect(ACTIONS.filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([]);
  });
});

for (const dialect of await testDialects()) {
  describe(`the audit log in words on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      await seedDemo(testCtx(handle, {}, '2026-06-01T08:00:00.000Z'));
    }, 300_000); // the demo district tells its years since 2022: a slow machine needs minutes on PostgreSQL
    afterAll(async () => handle.drop());

    it('words every event of the demo district without an id, a code or an unlabelled field', async () => {
      const count = await handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBeGreaterThan(500);
      const problems = await unwordedAuditEvents(handle.db);
      expect(problems.slice(0, 60), problems.join('\n')).toEqual([]);
    });

    it('says who changed what from what to what, with names, labels and yuan', async () => {
      const ctx = testCtx(handle);
      const org = await makeOrganization(ctx, { name: '湛河审计测试电气有限公司', kind: 'enterprise' });
      await updateOrganization(ctx, org.id, { version: 1, address: '湛河区姚孟大道1号', kind: 'new_rd_institution' });
      const rows = await handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', org.id).orderBy('seq', 'desc').execute();
      const [update, create] = await describeEvents(handle.db, rows);
      expect(update!.summary).toContain('修改了机构「湛河审计测试电气有限公司」');
      expect(update!.summary).toContain('地址由「（空）」改为「湛河区姚孟大道1号」');
      expect(update!.summary).toContain('类型由「企业」改为「新型研发机构」');
      expect(update!.changes.map((c) => c.label)).toEqual(expect.arrayContaining(['地址', '类型']));
      expect(create!.summary).toMatch(/^.+ 新建了机构「湛河审计测试电气有限公司」/);
      expect(create!.changes.find((c) => c.field === 'divisionCode')?.after).toMatch(/^河南省平顶山市/);
    });

    it('writes fen as yuan and resolves the ids inside a contract', async () => {
      const contract = await handle.db.selectFrom('audit_event').selectAll().where('action', '=', 'contracts.contract.create').orderBy('seq').limit(1).execute();
      const [e] = await describeEvents(handle.db, contract);
      const amount = e!.changes.find((c) => c.field === 'techAmountFen')!;
      expect(amount.label).toBe('技术交易额');
      expect(amount.after).toMatch(/^[\d,]+\.\d{2} 元$/);
      const sellers = e!.changes.find((c) => c.field === 'sellers')!;
      expect(sellers.after).toMatch(/[\u4e00-\u9fa5]{4,}/);
      expect(findInternals(sellers.after)).toEqual([]);
    });
  });
}
