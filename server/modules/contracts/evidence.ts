/**
 * Evidence files (转账凭证, 发票): stored once per content (SHA-256), with size and MIME type, the
 * bytes in the database so a backup carries them. Only PDF, JPEG, PNG and OFD up to 20 MB, judged by
 * the content's first bytes.
 */
import type { EvidenceFile } from '../../../common/contract-api.js';
import type { Actor, Ctx, Executor } from '../../context.js';
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
  return putEvidenceFile(ctx, data, fileName);
}

/**
 * The same checks and storage for a caller that decided itself who may upload: the public unit
 * registration (server/modules/registration), behind its captcha and per-address limits.
 */
export async function putEvidenceFile(ctx: Ctx, data: Buffer, fileName = ''): Promise<EvidenceFile> {
  if (data.length === 0) throw new AppError('VALIDATION', '文件为空', { field: 'file' });
  if (data.length > MAX_EVIDENCE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`, { field: 'file' });
  const mime = sniffEvidenceType(data);
  if (!mime) {
    throw new AppError('VALIDATION', `文件“${fileName}”不是 PDF、JPEG、PNG 或 OFD 文件（按文件内容判断，不看扩展名）`, { field: 'file' });
  }
  const hash = sha256Hex(data);
  return inTransaction(ctx, async (trx) => {
    const existing = await trx.selectFrom('evidence_file').select(['hash', 'size', 'mime']).where('hash', '=', hash).executeTakeFirst();
    if (!existing) {
      await trx.insertInto('evidence_file').values({ hash, size: data.length, mime, content: data, created_at: ctx.clock.now().toISOString() }).execute();
      await audit(trx, ctx, { action: 'contracts.evidence.upload', subjectType: 'evidence_file', subjectId: hash, after: { hash, size: data.length, mime } });
    }
    // The same content uploaded by a second account is one file, but each uploader may attach it.
    if (ctx.actor.id) {
      await trx.insertInto('evidence_upload').values({ hash, user_id: ctx.actor.id, created_at: ctx.clock.now().toISOString() })
        .onConflict((oc) => oc.columns(['hash', 'user_id']).doNothing()).execute();
    }
    return existing ? { hash: existing.hash, size: Number(existing.size), mime: existing.mime } : { hash, size: data.length, mime };
  });
}

/**
 * Refuses a file named by hash that the actor neither uploaded nor may already read (`readable`: the
 * files already on the object being edited). Unknown and someone else's file get the same answer, so
 * the refusal does not tell whether a content is stored. The system (CLI, seeding) attaches freely.
 */
export async function assertMayAttach(db: Executor, actor: Actor, field: string, hash: string, what: string, readable: Iterable<string> = []): Promise<void> {
  if (new Set(readable).has(hash)) return;
  const found = actor.id
    ? await db.selectFrom('evidence_upload').select('hash').where('hash', '=', hash).where('user_id', '=', actor.id).executeTakeFirst()
    : await db.selectFrom('evidence_file').select('hash').where('hash', '=', hash).executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND', `${what}文件不存在或不是您上传的，请先上传`, { field });
}

export async function evidenceExists(db: Executor, hash: string): Promise<boolean> {
  return !!(await db.selectFrom('evidence_file').select('hash').where('hash', '=', hash).executeTakeFirst());
}

export function extensionOf(mime: string): string {
  return EVIDENCE_TYPES[mime as keyof typeof EVIDENCE_TYPES] ?? 'bin';
}
