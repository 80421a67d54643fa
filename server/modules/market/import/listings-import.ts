/**
 * Import of listings (achievements, demands) from JSONL, CSV or XLSX, keyed by `external_id`:
 * a new id creates a listing — published at once, since the importer is the operator — and an id
 * already held updates the columns the file has (a JSONL line: the keys it has). All or nothing:
 * every bad row is reported (line, column, value, reason) and nothing is written. Owners are
 * named by credit code and may be left out (the listing is marked `owner_missing`).
 *
 * Fast on large files: rows are validated in memory, new listings written with the bulk path
 * (insertMany) and indexed a chunk at a time, one audit event for the whole import.
 */
import type { Transaction } from 'kysely';
import type { ListingKind } from '../../../../common/market-vocabulary.js';
import type { Ctx } from '../../../context.js';
import { inTransaction } from '../../../context.js';
import { insertMany } from '../../../db/bulk-insert.js';
import { inChunks } from '../../../db/in-chunks.js';
import type { Database } from '../../../db/schema.js';
import { AppError, type ErrorDetail } from '../../../errors.js';
import { newId } from '../../../ids.js';
import { assertCan } from '../../access/policy.js';
import { audit } from '../../audit/audit.js';
import { findOrganizationsByUscc } from '../../registry/organization-repo.js';
import { IMPORT_CHUNK, type ImportCounts, invalid, yieldToEventLoop } from '../../registry/import/import-table.js';
import { readTable } from '../../registry/import/read-table.js';
import { indexDocuments } from '../../search/index-writer.js';
import { checkAchievementRules, checkDemandRules } from '../listings.js';
import { originRegion } from '../origin-region.js';
import { type AchievementRow, type DemandRow, type ListingRow, organizationsById, OWNER_COLUMN } from '../repo.js';
import { searchDocumentOf } from '../search-documents.js';
import {
  ACHIEVEMENT_COLUMNS,
  type AchievementImportRow,
  achievementImportSchema,
  DEMAND_COLUMNS,
  type DemandImportRow,
  demandImportSchema,
  fieldOfDiscipline,
  KEY_ALIASES,
  type ListingColumn,
} from './columns.js';

export type ListingFileFormat = 'jsonl' | 'csv' | 'xlsx';

export function listingFormatOf(fileName: string): ListingFileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new AppError('VALIDATION', `不支持的文件类型：${fileName}（仅支持 .jsonl、.csv 和 .xlsx）`, { field: 'file' });
}

export const LISTING_COLUMNS: Record<ListingKind, ListingColumn[]> = { achievement: ACHIEVEMENT_COLUMNS, demand: DEMAND_COLUMNS };

/** One record of the file: its line, and its values by column key (text cells, or JSONL values). */
interface RawRecord {
  line: number;
  values: Map<string, unknown>;
}

function readJsonl(data: Buffer, columns: ListingColumn[], details: ErrorDetail[]): RawRecord[] {
  const keys = new Set(columns.map((c) => c.key));
  const records: RawRecord[] = [];
  const lines = data.toString('utf8').replace(/^\uFEFF/, '').split('\n');
  lines.forEach((text, i) => {
    const line = i + 1;
    if (!text.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      details.push({ line, reason: `不是有效的 JSON：${(error as Error).message}` });
      return;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      details.push({ line, reason: '每行应为一个 JSON 对象' });
      return;
    }
    const values = new Map<string, unknown>();
    for (const [rawKey, value] of Object.entries(parsed)) {
      const key = KEY_ALIASES[rawKey] && !(KEY_ALIASES[rawKey]! in (parsed as object)) ? KEY_ALIASES[rawKey]! : rawKey;
      if (!keys.has(key)) {
        details.push({ line, column: rawKey, reason: `未知字段“${rawKey}”（可用字段见 docs/import/）` });
        continue;
      }
      values.set(key, value);
    }
    records.push({ line, values });
  });
  return records;
}

