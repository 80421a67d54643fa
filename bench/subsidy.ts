/**
 * `npm run bench:subsidy`: a national-scale year — 1,000,000 contracts, ~2,000,000 payments,
 * 200,000 organizations, 20,000 brokers — generated deterministically, then:
 *   1. the pure engine over the facts in memory (contracts per second);
 *   2. the facts written to the database (SQLite, then PostgreSQL in a database made for the run
 *      and dropped after), then tidied as a live database is (WAL checkpoint; vacuum and analyze);
 *   3. the whole settlement from the database under zhanhe-2022, traces stored, in a child process
 *      (wall time and its peak RSS), twice — the result hash must repeat;
 *   4. one beneficiary's full explanation as the API serves it (query + Chinese lines), p50/p95.
 * Targets on this 2-core machine: settlement < 20 s on SQLite with peak memory < 2 GB; engine
 * ≥ 1,000,000 contracts/s; explanation p95 < 20 ms. BENCH_SCALE=0.1 for a quick run,
 * BENCH_DIALECTS=sqlite to skip PostgreSQL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemActor, systemClock, type Ctx } from '../server/context.js';
import { openDatabase, type Dialect } from '../server/db/create-db.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { computeSubsidies } from '../server/modules/subsidies/engine.js';
import type { SubsidyWorld } from '../server/modules/subsidies/model.js';
import { explainAward } from '../server/modules/subsidies/explain.js';
import { builtInPolicy } from '../server/modules/subsidies/policy.js';
import { getAwardExplanation, runSettlement, type SettlementRun } from '../server/modules/subsidies/settlement.js';
import { createProtector } from '../server/modules/registry/protect.js';
import { postgresReachable, postgresServerUrl } from '../server/testing/databases.js';
import { storeWorld } from './subsidy-store.js';
import { FULL_SCALE, generateSubsidyWorld } from './subsidy-world.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(HERE, 'results');
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024, 0);

function benchCtx(handle: ReturnType<typeof openDatabase>): Ctx {
  return { db: handle.db, dialect: handle.dialect, actor: systemActor('410411', 'bench'), ip: null, clock: systemClock, protector: createProtector(Buffer.alloc(32, 7)), ...(handle.sqlite ? { sqlite: handle.sqlite } : {}) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Child: one settlement of the database at `url`; prints its timing and peak RSS as JSON. */
async function settleChild(url: string): Promise<void> {
  const handle = openDatabase(url);
  const started = performance.now();
  const phasesMs: Record<string, number> = {};
  const run = await runSettlement(benchCtx(handle), { policy: 'zhanhe-2022', year: 2023 }, (phase, ms) => (phasesMs[phase] = ms));
  const seconds = (performance.now() - started) / 1000;
  await handle.close();
  process.stdout.write(`${JSON.stringify({ seconds: round(seconds, 2), peakRssMb: peakRssMb(), phasesMs, run })}\n`);
}

function settleInChild(url: string): Promise<{ seconds: number; peakRssMb: number; phasesMs: Record<string, number>; run: SettlementRun }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--settle', url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`settlement child exited ${code}`))));
  });
}

