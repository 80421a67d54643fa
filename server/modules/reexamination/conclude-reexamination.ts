/**
 * 复查办结: an operator (or admin) other than the decision-maker records what was found, the verdict —
 * 尽职 (the decision stands), 决定有误但已尽职 (容错: wrong, yet made diligently under the rules then in
 * force), 未尽职 — and, when the decision was wrong, the corrective measure. Irreversible.
 */
import { REEXAMINATION_STATUSES, type ConcludeReexaminationInput, type ReexaminationCase } from '../../../common/reexamination.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { findCase, isDecider, presentCase, type CaseRow } from './repo.js';

export async function concludeReexamination(ctx: Ctx, id: string, input: ConcludeReexaminationInput): Promise<ReexaminationCase> {
  assertCan(ctx.actor, 'reexamination.case.conclude');
  return inTransaction(ctx, async (trx) => {
    const row = await findCase(trx, ctx.actor, id);
    if (row.status !== 'open') throw new AppError('CONFLICT', `该复查${REEXAMINATION_STATUSES.label(row.status)}，不能再办理`, { field: 'status' });
    if (row.version !== input.version) throw new AppError('CONFLICT', '该复查已被他人办理，请刷新后重试', { field: 'version' });
    if (isDecider(ctx.actor, row)) {
      throw new AppError('FORBIDDEN', `原决定由您（${row.decided_by_name}）作出，复查须由其他工作人员办结，以保证复查的独立`);
    }
    const now = ctx.clock.now().toISOString();
    const next: CaseRow = {
      ...row,
      status: 'concluded',
      open_key: null,
      verdict: input.verdict,
      findings: input.findings,
      corrective_measure: input.correctiveMeasure?.trim() || null,
      concluded_by: ctx.actor.id,
      concluded_by_name: ctx.actor.name,
      concluded_at: now,
      version: row.version + 1,
      updated_at: now,
    };
    const updated = await trx
      .updateTable('decision_review')
      .set({ status: next.status, open_key: null, verdict: next.verdict, findings: next.findings, corrective_measure: next.corrective_measure, concluded_by: next.concluded_by, concluded_by_name: next.concluded_by_name, concluded_at: now, version: next.version, updated_at: now })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该复查已被他人办理，请刷新后重试', { field: 'version' });
    await audit(trx, ctx, {
      action: 'reexamination.case.conclude',
      subjectType: 'decision_review',
      subjectId: row.id,
      before: { caseStatus: 'open' },
      after: { caseStatus: 'concluded', verdict: next.verdict, findings: next.findings, ...(next.corrective_measure ? { correctiveMeasure: next.corrective_measure } : {}) },
    });
    return presentCase(ctx.actor, next);
  });
}