async function readTableRecords(data: Buffer, format: 'csv' | 'xlsx', columns: ListingColumn[], details: ErrorDetail[]): Promise<RawRecord[]> {
  const table = await readTable(data, format);
  const byHeader = new Map<string, ListingColumn>();
  for (const c of columns) {
    byHeader.set(c.zh, c);
    byHeader.set(c.key.toLowerCase(), c);
  }
  const keyOf = new Map<string, string>();
  for (const h of table.headers) {
    if (!h) continue;
    const col = byHeader.get(h) ?? byHeader.get(h.toLowerCase());
    if (!col) details.push({ line: 1, column: h, value: h, reason: `未知列“${h}”（可用列见 docs/import/）` });
    else if ([...keyOf.values()].includes(col.key)) details.push({ line: 1, column: h, value: h, reason: `列“${col.zh}”重复` });
    else keyOf.set(h, col.key);
  }
  for (const c of columns) {
    if (c.required && ![...keyOf.values()].includes(c.key)) details.push({ line: 1, column: c.zh, reason: `缺少必填列“${c.zh}”（${c.key}）` });
  }
  if (details.length) return [];
  return table.rows.map((row) => {
    const values = new Map<string, unknown>();
    for (const [header, cell] of Object.entries(row.cells)) {
      const key = keyOf.get(header);
      if (key) values.set(key, cell);
      else if (header.startsWith('#')) details.push({ line: row.line, column: header, value: cell, reason: '多出的单元格（超出表头列数）' });
    }
    return { line: row.line, values };
  });
}

export interface ValidListing<T> {
  line: number;
  value: T;
  /** The input fields the record has: an update changes only these. */
  present: Set<string>;
}

/** Reads and validates a whole file; throws IMPORT_INVALID naming every bad row. */
export async function validateListingFile<K extends ListingKind>(
  kind: K,
  data: Buffer,
  format: ListingFileFormat,
): Promise<ValidListing<K extends 'achievement' ? AchievementImportRow : DemandImportRow>[]> {
  const columns = LISTING_COLUMNS[kind];
  const details: ErrorDetail[] = [];
  const records = format === 'jsonl' ? readJsonl(data, columns, details) : await readTableRecords(data, format, columns, details);
  if (details.some((d) => d.line === 1 && format !== 'jsonl')) throw invalid(details);
  if (records.length === 0 && details.length === 0) throw invalid([{ line: format === 'jsonl' ? 1 : 2, reason: '文件没有数据行' }]);
  const columnOfField = new Map(columns.map((c) => [c.field, c]));
  const schema = kind === 'achievement' ? achievementImportSchema : demandImportSchema;
  const out: ValidListing<never>[] = [];
  const seen = new Map<string, number>();
  for (const [i, r] of records.entries()) {
    if (i % 2000 === 1999) await yieldToEventLoop();
    const input: Record<string, unknown> = {};
    const present = new Set<string>();
    for (const c of columns) {
      if (!r.values.has(c.key)) continue;
      present.add(c.field);
      const v = c.parse(r.values.get(c.key));
      if (v !== undefined) input[c.field] = v;
    }
    const parsed = schema.safeParse(input);
    const cellText = (c: ListingColumn | undefined) => {
      if (!c) return undefined;
      const v = r.values.get(c.key);
      return v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
    };
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const c = columnOfField.get(String(issue.path[0]));
        details.push({ line: r.line, column: c ? c.zh : issue.path.join('.'), value: cellText(c), reason: issue.message });
      }
      continue;
    }
    const value = parsed.data as AchievementImportRow & DemandImportRow;
    try {
      if (kind === 'achievement') {
        checkAchievementRules({ priceKind: value.priceKind ?? 'negotiable', priceFen: value.priceFen, expiresOn: value.expiresOn, transferModes: value.transferModes }, null);
        if (value.priceFen !== undefined && value.priceKind === undefined) throw new AppError('VALIDATION', '填写价格时须填写价格类型（一口价或拍卖）', { field: 'priceKind' });
      } else {
        checkDemandRules(value, null);
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const c = columnOfField.get(error.options.field ?? '');
      details.push({ line: r.line, column: c?.zh, value: cellText(c), reason: error.message });
      continue;
    }
    const first = seen.get(value.externalId);
    if (first !== undefined) {
      details.push({ line: r.line, column: '外部编号', value: value.externalId, reason: `与第 ${first} 行的外部编号重复` });
      continue;
    }
    seen.set(value.externalId, r.line);
    out.push({ line: r.line, value: value as never, present });
  }
  if (details.length) throw invalid(details);
  return out as never;
}

export type ImportProgress = (done: number, total: number, phase: 'validating' | 'writing') => void | Promise<void>;

const norm = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'bigint' ? Number(v) : v);

