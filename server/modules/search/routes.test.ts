/** GET /api/public/market/search: public, validated, and the same search the CLI runs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import type { SearchDocument } from './documents.js';
import { indexDocuments } from './index-writer.js';

const base: Omit<SearchDocument, 'entityId' | 'title' | 'body'> = {
  kind: 'achievement', jurisdictionCode: '410411', externalId: null, keywords: [], field: '05', industries: [], stage: 'pilot', trl: 6,
  modes: ['license'], region: 'district', priceKind: 'negotiable', priceFen: null, tags: [], publishedOn: '2026-01-01', isDemo: false,
};

for (const dialect of await testDialects()) {
  describe(`search route on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      await t.handle.db.transaction().execute((trx) =>
        indexDocuments(trx, dialect, [
          { ...base, entityId: 'r1', title: '磷酸铁锂电池回收', body: '退役电池的湿法回收工艺。' },
          { ...base, entityId: 'r2', title: '光伏组件清洗机器人', body: '自主导航的清洗机器人。', field: '01' },
        ], t.handle.sqlite),
      );
    });
    afterAll(() => t.close());

    it('answers anyone, with hits, totals and facets', async () => {
      const res = await t.call(null, 'GET', `/api/public/market/search?q=${encodeURIComponent('电池 回收')}&field=05,01`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.hits.map((h: { entityId: string }) => h.entityId)).toEqual(['r1']);
      expect(body.total).toBe(1);
      expect(body.facets.field).toEqual([{ value: '05', count: 1 }]);
      const browse = (await t.call(null, 'GET', '/api/public/market/search?sort=date&limit=1')).json();
      expect(browse.total).toBe(2);
      expect(browse.hits).toHaveLength(1);
    });

    it('rejects bad parameters naming the parameter, and takes any text as a query', async () => {
      const bad = await t.call(null, 'GET', '/api/public/market/search?limit=500');
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('limit');
      const badCode = await t.call(null, 'GET', `/api/public/market/search?field=${encodeURIComponent("05' or 1=1")}`);
      expect(badCode.statusCode).toBe(400);
      expect(badCode.body).toContain('field');
      const odd = await t.call(null, 'GET', `/api/public/market/search?q=${encodeURIComponent('"电池" AND (*')}`);
      expect(odd.statusCode).toBe(200);
      expect(odd.json().hits[0].entityId).toBe('r1');
    });
  });
}
