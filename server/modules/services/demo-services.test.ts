/** The demo services and finance seed through the use cases: offerings, a request in progress, two products, a need with a match and an offer, a licence and an equity record. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOfferings } from '../../demo/demo-services.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { matchedNeedsForBank } from './list-matched-needs.js';
import { matchNeed } from './match-need.js';

for (const dialect of await testDialects()) {
  describe(`demo services and finance on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    const NOW = '2026-06-01T08:00:00.000Z';
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      await seedDemo(testCtx(handle, {}, NOW));
    }, 300_000);
    afterAll(async () => handle.drop());

    it('seeds the demo agency and bank records, all flagged demo', async () => {
      const offerings = await handle.db.selectFrom('service_offering').selectAll().execute();
      expect(offerings).toHaveLength(demoOfferings.length);
      const requests = await handle.db.selectFrom('service_request').selectAll().execute();
      expect(requests.map((r) => [r.status, r.version])).toEqual([['in_progress', 3]]);
      expect((await handle.db.selectFrom('finance_product').select('name').orderBy('name').execute()).map((p) => p.name)).toEqual(['鹰城科技·技术合同贷', '鹰城科技·知识产权质押贷']);
      const need = await handle.db.selectFrom('finance_need').selectAll().executeTakeFirstOrThrow();
      const offers = await handle.db.selectFrom('finance_offer').selectAll().execute();
      expect(offers.map((o) => [o.need_id, o.decision, o.rate_bp])).toEqual([[need.id, 'offered', 385]]);
      expect((await handle.db.selectFrom('ip_record').select(['kind', 'equity_share_bp']).orderBy('kind').execute())).toEqual([{ kind: 'equity', equity_share_bp: 1200 }, { kind: 'license', equity_share_bp: null }]);
      for (const table of ['service_offering', 'service_request', 'finance_product', 'finance_need', 'finance_offer', 'ip_record'] as const) {
        expect((await handle.db.selectFrom(table).select('is_demo').execute()).every((r) => r.is_demo === 1), table).toBe(true);
      }
      const admin = testCtx(handle, {}, NOW);
      const matches = await matchNeed(admin, need.id);
      expect(matches.items.map((m) => [m.product.name, m.matched])).toEqual([['鹰城科技·知识产权质押贷', true], ['鹰城科技·技术合同贷', false]]);
      expect((await matchedNeedsForBank(admin)).items.map((m) => m.offer?.rateBp)).toEqual([385]);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('is idempotent', async () => {
      await seedDemo(testCtx(handle, {}, NOW));
      expect(await handle.db.selectFrom('service_offering').select('id').execute()).toHaveLength(demoOfferings.length);
      expect(await handle.db.selectFrom('finance_offer').select('id').execute()).toHaveLength(1);
    });
  });
}