/** The stored columns a record sets (only those it has, for an update). */
function columnsOf(kind: ListingKind, v: AchievementImportRow | DemandImportRow, present: Set<string>, ownerId: string | null): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const put = (field: string, column: string, value: unknown) => {
    if (present.has(field)) set[column] = value;
  };
  if (kind === 'achievement') {
    const a = v as AchievementImportRow;
    put('title', 'title', a.title);
    put('description', 'description', a.description);
    put('keywords', 'keywords', JSON.stringify(a.keywords));
    put('discipline', 'discipline', a.discipline ?? null);
    put('technicalField', 'technical_field', a.technicalField ?? null);
    put('industries', 'industries', JSON.stringify(a.industries));
    put('trl', 'trl', a.trl ?? null);
    put('stage', 'stage', a.stage ?? null);
    put('ipItems', 'ip_items', JSON.stringify(a.ipItems));
    put('transferModes', 'transfer_modes', JSON.stringify(a.transferModes));
    put('priceKind', 'price_kind', a.priceKind ?? null);
    put('priceFen', 'price_fen', a.priceFen ?? null);
    put('ownerUscc', 'owner_organization_id', ownerId);
    put('ownerUscc', 'owner_missing', ownerId ? 0 : 1);
    put('team', 'team', JSON.stringify(a.team));
    put('originCountry', 'origin_country', a.originCountry ?? null);
    put('tags', 'tags', JSON.stringify(a.tags));
    put('expiresOn', 'expires_on', a.expiresOn ?? null);
  } else {
    const d = v as DemandImportRow;
    put('title', 'title', d.title);
    put('problem', 'problem', d.problem);
    put('indicators', 'indicators', d.indicators);
    put('keywords', 'keywords', JSON.stringify(d.keywords));
    put('technicalField', 'technical_field', d.technicalField ?? null);
    put('industries', 'industries', JSON.stringify(d.industries));
    put('budgetMinFen', 'budget_min_fen', d.budgetMinFen ?? null);
    put('budgetMaxFen', 'budget_max_fen', d.budgetMaxFen ?? null);
    put('deadline', 'deadline', d.deadline ?? null);
    put('organizationUscc', 'organization_id', ownerId);
    put('organizationUscc', 'owner_missing', ownerId ? 0 : 1);
    put('isChallenge', 'is_challenge', d.isChallenge ? 1 : 0);
    put('rewardFen', 'reward_fen', d.rewardFen ?? null);
    put('tags', 'tags', JSON.stringify(d.tags));
  }
  return set;
}

/** A complete new row: the record's columns over the defaults. */
function newRow(ctx: Ctx, kind: ListingKind, v: AchievementImportRow | DemandImportRow, set: Record<string, unknown>, now: string): ListingRow {
  const base = {
    id: newId(), jurisdiction_code: ctx.actor.jurisdictionCode, external_id: v.externalId, title: '', keywords: '[]', technical_field: null, industries: '[]',
    owner_missing: 1, origin_region: null, tags: '[]', attachments: '[]', status: 'published', status_reason: null, is_demo: 0, version: 1,
    created_at: now, updated_at: now, submitted_at: now, published_at: now,
  };
  if (kind === 'achievement') {
    const a = v as AchievementImportRow;
    return {
      ...base, description: '', discipline: null, trl: null, stage: null, ip_items: '[]', transfer_modes: '[]', price_kind: null, price_fen: null,
      owner_organization_id: null, team: '[]', origin_country: null, expires_on: null, ...set,
      technical_field: (set.technical_field as string | null | undefined) ?? fieldOfDiscipline(a.discipline),
    } as AchievementRow;
  }
  return {
    ...base, problem: '', indicators: '', budget_min_fen: null, budget_max_fen: null, deadline: null, organization_id: null, is_challenge: 0, reward_fen: null, ...set,
  } as DemandRow;
}

/** Imports a listings file all or nothing; returns what changed. */
export async function importListings(
  ctx: Ctx,
  kind: ListingKind,
  data: Buffer,
  format: ListingFileFormat,
  progress: ImportProgress = () => {},
): Promise<ImportCounts> {
  assertCan(ctx.actor, 'market.import');
  const rows = await validateListingFile(kind, data, format);
  await progress(rows.length, rows.length, 'validating');
  return inTransaction(ctx, async (trx) => {
    const counts = await applyListings(ctx, trx, kind, rows, progress);
    const result = { total: rows.length, ...counts };
    await audit(trx, ctx, { action: 'market.import', subjectType: 'import', subjectId: kind, after: { ...result, format } });
    return result;
  });
}

