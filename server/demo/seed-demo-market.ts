/**
 * Seeds the demo technology market (demo-market.ts) through the market use cases: each listing is
 * created as a draft, submitted and — unless it is one of the `pending` ones left for the
 * operator's review queue — published, each step on its own day, so the history reads as it
 * happened. Then one inquiry (联系对接) from a demo user. Runs once: a database that already holds
 * demo listings is left alone.
 */
import { addDays, chinaDate } from '../../common/dates.js';
import type { UserRole } from '../../common/vocabulary.js';
import type { Ctx } from '../context.js';
import { inTransaction } from '../context.js';
import { createInquiry } from '../modules/market/inquiries.js';
import { insertAchievement, insertDemand, transitionListing } from '../modules/market/listings.js';
import { achievementInput, demandInput } from '../modules/market/schema.js';
import { demoAchievements, demoDemands, demoInquiry } from './demo-market.js';

/** The context acting on a given day (10:00 Beijing time). */
function on(ctx: Ctx, date: string): Ctx {
  const instant = new Date(`${date}T02:00:00.000Z`);
  return { ...ctx, clock: { now: () => instant } };
}

export interface DemoMarketReferences {
  organizations: Map<string, string>;
}

/** Seeds the demo listings; returns how many were created (0 when the database already has them). */
export async function seedDemoMarket(ctx: Ctx, refs: DemoMarketReferences): Promise<number> {
  const already = await ctx.db.selectFrom('achievement').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  if (already) return 0;
  const today = chinaDate(ctx.clock.now());
  const orgId = (key: string) => {
    const id = refs.organizations.get(key);
    if (!id) throw new Error(`demo market: unknown organization ${key}`);
    return id;
  };
  let count = 0;
  const demandIds = new Map<string, string>();

  const flow = async (kind: 'achievement' | 'demand', id: string, index: number, pending: boolean) => {
    // Created 20–30 days ago, submitted the next day, published two days later.
    const created = addDays(today, -(30 - index));
    await transitionListing(on(ctx, addDays(created, 1)), kind, id, { to: 'pending', version: 1 });
    if (!pending) await transitionListing(on(ctx, addDays(created, 3)), kind, id, { to: 'published', version: 2 });
  };

  for (const [i, a] of demoAchievements.entries()) {
    const created = addDays(today, -(30 - i));
    const input = achievementInput.parse({
      externalId: a.externalId, title: a.title, description: a.description, keywords: a.keywords, technicalField: a.technicalField,
      industries: a.industries, trl: a.trl, stage: a.stage, ipItems: a.ipItems, transferModes: a.transferModes, priceKind: a.priceKind,
      priceFen: a.priceFen, ownerOrganizationId: orgId(a.ownerKey), team: a.team, originCountry: a.originCountry, tags: a.tags,
      expiresOn: addDays(today, a.daysValid),
    });
    const listing = await inTransaction(ctx, (trx) => insertAchievement(on(ctx, created), trx, input, { isDemo: true }));
    await flow('achievement', listing.id, i, !!a.pending);
    count++;
  }
  for (const [i, d] of demoDemands.entries()) {
    const created = addDays(today, -(30 - i));
    const input = demandInput.parse({
      externalId: d.externalId, title: d.title, problem: d.problem, indicators: d.indicators, keywords: d.keywords, technicalField: d.technicalField,
      industries: d.industries, budgetMinFen: d.budgetMinFen, budgetMaxFen: d.budgetMaxFen, deadline: addDays(today, d.daysToDeadline),
      organizationId: orgId(d.organizationKey), isChallenge: d.isChallenge ?? false, rewardFen: d.rewardFen, tags: d.tags,
    });
    const listing = await inTransaction(ctx, (trx) => insertDemand(on(ctx, created), trx, input, { isDemo: true }));
    await flow('demand', listing.id, i, !!d.pending);
    demandIds.set(d.key, listing.id);
    count++;
  }

  // One inquiry, sent by a demo user through the platform (when the demo users exist).
  const user = await ctx.db.selectFrom('app_user').select(['id', 'display_name', 'roles', 'jurisdiction_code']).where('username', '=', demoInquiry.fromUsername).executeTakeFirst();
  const demandId = demandIds.get(demoInquiry.demandKey);
  if (user && demandId) {
    const orgs = await ctx.db.selectFrom('user_organization').select('organization_id').where('user_id', '=', user.id).execute();
    const actor = { id: user.id, name: user.display_name, roles: JSON.parse(user.roles) as UserRole[], jurisdictionCode: user.jurisdiction_code, organizationIds: orgs.map((o) => o.organization_id) };
    await createInquiry({ ...on(ctx, addDays(today, -2)), actor }, { listingKind: 'demand', listingId: demandId, message: demoInquiry.message, contact: demoInquiry.contact });
  }
  return count;
}
