/**
 * The registry benchmark (`npm run bench`): generates a seeded national-scale registry as CSV files
 * (bench/generate.ts), imports it through the CLI's path (readTable + importTable with a system
 * actor) into a fresh SQLite database and then a fresh, uniquely named PostgreSQL database, and
 * measures registry search (listOrganizations). Prints a table and writes the same figures to
 * bench/results/registry-<date>.json.
 *
 * The parent creates and finally drops each database. The import runs in a child process of its
 * own (so its peak RSS is its own), and each search query kind in another, which is killed when it
 * runs past its time limit (a query plan can make one call take hours at full scale), keeping the
 * calls that finished. The report also shows each query kind's plan.
 *
 *   BENCH_SCALE=0.01      fraction of the national scale (default 1: 500,000 organizations)
 *   BENCH_SEED=…          generator seed (default DEFAULT_SEED)
 *   BENCH_DIALECTS=sqlite comma list of sqlite,postgres (default both; PostgreSQL is skipped with a
 *                         message when unreachable — its URL as in server/testing/databases.ts)
 *   BENCH_KINDS=organizations  import only these kinds (in the import order)
 *   BENCH_SEARCH_CALLS=100     timed calls per query kind, after up to 10 warm-up calls
 *   BENCH_SEARCH_LIMIT_S=150   time limit of one query kind (warm-up included)
 *   BENCH_SEARCH=0        import only, no search
 *   BENCH_CPU_PROF=1      write a V8 CPU profile of each import to bench/results/prof/
 *                         (summarize with `npx tsx bench/profile-summary.ts <file>`)
 *   BENCH_SQL_TIMING=1    diagnostic: time every SQL statement of the import by shape (a Kysely
 *                         plugin on the database as openDatabase opens it)
 *   BENCH_SQLITE_PRAGMAS="cache_size=-262144"  experiment: pragmas set on the SQLite import
 *                         connection before importing (not what the CLI does; the run is labelled)
 *   BENCH_KEEP=1          keep the generated CSV folder
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  type CompiledQuery,
  type DatabaseConnection,
  DeleteQueryNode,
  DummyDriver,
  InsertQueryNode,
  Kysely,
  type KyselyPlugin,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryId,
  type RootOperationNode,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  UpdateQueryNode,
  sql,
} from 'kysely';
import { type Ctx, systemActor, systemClock } from '../server/context.js';
import { openDatabase } from '../server/db/create-db.js';
import type { Database } from '../server/db/schema.js';
import { AppError } from '../server/errors.js';
import { type ImportKind, importTable } from '../server/modules/registry/import/import-table.js';
import { IMPORT_KINDS } from '../server/modules/registry/import/kinds.js';
import { readTable } from '../server/modules/registry/import/read-table.js';
import { type OrganizationQuery, listOrganizations } from '../server/modules/registry/organizations.js';
import { createProtector, loadDataKey } from '../server/modules/registry/protect.js';
import { createTestDatabase, postgresReachable, postgresServerUrl } from '../server/testing/databases.js';
import {
  DEFAULT_SEED,
  type Generated,
  type GeneratedFile,
  type KindName,
  type SearchKind,
  type Sizes,
  generateRegistry,
  searchQueryAt,
  sizesFor,
} from './generate.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(HERE, 'results');
const TARGET_SECONDS = 60;
const JURISDICTION = process.env.TT_JURISDICTION ?? '410411';
const SEARCH_KINDS: SearchKind[] = ['name', 'uscc', 'kind_division', 'qualification'];
const WARM_UP_CALLS = 10;
/** Warm-up stops early once it has taken this long. */
const WARM_UP_BUDGET_MS = 15_000;
/** Timed calls stop early (after at least MIN_CALLS) once they have taken this long. */
const CALLS_BUDGET_MS = 60_000;
const MIN_CALLS = 20;

type Dialect = 'sqlite' | 'postgres';

