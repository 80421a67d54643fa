/**
 * The market's search on a real database of each dialect: Chinese two-character words, mixed
 * text, query syntax that must never reach the engine, filters and facets, date order, updates and
 * removals, the statistics ranking reads, and the same ranking on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { parseQuery } from './analyzer.js';
import type { SearchDocument } from './documents.js';
import { fieldTerms, indexDocuments, removeDocuments } from './index-writer.js';
import { readSource, type SearchRequest, searchListings } from './search.js';

function doc(entityId: string, title: string, body: string, extra: Partial<SearchDocument> = {}): SearchDocument {
  return {
    kind: 'achievement', entityId, jurisdictionCode: '410411', externalId: `x-${entityId}`, title, body, keywords: [],
    field: '04', industries: [], stage: 'pilot', trl: 6, modes: ['license'], region: 'district', priceKind: 'negotiable', priceFen: null,
    tags: [], publishedOn: '2026-01-01', isDemo: false, ...extra,
  };
}

const DOCS: SearchDocument[] = [
  doc('a1', '高镍三元锂电池正极材料', '面向动力电池的 NCM811 正极材料制备工艺，循环寿命提升 30%。', { keywords: ['锂电池', '正极材料'], field: '05', modes: ['transfer', 'license'], priceKind: 'fixed', priceFen: 80_000_000, publishedOn: '2026-03-01' }),
  doc('a2', '5G 基站智能节能控制系统', '基于负载预测的 5G 基站休眠调度，年节电 20% 以上。', { field: '01', region: 'province', publishedOn: '2026-05-10' }),
  doc('a3', '一种发明专利的快速检索方法', '专利文献的语义检索与专利价值评估。', { field: '01', stage: 'research', trl: 3, publishedOn: '2025-12-01' }),
  doc('a4', '电池热管理', '新能源汽车动力电池热管理技术，液冷板设计。', { field: '05', region: 'other_province', publishedOn: '2026-02-01', tags: ['dual_use'] }),
  doc('a5', '', '尼龙66切片质量在线检测系统，基于深度学习的色差识别。', { externalId: null, field: '03', publishedOn: '2024-07-07' }),
  doc('d1', '寻求电池回收技术', '退役动力电池梯次利用与回收。', { kind: 'demand', field: '05' }),
];

const ids = (r: { hits: { entityId: string }[] }) => r.hits.map((h) => h.entityId);
const rankings = new Map<string, string[][]>();

for (const dialect of await testDialects()) {
  describe(`market search on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    const search = (request: Omit<SearchRequest, 'kind'> & { kind?: SearchRequest['kind'] }) =>
      searchListings(readSource(handle), { kind: 'achievement', limit: 10, ...request });

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      await handle.db.transaction().execute((trx) => indexDocuments(trx, dialect, DOCS, handle.sqlite));
    });
    afterAll(() => handle.drop());

    it('finds two-character words and mixed Chinese, Latin and digits', async () => {
      expect(ids(await search({ q: '专利' }))).toEqual(['a3']);
      expect(ids(await search({ q: '电池' })).sort()).toEqual(['a1', 'a4']);
      expect(ids(await search({ q: '锂电池 NCM811' }))[0]).toBe('a1');
      expect(ids(await search({ q: 'ｎｃｍ８１１' }))).toEqual(['a1']); // full-width, any case
      expect(ids(await search({ q: 'ncm' }))).toEqual(['a1']); // a part of a letters-and-digits word
      expect(ids(await search({ q: '5G 基站' }))[0]).toBe('a2');
      expect(ids(await search({ q: '尼龙66' }))).toEqual(['a5']);
    });

    it('finds a single character wherever it occurs in a word', async () => {
      expect(ids(await search({ q: '锂' }))).toEqual(['a1']); // first and last character of runs
      expect(ids(await search({ q: '镍' }))).toEqual(['a1']); // inside a run
    });

    it('never lets query syntax reach the engine', async () => {
      for (const q of ['"电池', '电池" OR "专利', 'AND', 'OR NOT', '*', '电池*', '(专利', ')', 'NEAR(电池 专利)', "'; drop table search_doc; --", 'title:电池', '{title}: 电池', '^电池', '电池 & 专利 | !', ':*', '\\', '-电池', '+专利']) {
        const result = await search({ q });
        expect(Array.isArray(result.hits), q).toBe(true);
      }
      expect(ids(await search({ q: '"电池" AND (专利)' })).sort()).toEqual(['a1', 'a3', 'a4']);
      expect((await search({ q: '!!! ??? ***' })).total).toBe(5); // no terms: browsing
    });

    it('ranks the listing that matches the whole query first and says which words matched', async () => {
      const r = await search({ q: '动力电池热管理' });
      expect(r.hits[0]!.entityId).toBe('a4');
      expect(r.hits[0]!.matchedWords).toEqual(['动力电池热管理']);
      expect(r.hits[0]!.snippet).toContain('动力电池热管理');
      const both = await search({ q: '锂电池 液冷板' });
      expect(both.hits.find((h) => h.entityId === 'a1')!.matchedWords).toEqual(['锂电池']);
    });

    it('filters before ranking and counts facets over the result set', async () => {
      const r = await search({ q: '电池', filters: { field: ['05'], mode: ['transfer'] } });
      expect(ids(r)).toEqual(['a1']);
      const all = await search({ q: '电池' });
      expect(all.facets.field).toEqual([{ value: '05', count: 2 }]);
      expect(all.facets.region).toEqual([{ value: 'district', count: 1 }, { value: 'other_province', count: 1 }]);
      expect(all.facets.price).toEqual([{ value: '50w_100w', count: 1 }]);
      expect(all.facets.tag).toEqual([{ value: 'dual_use', count: 1 }]);
      expect(ids(await search({ q: '电池', filters: { price: ['50w_100w'] } }))).toEqual(['a1']);
      expect(ids(await search({ q: '电池', jurisdiction: '4104' })).length).toBe(2);
      expect(ids(await search({ q: '电池', jurisdiction: '4101' }))).toEqual([]);
      expect(ids(await search({ kind: 'demand', q: '电池' }))).toEqual(['d1']);
    });

    it('browses without text: every listing that passes the filters, newest first, exact facets, paged', async () => {
      const r = await search({ limit: 2 });
      expect(r.total).toBe(5);
      expect(ids(r)).toEqual(['a2', 'a1']);
      expect(ids(await search({ limit: 2, offset: 2 }))).toEqual(['a4', 'a3']);
      expect(r.facets.field).toEqual([{ value: '01', count: 2 }, { value: '05', count: 2 }, { value: '03', count: 1 }]);
      expect((await search({ filters: { field: ['01', '03'] } })).total).toBe(3);
      expect((await search({ filters: { field: ['01', '03'], region: ['province'] } })).total).toBe(1);
      expect((await search({ filters: { field: ['99'] } })).total).toBe(0);
      expect((await search({ jurisdiction: '4104' })).total).toBe(5);
      expect((await search({ jurisdiction: '4101' })).total).toBe(0);
      expect(ids(await search({ q: '电池', sort: 'date' }))).toEqual(['a1', 'a4']);
    });

    it('replaces a changed listing and forgets a removed one, keeping the statistics exact', async () => {
      await handle.db.transaction().execute((trx) => indexDocuments(trx, dialect, [doc('a3', '一种石墨烯散热膜', '石墨烯导热膜的卷对卷制备。', { field: '04' })], handle.sqlite));
      expect(ids(await search({ q: '专利' }))).toEqual([]);
      expect(ids(await search({ q: '石墨烯' }))).toEqual(['a3']);
      expect((await search({})).total).toBe(5);
      await handle.db.transaction().execute((trx) => removeDocuments(trx, dialect, 'achievement', ['a2', 'no-such-id']));
      expect(ids(await search({ q: '基站' }))).toEqual([]);
      expect((await search({})).total).toBe(4);

      // The statistics equal a recount from the stored documents.
      const rows = await handle.db.selectFrom('search_doc').select(['kind', 'title', 'body', 'keywords', 'length']).execute();
      const expected = new Map<string, number>();
      for (const row of rows) {
        const terms = fieldTerms(row);
        expect(row.length).toBe(terms.flat().length);
        for (const t of new Set(terms.flat())) expected.set(`${row.kind} ${t}`, (expected.get(`${row.kind} ${t}`) ?? 0) + 1);
      }
      const stored = await handle.db.selectFrom('search_term').selectAll().execute();
      expect(new Map(stored.map((s) => [`${s.kind} ${s.term}`, Number(s.df)]))).toEqual(expected);
      const stat = await handle.db.selectFrom('search_stat').selectAll().where('kind', '=', 'achievement').executeTakeFirstOrThrow();
      expect(Number(stat.doc_count)).toBe(4);
      expect(Number(stat.total_length)).toBe(rows.filter((r) => r.kind === 'achievement').reduce((a, r) => a + r.length, 0));
    });

    it('ranks alike on every database', async () => {
      const queries = ['电池', '石墨烯 制备', '尼龙 检测', '正极材料 循环寿命', '液冷'];
      const results: string[][] = [];
      for (const q of queries) results.push(ids(await search({ q })));
      rankings.set(dialect, results);
      const first = [...rankings.values()][0]!;
      expect(results).toEqual(first);
    });
  });
}

describe('query parsing', () => {
  it('splits words at spaces and punctuation and spells them as the index does', () => {
    const q = parseQuery('锂电池（NCM811）"AND" 5G');
    expect(q.words.map((w) => w.text)).toEqual(['锂电池', 'ncm811', 'and', '5g']);
    expect(q.words[0]!.phrase).toEqual(['锂电', '电池']);
    expect(q.terms).toEqual(expect.arrayContaining(['锂电', '电池', '锂', '电', '池', 'ncm811', 'ncm', '811', '5g']));
  });
});
