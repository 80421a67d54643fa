/**
 * Export of listings as JSONL, CSV (UTF-8 with BOM, so Excel opens it) or XLSX, with the import's
 * columns and vocabulary labels, so an exported file re-imports unchanged. A listing without an
 * external id is written under its own id (the import finds it again by that id). Attachments and
 * the workflow history stay out: they do not travel through files.
 */
import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import {
  ACHIEVEMENT_STAGES,
  LISTING_KINDS,
  LISTING_TAGS,
  type ListingKind,
  PRICE_KINDS,
  TRANSFER_MODES,
} from '../../../../common/market-vocabulary.js';
import { INDUSTRIES, IP_KINDS, TECH_FIELDS } from '../../../../common/vocabulary.js';
import type { Ctx } from '../../../context.js';
import { underPrefix } from '../../../db/under-prefix.js';
import { assertCan } from '../../access/policy.js';
import { yuanText } from '../../contracts/money.js';
import { jurisdictionPrefix } from '../../registry/divisions.js';
import type { AchievementRow, DemandRow, ListingRow } from '../repo.js';
import { OWNER_COLUMN } from '../repo.js';
import { type ListingFileFormat, LISTING_COLUMNS } from './listings-import.js';

const PAGE = 2000;

type Value = string | string[] | number | boolean | undefined;

const list = (json: string, label?: (c: string) => string) => (JSON.parse(json) as string[]).map((c) => (label ? label(c) : c));
const money = (fen: number | string | null) => (fen === null ? undefined : yuanText(Number(fen)));
const joined = (items: string[]) => (items.length ? items.join('；') : undefined);

/** One row as values by column key (labels for vocabularies, yuan for money). */
function valuesOf(kind: ListingKind, row: ListingRow, uscc: Map<string, string>, format: ListingFileFormat): Record<string, Value> {
  const many = (items: string[]) => (format === 'jsonl' ? (items.length ? items : undefined) : joined(items));
  const owner = (row as unknown as Record<string, string | null>)[OWNER_COLUMN[kind]];
  const common = {
    external_id: row.external_id ?? row.id,
    title: row.title,
    keywords: many(list(row.keywords)),
    technical_field: row.technical_field ? TECH_FIELDS.label(row.technical_field) : undefined,
    industries: joined(list(row.industries, INDUSTRIES.label)),
    tags: joined(list(row.tags, LISTING_TAGS.label)),
  };
  if (kind === 'achievement') {
    const a = row as AchievementRow;
    const ip = JSON.parse(a.ip_items) as { kind: string; number?: string; title?: string }[];
    const team = JSON.parse(a.team) as { name: string; role?: string }[];
    return {
      ...common,
      description: a.description,
      discipline: a.discipline ?? undefined,
      trl: a.trl === null ? undefined : format === 'jsonl' ? a.trl : String(a.trl),
      stage: a.stage ? ACHIEVEMENT_STAGES.label(a.stage) : undefined,
      ip: joined(ip.map((i) => [IP_KINDS.label(i.kind), i.number ?? '', ...(i.title ? [i.title] : [])].join(':'))),
      transfer_modes: joined(list(a.transfer_modes, TRANSFER_MODES.label)),
      price_kind: a.price_kind ? PRICE_KINDS.label(a.price_kind) : undefined,
      price: money(a.price_fen),
      owner_uscc: owner ? uscc.get(owner) : undefined,
      team: joined(team.map((m) => (m.role ? `${m.name}:${m.role}` : m.name))),
      origin_country: a.origin_country ?? undefined,
      expires_on: a.expires_on ?? undefined,
    };
  }
  const d = row as DemandRow;
  return {
    ...common,
    problem: d.problem,
    indicators: d.indicators || undefined,
    budget_min: money(d.budget_min_fen),
    budget_max: money(d.budget_max_fen),
    deadline: d.deadline ?? undefined,
    organization_uscc: owner ? uscc.get(owner) : undefined,
    is_challenge: d.is_challenge ? '是' : '否',
    reward: money(d.reward_fen),
  };
}

/** Every listing of the kind in the actor's jurisdiction, a page at a time (id order). */
async function* pages(ctx: Ctx, kind: ListingKind): AsyncGenerator<{ rows: ListingRow[]; uscc: Map<string, string> }> {
  let after = '';
  const prefix = jurisdictionPrefix(ctx.actor.jurisdictionCode);
  for (;;) {
    const rows = (await ctx.db
      .selectFrom(kind as 'achievement')
      .selectAll()
      .where(underPrefix('jurisdiction_code', prefix))
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute()) as ListingRow[];
    const owners = [...new Set(rows.map((r) => (r as unknown as Record<string, string | null>)[OWNER_COLUMN[kind]]).filter((o): o is string => !!o))];
    const orgs = owners.length ? await ctx.db.selectFrom('organization').select(['id', 'uscc']).where('id', 'in', owners).execute() : [];
    if (rows.length) yield { rows, uscc: new Map(orgs.map((o) => [o.id, o.uscc])) };
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** The whole export in memory (a district's market fits; the CLI writes it to a file). */
export async function exportListings(ctx: Ctx, kind: ListingKind, format: ListingFileFormat): Promise<{ data: Buffer; rows: number }> {
  assertCan(ctx.actor, 'market.export');
  const columns = LISTING_COLUMNS[kind];
  let count = 0;
  if (format === 'jsonl') {
    const lines: string[] = [];
    for await (const page of pages(ctx, kind)) {
      for (const row of page.rows) {
        const values = valuesOf(kind, row, page.uscc, format);
        const obj: Record<string, Value> = {};
        for (const c of columns) if (values[c.key] !== undefined && values[c.key] !== '') obj[c.key] = values[c.key];
        lines.push(JSON.stringify(obj));
        count++;
      }
    }
    return { data: Buffer.from(lines.length ? `${lines.join('\n')}\n` : ''), rows: count };
  }
  const table: string[][] = [];
  for await (const page of pages(ctx, kind)) {
    for (const row of page.rows) {
      const values = valuesOf(kind, row, page.uscc, format);
      table.push(columns.map((c) => String(values[c.key] ?? '')));
      count++;
    }
  }
  if (format === 'csv') {
    // escape_formulas: a cell starting with = + - @ gets a leading ' that the reader strips again.
    return { data: Buffer.from(stringify([columns.map((c) => c.zh), ...table], { bom: true, escape_formulas: true })), rows: count };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(LISTING_KINDS.label(kind));
  sheet.columns = columns.map((c) => ({ header: c.zh, width: Math.max(12, c.zh.length * 2 + 2) }));
  for (const values of table) sheet.addRow(values.map((v) => (v === '' ? null : v)));
  return { data: Buffer.from(await workbook.xlsx.writeBuffer()), rows: count };
}

export async function exportListingsToFile(ctx: Ctx, kind: ListingKind, format: ListingFileFormat, file: string): Promise<{ rows: number }> {
  const { data, rows } = await exportListings(ctx, kind, format);
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, file);
  return { rows };
}
