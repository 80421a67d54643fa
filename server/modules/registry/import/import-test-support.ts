/**
 * Helpers for the import tests: real files in a temp folder (UTF-8 CSV, GB18030 CSV, XLSX), read
 * back the way the route reads uploads, and a count of every registry table to prove that a
 * rejected file changed nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/create-db.js';
import { AppError, type ErrorDetail } from '../../../errors.js';
import type { ColumnDef } from './import-table.js';
import { type Table, formatOf, readTable } from './read-table.js';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tt-import-'));
}

/**
 * A sheet (header row + rows) from records keyed by column key: the columns any record uses, in
 * the kind's order, headed in Chinese or English.
 */
export function sheet(kind: { columns: ColumnDef[] }, records: Record<string, string>[], headers: 'zh' | 'en' = 'zh'): string[][] {
  const used = kind.columns.filter((c) => records.some((r) => c.key in r));
  return [used.map((c) => (headers === 'zh' ? c.zh : c.en)), ...records.map((r) => used.map((c) => r[c.key] ?? ''))];
}

/** CSV text with RFC 4180 quoting. */
export function csvText(rows: string[][]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

let gbTable: Map<string, Buffer> | undefined;

/**
 * GB18030 bytes for text made of ASCII and characters with two-byte codes (all GBK Chinese and
 * full-width punctuation). Node can decode GB18030 but not encode it, so the table is built by
 * decoding every two-byte sequence once — no encoding package needed.
 */
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const ch = decoder.decode(Uint8Array.of(lead, trail));
          if (ch.length === 1 && ch !== '\uFFFD' && !gbTable.has(ch)) gbTable.set(ch, Buffer.of(lead, trail));
        } catch {
          // not a character in GB18030's two-byte area
        }
      }
    }
  }
  const parts: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) parts.push(Buffer.from(ch, 'ascii'));
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for “${ch}”`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}

export function writeCsv(dir: string, name: string, rows: string[][], encoding: 'utf8' | 'utf8-bom' | 'gb18030' = 'utf8'): string {
  const file = path.join(dir, name);
  const body = csvText(rows);
  const data = encoding === 'gb18030' ? encodeGb18030(body) : Buffer.from((encoding === 'utf8-bom' ? '\uFEFF' : '') + body, 'utf8');
  fs.writeFileSync(file, data);
  return file;
}

export async function writeXlsx(dir: string, name: string, rows: string[][]): Promise<string> {
  const file = path.join(dir, name);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入');
  for (const r of rows) sheet.addRow(r.map((v) => (v === '' ? null : v)));
  await workbook.xlsx.writeFile(file);
  return file;
}

/** Reads a file as the import route does. */
export function readFile(file: string): Promise<Table> {
  return readTable(fs.readFileSync(file), formatOf(file));
}

export function writeBuffer(dir: string, name: string, data: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

const TABLES = ['organization', 'qualification', 'equity_holding', 'person', 'person_role', 'affiliation', 'platform', 'audit_event'] as const;

/** Row counts of every registry table and of the audit trail. */
export async function counts(db: Db): Promise<Record<(typeof TABLES)[number], number>> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES) {
    const [row] = await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).execute();
    out[t] = Number(row!.n);
  }
  return out;
}

/** Audit actions appended after `seq`, in order. */
export async function actionsAfter(db: Db, seq: number): Promise<string[]> {
  const rows = await db.selectFrom('audit_event').select('action').where('seq', '>', seq).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

export async function lastSeq(db: Db): Promise<number> {
  const head = await db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(head.seq);
}

/** The details of the IMPORT_INVALID error a promise rejects with (fails otherwise). */
export async function invalidDetails(promise: Promise<unknown>): Promise<ErrorDetail[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === 'IMPORT_INVALID') return error.options.details ?? [];
    throw error;
  }
  throw new Error('expected IMPORT_INVALID, but the import succeeded');
}
