/** Reading 复查 cases: the list with filters and paging, one case, and a snapshot's evidence file. */
import type { ReexaminationCase, ReexaminationPage, ReexaminationQuery } from '../../../common/reexamination.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { findCase, mayReadEvidence, presentCase, visibleCases } from './repo.js';

export async function listReexaminations(ctx: Ctx, query: ReexaminationQuery): Promise<ReexaminationPage> {
  const { page, pageSize, ...filters } = query;
  const base = visibleCases(ctx, filters);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  // Open cases first (the work), then the newest.
  const rows = await base
    .selectAll()
    .orderBy('status', 'desc')
    .orderBy('requested_at', 'desc')
    .orderBy('number', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map((r) => presentCase(ctx.actor, r)), total: Number(total) };
}

/** Every case the filters select, up to `limit` (for the export). */
export async function allReexaminations(ctx: Ctx, filters: Omit<ReexaminationQuery, 'page' | 'pageSize'>, limit: number): Promise<ReexaminationPage> {
  const base = visibleCases(ctx, filters);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('requested_at', 'desc').orderBy('number', 'desc').limit(limit).execute();
  return { items: rows.map((r) => presentCase(ctx.actor, r)), total: Number(total) };
}

export async function getReexamination(ctx: Ctx, id: string): Promise<ReexaminationCase> {
  assertCan(ctx.actor, 'reexamination.case.read');
  return presentCase(ctx.actor, await findCase(ctx.db, ctx.actor, id));
}

/**
 * One of the snapshot's evidence files, for a reader who may also read the decision's own files.
 * Files are stored by content: the hash frozen in the snapshot always reaches the very file decided on.
 */
export async function readReexaminationEvidence(ctx: Ctx, id: string, hash: string) {
  const view = await getReexamination(ctx, id);
  if (!mayReadEvidence(ctx.actor, view.decisionKind)) throw new AppError('FORBIDDEN', '您可以查看该复查，但无权下载原决定的证明材料');
  const item = view.snapshot.evidence.find((e) => e.hash === hash);
  if (!item) throw new AppError('NOT_FOUND', '该复查没有这份证明材料');
  const file = await ctx.db.selectFrom('evidence_file').select(['content', 'mime', 'size']).where('hash', '=', hash).executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND', '该证明材料已不在文件库中');
  return { content: Buffer.from(file.content), mime: file.mime, size: Number(file.size), fileName: item.fileName };
}