interface KindResult {
  kind: KindName;
  rows: number;
  created: number;
  /** Seconds: fs.readFileSync + readTable (decode, CSV parse, cells). */
  readSeconds: number;
  /** importTable until the kind's apply starts: permission, headers, zod per row, duplicates, BEGIN. */
  validateSeconds: number;
  /** The kind's apply: reference checks, inserts, audit events. */
  applySeconds: number;
  /** After apply: the import's own audit event and COMMIT. */
  commitSeconds: number;
  totalSeconds: number;
  /** CPU the import process used meanwhile (user, system): with a busy machine, wall time exceeds it. */
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  rowsPerSecond: number;
  /** The import process's peak RSS so far (MB). */
  peakRssMb: number;
  heapUsedMb: number;
  /** With BENCH_SQL_TIMING=1: time per statement shape, from compilation to result. */
  sql?: SqlTiming[];
}

interface SqlTiming {
  statement: string;
  count: number;
  seconds: number;
}

interface SearchResult {
  query: SearchKind;
  example: Record<string, unknown>;
  warmUpCalls: number;
  calls: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  meanMs: number | null;
  maxMs: number | null;
  /** Mean `total` the searches found (a credit code finds 1). */
  meanTotal: number | null;
  /** Killed at the time limit; the figures cover the calls that finished. */
  timedOut: boolean;
  limitSeconds: number;
  /** The database's plan for the count query and the page query of the example. */
  plan: string[][];
}

interface ImportResult {
  kinds: KindResult[];
  peakRssMb: number;
  cpuProfile?: string;
}

interface DialectResult extends ImportResult {
  dialect: Dialect;
  database: string;
  importSeconds: number;
  databaseSizeMb: number;
  search: SearchResult[];
}

interface ImportJob {
  task: 'import';
  url: string;
  files: GeneratedFile[];
  out: string;
}

interface SearchJob {
  task: 'search';
  url: string;
  seed: number;
  sizes: Sizes;
  kind: SearchKind;
  calls: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const hidePassword = (url: string) => url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!, 1);
}

/** The context server/cli/main.ts builds: the jurisdiction's system actor and the system clock. */
function benchCtx(handle: { db: Ctx['db']; dialect: Ctx['dialect']; sqlite?: Ctx['sqlite'] }): Ctx {
  // The CLI takes the data key from TT_DATA_KEY or ./data/secret.key (creating it); the benchmark
  // never writes that file: without TT_DATA_KEY it uses a fixed throwaway key.
  const key = process.env.TT_DATA_KEY ? loadDataKey() : crypto.createHash('sha256').update('techtransfer bench').digest();
  return {
    db: handle.db,
    dialect: handle.dialect,
    actor: systemActor(JURISDICTION, 'cli:bench'),
    ip: null,
    clock: systemClock,
    protector: createProtector(key),
    sqlite: handle.sqlite,
  };
}

// ---------------------------------------------------------------------------------------------
// Child: the import

