/**
 * `npm run eval:search`: search quality on real Chinese scientific text. Loads
 * ../shared/data/csl/corpus.jsonl as achievements into a fresh database of each dialect, runs
 * queries-dev.jsonl through the platform's search, and reports MRR@10 and Recall@10 for the title
 * queries (ts-*) and the keyword queries (kg-*) separately, side by side with a BM25 over character
 * bigrams (what Elasticsearch's cjk analyzer does) run in the same command.
 *
 *   npm run eval:search [-- --queries FILE.jsonl] [--corpus FILE.jsonl] [--dialects sqlite,postgres]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createTestDatabase, postgresReachable } from '../server/testing/databases.js';
import { importListings } from '../server/modules/market/import/listings-import.js';
import { testCtx } from '../server/testing/context.js';
import { readSource, searchListings } from '../server/modules/search/search.js';
import { BigramBm25 } from './bigram-bm25.js';
import { type Judged, mrrAndRecall } from './metrics.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/data/csl/corpus.jsonl' },
    queries: { type: 'string', default: '../shared/data/csl/queries-dev.jsonl' },
    dialects: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

interface CorpusRecord { external_id: string; title?: string; description?: string; keywords?: string[] | string }
interface Query { query_id: string; query: string; relevant: string[] }

const readJsonl = <T>(file: string): T[] => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
const corpus = readJsonl<CorpusRecord>(values.corpus!);
const queries = readJsonl<Query>(values.queries!);
const keywordsOf = (r: CorpusRecord) => (Array.isArray(r.keywords) ? r.keywords : r.keywords ? r.keywords.split(/[;；,，_]/) : []);

type Report = Record<string, { ts: ReturnType<typeof mrrAndRecall>; kg: ReturnType<typeof mrrAndRecall>; ms?: number }>;
const report: Report = {};
const split = (judged: Judged[]) => ({
  ts: mrrAndRecall(judged.filter((j) => j.queryId.startsWith('ts'))),
  kg: mrrAndRecall(judged.filter((j) => j.queryId.startsWith('kg'))),
});

const reference = new BigramBm25();
for (const r of corpus) reference.add(r.external_id, [r.title ?? '', r.description ?? '', keywordsOf(r).join(' ')].join('\n'));
report['reference: BM25 over character bigrams'] = split(queries.map((q) => ({ queryId: q.query_id, relevant: q.relevant, results: reference.search(q.query, 10) })));

const dialects = (values.dialects?.split(',') ?? ((await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'])) as ('sqlite' | 'postgres')[];
for (const dialect of dialects) {
  const handle = await createTestDatabase(dialect);
  try {
    // Loaded as an operator loads it: `techtransfer import achievements corpus.jsonl`.
    const started = performance.now();
    await importListings(testCtx(handle, { roles: ['operator'] }), 'achievement', fs.readFileSync(values.corpus!), 'jsonl');
    const indexMs = performance.now() - started;
    const judged: Judged[] = [];
    const t0 = performance.now();
    for (const q of queries) {
      const result = await searchListings(readSource(handle), { kind: 'achievement', q: q.query, limit: 10 });
      judged.push({ queryId: q.query_id, relevant: q.relevant, results: result.hits.map((h) => h.externalId ?? h.entityId) });
    }
    const perQuery = (performance.now() - t0) / queries.length;
    report[`techtransfer search (${dialect})`] = { ...split(judged), ms: perQuery };
    if (!values.json) console.error(`${dialect}: imported ${corpus.length} in ${(indexMs / 1000).toFixed(1)} s; ${perQuery.toFixed(1)} ms a query`);
  } finally {
    await handle.drop();
  }
}

if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  const f = (x: number) => x.toFixed(3);
  console.log(`${queries.length} queries, ${corpus.length} records`);
  console.log('system'.padEnd(44), 'ts MRR@10  R@10    kg MRR@10  R@10');
  for (const [name, r] of Object.entries(report)) console.log(name.padEnd(44), `${f(r.ts.mrr)}      ${f(r.ts.recall)}   ${f(r.kg.mrr)}      ${f(r.kg.recall)}`);
}
