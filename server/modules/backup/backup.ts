/**
 * Portable backups: every table, in dependency order, as JSON lines (gzip). The same file restores
 * into SQLite or PostgreSQL, and restore runs in one transaction, then re-verifies the audit chain.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { Db } from '../../db/create-db.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { rebuildContractTallies } from '../contracts/tallies.js';

/** Parents before children, so foreign keys hold while restoring. */
export const BACKUP_TABLES: (keyof Database)[] = [
  'person', 'organization', 'qualification', 'equity_holding', 'person_role', 'affiliation', 'platform',
  'app_user', 'user_organization', 'audit_event', 'audit_head',
  'evidence_file', 'contract', 'contract_party', 'contract_broker', 'contract_third_party', 'contract_funding', 'contract_step',
  'contract_payment', 'contract_invoice',
  'settlement_run', 'settlement_award', 'settlement_exclusions',
  'subsidy_notice', 'subsidy_application', 'subsidy_application_contract', 'subsidy_application_evidence', 'subsidy_application_award',
  'subsidy_application_step', 'subsidy_objection', 'subsidy_disbursement',
  'achievement', 'demand', 'listing_step', 'listing_inquiry',
  'supervision_plan', 'supervision_unit', 'supervision_measure', 'supervision_assignment', 'supervision_report',
  'supervision_report_attachment', 'supervision_report_step', 'supervision_reminder', 'notification',
  'market_event', 'market_event_listing', 'market_event_registration', 'deal', 'deal_step', 'deal_note',
  'service_offering', 'service_request', 'service_request_step', 'finance_product', 'finance_need', 'finance_offer', 'ip_record',
  'practitioner', 'training_course', 'training_enrolment', 'contract_researcher',
];
const ORDER_BY: Partial<Record<keyof Database, string>> = {
  audit_event: 'seq',
  audit_head: 'id',
  user_organization: 'user_id',
  evidence_file: 'hash',
  settlement_award: 'run_id, seq',
  settlement_exclusions: 'run_id',
};

/** Evidence files (up to 20 MB) and settlement exclusion documents are big: a few at a time. */
const PAGE_ROWS: Partial<Record<keyof Database, number>> = { evidence_file: 8, settlement_exclusions: 4 };

/** Binary columns (evidence files) travel as {"$base64": "…"}; JSON has no bytes. */
function encodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = Buffer.isBuffer(v) || v instanceof Uint8Array ? { $base64: Buffer.from(v).toString('base64') } : v;
  return out;
}

function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = v && typeof v === 'object' && typeof (v as { $base64?: unknown }).$base64 === 'string' ? Buffer.from((v as { $base64: string }).$base64, 'base64') : v;
  }
  return out;
}
const FORMAT = 'techtransfer-backup/1';

export async function backupDatabase(db: Db, file: string): Promise<Record<string, number>> {
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  const write = (obj: unknown) =>
    new Promise<void>((resolve) => (gzip.write(`${JSON.stringify(obj)}\n`) ? resolve() : gzip.once('drain', resolve)));
  const counts: Record<string, number> = {};
  await write({ format: FORMAT, at: new Date().toISOString(), tables: BACKUP_TABLES });
  for (const table of BACKUP_TABLES) {
    counts[table] = 0;
    const order = ORDER_BY[table] ?? 'id';
    const page = PAGE_ROWS[table] ?? 5000;
    for (let offset = 0; ; offset += page) {
      let query = db.selectFrom(table).selectAll();
      for (const column of order.split(',')) query = query.orderBy(column.trim() as never);
      const rows = await query.limit(page).offset(offset).execute();
      for (const row of rows) await write({ t: table, r: encodeRow(row as Record<string, unknown>) });
      counts[table] += rows.length;
      if (rows.length < page) break;
    }
  }
  gzip.end();
  await new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
  return counts;
}

export async function restoreDatabase(db: Db, file: string): Promise<Record<string, number>> {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `备份文件不存在：${file}`, { field: 'file' });
  const nonEmpty = await db.selectFrom('organization').select('id').limit(1).executeTakeFirst()
    ?? await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst()
    ?? await db.selectFrom('audit_event').select('seq').limit(1).executeTakeFirst();
  if (nonEmpty) throw new AppError('CONFLICT', '目标数据库不是空库；请恢复到新建的空数据库中');
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('audit_head').execute();
    // Opened right before iterating: lines emitted before the loop attaches would be lost.
    const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    let header = true;
    let batch: { t: keyof Database; rows: Record<string, unknown>[] } | null = null;
    const flush = async () => {
      if (batch && batch.rows.length) await trx.insertInto(batch.t).values(batch.rows as never).execute();
      batch = null;
    };
    for await (const line of lines) {
      if (!line) continue;
      const obj = JSON.parse(line) as { format?: string; t?: keyof Database; r?: Record<string, unknown> };
      if (header) {
        if (obj.format !== FORMAT) throw new AppError('VALIDATION', `不是本平台的备份文件（格式 ${obj.format ?? '未知'}）`, { field: 'file' });
        header = false;
        continue;
      }
      if (!obj.t || !BACKUP_TABLES.includes(obj.t) || !obj.r) throw new AppError('VALIDATION', '备份文件内容损坏', { field: 'file' });
      const current = batch as { t: keyof Database; rows: Record<string, unknown>[] } | null;
      if (!current || current.t !== obj.t || current.rows.length >= (PAGE_ROWS[obj.t] ?? 200)) {
        await flush();
        batch = { t: obj.t, rows: [] };
      }
      (batch as unknown as { rows: Record<string, unknown>[] }).rows.push(decodeRow(obj.r));
      counts[obj.t] = (counts[obj.t] ?? 0) + 1;
    }
    await flush();
    // A backup whose audit chain does not verify is refused whole (the transaction rolls back).
    const chain = await verifyAuditChain(trx);
    if (!chain.ok) throw new AppError('VALIDATION', `备份中的审计链校验失败，未恢复：${chain.problem?.message}`);
    // The contract indicators' read model is derived from the contracts, so backups leave it out.
    await rebuildContractTallies(trx);
  });
  return counts;
}
