/**
 * The outcome funnel on a small fixed world, on both databases, with exact numbers: listings
 * published → inquiries → deals → signed → registered turnover, per technical field and per broker,
 * and only within the period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { createUser } from '../auth/users.js';
import { transitionContract } from '../contracts/contracts.js';
import { finishedPublicity } from '../pricing/test-support.js';
import { createInquiry } from '../market/inquiries.js';
import { createDeal } from './create-deal.js';
import { readFunnel } from './read-funnel.js';
import { signDeal } from './sign-deal.js';
import { at, makeBrokerActor, makeBrokerPerson, publishedAchievement, publishedDemand } from './test-support.js';
import { transitionDeal } from './transition-deal.js';

for (const dialect of await testDialects()) {
  describe(`the outcome funnel on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let operator: Ctx;
    let personId: string;
    let brokerUserId: string;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      const ctx = testCtx(handle); // 2026-06-01
      operator = testCtx(handle, { id: null, name: '运营人员', roles: ['operator'] });
      const lab = (await makeOrganization(ctx, { kind: 'university' })).id;
      const factory = (await makeOrganization(ctx)).id;
      const plant = (await makeOrganization(ctx)).id;
      personId = (await makeBrokerPerson(ctx, '徐明')).id;
      const brokerActor = await makeBrokerActor(ctx, '李经纪');
      brokerUserId = brokerActor.id;
      const broker = testCtx(handle, brokerActor);

      // Listings: one published in 2025 (outside the period); 3 achievements and 2 demands in 2026.
      await publishedAchievement(at(ctx, '2025-03-01T02:00:00Z'), { ownerOrganizationId: lab, technicalField: 'agriculture' });
      const a1 = await publishedAchievement(at(ctx, '2026-03-01T02:00:00Z'), { ownerOrganizationId: lab, technicalField: 'advanced_manufacturing' });
      const a2 = await publishedAchievement(at(ctx, '2026-03-02T02:00:00Z'), { ownerOrganizationId: lab, technicalField: 'advanced_manufacturing' });
      const a3 = await publishedAchievement(at(ctx, '2026-03-03T02:00:00Z'), { ownerOrganizationId: lab, technicalField: 'new_materials' });
      const d1 = await publishedDemand(at(ctx, '2026-03-04T02:00:00Z'), { organizationId: factory, technicalField: 'new_materials' });
      const d2 = await publishedDemand(at(ctx, '2026-03-05T02:00:00Z'), { organizationId: plant, technicalField: 'new_materials' });

      // Contacts: two on a1, one on d1.
      const { id: userId } = await createUser(ctx, { username: 'visitor', displayName: '访客', password: 'Test@2026pass', roles: ['enterprise'], jurisdictionCode: '410411', organizationIds: [plant] });
      const visitor = at(testCtx(handle, { id: userId, name: '访客', roles: ['enterprise'], organizationIds: [plant] }), '2026-04-01T02:00:00Z');
      await createInquiry(visitor, { listingKind: 'achievement', listingId: a1.id, message: '想了解一下许可条件' });
      await createInquiry(visitor, { listingKind: 'achievement', listingId: a1.id, message: '能否安排现场考察' });
      await createInquiry(visitor, { listingKind: 'demand', listingId: d1.id, message: '我们有相关技术储备' });

      // Deals: signed and registered (徐明), terminated (徐明), signed only (李经纪's account).
      const deal1 = await createDeal(operator, { demandId: d1.id, achievementId: a1.id, brokerPersonId: personId });
      await transitionDeal(operator, deal1.id, { to: 'negotiating', version: 1 });
      const signed1 = await signDeal(operator, deal1.id, { version: 2, amountFen: 500_000_000 });
      const office = await makeOrganization(ctx, { kind: 'government_department' });
      await finishedPublicity(operator, signed1.contract!.id); // the lab is a district university
      await transitionContract(operator, signed1.contract!.id, { to: 'submitted', version: 1 });
      await transitionContract(operator, signed1.contract!.id, { to: 'registered', version: 2, registrationNumber: '2026410411000007', registeredOn: '2026-06-01', registrationOfficeId: office.id });
      const deal2 = await createDeal(operator, { achievementId: a2.id, brokerPersonId: personId });
      await transitionDeal(operator, deal2.id, { to: 'terminated', version: 1, reason: 'technology_unfit' });
      const deal3 = await createDeal(broker, { demandId: d2.id, achievementId: a3.id });
      await transitionDeal(broker, deal3.id, { to: 'negotiating', version: 1 });
      await signDeal(broker, deal3.id, { version: 2, amountFen: 200_000_000 });
    }, 120_000);
    afterAll(async () => handle.drop());

    it('counts each stage of 2026 in total, per field and per broker', async () => {
      const f = await readFunnel(operator, { from: '2026-01-01', to: '2026-12-31' });
      expect(f.totals).toEqual({ listings: 5, contacts: 3, deals: 3, signed: 2, signedAmountFen: 700_000_000, registered: 1, turnoverFen: 500_000_000 });
      expect(f.byField).toEqual([
        { field: 'advanced_manufacturing', listings: 2, contacts: 2, deals: 2, signed: 1, signedAmountFen: 500_000_000, registered: 1, turnoverFen: 500_000_000 },
        { field: 'new_materials', listings: 3, contacts: 1, deals: 1, signed: 1, signedAmountFen: 200_000_000, registered: 0, turnoverFen: 0 },
      ]);
      expect(f.byBroker).toEqual([
        { personId, userId: null, name: '徐明', listings: 0, contacts: 0, deals: 2, signed: 1, signedAmountFen: 500_000_000, registered: 1, turnoverFen: 500_000_000 },
        { personId: null, userId: brokerUserId, name: '李经纪', listings: 0, contacts: 0, deals: 1, signed: 1, signedAmountFen: 200_000_000, registered: 0, turnoverFen: 0 },
      ]);
    });

    it('counts only what happened within the period', async () => {
      const y2025 = await readFunnel(operator, { from: '2025-01-01', to: '2025-12-31' });
      expect(y2025.totals).toEqual({ listings: 1, contacts: 0, deals: 0, signed: 0, signedAmountFen: 0, registered: 0, turnoverFen: 0 });
      expect(y2025.byField).toEqual([{ field: 'agriculture', listings: 1, contacts: 0, deals: 0, signed: 0, signedAmountFen: 0, registered: 0, turnoverFen: 0 }]);
      const march = await readFunnel(operator, { from: '2026-03-01', to: '2026-03-03' });
      expect(march.totals).toMatchObject({ listings: 3, contacts: 0, deals: 0 });
      // Beijing days: published 2026-03-05 10:00 falls on the 5th, not before.
      expect((await readFunnel(operator, { from: '2026-03-05', to: '2026-03-05' })).totals.listings).toBe(1);
      await expect(readFunnel(operator, { from: '2026-03-05', to: '2026-03-01' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'to' } });
    });

    it('is for the operator and the evaluator only', async () => {
      const evaluator = testCtx(handle, { id: null, name: '评估', roles: ['evaluator'] });
      await expect(readFunnel(evaluator, {})).resolves.toMatchObject({ from: '2026-01-01', to: '2026-12-31', totals: { deals: 3 } });
      await expect(readFunnel(testCtx(handle, { id: null, name: '经纪人', roles: ['broker'] }), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Another jurisdiction sees nothing of this one.
      const elsewhere = testCtx(handle, { id: null, name: '外区运营', roles: ['operator'], jurisdictionCode: '410402' });
      expect((await readFunnel(elsewhere, {})).totals).toMatchObject({ listings: 0, contacts: 0, deals: 0 });
    });
  });
}
