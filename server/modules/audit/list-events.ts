import type { Ctx } from '../../context.js';
import { assertCan } from '../access/policy.js';

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  action?: string;
  page: number;
  pageSize: number;
}

/** Newest first; before/after parsed back into objects. */
export async function listAuditEvents(ctx: Ctx, query: AuditQuery) {
  assertCan(ctx.actor, 'audit.read');
  let base = ctx.db.selectFrom('audit_event');
  if (query.subjectType) base = base.where('subject_type', '=', query.subjectType);
  if (query.subjectId) base = base.where('subject_id', '=', query.subjectId);
  if (query.action) base = base.where('action', '=', query.action);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('seq', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return {
    total: Number(total),
    items: rows.map((e) => ({
      seq: e.seq,
      at: e.at,
      actorId: e.actor_id,
      actorName: e.actor_name,
      action: e.action,
      subjectType: e.subject_type,
      subjectId: e.subject_id,
      before: e.before ? JSON.parse(e.before) : null,
      after: e.after ? JSON.parse(e.after) : null,
      ip: e.ip,
    })),
  };
}
