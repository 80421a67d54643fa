/**
 * Portable backups: every table, in dependency order, as JSON lines (gzip). The same file restores
 * into SQLite or PostgreSQL, and restore runs in one transaction, then re-verifies the audit chain.
 *
 * A backup holds password hashes and protected ID numbers, so it is written readable by its owner
 * only (mode 0600, to a temporary name renamed when complete) and, with a passphrase, encrypted:
 * AES-256-GCM under a key derived by scrypt (backup-crypto.ts). Restore tells an encrypted file by
 * its first bytes and needs the passphrase.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { decryptingStream, encryptingStream, isEncryptedBackup } from './backup-crypto.js';
import type { Db } from '../../db/create-db.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { rebuildContractTallies } from '../contracts/tallies.js';

/** Parents before children, so foreign keys hold while restoring. */
export const BACKUP_TABLES: (keyof Database)[] = [
  'person', 'organization', 'qualification', 'equity_holding', 'person_role', 'affiliation', 'platform',
  'app_user', 'user_organization', 'audit_event', 'audit_head',
  'evidence_file', 'evidence_upload', 'contract', 'contract_party', 'contract_broker', 'contract_third_party', 'contract_funding', 'contract_step',
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
  'registry_change_request', 'registry_change_request_evidence',
  // Registrations, unit admins and invitations (not the captchas and attempt counts: they only live minutes).
  'unit_registration', 'unit_registration_step', 'unit_admin', 'unit_invitation',
  // The years of the holiday calendar the operator loaded (docs/calendar.md).
  'working_calendar_year', 'working_calendar_day',
  // Sign-in that must survive a restore: recovery codes and linked single-sign-on identities.
  'recovery_code', 'user_identity',
  // Credit records and their repair, the portal's posts (ids are time-ordered, so a policy
  // document comes before the interpretations that point at it), 成果定价公示 and objections.
  'credit_record', 'credit_repair', 'credit_repair_evidence',
  'portal_post',
  'pricing_publicity', 'pricing_objection',
  // 复查 cases (their decision is named by id only: no foreign key to order by).
  'decision_review',
];

/**
 * Every other table, and why a backup leaves it out. The test compares both lists with the tables a
 * migrated database holds, so a new table cannot be forgotten silently.
 */
export const NOT_BACKED_UP: Record<string, string> = {
  contract_fact: 'derived from the contracts; rebuilt by the restore',
  contract_tally: 'derived from the contracts; rebuilt by the restore',
  search_doc: 'the market search index; rebuilt by `techtransfer restore`',
  search_term: 'the market search index; rebuilt by `techtransfer restore`',
  search_stat: 'the market search index; rebuilt by `techtransfer restore`',
  session: 'sign-ins end with the old platform',
  login_challenge: 'a sign-in step minutes long',
  login_attempt: 'lockout counters minutes long',
  login_throttle: 'lockout counters minutes long',
  captcha_challenge: 'a captcha lives minutes',
  public_attempt: 'rate-limit counters minutes long',
  oidc_authorization: 'a single-sign-on round trip minutes long',
  oidc_pending_identity: 'a single-sign-on identity waiting hours for its registration form',
  schema_migration: 'written by the migrations of the platform restored into',
  schema_migration_lock: 'written by the migrations of the platform restored into',
};

/** SQLite's FTS5 shadow tables of the search index (search_fts_*), rebuilt with it. */
export const isDerivedSearchTable = (table: string) => table.startsWith('search_fts_');
const ORDER_BY: Partial<Record<keyof Database, string>> = {
  audit_event: 'seq',
  audit_head: 'id',
  user_organization: 'user_id',
  unit_admin: 'organization_id, user_id',
  evidence_file: 'hash',
  evidence_upload: 'hash, user_id',
  settlement_award: 'run_id, seq',
  settlement_exclusions: 'run_id',
  working_calendar_year: 'year',
  working_calendar_day: 'day',
  user_identity: 'issuer, subject',
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

export interface BackupOptions {
  /** Encrypts the backup (AES-256-GCM, key from scrypt); the same passphrase restores it. */
  passphrase?: string | undefined;
}

export async function backupDatabase(db: Db, file: string, options: BackupOptions = {}): Promise<Record<string, number>> {
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
  fs.chmodSync(partial, 0o600); // the mode of a file that already existed under that name
  const gzip = zlib.createGzip();
  const finished = new Promise<void>((resolve, reject) => {
    const done = (error: Error | null) => (error ? reject(error) : resolve());
    if (options.passphrase) pipeline(gzip, encryptingStream(options.passphrase), out, done);
    else pipeline(gzip, out, done);
  });
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
  await finished;
  fs.renameSync(partial, file);
  return counts;
}

export async function restoreDatabase(db: Db, file: string, options: BackupOptions = {}): Promise<Record<string, number>> {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `备份文件不存在：${file}`, { field: 'file' });
  const encrypted = isEncryptedBackup(file);
  if (encrypted && !options.passphrase) throw new AppError('VALIDATION', '该备份已加密，请提供备份口令', { field: 'passphrase' });
  const nonEmpty = await db.selectFrom('organization').select('id').limit(1).executeTakeFirst()
    ?? await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst()
    ?? await db.selectFrom('audit_event').select('seq').limit(1).executeTakeFirst();
  if (nonEmpty) throw new AppError('CONFLICT', '目标数据库不是空库；请恢复到新建的空数据库中');
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('audit_head').execute();
    // Opened right before iterating: lines emitted before the loop attaches would be lost.
    let streamError: Error | null = null;
    const input = encrypted
      ? pipeline(decryptingStream(file, options.passphrase!), zlib.createGunzip(), (e) => (streamError ??= e ?? null))
      : pipeline(fs.createReadStream(file), zlib.createGunzip(), (e) => (streamError ??= e ?? null));
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    const unreadable = () =>
      new AppError('VALIDATION', encrypted ? '备份无法解密：口令错误，或文件已损坏、被改动，未恢复' : '备份文件已损坏，未恢复', { field: encrypted ? 'passphrase' : 'file' });
    let header = true;
    let batch: { t: keyof Database; rows: Record<string, unknown>[] } | null = null;
    const flush = async () => {
      if (batch && batch.rows.length) await trx.insertInto(batch.t).values(batch.rows as never).execute();
      batch = null;
    };
    for await (const line of readLines(lines, () => streamError, unreadable)) {
      if (!line) continue;
      let obj: { format?: string; t?: keyof Database; r?: Record<string, unknown> };
      try {
        obj = JSON.parse(line) as typeof obj;
      } catch {
        throw unreadable();
      }
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
    if (streamError || header) throw unreadable();
    // A backup whose audit chain does not verify is refused whole (the transaction rolls back).
    const chain = await verifyAuditChain(trx);
    if (!chain.ok) throw new AppError('VALIDATION', `备份中的审计链校验失败，未恢复：${chain.problem?.message}`);
    // The contract indicators' read model is derived from the contracts, so backups leave it out.
    await rebuildContractTallies(trx);
  });
  return counts;
}

/** The lines of a backup; a failing stream (a wrong key, a bad tag, broken gzip) ends as `unreadable`. */
async function* readLines(lines: readline.Interface, failed: () => Error | null, unreadable: () => AppError): AsyncGenerator<string> {
  try {
    for await (const line of lines) {
      if (failed()) throw unreadable();
      yield line;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable();
  }
  if (failed()) throw unreadable();
}
