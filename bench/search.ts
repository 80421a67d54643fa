/**
 * `npm run bench:search`: the market's search at national scale on SQLite.
 *   1. Builds the index of 1,000,000 achievements (the CSL records, then generated ones, see
 *      search-corpus.ts) from nothing: wall time and peak memory.
 *   2. Latency p50/p95/p99 of title-like queries (real paper titles, ts-dev) and keyword queries
 *      (kg-dev), each the whole search the API runs: retrieval, ranking, facets.
 *   3. HTTP throughput of GET /api/public/market/search with 50 concurrent clients (autocannon),
 *      as a ratio to the same server answering a fixed result of the same size.
 * Targets on this 2-core machine: p95 ≤ 50 ms for both kinds of query; build ≤ 5 minutes.
 * BENCH_SCALE=0.1 for a quick run; BENCH_QUERIES (default 300 of each kind); BENCH_KEEP=1 keeps the
 * database file.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from '../server/app.js';
import { openDatabase } from '../server/db/create-db.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { createProtector } from '../server/modules/registry/protect.js';
import type { SearchDocument } from '../server/modules/search/documents.js';
import { indexDocuments } from '../server/modules/search/index-writer.js';
import { readSource, searchListings } from '../server/modules/search/search.js';
import { type Judged, mrrAndRecall } from '../eval/metrics.js';
import { benchDocument, loadPools } from './search-corpus.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.resolve(HERE, '../../shared/data/csl');
const SEED = 20261127;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024, 0);

interface Query { query_id: string; query: string; relevant: string[] }

function readQueries(): { titles: Query[]; keywords: Query[] } {
  const all = fs.readFileSync(path.join(DATA, 'queries-dev.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Query);
  const n = Number(process.env.BENCH_QUERIES ?? 300);
  return {
    titles: all.filter((q) => q.query_id.startsWith('ts')).slice(0, n),
    keywords: all.filter((q) => q.query_id.startsWith('kg')).slice(0, n),
  };
}

/** Child process: the API server over the benchmark database, plus a route with a fixed answer. */
async function serveChild(file: string): Promise<void> {
  const handle = openDatabase(file);
  const app = await build({ handle, protector: createProtector(Buffer.alloc(32, 7)) });
  const fixed = await searchListings(readSource(handle), { kind: 'achievement', q: '锂电池正极材料', limit: 10 });
  app.get('/bench/fixed', async () => fixed);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
}