async function applyListings(
  ctx: Ctx,
  trx: Transaction<Database>,
  kind: ListingKind,
  rows: ValidListing<AchievementImportRow | DemandImportRow>[],
  progress: ImportProgress,
): Promise<Omit<ImportCounts, 'total'>> {
  const usccOf = (v: AchievementImportRow | DemandImportRow) => (kind === 'achievement' ? (v as AchievementImportRow).ownerUscc : (v as DemandImportRow).organizationUscc);
  const codes = [...new Set(rows.map((r) => usccOf(r.value)).filter((c): c is string => !!c))];
  const byCode = await findOrganizationsByUscc(trx, codes);
  const details: ErrorDetail[] = [];
  const ownerColumnZh = kind === 'achievement' ? '所属机构统一社会信用代码' : '需求单位统一社会信用代码';
  for (const r of rows) {
    const code = usccOf(r.value);
    if (code && !byCode.has(code)) details.push({ line: r.line, column: ownerColumnZh, value: code, reason: '机构未登记：须已在系统中，或先导入机构' });
  }
  if (details.length) throw invalid(details);

  const jurisdiction = ctx.actor.jurisdictionCode;
  const table = kind as 'achievement';
  const ids = rows.map((r) => r.value.externalId);
  const existingRows = await inChunks(ids, 500, (chunk) =>
    trx.selectFrom(table).selectAll().where('jurisdiction_code', '=', jurisdiction).where('external_id', 'in', chunk).execute(),
  );
  const existing = new Map<string, ListingRow>(existingRows.map((r) => [r.external_id!, r as ListingRow]));
  // An export writes a listing without an external id under its own id: re-importing it finds it again.
  const byIdKeys = ids.filter((id) => !existing.has(id) && /^[0-9a-f-]{36}$/.test(id));
  if (byIdKeys.length) {
    const found = await inChunks(byIdKeys, 500, (chunk) =>
      trx.selectFrom(table).selectAll().where('jurisdiction_code', '=', jurisdiction).where('external_id', 'is', null).where('id', 'in', chunk).execute(),
    );
    for (const f of found) existing.set(f.id, f as ListingRow);
  }
  const ownerDivisions = await organizationsById(trx, [...existing.values()].map((r) => (r as Record<string, unknown>)[OWNER_COLUMN[kind]] as string | null));
  for (const o of byCode.values()) ownerDivisions.set(o.id, { id: o.id, name: o.name, kind: o.kind, division_code: o.division_code, jurisdiction_code: o.jurisdiction_code });

  const now = ctx.clock.now().toISOString();
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const created: ListingRow[] = [];
  const reindex: ListingRow[] = [];
  let done = 0;
  for (const r of rows) {
    const v = r.value;
    const code = usccOf(v);
    const ownerId = code ? byCode.get(code)!.id : null;
    const set = columnsOf(kind, v, r.present, ownerId);
    const stored = existing.get(v.externalId);
    const regionOf = (row: Record<string, unknown>) => {
      const owner = row[OWNER_COLUMN[kind]] as string | null;
      return originRegion(jurisdiction, owner ? (ownerDivisions.get(owner)?.division_code ?? null) : null, (row.origin_country as string | null | undefined) ?? null);
    };
    if (!stored) {
      const row = newRow(ctx, kind, v, set, now);
      row.origin_region = regionOf(row as unknown as Record<string, unknown>);
      created.push(row);
      counts.created++;
      continue;
    }
    const merged = { ...stored, ...set } as Record<string, unknown>;
    set.origin_region = regionOf(merged);
    const changed = Object.entries(set).some(([k, value]) => JSON.stringify(norm((stored as Record<string, unknown>)[k])) !== JSON.stringify(norm(value)));
    if (!changed) {
      counts.unchanged++;
      continue;
    }
    await trx.updateTable(table).set({ ...(set as object), updated_at: now, version: stored.version + 1 }).where('id', '=', stored.id).execute();
    counts.updated++;
    if (stored.status === 'published') reindex.push({ ...stored, ...set, updated_at: now, version: stored.version + 1 } as ListingRow);
  }

  for (let i = 0; i < created.length; i += IMPORT_CHUNK) {
    const chunk = created.slice(i, i + IMPORT_CHUNK);
    await insertMany(trx, ctx.sqlite, table, chunk as AchievementRow[]);
    await insertMany(trx, ctx.sqlite, 'listing_step', chunk.map((row) => ({
      id: newId(), listing_kind: kind, listing_id: row.id, seq: 1, from_status: null, to_status: 'published', at: now, actor_name: ctx.actor.name, reason: '导入',
    })));
    await indexDocuments(trx, ctx.dialect, chunk.map((row) => searchDocumentOf(kind, row as never)), ctx.sqlite);
    done += chunk.length;
    await progress(Math.min(done, rows.length), rows.length, 'writing');
    await yieldToEventLoop();
  }
  for (let i = 0; i < reindex.length; i += IMPORT_CHUNK) {
    await indexDocuments(trx, ctx.dialect, reindex.slice(i, i + IMPORT_CHUNK).map((row) => searchDocumentOf(kind, row as never)), ctx.sqlite);
  }
  await progress(rows.length, rows.length, 'writing');
  return counts;
}
