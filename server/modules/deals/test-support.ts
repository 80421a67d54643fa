/** Builders for the deal tests: published listings, a registered broker, a broker account. */
import type { Ctx } from '../../context.js';
import { createUser } from '../auth/users.js';
import { transitionListing } from '../market/listings.js';
import type { AchievementInput, DemandInput } from '../market/schema.js';
import { makeAchievement, makeDemand } from '../market/test-support.js';
import { makeOrganization, makePerson } from '../../testing/builders.js';

let serial = 0;

/** Ctx acting at a given instant. */
export function at(ctx: Ctx, instant: string): Ctx {
  return { ...ctx, clock: { now: () => new Date(instant) } };
}

export async function publishedAchievement(ctx: Ctx, overrides: Partial<AchievementInput> = {}) {
  const a = await makeAchievement(ctx, overrides);
  await transitionListing(ctx, 'achievement', a.id, { to: 'pending', version: 1 });
  return transitionListing(ctx, 'achievement', a.id, { to: 'published', version: 2 });
}

export async function publishedDemand(ctx: Ctx, overrides: Partial<DemandInput> = {}) {
  const d = await makeDemand(ctx, overrides);
  await transitionListing(ctx, 'demand', d.id, { to: 'pending', version: 1 });
  return transitionListing(ctx, 'demand', d.id, { to: 'published', version: 2 });
}

export async function makeBrokerPerson(ctx: Ctx, name = '徐明') {
  return makePerson(ctx, { name, roles: [{ role: 'broker', certificateNumber: `豫技经证字〔2024〕第${String(++serial).padStart(4, '0')}号`, level: 'senior', employment: 'full_time' }] });
}

/** A broker account acting for a fresh technology-transfer institution, as a use-case actor. */
export async function makeBrokerActor(ctx: Ctx, name = '经纪人') {
  const institution = await makeOrganization(ctx, { kind: 'tech_transfer_institution' });
  const { id } = await createUser(ctx, {
    username: `broker${++serial}_${Date.now().toString(36)}`, displayName: name, password: 'Test@2026pass', roles: ['broker'], jurisdictionCode: '410411', organizationIds: [institution.id],
  });
  return { id, name, roles: ['broker' as const], jurisdictionCode: '410411', organizationIds: [institution.id] };
}
