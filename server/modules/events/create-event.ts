/** The operator creates a matchmaking event (对接会) or roadshow (路演) with the listings it features. Audited. */
import type { MarketEvent } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { checkListings, organizerNameOf } from './checks.js';
import { type EventRow, presentEvents, replaceListings } from './repo.js';
import type { EventInput } from './schema.js';

export async function createEvent(ctx: Ctx, input: EventInput, opts: { isDemo?: boolean } = {}): Promise<MarketEvent> {
  assertCan(ctx.actor, 'events.event.write');
  return inTransaction(ctx, async (trx) => {
    const organizerName = await organizerNameOf(trx, input.organizerOrganizationId, input.organizerName);
    await checkListings(trx, input.listings);
    const now = ctx.clock.now().toISOString();
    const row: EventRow = {
      id: newId(),
      jurisdiction_code: ctx.actor.jurisdictionCode,
      title: input.title,
      kind: input.kind,
      held_on: input.heldOn,
      place: input.place,
      organizer_organization_id: input.organizerOrganizationId ?? null,
      organizer_name: organizerName,
      description: input.description,
      is_demo: opts.isDemo ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('market_event').values(row).execute();
    await replaceListings(trx, row.id, input.listings);
    await audit(trx, ctx, {
      action: 'events.event.write', subjectType: 'market_event', subjectId: row.id,
      after: { title: row.title, kind: row.kind, heldOn: row.held_on, place: row.place, organizerName, listings: input.listings },
    });
    return (await presentEvents(trx, [row]))[0]!;
  });
}
