/** SQL of the 复查 table and its presentation; the use cases beside it call these. */
import type { Selectable } from 'kysely';
import {
  DECISION_KINDS,
  REEXAMINATION_STATUSES,
  REEXAMINATION_VERDICTS,
  type DecisionKind,
  type DecisionSnapshot,
  type ReexaminationCase,
  type ReexaminationQuery,
  type ReexaminationStatus,
  type ReexaminationVerdict,
} from '../../../common/reexamination.js';
import type { Actor, Ctx, Executor } from '../../context.js';
import type { DecisionReviewTable } from '../../db/schema.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { scopeFor } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import { EVIDENCE_READ_ACTION } from './decisions.js';

export type CaseRow = Selectable<DecisionReviewTable>;

/** Whether the reader may download the decision's evidence: they may read the decision's own files. */
export function mayReadEvidence(actor: Actor, kind: DecisionKind): boolean {
  const action = EVIDENCE_READ_ACTION[kind];
  return action === null || scopeFor(actor.roles, action) === 'jurisdiction';
}

/** Whether the actor made the decision: by account when both are known, else by name. */
export function isDecider(actor: Actor, row: Pick<CaseRow, 'decided_by' | 'decided_by_name'>): boolean {
  if (row.decided_by && actor.id) return row.decided_by === actor.id;
  return row.decided_by_name === actor.name;
}

export function presentCase(actor: Actor, row: CaseRow): ReexaminationCase {
  const kind = row.decision_kind as DecisionKind;
  return {
    id: row.id,
    number: row.number,
    decisionKind: kind,
    decisionKindLabel: DECISION_KINDS.label(kind),
    decisionId: row.decision_id,
    snapshot: JSON.parse(row.snapshot) as DecisionSnapshot,
    snapshotHash: row.snapshot_hash,
    evidenceReadable: mayReadEvidence(actor, kind),
    decidedByReader: isDecider(actor, row),
    requestedByName: row.requested_by_name,
    requestedAt: row.requested_at,
    grounds: row.grounds,
    status: row.status as ReexaminationStatus,
    statusLabel: REEXAMINATION_STATUSES.label(row.status),
    verdict: row.verdict as ReexaminationVerdict | null,
    verdictLabel: row.verdict ? REEXAMINATION_VERDICTS.label(row.verdict) : null,
    findings: row.findings,
    correctiveMeasure: row.corrective_measure,
    concludedByName: row.concluded_by_name,
    concludedAt: row.concluded_at,
    version: row.version,
  };
}

/** The cases the actor may read: those of its jurisdiction (every reader is jurisdiction-wide). */
export function visibleCases(ctx: Ctx, filters: Omit<ReexaminationQuery, 'page' | 'pageSize'>) {
  assertCan(ctx.actor, 'reexamination.case.read');
  let q = ctx.db.selectFrom('decision_review').where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  if (filters.decisionKind) q = q.where('decision_kind', '=', filters.decisionKind);
  if (filters.status) q = q.where('status', '=', filters.status);
  if (filters.verdict) q = q.where('verdict', '=', filters.verdict);
  return q;
}

/** One case, for a reader of its jurisdiction. */
export async function findCase(db: Executor, actor: Actor, id: string): Promise<CaseRow> {
  const row = await db.selectFrom('decision_review').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('复查案件', id);
  if (!isWithinJurisdiction(actor.jurisdictionCode, row.jurisdiction_code)) throw new AppError('FORBIDDEN', '该复查案件不在您的辖区');
  return row;
}
