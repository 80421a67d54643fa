/** The operator edits an event (only the fields sent change). Audited; guarded by `version`. */
import type { MarketEvent } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { audit, changedFields } from '../audit/audit.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { checkListings, organizerNameOf } from './checks.js';
import { type EventRow, findEvent, presentEvents, replaceListings } from './repo.js';
import type { EventPatch } from './schema.js';

export async function updateEvent(ctx: Ctx, id: string, patch: EventPatch): Promise<MarketEvent> {
  assertCan(ctx.actor, 'events.event.write');
  return inTransaction(ctx, async (trx) => {
    const row = await findEvent(trx, id);
    if (!row || !isWithinJurisdiction(ctx.actor.jurisdictionCode, row.jurisdiction_code)) throw notFound('对接活动', id);
    if (row.version !== patch.version) {
      throw new AppError('CONFLICT', `该活动已被他人修改（当前版本 ${row.version}，提交版本 ${patch.version}），请刷新后重试`, { field: 'version' });
    }
    const organizerId = patch.organizerOrganizationId === undefined ? row.organizer_organization_id : patch.organizerOrganizationId;
    const organizerChanged = patch.organizerOrganizationId !== undefined || patch.organizerName !== undefined;
    const organizerName = organizerChanged ? await organizerNameOf(trx, organizerId, patch.organizerName ?? (organizerId ? undefined : row.organizer_name)) : row.organizer_name;
    if (patch.listings) await checkListings(trx, patch.listings);
    const set: Partial<EventRow> = {
      title: patch.title ?? row.title,
      kind: patch.kind ?? row.kind,
      held_on: patch.heldOn ?? row.held_on,
      place: patch.place ?? row.place,
      organizer_organization_id: organizerId,
      organizer_name: organizerName,
      description: patch.description ?? row.description,
      version: row.version + 1,
      updated_at: ctx.clock.now().toISOString(),
    };
    const res = await trx.updateTable('market_event').set(set).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该活动已被他人修改，请刷新后重试', { field: 'version' });
    if (patch.listings) await replaceListings(trx, id, patch.listings);
    const after = { ...row, ...set } as EventRow;
    const view = (r: EventRow) => ({ title: r.title, kind: r.kind, heldOn: r.held_on, place: r.place, organizerOrganizationId: r.organizer_organization_id, organizerName: r.organizer_name, description: r.description });
    await audit(trx, ctx, {
      action: 'events.event.write', subjectType: 'market_event', subjectId: id,
      ...changedFields(view(row) as Record<string, unknown>, view(after) as Record<string, unknown>),
      ...(patch.listings ? { after: { ...changedFields(view(row) as Record<string, unknown>, view(after) as Record<string, unknown>).after, listings: patch.listings } } : {}),
    });
    return (await presentEvents(trx, [after]))[0]!;
  });
}
