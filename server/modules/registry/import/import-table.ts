/**
 * The import pipeline shared by every kind: map headers (Chinese or English), turn each row into
 * the kind's input, validate every row, and only when the whole file is clean apply it in one
 * transaction. One bad row and nothing is imported; the report names every bad row.
 */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { Ctx, Executor } from '../../../context.js';
import { findOrganizationsByUscc, type OrganizationRow } from '../organization-repo.js';
import { inTransaction } from '../../../context.js';
import type { Database } from '../../../db/schema.js';
import { AppError, type ErrorDetail } from '../../../errors.js';
import { audit } from '../../audit/audit.js';
import { assertCan } from '../../access/policy.js';
import type { Table } from './read-table.js';
import { findDivision, isWithinJurisdiction } from '../divisions.js';

export interface ColumnDef {
  key: string;
  zh: string;
  en: string;
  required?: boolean;
  description: string;
  example: string;
}

export interface ValidRow<T> {
  line: number;
  value: T;
  /** The columns the file has, so an update touches only those. */
  present: Set<string>;
}

export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** Called as work advances; awaiting it lets the server answer other requests meanwhile. */
export type Progress = (done: number, total: number, phase?: 'validating' | 'writing') => void | Promise<void>;

/**
 * better-sqlite3 is synchronous, so a long import would hold the event loop until it ends: no
 * other user, not even the import's own progress poll, would get an answer. Yielding a macrotask
 * between chunks keeps the server responsive.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface ImportKind<T> {
  kind: string;
  title: string;
  columns: ColumnDef[];
  schema: z.ZodType<T>;
  /** Builds the schema's input from the row's cells (keyed by column key). */
  toInput(cells: Record<string, string>): unknown;
  /** Which column a schema path's first element comes from. */
  columnOf(path: PropertyKey[]): string | undefined;
  naturalKey(value: T): string;
  /** Checks of one valid row that need server data (code tables) but no database. */
  checkRow?(value: T): { column: string; value: string; reason: string }[];
  /** Writes the rows; throws IMPORT_INVALID (with details) for rows whose references fail. */
  apply(ctx: Ctx, trx: Transaction<Database>, rows: ValidRow<T>[], progress: Progress): Promise<Omit<ImportCounts, 'total'>>;
}

export function invalid(details: ErrorDetail[]): AppError {
  details.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return new AppError('IMPORT_INVALID', `导入未执行：发现 ${new Set(details.map((d) => d.line)).size} 行错误，全部数据未导入`, { details });
}

export async function validateTable<T>(kind: ImportKind<T>, table: Table, progress: Progress = () => {}): Promise<ValidRow<T>[]> {
  const details: ErrorDetail[] = [];
  const byHeader = new Map<string, ColumnDef>();
  for (const c of kind.columns) {
    byHeader.set(c.zh, c);
    byHeader.set(c.en.toLowerCase(), c);
  }
  const headerKeys = new Map<string, string>(); // header text → column key
  for (const h of table.headers) {
    if (!h) continue;
    const col = byHeader.get(h) ?? byHeader.get(h.toLowerCase());
    if (!col) details.push({ line: 1, column: h, value: h, reason: `未知列“${h}”（可用的列见本导入的 Excel 模板）` });
    else if ([...headerKeys.values()].includes(col.key)) details.push({ line: 1, column: h, value: h, reason: `列“${col.zh}”重复` });
    else headerKeys.set(h, col.key);
  }
  const present = new Set(headerKeys.values());
  for (const c of kind.columns) {
    if (c.required && !present.has(c.key)) details.push({ line: 1, column: c.zh, reason: `缺少必填列“${c.zh}”（${c.en}）` });
  }
  if (details.length) throw invalid(details);
  if (table.rows.length === 0) throw invalid([{ line: 2, reason: '文件没有数据行' }]);

  const columnName = (key: string) => {
    const col = kind.columns.find((c) => c.key === key);
    return col ? col.zh : key;
  };
  const rows: ValidRow<T>[] = [];
  const seen = new Map<string, number>();
  for (const [index, row] of table.rows.entries()) {
    if (index % 2000 === 0) await progress(index, table.rows.length, 'validating');
    const cells: Record<string, string> = {};
    for (const [header, text] of Object.entries(row.cells)) {
      const key = headerKeys.get(header);
      if (key) cells[key] = text;
      else if (header.startsWith('#')) details.push({ line: row.line, column: header, value: text, reason: '多出的单元格（超出表头列数）' });
    }
    const parsed = kind.schema.safeParse(kind.toInput(cells));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = kind.columnOf(issue.path);
        details.push({ line: row.line, column: key ? columnName(key) : issue.path.join('.'), value: key ? (cells[key] ?? '') : undefined, reason: issue.message });
      }
      continue;
    }
    const problems = kind.checkRow?.(parsed.data) ?? [];
    for (const p of problems) details.push({ line: row.line, column: columnName(p.column), value: p.value, reason: p.reason });
    if (problems.length) continue;
    const naturalKey = kind.naturalKey(parsed.data);
    const first = seen.get(naturalKey);
    if (first !== undefined) {
      details.push({ line: row.line, column: columnName(kind.columns[0]!.key), value: naturalKey, reason: `与第 ${first} 行重复` });
      continue;
    }
    seen.set(naturalKey, row.line);
    rows.push({ line: row.line, value: parsed.data, present });
  }
  if (details.length) throw invalid(details);
  return rows;
}

