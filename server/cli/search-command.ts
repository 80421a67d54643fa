/**
 * `techtransfer search achievements|demands "QUERY" [--limit N] [--json]` — one search, as the
 * market's search box runs it; and the batch form `--queries FILE.jsonl`, which reads lines
 * {"query_id", "query"} and prints one line per query: {"query_id": …, "results": [external_id, …]}
 * (a listing without an external id shows its own id).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { AppError } from '../errors.js';
import { FACETS, type Facet } from '../modules/search/attributes.js';
import type { SearchKind } from '../modules/search/documents.js';
import { type Filters, readSource, type SearchHit, searchListings } from '../modules/search/search.js';

type WithContext = <T>(work: (ctx: Ctx, handle: DbHandle) => Promise<T>) => Promise<T>;
type Run = (action: (...args: any[]) => Promise<number | void>) => (...args: unknown[]) => Promise<void>;

const KINDS: Record<string, SearchKind> = { achievements: 'achievement', demands: 'demand' };

function kindOf(name: string): SearchKind {
  const kind = KINDS[name];
  if (!kind) throw new AppError('VALIDATION', `不能搜索“${name}”：可搜索 ${Object.keys(KINDS).join(' | ')}`, { field: 'kind' });
  return kind;
}

function limitOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new AppError('VALIDATION', `--limit 应为 1–200 的整数，而不是“${value}”`, { field: 'limit' });
  return n;
}

/** `--filter field=04 --filter mode=license,transfer` into the search's filters. */
function filtersOf(pairs: string[]): Filters {
  const filters: Filters = {};
  for (const pair of pairs) {
    const [name, values] = pair.split('=', 2) as [string, string | undefined];
    if (!Object.hasOwn(FACETS, name) || !values) {
      throw new AppError('VALIDATION', `--filter 应写成 名称=值[,值…]，名称为 ${Object.keys(FACETS).join(' | ')}：${pair}`, { field: 'filter' });
    }
    filters[name as Facet] = values.split(',');
  }
  return filters;
}

const idOf = (hit: SearchHit) => hit.externalId ?? hit.entityId;

export function registerSearchCommands(program: Command, withContext: WithContext, run: Run): void {
  program
    .command('search <kind> [query]')
    .description('搜索技术市场（achievements | demands）：中文全文检索，按相关度排序')
    .option('--limit <n>', '返回条数（1–200）', '10')
    .option('--json', '输出 JSON')
    .option('--queries <file>', '批量：JSONL 文件，每行 {"query_id", "query"}；每个查询输出一行结果')
    .option('--filter <name=values>', '筛选，可重复：field / stage / mode / region / price / tag / industry', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--sort <order>', 'relevance 或 date', 'relevance')
    .option('--jurisdiction <code>', '辖区代码或其前缀（4104 为全市）')
    .action(run(async (kindName: string, query: string | undefined, opts: { limit: string; json?: boolean; queries?: string; filter: string[]; sort: string; jurisdiction?: string }) => {
      const kind = kindOf(kindName);
      const limit = limitOf(opts.limit);
      const filters = filtersOf(opts.filter);
      if (opts.sort !== 'relevance' && opts.sort !== 'date') throw new AppError('VALIDATION', `--sort 应为 relevance 或 date，而不是“${opts.sort}”`, { field: 'sort' });
      const request = { kind, limit, filters, sort: opts.sort as 'relevance' | 'date', jurisdiction: opts.jurisdiction };
      if (opts.queries) {
        if (query !== undefined) throw new AppError('VALIDATION', '批量查询（--queries）时不要再写查询词', { field: 'query' });
        return withContext(async (_ctx, handle) => {
          const lines = readline.createInterface({ input: fs.createReadStream(opts.queries!, 'utf8'), crlfDelay: Infinity });
          let lineNo = 0;
          for await (const line of lines) {
            lineNo += 1;
            if (!line.trim()) continue;
            let parsed: { query_id?: unknown; query?: unknown };
            try {
              parsed = JSON.parse(line);
            } catch {
              throw new AppError('VALIDATION', `${opts.queries} 第 ${lineNo} 行不是 JSON`, { field: 'queries' });
            }
            if (typeof parsed.query !== 'string') throw new AppError('VALIDATION', `${opts.queries} 第 ${lineNo} 行缺少字符串 query`, { field: 'query' });
            const result = await searchListings(readSource(handle), { ...request, q: parsed.query });
            process.stdout.write(`${JSON.stringify({ query_id: parsed.query_id ?? null, results: result.hits.map(idOf) })}\n`);
          }
        });
      }
      if (query === undefined) throw new AppError('VALIDATION', '请写查询词，或用 --queries FILE.jsonl 批量查询', { field: 'query' });
      return withContext(async (_ctx, handle) => {
        const result = await searchListings(readSource(handle), { ...request, q: query });
        if (opts.json) {
          console.log(JSON.stringify({ query, total: result.total, capped: result.capped, results: result.hits.map((h) => ({ id: idOf(h), ...h })), facets: result.facets }, null, 2));
          return;
        }
        console.log(`共 ${result.total}${result.capped ? '+' : ''} 条${result.total ? '，前 ' + result.hits.length + ' 条：' : ''}`);
        result.hits.forEach((h, i) => console.log(`${String(i + 1).padStart(3)}. ${idOf(h)}  ${h.title || h.snippet.slice(0, 40)}${h.score !== null ? `  (${h.score.toFixed(2)})` : ''}`));
      });
    }));
}
