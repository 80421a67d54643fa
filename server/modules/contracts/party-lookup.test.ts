import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { lookupContractParties } from './party-lookup.js';

for (const dialect of await testDialects()) {
  describe(`finding a contract's other party on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(async () => handle.drop());

    it('lets an enterprise find a university it does not hold, by name or credit code, with public facts only', async () => {
      const operator = testCtx(handle);
      const buyer = await makeOrganization(operator, { name: '湛河查找测试电气有限公司', kind: 'enterprise' });
      const university = await makeOrganization(operator, { name: '平顶山查找测试学院', kind: 'university' });
      const enterprise = testCtx(handle, { id: null, name: '经办人', roles: ['enterprise'], organizationIds: [buyer.id] });

      const byName = await lookupContractParties(enterprise, '查找测试学院');
      expect(byName).toEqual([{ id: university.id, name: '平顶山查找测试学院', uscc: university.uscc, kind: 'university', divisionName: expect.stringContaining('河南省') }]);
      const byCode = await lookupContractParties(enterprise, university.uscc!);
      expect(byCode.map((o) => o.name)).toEqual(['平顶山查找测试学院']);
      expect(Object.keys(byName[0]!).sort()).toEqual(['divisionName', 'id', 'kind', 'name', 'uscc']);
    });

    it('refuses a one-character search (no paging through the registry) and roles that register no contracts', async () => {
      const bank = testCtx(handle, { id: null, name: '银行', roles: ['bank'], organizationIds: [] });
      const enterprise = testCtx(handle, { id: null, name: '经办人', roles: ['enterprise'], organizationIds: [] });
      await expect(lookupContractParties(enterprise, '学')).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'q' } });
      await expect(lookupContractParties(bank, '查找测试')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('searches % and _ literally', async () => {
      const operator = testCtx(handle);
      expect(await lookupContractParties(operator, '%%')).toEqual([]);
    });
  });
}
