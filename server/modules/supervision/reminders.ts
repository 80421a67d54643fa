/**
 * The daily overdue job: every (measure, unit, period) cell past its due day without a submitted
 * or accepted report is flagged, and each unit with such cells gets one reminder a day — a row in
 * supervision_reminder (unique per unit and day, which makes the job idempotent) and, when the
 * unit is linked to a registry organization, one in-app notification listing its overdue cells.
 * The server runs it once a day (startDailyReminders); the CLI runs it for a given date.
 */
import { chinaDate, type IsoDate } from '../../../common/dates.js';
import { type Clock, type Ctx, inTransaction, systemActor } from '../../context.js';
import type { DbHandle } from '../../db/create-db.js';
import { underPrefix } from '../../db/under-prefix.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { sendNotification } from '../notifications/notifications.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import type { DataProtector } from '../registry/protect.js';
import { type Cell, cellsOf } from './board.js';

export interface ReminderResult {
  date: IsoDate;
  plans: number;
  overdueCells: number;
  /** Units reminded by this run (0 when the day's reminders were already written). */
  reminded: number;
  notifications: number;
  units: { unitName: string; overdue: number; notified: boolean; alreadyReminded: boolean }[];
}

const MAX_LISTED = 10;

function reminderBody(cells: Cell[]): string {
  const lines = cells.slice(0, MAX_LISTED).map((c) => `措施（${c.measureNumber}）${c.measureHeading} — ${c.periodLabel}（应于 ${c.dueOn} 前报送）`);
  if (cells.length > MAX_LISTED) lines.push(`……等共 ${cells.length} 项`);
  return lines.join('\n');
}

/** Flags the overdue cells of the actor's jurisdiction's plans on `today` and reminds each unit at most once that day. */
export async function remindOverdueReports(ctx: Ctx, today: IsoDate): Promise<ReminderResult> {
  assertCan(ctx.actor, 'supervision.remind');
  const plans = await ctx.db
    .selectFrom('supervision_plan')
    .selectAll()
    .where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)))
    .orderBy('code')
    .execute();
  const result: ReminderResult = { date: today, plans: plans.length, overdueCells: 0, reminded: 0, notifications: 0, units: [] };
  await inTransaction(ctx, async (trx) => {
    for (const plan of plans) {
      const overdue = (await cellsOf(trx, plan, today)).filter((c) => c.overdue);
      result.overdueCells += overdue.length;
      const byUnit = new Map<string, Cell[]>();
      for (const c of overdue) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c]);
      for (const [unitId, cells] of byUnit) {
        const unitName = cells[0]!.unitName;
        const done = await trx.selectFrom('supervision_reminder').select('id').where('unit_id', '=', unitId).where('on_date', '=', today).executeTakeFirst();
        if (done) {
          result.units.push({ unitName, overdue: cells.length, notified: false, alreadyReminded: true });
          continue;
        }
        const organizationId = cells[0]!.organizationId;
        const notificationId = organizationId
          ? await sendNotification(trx, ctx, {
              jurisdictionCode: plan.jurisdiction_code,
              recipientOrganizationId: organizationId,
              kind: 'supervision.overdue',
              title: `督办提醒：${unitName}有 ${cells.length} 项进度报告逾期未报（${plan.title}）`,
              body: reminderBody(cells),
              link: '/supervision/tasks',
              dedupeKey: `supervision.overdue:${unitId}:${today}`,
            })
          : null;
        await trx
          .insertInto('supervision_reminder')
          .values({
            id: newId(),
            unit_id: unitId,
            on_date: today,
            cells: JSON.stringify(cells.map((c) => ({ measureId: c.measureId, number: c.measureNumber, period: c.period, dueOn: c.dueOn }))),
            notification_id: notificationId,
            created_at: ctx.clock.now().toISOString(),
          })
          .execute();
        result.reminded += 1;
        if (notificationId) result.notifications += 1;
        result.units.push({ unitName, overdue: cells.length, notified: !!notificationId, alreadyReminded: false });
      }
    }
    if (result.reminded) {
      await audit(trx, ctx, {
        action: 'supervision.remind',
        subjectType: 'supervision_reminder',
        subjectId: today,
        after: { date: today, overdueCells: result.overdueCells, reminded: result.reminded, notifications: result.notifications },
      });
    }
  });
  return result;
}

type Services = { handle: DbHandle; clock: Clock; protector: DataProtector };

/** Runs the day's reminders for every jurisdiction holding a plan, as the system. */
export async function runDailyReminders(services: Services, today: IsoDate): Promise<(ReminderResult & { jurisdictionCode: string })[]> {
  const codes = await services.handle.db.selectFrom('supervision_plan').select('jurisdiction_code').distinct().orderBy('jurisdiction_code').execute();
  const out: (ReminderResult & { jurisdictionCode: string })[] = [];
  for (const { jurisdiction_code } of codes) {
    const ctx: Ctx = {
      db: services.handle.db,
      dialect: services.handle.dialect,
      actor: systemActor(jurisdiction_code, 'system:supervision-reminders'),
      ip: null,
      clock: services.clock,
      protector: services.protector,
      ...(services.handle.sqlite ? { sqlite: services.handle.sqlite } : {}),
    };
    out.push({ jurisdictionCode: jurisdiction_code, ...(await remindOverdueReports(ctx, today)) });
  }
  return out;
}

/**
 * Runs the reminders once a China day: 5 s after start, then it checks hourly whether the date
 * changed. The timers are unref'd so they never keep the process up; returns a stop function.
 */
export function startDailyReminders(services: Services, log: (line: string) => void = () => {}): () => void {
  let lastDay = '';
  let running = false;
  const tick = async () => {
    const today = chinaDate(services.clock.now());
    if (today === lastDay || running) return;
    running = true;
    try {
      for (const r of await runDailyReminders(services, today)) {
        if (r.reminded) log(`督办提醒 ${today}（${r.jurisdictionCode}）：逾期 ${r.overdueCells} 项，提醒 ${r.reminded} 个单位`);
      }
      lastDay = today;
    } catch (error) {
      log(`督办提醒失败：${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 5_000);
  const hourly = setInterval(() => void tick(), 3_600_000);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}