async function databaseUrl(dialect: Dialect, workDir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') return { url: path.join(workDir, 'bench.db'), drop: async () => {} };
  const pg = (await import('pg')).default;
  const server = postgresServerUrl();
  const name = `tt_bench_subsidy_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`drop database if exists ${name}`);
      await a.end();
    },
  };
}

async function main(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as Dialect[];
  const sizes = {
    organizations: Math.round(FULL_SCALE.organizations * scale),
    brokers: Math.round(FULL_SCALE.brokers * scale),
    contracts: Math.round(FULL_SCALE.contracts * scale),
    paymentsPerContract: FULL_SCALE.paymentsPerContract,
  };
  const policy = builtInPolicy('zhanhe-2022')!;
  let t = performance.now();
  // `let`: let go once stored, and made again for the next database (see below).
  let world: SubsidyWorld | undefined = generateSubsidyWorld(policy, sizes);
  const payments = world.contracts.reduce((s, c) => s + c.payments.length, 0);
  console.error(`generated ${sizes.contracts.toLocaleString('en')} contracts, ${payments.toLocaleString('en')} payments, ${sizes.organizations.toLocaleString('en')} organizations in ${round((performance.now() - t) / 1000)} s`);

  // 1. The pure engine.
  const engineRuns: number[] = [];
  let awards = 0;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const r = computeSubsidies(world);
    engineRuns.push((performance.now() - t) / 1000);
    awards = r.awards.length;
  }
  const sortedEngine = [...engineRuns].sort((a, b) => a - b);
  const engine = {
    seconds: engineRuns.map((s) => round(s, 2)),
    bestContractsPerSecond: Math.round(sizes.contracts / sortedEngine[0]!),
    medianContractsPerSecond: Math.round(sizes.contracts / percentile(sortedEngine, 50)),
    awards,
  };
  console.error(`engine: best ${engine.bestContractsPerSecond.toLocaleString('en')} contracts/s, median ${engine.medianContractsPerSecond.toLocaleString('en')}`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-bench-subsidy-'));
  const results: Record<string, unknown> = {};
  try {
    for (const dialect of dialects) {
      if (dialect === 'postgres' && !(await postgresReachable())) {
        results.postgres = { skipped: 'PostgreSQL unreachable' };
        continue;
      }
      // The same facts again (deterministic): the world is let go before each settlement, so the
      // settling child does not share the two cores with this process collecting garbage over
      // the 1.5 GB it no longer needs.
      world ??= generateSubsidyWorld(policy, sizes);
      const { url, drop } = await databaseUrl(dialect, workDir);
      try {
        // 2. The facts into the database.
        const handle = openDatabase(url);
        await migrateToLatest(handle.db);
        t = performance.now();
        await storeWorld(handle, world, (n) => console.error(`${dialect}: stored ${n.toLocaleString('en')} contracts`));
        const storeSeconds = round((performance.now() - t) / 1000);
        world = undefined;
        // A live database has long since tidied up after its writes; done here, so the settlement is
        // not charged with the benchmark's own bulk load: PostgreSQL vacuums and analyzes the new
        // tables (else autovacuum does it while the settlement runs), SQLite copies its 1.5 GB WAL
        // into the main file (else the settlement's first commit does).
        if (dialect === 'postgres') await handle.db.executeQuery({ sql: 'vacuum (analyze)', parameters: [], query: { kind: 'RawNode' } } as never);
        handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
        await handle.close();
        console.error(`${dialect}: stored in ${storeSeconds} s; settling …`);
        // 3. The settlement, twice.
        const first = await settleInChild(url);
        console.error(`${dialect}: settlement ${first.seconds} s, peak RSS ${first.peakRssMb} MB, ${first.run.awardCount} awards`);
        const second = await settleInChild(url);
        // 4. Explanations as the API serves them.
        const reader = openDatabase(url);
        const seqs = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7919) % Math.max(1, first.run.awardCount)));
        const times: number[] = [];
        for (const seq of seqs) {
          const s = performance.now();
          const e = await getAwardExplanation(reader.db, first.run.id, seq);
          const lines = explainAward({ to: e.beneficiaryRef, rule: e.rule, amount: e.amountYuan, trace: e.trace as never }, (r) => e.contracts[r]?.name ?? r);
          JSON.stringify({ ...e, lines });
          times.push(performance.now() - s);
        }
        await reader.close();
        times.sort((a, b) => a - b);
        const sqliteRun = (results.sqlite as { hashes?: { input: string; result: string } } | undefined)?.hashes;
        results[dialect] = {
          storeSeconds,
          hashes: { input: first.run.inputHash, result: first.run.resultHash },
          // The same facts on both databases must settle alike.
          ...(dialect === 'postgres' && sqliteRun ? { sameHashesAsSqlite: sqliteRun.input === first.run.inputHash && sqliteRun.result === first.run.resultHash } : {}),
          settlement: { seconds: first.seconds, peakRssMb: first.peakRssMb, phasesMs: first.phasesMs, awards: first.run.awardCount, exclusions: first.run.exclusionCount, totalYuan: first.run.awardTotalYuan },
          rerun: { seconds: second.seconds, sameResultHash: second.run.resultHash === first.run.resultHash, sameInputHash: second.run.inputHash === first.run.inputHash },
          explanationMs: { p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2), max: round(times.at(-1)!, 2) },
        };
        console.error(`${dialect}: ${JSON.stringify(results[dialect])}`);
      } finally {
        await drop();
      }
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  const sqlite = results.sqlite as { settlement: { seconds: number; peakRssMb: number }; explanationMs: { p95: number } } | undefined;
  const targets = {
    settlementUnder20s: sqlite ? sqlite.settlement.seconds < 20 : null,
    peakUnder2GB: sqlite ? sqlite.settlement.peakRssMb < 2048 : null,
    engineAtLeast1M: engine.bestContractsPerSecond >= 1_000_000,
    explanationP95Under20ms: sqlite ? sqlite.explanationMs.p95 < 20 : null,
    appliesAtThisScale: scale === 1,
  };
  const report = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '' }, scale, sizes: { ...sizes, payments }, engine, results, targets };
  console.log(JSON.stringify(report, null, 2));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `subsidy-${report.date.slice(0, 10)}${scale !== 1 ? `-scale${scale}` : ''}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.error(`written ${path.relative(process.cwd(), file)}`);
}

if (process.argv[2] === '--settle') await settleChild(process.argv[3]!);
else await main();
