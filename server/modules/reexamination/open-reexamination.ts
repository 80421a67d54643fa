/**
 * 发起复查: an operator (or admin) of the decision's jurisdiction opens a case on a decided decision,
 * with the grounds. The decision is frozen now — who decided, when, the outcome, the reason, the
 * evidence files' content hashes — with the snapshot's SHA-256, so later changes to the decision's
 * record never change what the case examines. One open case per decision (409 otherwise).
 */
import crypto from 'node:crypto';
import { chinaDate } from '../../../common/dates.js';
import type { OpenReexaminationInput, ReexaminationCase } from '../../../common/reexamination.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { freezeDecision } from './decisions.js';
import { presentCase, type CaseRow } from './repo.js';

const uniqueViolation = (error: unknown): string | null => {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code !== '23505' && e?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
  return `${e.constraint ?? ''} ${e.message ?? ''}`;
};

const alreadyOpen = () => new AppError('CONFLICT', '该决定已有一件复查正在办理，请在其办结后再发起', { field: 'decisionId' });

/** The day's next 复查编号: FC + Beijing date + three digits. */
async function nextNumber(ctx: Ctx, db: Ctx['db'] | Parameters<Parameters<typeof inTransaction>[1]>[0]): Promise<string> {
  const prefix = `FC${chinaDate(ctx.clock.now()).replaceAll('-', '')}`;
  const last = await db.selectFrom('decision_review').select('number').where('number', '>=', prefix).where('number', '<', `${prefix}~`).orderBy('number', 'desc').executeTakeFirst();
  const seq = last ? Number(last.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

export async function openReexamination(ctx: Ctx, input: OpenReexaminationInput): Promise<ReexaminationCase> {
  assertCan(ctx.actor, 'reexamination.case.open');
  // Two cases opened in the same instant may draw the same 复查编号: the later one tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await openOnce(ctx, input);
    } catch (error) {
      const violated = uniqueViolation(error);
      if (violated === null) throw error;
      if (!violated.includes('number') || attempt >= 3) throw alreadyOpen();
    }
  }
}

function openOnce(ctx: Ctx, input: OpenReexaminationInput): Promise<ReexaminationCase> {
  return inTransaction(ctx, async (trx) => {
    const frozen = await freezeDecision(trx, input.decisionKind, input.decisionId);
    if (!isWithinJurisdiction(ctx.actor.jurisdictionCode, frozen.jurisdictionCode)) throw new AppError('FORBIDDEN', '该决定不在您的辖区，不能发起复查');
    const open = await trx.selectFrom('decision_review').select('id').where('decision_kind', '=', input.decisionKind).where('decision_id', '=', frozen.decisionId).where('open_key', '=', 'open').executeTakeFirst();
    if (open) throw alreadyOpen();
    const snapshot = JSON.stringify(frozen.snapshot);
    const now = ctx.clock.now().toISOString();
    const row: CaseRow = {
      id: newId(),
      number: await nextNumber(ctx, trx),
      jurisdiction_code: frozen.jurisdictionCode,
      decision_kind: input.decisionKind,
      decision_id: frozen.decisionId,
      open_key: 'open',
      snapshot,
      snapshot_hash: crypto.createHash('sha256').update(snapshot).digest('hex'),
      decided_by: frozen.deciderId,
      decided_by_name: frozen.snapshot.deciderName,
      decided_at: frozen.snapshot.decidedAt,
      requested_by: ctx.actor.id,
      requested_by_name: ctx.actor.name,
      requested_at: now,
      grounds: input.grounds,
      status: 'open',
      verdict: null,
      findings: null,
      corrective_measure: null,
      concluded_by: null,
      concluded_by_name: null,
      concluded_at: null,
      version: 1,
      updated_at: now,
    };
    await trx.insertInto('decision_review').values(row).execute();
    await audit(trx, ctx, {
      action: 'reexamination.case.open',
      subjectType: 'decision_review',
      subjectId: row.id,
      after: {
        number: row.number,
        decisionKind: row.decision_kind,
        decisionSubject: frozen.snapshot.subject,
        decisionOutcome: frozen.snapshot.outcome,
        decidedByName: row.decided_by_name,
        grounds: row.grounds,
        caseStatus: 'open',
      },
    });
    return presentCase(ctx.actor, row);
  });
}
