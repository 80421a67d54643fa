/** The demo deals and event seed through the use cases: deals at each stage, one signed into its contract draft, an event with registrations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDeals, demoEvent } from '../../demo/demo-market.js';
import { isStoryListing } from '../../demo/demo-story.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { verifyAuditChain } from '../audit/verify-chain.js';

for (const dialect of await testDialects()) {
  describe(`demo deals on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      await seedDemo(testCtx(handle, {}, '2026-06-01T08:00:00.000Z'));
    }, 300_000);
    afterAll(async () => handle.drop());

    /** The deals of demo-market.ts; the years' story deals (on the story's listings) are demo-story.test.ts's. */
    const demoMarketDeals = async () => {
      const story = new Set((await handle.db.selectFrom('achievement').select(['id', 'external_id']).execute()).filter((a) => isStoryListing(a.external_id)).map((a) => a.id));
      return (await handle.db.selectFrom('deal').selectAll().orderBy('created_at').execute()).filter((d) => !d.achievement_id || !story.has(d.achievement_id));
    };

    it('seeds deals at each stage, one signed into a demo contract draft, and an event with registrations', async () => {
      const deals = await demoMarketDeals();
      expect(deals).toHaveLength(demoDeals.length);
      expect(deals.every((d) => d.is_demo === 1 && d.broker_person_id && d.broker_user_id)).toBe(true);
      expect(deals.map((d) => d.stage).sort()).toEqual(['contacting', 'negotiating', 'signed', 'terminated']);
      const signed = deals.find((d) => d.stage === 'signed')!;
      expect(Number(signed.agreed_amount_fen)).toBe(180_000_000); // 180 万元
      expect(signed.inquiry_id).not.toBeNull();
      const contract = await handle.db.selectFrom('contract').selectAll().where('id', '=', signed.contract_id!).executeTakeFirstOrThrow();
      expect(contract).toMatchObject({ status: 'draft', type: 'license', is_demo: 1, license_years: 5 });
      const event = await handle.db.selectFrom('market_event').selectAll().where('title', '=', demoEvent.title).executeTakeFirstOrThrow();
      expect(event.is_demo).toBe(1);
      const registrations = await handle.db.selectFrom('market_event_registration').selectAll().where('event_id', '=', event.id).execute();
      expect(registrations).toHaveLength(5);
      expect(registrations.filter((r) => r.attended === 1)).toHaveLength(4);
      expect(deals.filter((d) => d.event_id === event.id)).toHaveLength(2);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('is idempotent', async () => {
      await seedDemo(testCtx(handle, {}, '2026-06-01T08:00:00.000Z'));
      expect(await demoMarketDeals()).toHaveLength(demoDeals.length);
      expect(await handle.db.selectFrom('market_event').select('id').where('title', '=', demoEvent.title).execute()).toHaveLength(1);
    });
  });
}
