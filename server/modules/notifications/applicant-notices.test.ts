/**
 * Notifications along an applicant's way, on both databases: a published notice reaches the
 * district's applicant units with an account; a registered contract its parties; a returned
 * application its unit; a settlement over the whole registry tells an awarded unit that has not
 * applied (and not the one that has). Every message is in words (no internals).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { findInternals } from '../../testing/internals.js';
import { makeOrganization } from '../../testing/builders.js';
import { createUser } from '../auth/users.js';
import { createApplication, reviewApplication, submitApplication } from '../applications/applications.js';
import { applicationInput } from '../applications/schema.js';
import { makeNotice, PAYEE, registeredContract } from '../applications/test-support.js';
import { runSettlement } from '../subsidies/settlement.js';

for (const dialect of await testDialects()) {
  describe(`applicant notifications on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    const ids: Record<string, string> = {};
    const at = (day: string) => `${day}T02:00:00.000Z`;
    let sys: Ctx;
    const kindsOf = async (orgId: string) =>
      (await handle.db.selectFrom('notification').select(['kind', 'title', 'body']).where('recipient_organization_id', '=', orgId).orderBy('created_at').execute());

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      sys = testCtx(handle, {}, at('2023-02-01'));
      const a = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区通知测试甲公司' });
      const b = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区通知测试乙公司' });
      const seller = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '320102', name: '南京通知测试科技有限公司' });
      Object.assign(ids, { a: a.id, b: b.id, seller: seller.id });
      for (const [username, org] of [['n_a', a.id], ['n_b', b.id]] as const) {
        await createUser(sys, { username, displayName: username, password: 'Test@2026pass', roles: ['enterprise'], jurisdictionCode: '410411', organizationIds: [org] });
      }
      await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: a.id }] }, 100_000_00, 2022);
      await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: b.id }] }, 200_000_00, 2022);
    });
    afterAll(async () => handle?.drop());

    it('tells the parties when their contract is registered', async () => {
      const kinds = (await kindsOf(ids.a!)).map((n) => n.kind);
      expect(kinds).toContain('contracts.registered');
      // The seller has no account, but it is told too: its accounts will read it.
      expect((await kindsOf(ids.seller!)).map((n) => n.kind)).toContain('contracts.registered');
    });

    it('tells the district\'s applicant units with an account when a notice is published', async () => {
      const notice = await makeNotice(testCtx(handle, { roles: ['operator'] }, at('2023-03-01')));
      ids.notice = notice.id;
      for (const org of [ids.a!, ids.b!]) expect((await kindsOf(org)).map((n) => n.kind)).toContain('applications.notice.published');
      expect((await kindsOf(ids.seller!)).map((n) => n.kind)).not.toContain('applications.notice.published');
    });

    it('tells the unit when its application is returned', async () => {
      const ent = testCtx(handle, { id: 'n-a', name: '甲经办', roles: ['enterprise'], organizationIds: [ids.a!] }, at('2023-03-05'));
      const draft = await createApplication(ent, applicationInput.parse({ noticeId: ids.notice, organizationId: ids.a, ...PAYEE }));
      const submitted = await submitApplication(ent, draft.id, { version: draft.version, commitment: { accepted: true, signer: '王总' } });
      await reviewApplication(testCtx(handle, { id: 'op-1', name: '初审员', roles: ['operator'] }, at('2023-03-06')), draft.id, 'first', { version: submitted.version, decision: 'return', reason: '请补充发票复印件' });
      const returned = (await kindsOf(ids.a!)).find((n) => n.kind === 'applications.returned');
      expect(returned?.body).toContain('请补充发票复印件');
    });

    it('tells an awarded unit that has not applied, after a settlement over the whole registry', async () => {
      await runSettlement(testCtx(handle, { id: 'op-1', name: '运营', roles: ['operator'] }, at('2023-03-10')), { policy: 'zhanhe-2022', year: 2023 });
      const b = (await kindsOf(ids.b!)).find((n) => n.kind === 'subsidies.unclaimed_award');
      // 10 % of 200,000 yuan.
      expect(b?.title).toBe('贵单位 2023 年度可能可获奖补 2 万元');
      expect((await kindsOf(ids.a!)).map((n) => n.kind)).not.toContain('subsidies.unclaimed_award');
    });

    it('writes every message in words', async () => {
      const all = await handle.db.selectFrom('notification').select(['title', 'body']).execute();
      expect(all.length).toBeGreaterThan(5);
      for (const n of all) expect(findInternals(`${n.title}\n${n.body}`), `${n.title} ${n.body}`).toEqual([]);
    });
  });
}
