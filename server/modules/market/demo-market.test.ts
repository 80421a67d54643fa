/** The demo market seeds through the use cases: published listings for the demo organizations, a review queue, an inquiry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAchievements, demoDemands } from '../../demo/demo-market.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { isStoryListing } from '../../demo/demo-story.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { getPublicListing } from './listings.js';

for (const dialect of await testDialects()) {
  describe(`demo market on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      await seedDemo(testCtx(handle, {}, '2026-06-01T08:00:00.000Z'));
    }, 300_000);
    afterAll(async () => handle.drop());

    it('publishes the demo listings, flagged as demo data and indexed, and leaves some for review', async () => {
      // The listings of demo-market.ts; the years' story listings are demo-story.test.ts's.
      const achievements = (await handle.db.selectFrom('achievement').selectAll().execute()).filter((a) => !isStoryListing(a.external_id));
      const demands = (await handle.db.selectFrom('demand').selectAll().execute()).filter((d) => !isStoryListing(d.external_id));
      expect(achievements).toHaveLength(demoAchievements.length);
      expect(demands).toHaveLength(demoDemands.length);
      expect([...achievements, ...demands].every((l) => l.is_demo === 1 && l.owner_missing === 0)).toBe(true);
      const published = [...achievements, ...demands].filter((l) => l.status === 'published');
      expect(published).toHaveLength([...demoAchievements, ...demoDemands].filter((l) => !l.pending).length);
      expect(achievements.filter((a) => a.status === 'pending').map((a) => a.external_id)).toEqual(['DEMO-CG-010']);
      expect(new Set(achievements.map((a) => a.origin_region))).toEqual(new Set(['district', 'city', 'province', 'other_province', 'belt_road']));
      const ids = new Set(published.map((l) => l.id));
      const indexed = (await handle.db.selectFrom('search_doc').select(['entity_id', 'is_demo']).execute()).filter((d) => ids.has(d.entity_id));
      expect(indexed).toHaveLength(published.length);
      expect(indexed.every((d) => d.is_demo === 1)).toBe(true);
      const challenge = demands.find((d) => d.external_id === 'DEMO-XQ-002')!;
      expect(await getPublicListing(testCtx(handle), 'demand', challenge.id)).toMatchObject({ isChallenge: true, isDemo: true, owner: { name: '平顶山湛源尼龙新材料有限公司' } });
      const breaker = demands.find((d) => d.external_id === 'DEMO-XQ-001')!;
      expect(await handle.db.selectFrom('listing_inquiry').select(['listing_id', 'from_name', 'status']).where('listing_kind', '=', 'demand').execute()).toEqual([{ listing_id: breaker.id, from_name: '徐明（技术经理人，演示）', status: 'open' }]);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('is idempotent', async () => {
      await seedDemo(testCtx(handle, {}, '2026-06-01T08:00:00.000Z'));
      const all = await handle.db.selectFrom('achievement').select('external_id').execute();
      expect(all.filter((a) => !isStoryListing(a.external_id))).toHaveLength(demoAchievements.length);
    });
  });
}