/** Validates and imports a whole table atomically; returns what changed. */
export async function importTable<T>(ctx: Ctx, kind: ImportKind<T>, table: Table, progress: Progress = () => {}): Promise<ImportCounts> {
  assertCan(ctx.actor, 'registry.import');
  const rows = await validateTable(kind, table, async (done, total, phase) => {
    await progress(done, total, phase);
    await yieldToEventLoop();
  });
  return withImportCache(ctx, () =>
    inTransaction(ctx, async (trx) => {
      const counts = await kind.apply(ctx, trx, rows, async (done, total) => {
        await progress(done, total, 'writing');
        await yieldToEventLoop();
      });
      const result = { total: rows.length, ...counts };
      await audit(trx, ctx, { action: 'registry.import', subjectType: 'import', subjectId: kind.kind, after: result });
      return result;
    }),
  );
}

/** SQLite page cache (MiB) while a large import runs: one transaction touches most index pages. */
const IMPORT_CACHE_MB = Number(process.env.SQLITE_IMPORT_CACHE_MB ?? 1024);

async function withImportCache<T>(ctx: Ctx, work: () => Promise<T>): Promise<T> {
  if (!ctx.sqlite) return work();
  const previous = ctx.sqlite.pragma('cache_size', { simple: true }) as number;
  ctx.sqlite.pragma(`cache_size = -${IMPORT_CACHE_MB * 1024}`);
  try {
    return await work();
  } finally {
    ctx.sqlite.pragma(`cache_size = ${previous}`);
  }
}

/** Rows applied per step: each step's SQL stays under both databases' parameter limits. */
export const IMPORT_CHUNK = 500;

/** Applies rows a chunk at a time, reporting progress (and yielding) after each chunk. */
export async function inImportChunks<T>(rows: T[], progress: Progress, apply: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
    await apply(rows.slice(i, i + IMPORT_CHUNK));
    await progress(Math.min(i + IMPORT_CHUNK, rows.length), rows.length);
  }
}

/**
 * A row that would change a record another jurisdiction holds: an import reaches only what its
 * importer may change by hand (a district's operator cannot rewrite a sibling district's registry
 * through a file). The row error names who holds the record.
 */
export function heldElsewhere(ctx: Pick<Ctx, 'actor'>, at: { line: number; column: string; value: string }, holder: string, what: string): ErrorDetail | null {
  if (isWithinJurisdiction(ctx.actor.jurisdictionCode, holder)) return null;
  const name = findDivision(holder)?.name ?? '其他辖区';
  return { ...at, reason: `${what}由${name}管辖，不能由本辖区导入修改` };
}

export interface OrganizationReference {
  code: string | undefined;
  column: string;
  reason: string;
}

/**
 * Finds the organizations rows refer to by credit code, inside the import's transaction (so
 * organizations imported earlier in it count), and lists each row whose code is not registered.
 */
export async function lookUpOrganizations<T>(
  trx: Executor,
  rows: ValidRow<T>[],
  referencesOf: (value: T) => OrganizationReference[],
): Promise<{ byCode: Map<string, OrganizationRow>; missing: ErrorDetail[] }> {
  const codes = new Set<string>();
  for (const r of rows) for (const ref of referencesOf(r.value)) if (ref.code) codes.add(ref.code);
  const byCode = await findOrganizationsByUscc(trx, [...codes]);
  const missing: ErrorDetail[] = [];
  for (const r of rows) {
    for (const ref of referencesOf(r.value)) {
      if (ref.code && !byCode.has(ref.code)) missing.push({ line: r.line, column: ref.column, value: ref.code, reason: ref.reason });
    }
  }
  return { byCode, missing };
}

/** Splits a list cell: 电气制造；新材料 / a;b / a、b / a,b. */
export function splitList(text: string | undefined): string[] {
  if (!text) return [];
  return text.split(/[;；、,，|]/).map((s) => s.trim()).filter(Boolean);
}

/** Accepts a vocabulary code or its Chinese label; leaves unknown text for the schema to reject. */
export function fromLabel(table: Record<string, string>, text: string): string {
  if (text in table) return text;
  const found = Object.entries(table).find(([, label]) => label === text);
  return found ? found[0] : text;
}

export function optional(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

export function parseBoolean(text: string | undefined): boolean | string | undefined {
  if (!text) return undefined;
  if (['是', 'true', 'TRUE', 'yes', '1', 'Y', 'y'].includes(text)) return true;
  if (['否', 'false', 'FALSE', 'no', '0', 'N', 'n'].includes(text)) return false;
  return text;
}

export function parseNumber(text: string | undefined): number | string | undefined {
  if (!text) return undefined;
  const cleaned = text.replace(/%$/, '');
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : text;
}