async function load(url: string, paths: string[], seconds: number): Promise<{ requestsPerSecond: number; p99Ms: number; errors: number }> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  return { requestsPerSecond: round(result.requests.average, 0), p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve') return serveChild(process.argv[3]!);
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const total = Math.round(1_000_000 * scale);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-bench-search-'));
  const file = path.join(dir, 'search.db');
  const pools = loadPools(path.join(DATA, 'corpus.jsonl'));
  const handle = openDatabase(file);
  await migrateToLatest(handle.db);
  console.error(`building the index of ${total.toLocaleString()} achievements in ${file}`);

  // 1. Build.
  const started = performance.now();
  let chars = 0;
  const CHUNK = 50_000;
  for (let from = 0; from < total; from += CHUNK) {
    const docs: SearchDocument[] = [];
    for (let i = from; i < Math.min(total, from + CHUNK); i++) {
      const d = benchDocument(pools, SEED, i);
      chars += d.title.length + d.body.length;
      docs.push(d);
    }
    await handle.db.transaction().execute((trx) => indexDocuments(trx, 'sqlite', docs, handle.sqlite));
    process.stderr.write(`  ${Math.min(total, from + CHUNK).toLocaleString()} (${round((performance.now() - started) / 1000)} s)\n`);
  }
  handle.sqlite!.exec("insert into search_fts_achievement(search_fts_achievement) values('optimize')");
  const buildSeconds = round((performance.now() - started) / 1000);
  const fileMb = round(fs.statSync(file).size / 2 ** 20, 0);
  console.error(`built in ${buildSeconds} s, ${fileMb} MB, peak RSS ${peakRssMb()} MB`);

  // 2. Latency of the whole search, in process.
  const { titles, keywords } = readQueries();
  // The real records' queries still find them among the generated ones: quality at scale.
  const latency = async (queries: Query[]) => {
    for (const q of queries.slice(0, 20)) await searchListings(readSource(handle), { kind: 'achievement', q: q.query, limit: 10 }); // warm-up
    const ms: number[] = [];
    const steps: Record<string, number> = {};
    const judged: Judged[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      const result = await searchListings(readSource(handle), { kind: 'achievement', q: q.query, limit: 10 }, (step, t) => (steps[step] = (steps[step] ?? 0) + t));
      ms.push(performance.now() - t0);
      judged.push({ queryId: q.query_id, relevant: q.relevant, results: result.hits.map((h) => h.externalId ?? '') });
    }
    ms.sort((a, b) => a - b);
    const quality = mrrAndRecall(judged);
    return {
      queries: ms.length,
      p50: round(percentile(ms, 50), 2),
      p95: round(percentile(ms, 95), 2),
      p99: round(percentile(ms, 99), 2),
      max: round(ms[ms.length - 1]!, 2),
      meanStepMs: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, round(v / ms.length, 2)])),
      mrrAt10: round(quality.mrr, 3),
      recallAt10: round(quality.recall, 3),
    };
  };
  const titleLatency = await latency(titles);
  const keywordLatency = await latency(keywords);
  console.error('title queries ms', titleLatency, 'keyword queries ms', keywordLatency);
  // Browsing without text (the market's landing page): the first read after a change of the index,
  // then warm pages with and without filters.
  const browseStarted = performance.now();
  await searchListings(readSource(handle), { kind: 'achievement', limit: 10 });
  const browseFirstMs = round(performance.now() - browseStarted, 0);
  const browseMs: number[] = [];
  const fields = ['new_materials', 'advanced_manufacturing', 'agriculture', 'electronic_information'];
  for (let i = 0; i < 100; i++) {
    const filters = i % 3 === 0 ? {} : i % 3 === 1 ? { field: [fields[i % 4]!] } : { field: [fields[i % 4]!], mode: ['license'] };
    const t0 = performance.now();
    await searchListings(readSource(handle), { kind: 'achievement', limit: 10, offset: (i % 10) * 10, filters });
    browseMs.push(performance.now() - t0);
  }
  browseMs.sort((a, b) => a - b);
  const browseLatency = { firstAfterChangeMs: browseFirstMs, p50: round(percentile(browseMs, 50), 2), p95: round(percentile(browseMs, 95), 2), max: round(browseMs[browseMs.length - 1]!, 2) };
  console.error('browse ms', browseLatency);
  await handle.close();

  // 3. HTTP throughput against a fixed answer, the server in a child process.
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (b: Buffer) => resolve(JSON.parse(b.toString()).port));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const searchPaths = [...titles, ...keywords].map((q) => `/api/public/market/search?q=${encodeURIComponent(q.query)}`);
  const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
  const fixedHttp = await load(base, ['/bench/fixed'], seconds);
  const searchHttp = await load(base, searchPaths, seconds);
  child.kill();
  console.error('http', { fixed: fixedHttp, search: searchHttp });

  const results = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`,
    listings: total,
    textCharacters: chars,
    build: { seconds: buildSeconds, fileMb, peakRssMb: peakRssMb(), targetSeconds: 300 },
    titleQueriesMs: { ...titleLatency, targetP95: 50 },
    keywordQueriesMs: { ...keywordLatency, targetP95: 50 },
    browseMs: browseLatency,
    http: { connections: 50, seconds, fixed: fixedHttp, search: searchHttp, ratio: round(searchHttp.requestsPerSecond / fixedHttp.requestsPerSecond, 3) },
  };
  console.log(JSON.stringify(results, null, 2));
  const out = path.join(HERE, 'results', `search-${results.date.slice(0, 10)}${scale === 1 ? '' : `-scale${scale}`}.json`);
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.error(`results written to ${path.relative(process.cwd(), out)}`);
  if (process.env.BENCH_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
}

await main();
