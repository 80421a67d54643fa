/**
 * Matching on both databases: a demand finds the achievements that answer it (with the phrases
 * they share, the field, the maturity), the organizations holding them and the brokers with a
 * record in its field; the reverse for an achievement; a new listing notifies its best matches
 * once; who may ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { makeOrganization, makePerson } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeRegisteredContract } from '../contracts/test-support.js';
import { transitionListing } from '../market/listings.js';
import { makeAchievement, makeDemand } from '../market/test-support.js';
import { readSource } from '../search/search.js';
import { getMatches } from './get-matches.js';
import { findMatches } from './matching.js';

for (const dialect of await testDialects()) {
  describe(`matching on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    let operator: Ctx;
    const ids: Record<string, string> = {};
    let university = '';
    let enterprise = '';

    async function publish(kind: 'achievement' | 'demand', id: string) {
      await transitionListing(ctx, kind, id, { to: 'pending', version: 1 });
      await transitionListing(operator, kind, id, { to: 'published', version: 2 });
    }

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      operator = testCtx(handle, { id: null, name: '运营人员', roles: ['operator'] });
      university = (await makeOrganization(ctx, { kind: 'university', name: '郑州某大学', divisionCode: '410102' })).id;
      const institute = (await makeOrganization(ctx, { kind: 'research_institute', name: '某材料研究所', divisionCode: '410105' })).id;
      enterprise = (await makeOrganization(ctx, { name: '平顶山某电池有限公司' })).id;
      const a1 = await makeAchievement(ctx, {
        ownerOrganizationId: university, title: '高镍正极材料表面包覆改性技术', description: '在高镍正极材料颗粒表面构建氧化铝包覆层，循环寿命提升30%，已完成中试。',
        keywords: ['正极材料', '包覆'], technicalField: 'new_materials', stage: 'pilot_scale',
      });
      const a2 = await makeAchievement(ctx, {
        ownerOrganizationId: institute, title: '锂电池正极材料回收再生工艺', description: '退役电池正极材料的湿法回收与再生工艺，金属回收率95%。',
        keywords: ['电池回收'], technicalField: 'environment_resources', stage: 'research',
      });
      const a3 = await makeAchievement(ctx, { ownerOrganizationId: institute, title: '小麦抗旱品种选育', description: '黄淮麦区抗旱节水小麦新品种选育与推广。', keywords: ['小麦'], technicalField: 'agriculture' });
      // Shares only the common word 提升 with the demand below: noise, never shown.
      const a4 = await makeAchievement(ctx, { ownerOrganizationId: institute, title: '中药材提取工艺', description: '中药有效成分提取收率提升一倍以上。', keywords: ['提取'], technicalField: 'biomedicine_devices' });
      for (const a of [a1, a2, a3, a4]) await publish('achievement', a.id);
      Object.assign(ids, { a1: a1.id, a2: a2.id, a3: a3.id, a4: a4.id });

      // A broker with two registered contracts in the field, one elsewhere; another without record.
      const broker = await makePerson(ctx, { name: '李经纪', roles: [{ role: 'broker', level: 'senior' }] });
      await makePerson(ctx, { name: '周经纪', roles: [{ role: 'broker', level: 'junior' }] });
      for (const techField of ['new_materials', 'new_materials', 'agriculture'] as const) {
        await makeRegisteredContract(ctx, { techField, brokers: [{ personId: broker.id, share: 1 }] });
      }
      ids.broker = broker.id;
    }, 120_000);
    afterAll(() => handle.drop());

    it('gives a demand the achievements that answer it, each with why', async () => {
      const d = await makeDemand(ctx, {
        organizationId: enterprise, title: '寻求高镍正极材料包覆技术', problem: '高镍正极材料循环寿命不足，需要表面包覆改性方案。', indicators: '循环寿命提升20%以上',
        keywords: ['正极材料'], technicalField: 'new_materials',
      });
      await publish('demand', d.id);
      ids.d1 = d.id;
      const m = await findMatches(readSource(handle), 'demand', d.id);
      expect(m.listings.map((l) => l.entityId).slice(0, 2)).toEqual([ids.a1, ids.a2]);
      expect(m.listings.some((l) => l.entityId === ids.a3 || l.entityId === ids.a4)).toBe(false);
      const best = m.listings[0]!;
      expect(best.score).toBe(95); // the best relevance (70) + the same field (15) + 中试 (10)
      expect(best.phrases).toEqual(expect.arrayContaining(['高镍正极材料', '表面包覆改性', '循环寿命提升']));
      expect(best.why).toEqual([`共同关键词：${best.phrases.join('、')}`, '同属技术领域：新材料及其应用', '成熟度：中试', '来源地区：本省']);
      expect(best.organizationName).toBe('郑州某大学');
      expect(m.listings[1]!.sameField).toBe(false);
      expect(m.listings[1]!.score).toBeLessThan(best.score);

      expect(m.organizations.map((o) => o.name)).toEqual(['郑州某大学', '某材料研究所']);
      expect(m.organizations[0]!.why[0]).toContain('有 1 项相关成果：「高镍正极材料表面包覆改性技术」');

      expect(m.brokers[0]).toMatchObject({ personId: ids.broker, name: '李经纪', sameFieldContracts: 2, contracts: 3 });
      expect(m.brokers[0]!.why).toEqual(['经纪同领域（新材料及其应用）已登记合同 2 份', '累计经纪已登记合同 3 份', '高级技术经纪人']);
      expect(m.brokers[1]).toMatchObject({ name: '周经纪', sameFieldContracts: 0, contracts: 0 });
    });

    it('gives an achievement the demands it answers, never its owner\'s own', async () => {
      const own = await makeDemand(ctx, { organizationId: university, title: '高镍正极材料包覆设备', problem: '需要正极材料包覆的连续化生产设备。', keywords: ['正极材料'], technicalField: 'new_materials' });
      await publish('demand', own.id);
      const m = await findMatches(readSource(handle), 'achievement', ids.a1!);
      expect(m.listings[0]!.entityId).toBe(ids.d1);
      expect(m.listings.some((l) => l.entityId === own.id)).toBe(false);
      expect(m.organizations[0]!.name).toBe('平顶山某电池有限公司');
    });

    it('notifies the owners of a new listing\'s best matches once, with the reasons', async () => {
      const rows = await handle.db.selectFrom('notification').selectAll().where('kind', '=', 'market.match').execute();
      // Publishing d1 told the university (a1's holder); publishing a listing again tells no one twice.
      const toUniversity = rows.filter((r) => r.recipient_organization_id === university);
      expect(toUniversity.length).toBeGreaterThanOrEqual(1);
      expect(toUniversity[0]!.title).toBe('新需求与您的成果匹配：寻求高镍正极材料包覆技术');
      expect(toUniversity[0]!.body).toContain('共同关键词');
      expect(toUniversity[0]!.link).toBe(`/market/demands/${ids.d1}`);
      expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(rows.length);
    });

    it('lets the owner, brokers and the operator ask, and no other enterprise', async () => {
      const owner = testCtx(handle, { id: null, name: 'ent', roles: ['enterprise'], organizationIds: [enterprise] });
      const other = testCtx(handle, { id: null, name: 'other', roles: ['enterprise'], organizationIds: [university] });
      const broker = testCtx(handle, { id: null, name: 'broker', roles: ['broker'] });
      await expect(getMatches(owner, readSource(handle), 'demand', ids.d1!)).resolves.toMatchObject({ listing: { id: ids.d1 } });
      await expect(getMatches(broker, readSource(handle), 'demand', ids.d1!)).resolves.toMatchObject({ listing: { id: ids.d1 } });
      await expect(getMatches(other, readSource(handle), 'demand', ids.d1!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
}
