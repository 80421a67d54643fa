/**
 * The board (督办看板): every measure × responsible unit × period of a plan with the cell's status
 * on a given day (not due / due / submitted / accepted / returned / overdue). The operator and the
 * evaluator see every cell; a department sees the cells of its own units. The reminder job reads
 * the same cells.
 */
import { chinaDate, type IsoDate } from '../../../common/dates.js';
import type { Board, BoardRow, Report } from '../../../common/supervision-api.js';
import type { CellStatus, ReportingPeriod, ReportStatus, UnitRole } from '../../../common/supervision-vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { cellStatus } from './periods.js';
import { loadPlanFor, periodsOf } from './plans.js';
import { assignmentsOf, measuresOf, type PlanRow, reportStatusesOf, unitsOf } from './repo.js';
import type { BoardQuery } from './schema.js';
import { assertCan } from '../access/policy.js';

/** A measure × unit × period (named as its report would name it) and its status on a day. */
export interface Cell extends Pick<Report, 'measureId' | 'measureNumber' | 'measureHeading' | 'unitId' | 'unitName' | 'organizationId' | 'period' | 'periodLabel'> {
  dueOn: IsoDate;
  status: CellStatus;
  overdue: boolean;
  reportId: string | null;
  reportStatus: ReportStatus | null;
}

/**
 * Every cell of a plan whose period has begun by `today` (optionally only one year's), in measure,
 * unit and period order.
 */
export async function cellsOf(db: Executor, plan: PlanRow, today: IsoDate, filter: { year?: number | undefined; unitIds?: Set<string> } = {}): Promise<Cell[]> {
  const [measures, units, assignments, reports] = await Promise.all([measuresOf(db, plan.id), unitsOf(db, plan.id), assignmentsOf(db, plan.id), reportStatusesOf(db, plan.id)]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const report = new Map(reports.map((r) => [`${r.measure_id}|${r.unit_id}|${r.period}`, r]));
  const out: Cell[] = [];
  for (const m of measures) {
    const periods = periodsOf(plan, m.period as ReportingPeriod).filter((p) => p.startsOn <= today && (!filter.year || p.startsOn.startsWith(String(filter.year))));
    for (const a of assignments.filter((x) => x.measure_id === m.id)) {
      if (filter.unitIds && !filter.unitIds.has(a.unit_id)) continue;
      const unit = unitById.get(a.unit_id)!;
      for (const p of periods) {
        const r = report.get(`${m.id}|${a.unit_id}|${p.code}`);
        const reportStatus = (r?.status ?? null) as ReportStatus | null;
        const { status, overdue } = cellStatus(reportStatus, p, p.dueOn, today);
        out.push({
          measureId: m.id, measureNumber: m.number, measureHeading: m.heading, unitId: unit.id, unitName: unit.name, organizationId: unit.organization_id,
          period: p.code, periodLabel: p.label, dueOn: p.dueOn, status, overdue, reportId: r?.id ?? null, reportStatus,
        });
      }
    }
  }
  return out;
}

export async function getBoard(ctx: Ctx, planId: string, query: BoardQuery): Promise<Board> {
  const scope = assertCan(ctx.actor, 'supervision.board.read');
  const plan = await loadPlanFor(ctx.db, ctx, planId, 'supervision.board.read');
  const today = query.asOf ?? chinaDate(ctx.clock.now());
  const [units, assignments] = await Promise.all([unitsOf(ctx.db, plan.id), assignmentsOf(ctx.db, plan.id)]);
  let visible = new Set(units.map((u) => u.id));
  if (scope === 'own') visible = new Set(units.filter((u) => u.organization_id && ctx.actor.organizationIds.includes(u.organization_id)).map((u) => u.id));
  if (query.unitId) visible = new Set([...visible].filter((id) => id === query.unitId));
  const cells = (await cellsOf(ctx.db, plan, today, { year: query.year, unitIds: visible })).filter((c) => !query.measureId || c.measureId === query.measureId);
  const rows: BoardRow[] = [];
  const byRow = new Map<string, BoardRow>();
  const role = new Map(assignments.map((a) => [`${a.measure_id}|${a.unit_id}`, a.role as UnitRole]));
  for (const c of cells) {
    const key = `${c.measureId}|${c.unitId}`;
    let row = byRow.get(key);
    if (!row) {
      row = { measureId: c.measureId, number: c.measureNumber, heading: c.measureHeading, unitId: c.unitId, unitName: c.unitName, role: role.get(key) ?? 'co', organizationId: c.organizationId, cells: [] };
      byRow.set(key, row);
      rows.push(row);
    }
    row.cells.push({ period: c.period, status: c.status, overdue: c.overdue, reportId: c.reportId, dueOn: c.dueOn });
  }
  const totals: Record<CellStatus, number> = { not_due: 0, due: 0, submitted: 0, accepted: 0, returned: 0, overdue: 0 };
  for (const c of cells) totals[c.status] += 1;
  const periods = periodsOf(plan, plan.period as ReportingPeriod)
    .filter((p) => p.startsOn <= today && (!query.year || p.startsOn.startsWith(String(query.year))))
    .map((p) => ({ code: p.code, label: p.label, startsOn: p.startsOn, endsOn: p.endsOn, dueOn: p.dueOn }));
  return {
    plan: { id: plan.id, code: plan.code, title: plan.title, period: plan.period as ReportingPeriod, dueDays: plan.due_days },
    asOf: today,
    periods,
    rows,
    totals,
  };
}