async function importOne(ctx: Ctx, file: GeneratedFile): Promise<KindResult> {
  const kind = IMPORT_KINDS[file.kind] as unknown as ImportKind<unknown>;
  let applyStart = 0;
  let applyEnd = 0;
  // The same kind with its apply timed; importTable itself is the CLI's.
  const timed: ImportKind<unknown> = {
    ...kind,
    async apply(c, trx, rows, progress) {
      applyStart = performance.now();
      try {
        return await kind.apply(c, trx, rows, progress);
      } finally {
        applyEnd = performance.now();
      }
    },
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const table = await readTable(fs.readFileSync(file.file), 'csv');
  const t1 = performance.now();
  const counts = await importTable(ctx, timed, table);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const total = (t2 - t0) / 1000;
  return {
    kind: file.kind,
    rows: counts.total,
    created: counts.created,
    readSeconds: round((t1 - t0) / 1000),
    validateSeconds: round((applyStart - t1) / 1000),
    applySeconds: round((applyEnd - applyStart) / 1000),
    commitSeconds: round((t2 - applyEnd) / 1000),
    totalSeconds: round(total),
    cpuUserSeconds: round(cpu.user / 1e6),
    cpuSystemSeconds: round(cpu.system / 1e6),
    rowsPerSecond: Math.round(counts.total / total),
    peakRssMb: peakRssMb(),
    heapUsedMb: mb(process.memoryUsage().heapUsed),
  };
}

/**
 * Diagnostic only (BENCH_SQL_TIMING=1): a Kysely plugin timing each statement from its compilation
 * to its result, by shape ("insert into organization", "select from organization" …). It rides on
 * the database exactly as openDatabase opens it; BEGIN and COMMIT are not statements it sees (the
 * commit is the "commit" phase).
 */
function statementTimer(timings: Map<string, SqlTiming>): KyselyPlugin {
  const started = new Map<QueryId, { shape: string; at: number }>();
  const shapeOf = (node: RootOperationNode): string => {
    const name = (table: unknown) => (table as { table?: { identifier?: { name?: string } } } | undefined)?.table?.identifier?.name ?? '?';
    if (InsertQueryNode.is(node)) return `insert into ${name(node.into)}`;
    if (UpdateQueryNode.is(node)) return `update ${name(node.table)}`;
    if (DeleteQueryNode.is(node)) return `delete from ${name(node.from.froms[0])}`;
    if (SelectQueryNode.is(node)) return `select from ${name(node.from?.froms[0])}`;
    return node.kind;
  };
  return {
    transformQuery({ node, queryId }) {
      started.set(queryId, { shape: shapeOf(node), at: performance.now() });
      return node;
    },
    async transformResult({ result, queryId }) {
      const s = started.get(queryId);
      if (s) {
        started.delete(queryId);
        const t = timings.get(s.shape) ?? { statement: s.shape, count: 0, seconds: 0 };
        t.count++;
        t.seconds += (performance.now() - s.at) / 1000;
        timings.set(s.shape, t);
      }
      return result;
    },
  };
}

function sqlitePragmas(): string[] {
  const text = process.env.BENCH_SQLITE_PRAGMAS?.trim();
  if (!text) return [];
  return text.split(/[;,]/).map((p) => p.trim()).filter(Boolean).map((p) => {
    if (!/^\w+\s*=\s*-?\w+$/.test(p)) throw new Error(`BENCH_SQLITE_PRAGMAS: "${p}" is not name=value`);
    return p;
  });
}

async function importChild(job: ImportJob): Promise<void> {
  const timings = process.env.BENCH_SQL_TIMING === '1' ? new Map<string, SqlTiming>() : undefined;
  const opened = openDatabase(job.url);
  const handle = timings ? { ...opened, db: opened.db.withPlugin(statementTimer(timings)) } : opened;
  const log = (line: string) => console.error(`[${handle.dialect}] ${line}`);
  try {
    // Experiment knob: SQLite pragmas for the import connection, e.g. cache_size=-262144.
    for (const pragma of handle.dialect === 'sqlite' ? sqlitePragmas() : []) {
      await sql.raw(`pragma ${pragma}`).execute(handle.db);
      log(`pragma ${pragma}`);
    }
    const ctx = benchCtx(handle);
    const kinds: KindResult[] = [];
    for (const file of job.files) {
      log(`importing ${file.kind} (${file.rows.toLocaleString('en')} rows) …`);
      timings?.clear();
      const result = await importOne(ctx, file);
      if (timings) {
        result.sql = [...timings.values()].map((t) => ({ ...t, seconds: round(t.seconds) })).sort((a, b) => b.seconds - a.seconds);
      }
      log(`  ${result.totalSeconds} s, ${result.rowsPerSecond.toLocaleString('en')} rows/s, peak RSS ${result.peakRssMb} MB`);
      kinds.push(result);
    }
    const out: ImportResult = { kinds, peakRssMb: peakRssMb() };
    fs.writeFileSync(job.out, JSON.stringify(out));
  } catch (error) {
    if (error instanceof AppError) {
      log(`${error.code}: ${error.message}`);
      for (const d of (error.options.details ?? []).slice(0, 20)) log(`  line ${d.line} ${d.column ?? ''} ${d.value ?? ''}: ${d.reason}`);
    }
    throw error;
  } finally {
    await opened.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Child: one search query kind. Reports each call on stdout, so a kill keeps what finished.

const emit = (event: { phase: 'warm' | 'call'; ms: number; total: number }) => process.stdout.write(`BENCH ${JSON.stringify(event)}\n`);

async function searchChild(job: SearchJob): Promise<void> {
  const handle = openDatabase(job.url);
  try {
    const ctx = benchCtx(handle);
    const timedCall = async (query: OrganizationQuery) => {
      const t = performance.now();
      const result = await listOrganizations(ctx, query);
      return { ms: performance.now() - t, total: result.total };
    };
    const warmUpEnd = performance.now() + WARM_UP_BUDGET_MS;
    for (let i = 0; i < WARM_UP_CALLS && performance.now() < warmUpEnd; i++) {
      emit({ phase: 'warm', ...(await timedCall(searchQueryAt(job.seed, job.sizes, job.kind, 100_000 + i).query)) });
    }
    const callsEnd = performance.now() + CALLS_BUDGET_MS;
    for (let i = 0; i < job.calls; i++) {
      emit({ phase: 'call', ...(await timedCall(searchQueryAt(job.seed, job.sizes, job.kind, i).query)) });
      if (i + 1 >= MIN_CALLS && performance.now() > callsEnd) break;
    }
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Query plans: listOrganizations runs against a driver that only records the SQL it is given,
// then the real database explains each statement.

class RecordingDriver extends DummyDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    return {
      // The count query gets its one row; the page query none.
      executeQuery: async (q) => ({ rows: (/count\(\*\)/.test(q.sql) ? [{ total: 0 }] : []) as never[] }),
      streamQuery: async function* () {
        return;
      },
    };
  }
}

async function queryPlans(handle: { db: Ctx['db']; dialect: Dialect }, query: OrganizationQuery): Promise<string[][]> {
  const recorded: CompiledQuery[] = [];
  const sqlite = handle.dialect === 'sqlite';
  const recorder = new Kysely<Database>({
    dialect: {
      createAdapter: () => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
      createDriver: () => new RecordingDriver(),
      createIntrospector: (db) => (sqlite ? new SqliteIntrospector(db) : new PostgresIntrospector(db)),
      createQueryCompiler: () => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
    },
    log: (event) => {
      if (event.level === 'query') recorded.push(event.query);
    },
  });
  await listOrganizations({ ...benchCtx(handle), db: recorder }, query);
  await recorder.destroy();
  const plans: string[][] = [];
  for (const q of recorded) {
    const explain = sqlite ? `explain query plan ${q.sql}` : `explain ${q.sql}`;
    const { rows } = await handle.db.executeQuery<Record<string, unknown>>({ ...q, sql: explain, query: q.query });
    plans.push(rows.map((r) => (sqlite ? String(r.detail) : String(r['QUERY PLAN']).replace(/\s+\(cost=[^)]*\)/, ''))));
  }
  return plans;
}

// ---------------------------------------------------------------------------------------------
// Parent

function spawnChild(job: ImportJob | SearchJob, extraArgs: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawn(process.execPath, [...process.execArgv, ...extraArgs, fileURLToPath(import.meta.url), 'child', JSON.stringify(job)], {
    stdio: ['ignore', job.task === 'search' ? 'pipe' : 'inherit', 'inherit'],
    env,
  });
}

function exited(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function runImport(url: string, files: GeneratedFile[], workDir: string, profileDir: string | undefined, dialect: Dialect): Promise<ImportResult> {
  const out = path.join(workDir, `import-${dialect}.json`);
  const profileName = `registry-import-${dialect}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${profileName}`] : [];
  const code = await exited(spawnChild({ task: 'import', url, files, out }, profiling));
  if (code !== 0 || !fs.existsSync(out)) throw new Error(`the ${dialect} import failed (exit ${code}); see the output above`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as ImportResult;
  return profileDir ? { ...result, cpuProfile: path.relative(process.cwd(), path.join(profileDir, profileName)) } : result;
}

async function runSearch(
  handle: { db: Ctx['db']; dialect: Dialect; url: string },
  job: Omit<SearchJob, 'task' | 'url'>,
  limitSeconds: number,
): Promise<SearchResult> {
  const { page: _p, pageSize: _s, ...example } = searchQueryAt(job.seed, job.sizes, job.kind, 0).query;
  const plan = await queryPlans(handle, searchQueryAt(job.seed, job.sizes, job.kind, 0).query);
  // A PostgreSQL statement still running at the kill is cancelled by the server itself.
  const env = handle.dialect === 'postgres' ? { ...process.env, PGOPTIONS: `-c statement_timeout=${limitSeconds * 1000}` } : process.env;
  const child = spawnChild({ task: 'search', url: handle.url, ...job }, [], env);
  const warm: number[] = [];
  const calls: { ms: number; total: number }[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('BENCH ')) return console.log(line);
    const event = JSON.parse(line.slice(6)) as { phase: 'warm' | 'call'; ms: number; total: number };
    if (event.phase === 'warm') warm.push(event.ms);
    else calls.push(event);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, limitSeconds * 1000);
  const code = await exited(child);
  clearTimeout(timer);
  if (code !== 0 && !timedOut) throw new Error(`the ${handle.dialect} search (${job.kind}) failed (exit ${code})`);
  const sorted = calls.map((c) => c.ms).sort((a, b) => a - b);
  return {
    query: job.kind,
    example,
    warmUpCalls: warm.length,
    calls: calls.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    meanMs: calls.length ? round(sorted.reduce((a, b) => a + b, 0) / calls.length, 1) : null,
    maxMs: percentile(sorted, 100),
    meanTotal: calls.length ? round(calls.reduce((a, c) => a + c.total, 0) / calls.length, 1) : null,
    timedOut,
    limitSeconds,
    plan,
  };
}

async function databaseSizeMb(handle: { db: Ctx['db']; dialect: Dialect; url: string }): Promise<number> {
  if (handle.dialect === 'sqlite') {
    const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
    return mb(size(handle.url) + size(`${handle.url}-wal`));
  }
  const { rows } = await sql<{ size: string }>`select pg_database_size(current_database()) as size`.execute(handle.db);
  return mb(Number(rows[0]!.size));
}

interface RunOptions {
  seed: number;
  sizes: Sizes;
  files: GeneratedFile[];
  workDir: string;
  profileDir: string | undefined;
  searchCalls: number;
  searchLimitSeconds: number;
  search: boolean;
}

async function benchDialect(dialect: Dialect, o: RunOptions): Promise<DialectResult> {
  const handle = await createTestDatabase(dialect);
  const log = (line: string) => console.error(`[${dialect}] ${line}`);
  try {
    log(`database ${hidePassword(handle.description)}`);
    const imported = await runImport(handle.url, o.files, o.workDir, o.profileDir, dialect);
    const search: SearchResult[] = [];
    for (const kind of o.search ? SEARCH_KINDS : []) {
      log(`searching: ${kind} …`);
      const r = await runSearch(handle, { seed: o.seed, sizes: o.sizes, kind, calls: o.searchCalls }, o.searchLimitSeconds);
      log(`  p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms over ${r.calls} calls${r.timedOut ? ` (killed at ${r.limitSeconds} s)` : ''}`);
      search.push(r);
    }
    return {
      dialect,
      database: hidePassword(handle.description),
      ...imported,
      importSeconds: round(imported.kinds.reduce((s, k) => s + k.totalSeconds, 0)),
      databaseSizeMb: await databaseSizeMb(handle),
      search,
    };
  } finally {
    await handle.drop();
  }
}

function table(headers: string[], rows: (string | number | null)[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const text = (c: string | number | null) => (c === null ? '—' : typeof c === 'number' ? c.toLocaleString('en') : c);
  const cells = [headers, ...rows.map((r) => r.map(text))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const pad = (c: string, i: number) => (i === 0 ? c + ' '.repeat(widths[i]! - width(c)) : ' '.repeat(widths[i]! - width(c)) + c);
  return [cells[0]!.map(pad).join('  '), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map((r) => r.map(pad).join('  '))].join('\n');
}

function report(generated: Generated, results: Record<string, DialectResult | { skipped: string }>): string {
  const out: string[] = [];
  out.push(`Generated in ${round(generated.seconds, 1)} s (seed ${generated.seed}):`);
  out.push(table(['file', 'rows', 'MB'], generated.files.map((f) => [path.basename(f.file), f.rows, mb(f.bytes)])));
  for (const [dialect, r] of Object.entries(results)) {
    out.push('');
    if ('skipped' in r) {
      out.push(`${dialect}: skipped — ${r.skipped}`);
      continue;
    }
    out.push(`${dialect} — import ${r.importSeconds} s in all, database ${r.databaseSizeMb} MB, import process peak RSS ${r.peakRssMb} MB`);
    out.push(
      table(
        ['kind', 'rows', 'read s', 'validate s', 'apply s', 'commit s', 'total s', 'CPU user+sys s', 'rows/s', 'peak RSS MB'],
        r.kinds.map((k) => [
          k.kind, k.rows, k.readSeconds, k.validateSeconds, k.applySeconds, k.commitSeconds, k.totalSeconds,
          `${k.cpuUserSeconds}+${k.cpuSystemSeconds}`, k.rowsPerSecond, k.peakRssMb,
        ]),
      ),
    );
    for (const k of r.kinds.filter((x) => x.sql)) {
      out.push('');
      out.push(`${dialect} — ${k.kind}: time per statement, compile to result (BENCH_SQL_TIMING)`);
      out.push(table(['statement', 'count', 'seconds'], k.sql!.slice(0, 8).map((t) => [t.statement, t.count, t.seconds])));
    }
    if (r.search.length === 0) continue;
    out.push('');
    out.push(`${dialect} — listOrganizations, page 1 of 20 rows, after up to ${WARM_UP_CALLS} warm-up calls`);
    out.push(
      table(
        ['query', 'calls', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean total', 'example'],
        r.search.map((s) => [
          s.query + (s.timedOut ? ` (killed at ${s.limitSeconds} s)` : ''),
          s.calls,
          s.p50Ms,
          s.p95Ms,
          s.p99Ms,
          s.maxMs,
          s.meanTotal,
          JSON.stringify(s.example),
        ]),
      ),
    );
    out.push('');
    out.push(`${dialect} — plans (count query | page query)`);
    for (const s of r.search) out.push(`  ${s.query}: ${s.plan.map((p) => p.map((line) => line.trim()).join(' / ')).join('  |  ')}`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  if (!(scale > 0)) throw new Error(`BENCH_SCALE must be a positive number, not ${process.env.BENCH_SCALE}`);
  const seed = Number(process.env.BENCH_SEED ?? DEFAULT_SEED);
  const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as Dialect[];
  const onlyKinds = process.env.BENCH_KINDS?.split(',').map((k) => k.trim());
  const profileDir = process.env.BENCH_CPU_PROF === '1' ? path.join(RESULTS_DIR, 'prof') : undefined;
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });

  const sizes = sizesFor(scale);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-bench-'));
  const results: Record<string, DialectResult | { skipped: string }> = {};
  let failed = false;
  try {
    const loadAtStart = os.loadavg().map((l) => round(l));
    console.error(`generating scale ${scale} (${sizes.organizations.toLocaleString('en')} organizations) in ${workDir} …`);
    const generated = generateRegistry(path.join(workDir, 'csv'), sizes, seed);
    const generatorPeakRssMb = peakRssMb();
    const options: RunOptions = {
      seed,
      sizes,
      files: generated.files.filter((f) => !onlyKinds || onlyKinds.includes(f.kind)),
      workDir,
      profileDir,
      searchCalls: Number(process.env.BENCH_SEARCH_CALLS ?? '100'),
      searchLimitSeconds: Number(process.env.BENCH_SEARCH_LIMIT_S ?? '150'),
      search: process.env.BENCH_SEARCH !== '0',
    };
    for (const dialect of dialects) {
      if (dialect === 'postgres' && !(await postgresReachable())) {
        results.postgres = { skipped: `PostgreSQL at ${hidePassword(postgresServerUrl())} is unreachable (set TEST_POSTGRES_URL to benchmark it)` };
        console.error(`postgres: skipped — ${results.postgres.skipped}`);
        continue;
      }
      try {
        results[dialect] = await benchDialect(dialect, options);
      } catch (error) {
        failed = true;
        results[dialect] = { skipped: `failed: ${(error as Error).message}` };
        console.error(error);
      }
    }

    console.log(`\n${report(generated, results)}`);
    console.log(`\nLoad average (1/5/15 min) at start ${loadAtStart.join(' ')}, at end ${os.loadavg().map((l) => round(l)).join(' ')} on ${os.cpus().length} CPUs`);
    const sqliteResult = results.sqlite && !('skipped' in results.sqlite) ? results.sqlite : undefined;
    const orgSeconds = sqliteResult?.kinds.find((k) => k.kind === 'organizations')?.totalSeconds;
    const target = {
      description: `500,000 organizations imported from CSV in under ${TARGET_SECONDS} s on SQLite`,
      applies: scale === 1,
      organizationsSeconds: orgSeconds ?? null,
      met: scale === 1 && orgSeconds !== undefined ? orgSeconds < TARGET_SECONDS : null,
    };
    if (target.met !== null) console.log(`\nTarget: ${target.description} — ${target.met ? 'met' : 'MISSED'} (${orgSeconds} s)`);

    const date = new Date().toISOString().slice(0, 10);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // Only the plain national-scale run is registry-<date>.json; partial or diagnostic runs say what they are.
    const variant = [
      scale !== 1 ? `scale${scale}` : '',
      process.env.BENCH_DIALECTS ? dialects.join('+') : '',
      onlyKinds ? onlyKinds.join('+') : '',
      !options.search ? 'nosearch' : '',
      profileDir || process.env.BENCH_SQL_TIMING === '1' ? 'profile' : '',
      sqlitePragmas().length ? 'pragmas' : '',
    ].filter(Boolean);
    const file = path.join(RESULTS_DIR, `registry-${date}${variant.map((v) => `-${v}`).join('')}.json`);
    const cpus = os.cpus();
    const json = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model ?? '',
        memoryMb: mb(os.totalmem()),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        /** 1/5/15-minute load averages: other work on the machine slows every figure here. */
        loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((l) => round(l)) },
      },
      scale,
      seed,
      sizes,
      ...(sqlitePragmas().length ? { sqlitePragmas: sqlitePragmas() } : {}),
      generation: {
        seconds: round(generated.seconds, 1),
        peakRssMb: generatorPeakRssMb,
        files: generated.files.map((f) => ({ kind: f.kind, rows: f.rows, mb: mb(f.bytes) })),
      },
      target,
      results,
    };
    fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
  } finally {
    if (process.env.BENCH_KEEP === '1') console.error(`kept ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[2] === 'child') {
  const job = JSON.parse(process.argv[3]!) as ImportJob | SearchJob;
  await (job.task === 'import' ? importChild(job) : searchChild(job)).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
} else {
  await main();
}
