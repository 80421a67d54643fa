/**
 * Evidence files (转账凭证, 发票): stored once per content (SHA-256), with size and MIME type, the
 * bytes in the database so a backup carries them. Only PDF, JPEG, PNG and OFD up to 20 MB, judged by
 * the content's first bytes.
 */
import type { EvidenceFile } from '../../../common/contract-api.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import type { Action } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, sha256Hex, sniffEvidenceType } from './file-type.js';


/**
 * Checks and stores an uploaded file; the same content twice is one file. `action` is the
 * permission the upload serves (a payment's evidence by default; e.g. a supervision report's
 * attachment).
 */
export async function storeEvidenceFile(ctx: Ctx, data: Buffer, fileName = '', action: Action = 'contracts.payment.write'): Promise<EvidenceFile> {
  assertCan(ctx.actor, action);
  if (data.length === 0) throw new AppError('VALIDATION', '文件为空', { field: 'file' });
  if (data.length > MAX_EVIDENCE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`, { field: 'file' });
  const mime = sniffEvidenceType(data);
  if (!mime) {
    throw new AppError('VALIDATION', `文件“${fileName}”不是 PDF、JPEG、PNG 或 OFD 文件（按文件内容判断，不看扩展名）`, { field: 'file' });
  }
  const hash = sha256Hex(data);
  return inTransaction(ctx, async (trx) => {
    const existing = await trx.selectFrom('evidence_file').select(['hash', 'size', 'mime']).where('hash', '=', hash).executeTakeFirst();
    if (existing) return { hash: existing.hash, size: Number(existing.size), mime: existing.mime };
    await trx.insertInto('evidence_file').values({ hash, size: data.length, mime, content: data, created_at: ctx.clock.now().toISOString() }).execute();
    await audit(trx, ctx, { action: 'contracts.evidence.upload', subjectType: 'evidence_file', subjectId: hash, after: { hash, size: data.length, mime } });
    return { hash, size: data.length, mime };
  });
}

export async function evidenceExists(db: Executor, hash: string): Promise<boolean> {
  return !!(await db.selectFrom('evidence_file').select('hash').where('hash', '=', hash).executeTakeFirst());
}

export function extensionOf(mime: string): string {
  return EVIDENCE_TYPES[mime as keyof typeof EVIDENCE_TYPES] ?? 'bin';
}
