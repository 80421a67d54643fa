/**
 * Seeds the demo deals (对接) and the demo matchmaking event (demo-market.ts) through the deals and
 * events use cases: the event with its registrations and attendance, then each deal started by the
 * demo broker on its day and moved to its stage — one signed into its contract draft. Runs once and
 * only after the demo market: a database that already holds demo deals is left alone.
 */
import { addDays, chinaDate } from '../../common/dates.js';
import type { UserRole } from '../../common/vocabulary.js';
import type { Actor, Ctx } from '../context.js';
import { addDealNote } from '../modules/deals/add-deal-note.js';
import { createDeal } from '../modules/deals/create-deal.js';
import { signDeal } from '../modules/deals/sign-deal.js';
import { transitionDeal } from '../modules/deals/transition-deal.js';
import { createEvent } from '../modules/events/create-event.js';
import { markAttendance } from '../modules/events/mark-attendance.js';
import { registerForEvent } from '../modules/events/register-for-event.js';
import { demoDeals, demoEvent, demoInquiry } from './demo-market.js';

function on(ctx: Ctx, date: string, actor?: Actor): Ctx {
  const instant = new Date(`${date}T02:00:00.000Z`);
  return { ...ctx, ...(actor ? { actor } : {}), clock: { now: () => instant } };
}

export interface DemoDealReferences {
  organizations: Map<string, string>;
  people: Map<string, string>;
}

/** Seeds the demo event and deals; returns how many deals were created (0 when already there or no demo market). */
export async function seedDemoDeals(ctx: Ctx, refs: DemoDealReferences): Promise<number> {
  const already = await ctx.db.selectFrom('deal').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  if (already) return 0;
  const listingId = async (kind: 'achievement' | 'demand', externalId: string) =>
    (await ctx.db.selectFrom(kind as 'achievement').select('id').where('external_id', '=', externalId).where('is_demo', '=', 1).executeTakeFirst())?.id;
  if (!(await listingId('achievement', 'DEMO-CG-001'))) return 0;
  const today = chinaDate(ctx.clock.now());
  const operator: Actor = { id: null, name: '科技局运营人员（演示）', roles: ['operator'], jurisdictionCode: ctx.actor.jurisdictionCode, organizationIds: [] };
  const user = await ctx.db.selectFrom('app_user').select(['id', 'display_name', 'roles', 'jurisdiction_code']).where('username', '=', demoInquiry.fromUsername).executeTakeFirst();
  const brokerActor: Actor | null = user
    ? {
        id: user.id, name: user.display_name, roles: JSON.parse(user.roles) as UserRole[], jurisdictionCode: user.jurisdiction_code,
        organizationIds: (await ctx.db.selectFrom('user_organization').select('organization_id').where('user_id', '=', user.id).execute()).map((o) => o.organization_id),
      }
    : null;
  const brokerPersonId = refs.people.get('person.xu-ming');

  // The event, held some days ago, with its registrations and attendance.
  const heldOn = addDays(today, -demoEvent.heldDaysAgo);
  const listings = [];
  for (const l of demoEvent.listings) {
    const id = await listingId(l.kind, l.externalId);
    if (id) listings.push({ kind: l.kind, id });
  }
  const event = await createEvent(on(ctx, addDays(heldOn, -14), operator), {
    title: demoEvent.title, kind: demoEvent.kind, heldOn, place: demoEvent.place, organizerOrganizationId: refs.organizations.get(demoEvent.organizerKey),
    description: demoEvent.description, listings,
  }, { isDemo: true });
  for (const r of demoEvent.registrations) {
    const organizationId = refs.organizations.get(r.organizationKey);
    if (!organizationId) continue;
    const reg = await registerForEvent(on(ctx, addDays(heldOn, -5), operator), event.id, { organizationId }, { isDemo: true });
    if (r.attended) await markAttendance(on(ctx, heldOn, operator), event.id, reg.id, { version: 1, attended: true });
  }
  if (brokerActor) {
    const reg = await registerForEvent(on(ctx, addDays(heldOn, -4), brokerActor), event.id, {}, { isDemo: true });
    await markAttendance(on(ctx, heldOn, operator), event.id, reg.id, { version: 1, attended: true });
  }

  let count = 0;
  for (const d of demoDeals) {
    const started = addDays(today, -d.startedDaysAgo);
    const achievementId = d.achievementExternalId ? await listingId('achievement', d.achievementExternalId) : undefined;
    const demandId = d.demandExternalId ? await listingId('demand', d.demandExternalId) : undefined;
    const inquiry = d.fromInquiry && demandId
      ? await ctx.db.selectFrom('listing_inquiry').select('id').where('listing_kind', '=', 'demand').where('listing_id', '=', demandId).executeTakeFirst()
      : undefined;
    const actor = brokerActor ?? operator;
    const deal = await createDeal(on(ctx, started, actor), {
      achievementId, demandId, brokerPersonId, eventId: d.fromEvent ? event.id : undefined, inquiryId: inquiry?.id,
    }, { isDemo: true });
    let version = deal.version;
    for (const [i, n] of d.notes.entries()) {
      const day = addDays(started, i + 1);
      await addDealNote(on(ctx, day, actor), deal.id, { text: n.text, nextStep: n.nextStep, dueOn: n.dueInDays ? addDays(day, n.dueInDays) : undefined });
    }
    if (d.stage === 'negotiating' || d.stage === 'signed') {
      version = (await transitionDeal(on(ctx, addDays(started, 1), actor), deal.id, { to: 'negotiating', version })).version;
    }
    if (d.stage === 'signed' && d.sign) {
      await signDeal(on(ctx, addDays(started, d.notes.length + 1), actor), deal.id, {
        version, amountFen: d.sign.amountFen, transferMode: d.sign.transferMode, licenseYears: d.sign.licenseYears,
      }, { isDemo: true });
    }
    if (d.stage === 'terminated' && d.terminate) {
      await transitionDeal(on(ctx, addDays(started, 2), actor), deal.id, { to: 'terminated', version, reason: d.terminate.reason, note: d.terminate.note });
    }
    count++;
  }
  return count;
}
