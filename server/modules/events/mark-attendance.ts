/** The operator marks whether a registered participant attended (签到). Audited; guarded by `version`. */
import type { EventRegistration } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { findEvent, presentRegistrations } from './repo.js';
import type { AttendanceInput } from './schema.js';

export async function markAttendance(ctx: Ctx, eventId: string, registrationId: string, input: AttendanceInput): Promise<EventRegistration> {
  assertCan(ctx.actor, 'events.attendance.mark');
  return inTransaction(ctx, async (trx) => {
    const event = await findEvent(trx, eventId);
    if (!event || !isWithinJurisdiction(ctx.actor.jurisdictionCode, event.jurisdiction_code)) throw notFound('对接活动', eventId);
    const row = await trx.selectFrom('market_event_registration').selectAll().where('id', '=', registrationId).where('event_id', '=', eventId).executeTakeFirst();
    if (!row) throw notFound('报名记录', registrationId);
    if (row.version !== input.version) throw new AppError('CONFLICT', '该报名记录已被他人修改，请刷新后重试', { field: 'version' });
    const set = { attended: input.attended ? 1 : 0, attendance_marked_at: ctx.clock.now().toISOString(), version: row.version + 1 };
    const res = await trx.updateTable('market_event_registration').set(set).where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该报名记录已被他人修改，请刷新后重试', { field: 'version' });
    await audit(trx, ctx, {
      action: 'events.attendance.mark', subjectType: 'market_event', subjectId: eventId,
      before: { registrationId: row.id, attended: row.attended === 1 }, after: { registrationId: row.id, attended: input.attended },
    });
    return (await presentRegistrations(trx, [{ ...row, ...set }]))[0]!;
  });
}
