import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization, makePerson, nextIdNumber } from '../../testing/builders.js';
import { setEquityHolders } from '../registry/equity.js';
import { relatedPartiesOfContract } from './related-parties.js';
import { makeContract } from './test-support.js';
import type { Ctx } from '../../context.js';

const holds = (ctx: Ctx, held: string, holders: [string, number, ('organization' | 'person')?][]) =>
  setEquityHolders(ctx, held, holders.map(([id, percent, type = 'organization']) =>
    type === 'organization' ? { holderType: 'organization', holderOrganizationId: id, percent } : { holderType: 'person', holderPersonId: id, percent }));

for (const dialect of await testDialects()) {
  describe(`related parties on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(async () => handle.drop());

    const org = (ctx: Ctx, name: string) => makeOrganization(ctx, { name });

    it('finds an indirect holding along a chain, multiplying the percentages, and says how', async () => {
      const ctx = testCtx(handle);
      const a = await org(ctx, '甲集团有限公司');
      const b = await org(ctx, '乙科技有限公司');
      const c = await org(ctx, '丙制造有限公司');
      await holds(ctx, b.id, [[a.id, 60]]);
      await holds(ctx, c.id, [[b.id, 50]]);
      const contract = await makeContract(ctx, { sellers: [{ organizationId: a.id }], buyers: [{ organizationId: c.id }] });
      const answer = await relatedPartiesOfContract(ctx, contract.id);
      expect(answer.related).toBe(true);
      expect(answer.pairs[0]!.relations).toEqual([
        { kind: 'holds', holderId: a.id, percent: '30%', chain: '甲集团有限公司 持有 乙科技有限公司 60% → 乙科技有限公司 持有 丙制造有限公司 50%：甲集团有限公司 间接持有 丙制造有限公司 30%' },
      ]);
      // The threshold is a parameter: above 30 % they are not related.
      expect((await relatedPartiesOfContract(ctx, contract.id, 30.01)).related).toBe(false);
      expect((await relatedPartiesOfContract(ctx, contract.id, 30)).related).toBe(true);
    });

    it('adds up several paths exactly, and survives a holding cycle', async () => {
      const ctx = testCtx(handle);
      const a = await org(ctx, '甲控股有限公司');
      const b = await org(ctx, '乙中间有限公司');
      const c = await org(ctx, '丙目标有限公司');
      await holds(ctx, b.id, [[a.id, 60]]);
      await holds(ctx, c.id, [[a.id, 10], [b.id, 25]]); // 10 % + 60 % × 25 % = 25 %
      await holds(ctx, a.id, [[b.id, 5]]); // a cycle back to a
      const contract = await makeContract(ctx, { sellers: [{ organizationId: c.id }], buyers: [{ organizationId: a.id }] });
      const answer = await relatedPartiesOfContract(ctx, contract.id);
      const holding = answer.pairs[0]!.relations.find((r) => r.kind === 'holds' && r.holderId === a.id)!;
      expect(holding.percent).toBe('25%');
      expect(holding.chain).toContain('甲控股有限公司 持有 丙目标有限公司 10%');
      expect(holding.chain).toContain('合计 甲控股有限公司 持有 丙目标有限公司 25%');
      expect((await relatedPartiesOfContract(ctx, contract.id, 25.01)).pairs[0]?.relations.some((r) => r.kind === 'holds' && r.holderId === a.id) ?? false).toBe(false);
    });

    it('finds a common holder (organization or person) of both sides', async () => {
      const ctx = testCtx(handle);
      const seller = await org(ctx, '卖方研究院有限公司');
      const buyer = await org(ctx, '买方电气有限公司');
      const investor = await makePerson(ctx, { name: '赵投资' });
      await holds(ctx, seller.id, [[investor.id, 30, 'person']]);
      await holds(ctx, buyer.id, [[investor.id, 40, 'person']]);
      const contract = await makeContract(ctx, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: buyer.id }] });
      const answer = await relatedPartiesOfContract(ctx, contract.id);
      expect(answer.pairs[0]!.relations).toEqual([
        expect.objectContaining({ kind: 'common_holder', holderId: investor.id, chain: expect.stringContaining('赵投资 同时持有双方 30% 和 40%') }),
      ]);
      await holds(ctx, buyer.id, [[investor.id, 20, 'person']]);
      expect((await relatedPartiesOfContract(ctx, contract.id)).related).toBe(false);
    });

    it('finds a person who is legal representative of one and controller of the other, and a natural-person party', async () => {
      const ctx = testCtx(handle);
      const p = await makePerson(ctx, { name: '钱法人' });
      const seller = await makeOrganization(ctx, { name: '卖方甲有限公司', legalRepresentativeId: p.id });
      const buyer = await makeOrganization(ctx, { name: '买方乙有限公司', actualControllerId: p.id });
      const c1 = await makeContract(ctx, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: buyer.id }] });
      expect((await relatedPartiesOfContract(ctx, c1.id)).pairs[0]!.relations).toEqual([
        { kind: 'shared_person', holderId: p.id, chain: '钱法人 既是卖方甲有限公司 的法定代表人，也是买方乙有限公司 的实际控制人' },
      ]);
      // The inventor selling in person is the buyer's controller.
      const idNumber = nextIdNumber();
      const inventor = await makePerson(ctx, { name: '孙发明', idNumber });
      const b2 = await makeOrganization(ctx, { actualControllerId: inventor.id });
      const c2 = await makeContract(ctx, { sellers: [{ personName: '孙发明', personIdNumber: idNumber }], buyers: [{ organizationId: b2.id }] });
      expect((await relatedPartiesOfContract(ctx, c2.id)).pairs[0]!.relations[0]).toMatchObject({ kind: 'shared_person', holderId: inventor.id });
    });

    it('is unrelated without links, and related when the contract declares it', async () => {
      const ctx = testCtx(handle);
      const plain = await makeContract(ctx);
      expect(await relatedPartiesOfContract(ctx, plain.id)).toEqual({ related: false, thresholdPercent: 25, declaredRelated: false, pairs: [] });
      const declared = await makeContract(ctx, { declaredRelated: true });
      const answer = await relatedPartiesOfContract(ctx, declared.id);
      expect(answer).toMatchObject({ related: true, declaredRelated: true });
      expect(answer.pairs[0]!.relations).toEqual([{ kind: 'declared', chain: '合同申报买卖双方为关联方' }]);
    });
  });
}
