/** SQL of the event tables and the API's view of an event (common/deal-api.ts). */
import type { Selectable } from 'kysely';
import type { EventRegistration, FeaturedListing, MarketEvent } from '../../../common/deal-api.js';
import type { EventKind } from '../../../common/deal-vocabulary.js';
import type { ListingKind } from '../../../common/market-vocabulary.js';
import type { Executor } from '../../context.js';
import type { MarketEventRegistrationTable, MarketEventTable } from '../../db/schema.js';
import { newId } from '../../ids.js';

export type EventRow = Selectable<MarketEventTable>;
export type RegistrationRow = Selectable<MarketEventRegistrationTable>;

export function findEvent(db: Executor, id: string) {
  return db.selectFrom('market_event').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function presentEvents(db: Executor, rows: EventRow[]): Promise<MarketEvent[]> {
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .selectFrom('market_event_registration')
        .select(['event_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('attended').as('attended')])
        .where('event_id', 'in', ids)
        .groupBy('event_id')
        .execute()
    : [];
  const byEvent = new Map(counts.map((c) => [c.event_id, c]));
  return rows.map((r) => ({
    id: r.id,
    jurisdictionCode: r.jurisdiction_code,
    title: r.title,
    kind: r.kind as EventKind,
    heldOn: r.held_on,
    place: r.place,
    organizer: { organizationId: r.organizer_organization_id, name: r.organizer_name },
    description: r.description,
    registrationCount: Number(byEvent.get(r.id)?.n ?? 0),
    attendedCount: Number(byEvent.get(r.id)?.attended ?? 0),
    isDemo: r.is_demo === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function presentRegistrations(db: Executor, rows: RegistrationRow[]): Promise<EventRegistration[]> {
  const orgIds = [...new Set(rows.map((r) => r.organization_id).filter((x): x is string => !!x))];
  const orgs = orgIds.length ? await db.selectFrom('organization').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: r.id,
    organization: r.organization_id ? { id: r.organization_id, name: names.get(r.organization_id) ?? '' } : null,
    personId: r.person_id,
    userId: r.user_id,
    name: r.name,
    registeredByName: r.registered_by_name,
    attended: r.attended === 1,
    attendanceMarkedAt: r.attendance_marked_at,
    version: r.version,
    createdAt: r.created_at,
  }));
}

export async function featuredListings(db: Executor, eventId: string): Promise<FeaturedListing[]> {
  const rows = await db.selectFrom('market_event_listing').selectAll().where('event_id', '=', eventId).orderBy('position').execute();
  const out: FeaturedListing[] = [];
  for (const kind of ['achievement', 'demand'] as const) {
    const ids = rows.filter((r) => r.listing_kind === kind).map((r) => r.listing_id);
    if (ids.length === 0) continue;
    const found = await db.selectFrom(kind as 'achievement').select(['id', 'title', 'status']).where('id', 'in', ids).execute();
    for (const f of found) out.push({ kind, id: f.id, title: f.title, status: f.status });
  }
  const order = new Map(rows.map((r) => [`${r.listing_kind}:${r.listing_id}`, r.position]));
  return out.sort((a, b) => order.get(`${a.kind}:${a.id}`)! - order.get(`${b.kind}:${b.id}`)!);
}

export async function replaceListings(db: Executor, eventId: string, listings: { kind: ListingKind; id: string }[]): Promise<void> {
  await db.deleteFrom('market_event_listing').where('event_id', '=', eventId).execute();
  const seen = new Set<string>();
  const rows = listings
    .filter((l) => !seen.has(`${l.kind}:${l.id}`) && seen.add(`${l.kind}:${l.id}`))
    .map((l, position) => ({ id: newId(), event_id: eventId, listing_kind: l.kind, listing_id: l.id, position }));
  if (rows.length) await db.insertInto('market_event_listing').values(rows).execute();
}
