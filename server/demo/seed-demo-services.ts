/**
 * Seeds the demo services and finance (demo-services.ts) through the module's use cases, each as the
 * demo account that would act: the agencies' offerings, the enterprise's request moved to 办理中 by the
 * agency, the bank's products, the enterprise's need and the bank's offer, a licence and an equity
 * record. Runs once: a database that already holds demo offerings is left alone.
 */
import { addDays, addYears, chinaDate } from '../../common/dates.js';
import type { UserRole } from '../../common/vocabulary.js';
import type { Actor, Ctx } from '../context.js';
import { createNeed } from '../modules/services/create-need.js';
import { createProduct } from '../modules/services/create-product.js';
import { respondToNeed } from '../modules/services/respond-to-need.js';
import { createIpRecord } from '../modules/services/create-ip-record.js';
import { createOffering } from '../modules/services/create-offering.js';
import { createServiceRequest } from '../modules/services/create-service-request.js';
import { transitionServiceRequest } from '../modules/services/transition-service-request.js';
import { demoIpRecords, demoNeed, demoOfferings, demoProducts, demoRequest } from './demo-services.js';

function on(ctx: Ctx, date: string, actor: Actor): Ctx {
  const instant = new Date(`${date}T02:00:00.000Z`);
  return { ...ctx, actor, clock: { now: () => instant } };
}

async function userActor(ctx: Ctx, username: string): Promise<Actor | null> {
  const user = await ctx.db.selectFrom('app_user').select(['id', 'display_name', 'roles', 'jurisdiction_code']).where('username', '=', username).executeTakeFirst();
  if (!user) return null;
  return {
    id: user.id, name: user.display_name, roles: JSON.parse(user.roles) as UserRole[], jurisdictionCode: user.jurisdiction_code,
    organizationIds: (await ctx.db.selectFrom('user_organization').select('organization_id').where('user_id', '=', user.id).execute()).map((o) => o.organization_id),
  };
}

/** Seeds the demo services and finance; returns how many records were created (0 when already there). */
export async function seedDemoServices(ctx: Ctx, refs: { organizations: Map<string, string> }): Promise<number> {
  const already = await ctx.db.selectFrom('service_offering').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  if (already) return 0;
  const org = (key: string) => refs.organizations.get(key);
  const today = chinaDate(ctx.clock.now());
  const operator: Actor = { id: null, name: '科技局运营人员（演示）', roles: ['operator'], jurisdictionCode: ctx.actor.jurisdictionCode, organizationIds: [] };
  const agency = await userActor(ctx, 'agency');
  const enterprise = await userActor(ctx, demoRequest.fromUsername);
  const bank = await userActor(ctx, 'bank');
  const listing = async (externalId: string) =>
    (await ctx.db.selectFrom('achievement').select('id').where('external_id', '=', externalId).where('is_demo', '=', 1).executeTakeFirst())?.id;
  let count = 0;

  const offeringIds = new Map<string, string>();
  for (const o of demoOfferings) {
    const organizationId = org(o.organizationKey);
    if (!organizationId) continue;
    const actor = agency?.organizationIds.includes(organizationId) ? agency : operator;
    const { organizationKey: _k, ...rest } = o;
    const created = await createOffering(on(ctx, addDays(today, -30), actor), { ...rest, organizationId }, { isDemo: true });
    offeringIds.set(o.title, created.id);
    count++;
  }

  const requester = org(demoRequest.requesterKey);
  const offeringId = offeringIds.get(demoRequest.offeringTitle);
  if (enterprise && agency && requester && offeringId) {
    const start = addDays(today, -demoRequest.daysAgo);
    const request = await createServiceRequest(on(ctx, start, enterprise), {
      requesterOrganizationId: requester, offeringId, title: demoRequest.title, description: demoRequest.description,
    }, { isDemo: true });
    let version = request.version;
    for (const s of demoRequest.steps) {
      version = (await transitionServiceRequest(on(ctx, addDays(start, s.afterDays), agency), request.id, { to: s.to, version, note: s.note })).version;
    }
    count++;
  }

  const productIds = new Map<string, string>();
  for (const p of demoProducts) {
    const bankOrganizationId = org(p.bankKey);
    if (!bankOrganizationId) continue;
    const actor = bank?.organizationIds.includes(bankOrganizationId) ? bank : operator;
    const { bankKey: _k, ...rest } = p;
    productIds.set(p.name, (await createProduct(on(ctx, addDays(today, -60), actor), { ...rest, bankOrganizationId }, { isDemo: true })).id);
    count++;
  }

  const needOrg = org(demoNeed.organizationKey);
  if (enterprise && needOrg) {
    const start = addDays(today, -demoNeed.daysAgo);
    const need = await createNeed(on(ctx, start, enterprise), {
      organizationId: needOrg, title: demoNeed.title, amountFen: demoNeed.amountFen, purpose: demoNeed.purpose, termMonths: demoNeed.termMonths,
      collateralKinds: demoNeed.collateralKinds, achievementId: await listing(demoNeed.achievementExternalId), description: demoNeed.description,
    }, { isDemo: true });
    count++;
    const productId = productIds.get(demoNeed.offer.productName);
    if (bank && productId) {
      const { productName: _p, afterDays, ...offer } = demoNeed.offer;
      await respondToNeed(on(ctx, addDays(start, afterDays), bank), need.id, { productId, decision: 'offered', ...offer }, { isDemo: true });
      count++;
    }
  }

  for (const r of demoIpRecords) {
    const from = org(r.fromKey);
    const to = org(r.toKey);
    if (!from || !to) continue;
    const startsOn = addDays(today, -r.startsDaysAgo);
    const { fromKey: _f, toKey: _t, startsDaysAgo: _s, achievementExternalId, ...fields } = r as typeof r & { years?: number };
    const { years, ...record } = fields;
    const endsOn = years ? addDays(addYears(startsOn, years), -1) : undefined;
    await createIpRecord(on(ctx, startsOn, operator), {
      ...record, fromOrganizationId: from, toOrganizationId: to, startsOn, endsOn, achievementId: await listing(achievementExternalId),
    }, { isDemo: true });
    count++;
  }
  return count;
}
