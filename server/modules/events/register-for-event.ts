/**
 * Registration (报名) for an event. A logged-in user registers itself, optionally for one of its
 * organizations; the operator registers organizations and people of the registry, or a named
 * participant. One registration per organization, person or account. Audited.
 */
import type { EventRegistration } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { type RegistrationRow, findEvent, presentRegistrations } from './repo.js';
import type { RegistrationInput } from './schema.js';

export async function registerForEvent(ctx: Ctx, eventId: string, input: RegistrationInput, opts: { isDemo?: boolean } = {}): Promise<EventRegistration> {
  const scope = assertCan(ctx.actor, 'events.registration.create');
  return inTransaction(ctx, async (trx) => {
    const event = await findEvent(trx, eventId);
    if (!event || !isWithinJurisdiction(ctx.actor.jurisdictionCode, event.jurisdiction_code)) throw notFound('对接活动', eventId);
    let name: string;
    let userId: string | null = null;
    if (scope === 'own') {
      if (input.personId) throw new AppError('FORBIDDEN', '只能为本人或本单位报名', { field: 'personId' });
      if (input.name) throw new AppError('FORBIDDEN', '只能为本人或本单位报名', { field: 'name' });
      if (input.organizationId && !ctx.actor.organizationIds.includes(input.organizationId)) {
        throw new AppError('FORBIDDEN', '只能为本人或本单位报名', { field: 'organizationId' });
      }
      userId = ctx.actor.id;
      name = ctx.actor.name;
    } else if (!input.organizationId && !input.personId && !input.name) {
      throw new AppError('VALIDATION', '请选择报名的机构或人员，或填写名称', { field: 'organizationId' });
    } else {
      name = input.name ?? '';
    }
    if (input.organizationId) {
      const org = await trx.selectFrom('organization').select(['id', 'name']).where('id', '=', input.organizationId).executeTakeFirst();
      if (!org) throw new AppError('VALIDATION', `机构不存在：${input.organizationId}`, { field: 'organizationId' });
      if (scope !== 'own' && !input.name) name = org.name;
    }
    if (input.personId) {
      const person = await trx.selectFrom('person').select(['id', 'name']).where('id', '=', input.personId).executeTakeFirst();
      if (!person) throw new AppError('VALIDATION', `人员不存在：${input.personId}`, { field: 'personId' });
      if (!input.name && !input.organizationId) name = person.name;
    }
    // One registration per account (self), organization or person.
    let clash = trx.selectFrom('market_event_registration').select('id').where('event_id', '=', eventId);
    clash = userId
      ? clash.where('user_id', '=', userId).where((eb) => (input.organizationId ? eb('organization_id', '=', input.organizationId) : eb('organization_id', 'is', null)))
      : input.organizationId
        ? clash.where('organization_id', '=', input.organizationId)
        : input.personId
          ? clash.where('person_id', '=', input.personId)
          : clash.where('name', '=', name).where('organization_id', 'is', null).where('person_id', 'is', null);
    if (await clash.executeTakeFirst()) throw new AppError('CONFLICT', '已报名该活动', { field: input.organizationId ? 'organizationId' : input.personId ? 'personId' : 'name' });
    const row: RegistrationRow = {
      id: newId(), event_id: eventId, organization_id: input.organizationId ?? null, person_id: input.personId ?? null, user_id: userId, name,
      registered_by_name: ctx.actor.name, attended: 0, attendance_marked_at: null, is_demo: opts.isDemo ? 1 : 0, version: 1, created_at: ctx.clock.now().toISOString(),
    };
    await trx.insertInto('market_event_registration').values(row).execute();
    await audit(trx, ctx, {
      action: 'events.registration.create', subjectType: 'market_event', subjectId: eventId,
      after: { registrationId: row.id, organizationId: row.organization_id, personId: row.person_id, userId: row.user_id, name },
    });
    return (await presentRegistrations(trx, [row]))[0]!;
  });
}
