/** Listings on both databases: the moderation workflow, illegal moves, expiry, the search index, origin regions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { expireListings } from './expire-listings.js';
import { getListing, getPublicListing, transitionListing, updateAchievement, updateDemand } from './listings.js';
import { originRegion } from './origin-region.js';
import { achievementSearchDocument, demandSearchDocument } from './search-documents.js';
import { makeAchievement, makeDemand } from './test-support.js';
import { rebuildSearchIndex } from './rebuild-search-index.js';
import { readSource, searchListings } from '../search/search.js';

describe('origin region', () => {
  it('is derived from the owner division relative to the jurisdiction, or from the origin country', () => {
    expect(originRegion('410411', '410411')).toBe('district');
    expect(originRegion('410411', '410402')).toBe('city');
    expect(originRegion('410411', '410105')).toBe('province');
    expect(originRegion('410411', '310115')).toBe('other_province');
    expect(originRegion('410411', '410411', 'DE')).toBe('abroad');
    expect(originRegion('410411', '410411', 'KZ')).toBe('belt_road');
    expect(originRegion('410411', '410411', 'CN')).toBe('district');
    expect(originRegion('410411', null)).toBeNull();
    // A city jurisdiction: its own districts are "city", the city's own code "district".
    expect(originRegion('410400', '410411')).toBe('city');
  });
});

for (const dialect of await testDialects()) {
  describe(`market listings on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    let operator: Ctx;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      operator = testCtx(handle, { id: null, name: '运营人员', roles: ['operator'] });
    }, 60_000);
    afterAll(async () => handle.drop());

    const searchRow = (id: string) => handle.db.selectFrom('search_doc').selectAll().where('entity_id', '=', id).executeTakeFirst();

    it('takes an achievement draft → pending → returned → pending → published → withdrawn, audited and indexed', async () => {
      const owner = await makeOrganization(ctx, { kind: 'university', divisionCode: '410402' });
      const mine = testCtx(handle, { id: null, name: '高校用户', roles: ['institution'], organizationIds: [owner.id] });
      const a = await makeAchievement(mine, { ownerOrganizationId: owner.id });
      expect(a).toMatchObject({ status: 'draft', originRegion: 'city', priceFen: 120_000_000, nextStatuses: ['pending'] });
      const pending = await transitionListing(mine, 'achievement', a.id, { to: 'pending', version: 1 });
      expect(pending.status).toBe('pending');
      // The owner may not publish its own listing, nor edit it while it is under review.
      await expect(transitionListing(mine, 'achievement', a.id, { to: 'published', version: 2 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateAchievement(mine, a.id, { version: 2, title: '改名' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'status' } });
      await expect(transitionListing(operator, 'achievement', a.id, { to: 'returned', version: 2 })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'reason' } });
      const returned = await transitionListing(operator, 'achievement', a.id, { to: 'returned', version: 2, reason: '请补充专利证书' });
      expect(returned).toMatchObject({ status: 'returned', statusReason: '请补充专利证书' });
      const edited = await updateAchievement(mine, a.id, { version: 3, keywords: ['真空断路器', '永磁机构', '专利'] });
      expect(edited.keywords).toContain('专利');
      await transitionListing(mine, 'achievement', a.id, { to: 'pending', version: 4 });
      expect(await searchRow(a.id)).toBeUndefined();
      const published = await transitionListing(operator, 'achievement', a.id, { to: 'published', version: 5 });
      expect(published).toMatchObject({ status: 'published', statusReason: null });
      expect(published.publishedAt).toBe('2026-06-01T08:00:00.000Z');
      expect(published.steps.map((s) => s.to)).toEqual(['draft', 'pending', 'returned', 'pending', 'published']);
      expect(published.steps[2]).toMatchObject({ reason: '请补充专利证书', actorName: '运营人员' });
      expect(await searchRow(a.id)).toMatchObject({ kind: 'achievement', title: a.title, region: 'city', published_on: '2026-06-01' });
      // The operator corrects a published listing: the index follows.
      await updateAchievement(operator, a.id, { version: 6, title: '高压真空断路器永磁操动机构（改进型）' });
      expect((await searchRow(a.id))?.title).toBe('高压真空断路器永磁操动机构（改进型）');
      expect((await getPublicListing(ctx, 'achievement', a.id)).title).toBe('高压真空断路器永磁操动机构（改进型）');
      const withdrawn = await transitionListing(mine, 'achievement', a.id, { to: 'withdrawn', version: 7 });
      expect(withdrawn.status).toBe('withdrawn');
      expect(await searchRow(a.id)).toBeUndefined();
      await expect(getPublicListing(ctx, 'achievement', a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const events = await handle.db.selectFrom('audit_event').select(['action']).where('subject_id', '=', a.id).orderBy('seq').execute();
      expect(events.map((e) => e.action)).toEqual([
        'market.listing.create', 'market.listing.submit', 'market.listing.moderate', 'market.listing.update', 'market.listing.submit',
        'market.listing.moderate', 'market.listing.update', 'market.listing.withdraw',
      ]);
    });

    it('refuses illegal moves with 409 in Chinese, and stale versions', async () => {
      const a = await makeAchievement(ctx);
      await expect(transitionListing(operator, 'achievement', a.id, { to: 'published', version: 1 })).rejects.toMatchObject({
        code: 'CONFLICT', message: '不能从“草稿”变为“已发布”（可变为：待审核）',
      });
      await expect(transitionListing(operator, 'achievement', a.id, { to: 'expired', version: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(transitionListing(ctx, 'achievement', a.id, { to: 'pending', version: 9 })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      const d = await makeDemand(ctx);
      await expect(transitionListing(ctx, 'demand', d.id, { to: 'withdrawn', version: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('checks cross-field rules naming the field', async () => {
      await expect(makeAchievement(ctx, { priceKind: 'negotiable', priceFen: 100 })).rejects.toMatchObject({ options: { field: 'priceFen' } });
      await expect(makeAchievement(ctx, { priceKind: 'auction', priceFen: undefined })).rejects.toMatchObject({ options: { field: 'priceFen' } });
      await expect(makeAchievement(ctx, { expiresOn: '2026-05-31' })).rejects.toMatchObject({ options: { field: 'expiresOn' } });
      await expect(makeAchievement(ctx, { attachments: [{ hash: 'a'.repeat(64), name: '证书.pdf' }] })).rejects.toMatchObject({ options: { field: 'attachments.0.hash' } });
      await expect(makeDemand(ctx, { budgetMinFen: 300, budgetMaxFen: 200 })).rejects.toMatchObject({ options: { field: 'budgetMaxFen' } });
      await expect(makeDemand(ctx, { isChallenge: true })).rejects.toMatchObject({ options: { field: 'rewardFen' } });
      await expect(makeDemand(ctx, { rewardFen: 100 })).rejects.toMatchObject({ options: { field: 'rewardFen' } });
      const other = await makeOrganization(ctx);
      const enterprise = testCtx(handle, { id: null, name: '企业', roles: ['enterprise'], organizationIds: [(await makeOrganization(ctx)).id] });
      await expect(makeDemand(enterprise, { organizationId: other.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('expires published listings the day after expires_on / deadline, with a fixed clock', async () => {
      const a = await makeAchievement(ctx, { expiresOn: '2026-06-30' });
      const d = await makeDemand(ctx, { deadline: '2026-07-15', isChallenge: true, rewardFen: 500_000_000 });
      await transitionListing(ctx, 'achievement', a.id, { to: 'pending', version: 1 });
      await transitionListing(operator, 'achievement', a.id, { to: 'published', version: 2 });
      await transitionListing(ctx, 'demand', d.id, { to: 'pending', version: 1 });
      await transitionListing(operator, 'demand', d.id, { to: 'published', version: 2 });
      expect(await searchRow(d.id)).toMatchObject({ kind: 'demand', price_kind: 'budget' });
      const system = testCtx(handle, {}, '2026-07-01T01:00:00.000Z');
      const first = await expireListings(system, '2026-07-01');
      expect(first.achievement).toBeGreaterThanOrEqual(1);
      expect((await getListing(ctx, 'achievement', a.id)).status).toBe('expired');
      expect((await getListing(ctx, 'demand', d.id)).status).toBe('published');
      expect(await searchRow(a.id)).toBeUndefined();
      // The public page hides a listing past its date even before the daily run.
      await expect(getPublicListing(testCtx(handle, {}, '2026-07-16T01:00:00.000Z'), 'demand', d.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await expireListings(system, '2026-07-15')).demand).toBe(0);
      expect((await expireListings(system, '2026-07-16')).demand).toBe(1);
      const expired = await getListing(ctx, 'demand', d.id);
      expect(expired).toMatchObject({ status: 'expired', nextStatuses: ['pending'] });
      expect(expired.steps.at(-1)).toMatchObject({ from: 'published', to: 'expired', reason: '截止日期 2026-07-15 已过' });
      const audited = await handle.db.selectFrom('audit_event').select(['action', 'after']).where('subject_id', '=', d.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(audited.action).toBe('market.listing.expire');
      // An expired listing comes back after a new deadline and a new review.
      await updateDemand(ctx, d.id, { version: expired.version, deadline: '2026-09-30' });
      await expect(transitionListing(ctx, 'demand', d.id, { to: 'pending', version: expired.version + 1 })).resolves.toMatchObject({ status: 'pending' });
    });

    it('rebuilds the search index from the published listings alone, with the same statistics', async () => {
      const a = await makeAchievement(ctx, { title: '钙钛矿叠层电池封装工艺' });
      await transitionListing(ctx, 'achievement', a.id, { to: 'pending', version: 1 });
      await transitionListing(operator, 'achievement', a.id, { to: 'published', version: 2 });
      await makeAchievement(ctx, { title: '钙钛矿草稿不应被检索' }); // a draft: never indexed
      const snapshot = async () => ({
        docs: (await handle.db.selectFrom('search_doc').select(['kind', 'entity_id', 'attrs', 'length']).orderBy('kind').orderBy('entity_id').execute()),
        terms: (await handle.db.selectFrom('search_term').selectAll().orderBy('kind').orderBy('term').execute()).map((t) => ({ ...t, df: Number(t.df) })),
        stats: (await handle.db.selectFrom('search_stat').select(['kind', 'doc_count', 'total_length']).orderBy('kind').execute())
          .map((r) => ({ ...r, doc_count: Number(r.doc_count), total_length: Number(r.total_length) }))
          .filter((r) => r.doc_count > 0), // a kind emptied keeps a row of zeros; a rebuild writes none
      });
      const before = await snapshot();
      expect(before.docs.some((d) => d.entity_id === a.id)).toBe(true);
      await handle.db.deleteFrom('search_term').execute(); // the index damaged
      const counts = await rebuildSearchIndex(operator);
      expect(counts.achievement).toBe(before.docs.filter((d) => d.kind === 'achievement').length);
      expect(await snapshot()).toEqual(before);
      const found = await searchListings(readSource(handle), { kind: 'achievement', q: '钙钛矿' });
      expect(found.hits.map((h) => h.entityId)).toEqual([a.id]);
    });

    it('maps a listing onto the search document', async () => {
      const a = await makeAchievement(ctx, { tags: ['dual_use'], originCountry: 'KZ' });
      const arow = await handle.db.selectFrom('achievement').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
      expect(achievementSearchDocument(arow)).toMatchObject({
        kind: 'achievement', entityId: a.id, title: a.title, keywords: ['真空断路器', '永磁操动机构'], field: 'advanced_manufacturing', stage: 'pilot_scale',
        trl: 6, modes: ['transfer', 'license'], region: 'belt_road', priceKind: 'fixed', priceFen: 120_000_000, tags: ['dual_use'], isDemo: false,
      });
      const d = await makeDemand(ctx, { isChallenge: true, rewardFen: 1 });
      const drow = await handle.db.selectFrom('demand').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
      expect(demandSearchDocument(drow)).toMatchObject({ kind: 'demand', body: `${d.problem}\n${d.indicators}`, priceKind: 'budget', priceFen: 200_000_000, tags: ['challenge'], region: 'district' });
    });
  });
}
