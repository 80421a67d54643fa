/**
 * Fills an empty database with the demo district (湛河区) through the same use cases users call,
 * so every demo record is validated and audited. Runs once: a database that already holds demo
 * organizations keeps its registry; only the demo contracts are added if it has none yet (a
 * database seeded before contracts existed).
 */
import { organizationInput, personInput, platformInput } from '../../common/registry-schema.js';
import type { Ctx } from '../context.js';
import { inTransaction } from '../context.js';
import { createUser } from '../modules/auth/users.js';
import { createOrganization } from '../modules/registry/organizations.js';
import { addQualification } from '../modules/registry/qualifications.js';
import { setEquityHolders } from '../modules/registry/equity.js';
import { createPerson, writePersonUpdate } from '../modules/registry/people.js';
import { createPlatform } from '../modules/registry/platforms.js';
import { DEMO_PASSWORD, demoOrganizations, demoPeople, demoPlatforms, demoUsers } from './demo-data.js';
import { type DemoReferences, seedDemoContracts } from './seed-demo-contracts.js';
import { seedDemoMarket } from './seed-demo-market.js';
import { seedDemoDeals } from './seed-demo-deals.js';
import { seedDemoTalent } from './seed-demo-talent.js';
import { seedDemoSupervision } from './seed-demo-supervision.js';
import { seedDemoServices } from './seed-demo-services.js';
import { seedDemoPortal } from './seed-demo-portal.js';
import { renewQualifications, seedDemoStory, type StoryResult } from './seed-demo-story.js';

export interface SeedResult {
  seeded: boolean;
  organizations: number;
  people: number;
  platforms: number;
  users: number;
  contracts: number;
}

/** The ids of the demo organizations and people already in the database, by their demo keys. */
async function existingReferences(ctx: Ctx): Promise<DemoReferences> {
  const orgs = await ctx.db.selectFrom('organization').select(['id', 'uscc']).where('is_demo', '=', 1).execute();
  const byUscc = new Map(orgs.map((o) => [o.uscc, o.id]));
  const organizations = new Map<string, string>();
  for (const o of demoOrganizations) {
    const id = byUscc.get(o.uscc);
    if (id) organizations.set(o.key, id);
  }
  const people = new Map<string, string>();
  for (const p of demoPeople) {
    const row = await ctx.db.selectFrom('person').select('id').where('id_number_digest', '=', ctx.protector.digest(p.idNumber)).executeTakeFirst();
    if (row) people.set(p.key, row.id);
  }
  return { organizations, people };
}

function storyLine(s: StoryResult): string {
  return `the years since 2022: contracts ${s.contracts}, market listings ${s.listings}, supervision reports ${s.reports}, subsidy notices ${s.notices} with applications ${s.applications}, queued for review ${s.queued}`;
}

export async function seedDemo(ctx: Ctx, log: (line: string) => void = () => {}): Promise<SeedResult> {
  const already = await ctx.db.selectFrom('organization').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  if (already) {
    const refs = await existingReferences(ctx);
    const contracts = await seedDemoContracts(ctx, refs);
    if (contracts) log(`contracts: ${contracts}`);
    const listings = await seedDemoMarket(ctx, refs);
    if (listings) log(`market listings: ${listings}`);
    const deals = await seedDemoDeals(ctx, refs);
    if (deals) log(`market deals: ${deals}`);
    const courses = await seedDemoTalent(ctx);
    if (courses) log(`talent: training courses ${courses}`);
    const reports = await seedDemoSupervision(ctx);
    if (reports) log(`supervision: plan zhanhe-2022, reports ${reports}`);
    const serviceRecords = await seedDemoServices(ctx, refs);
    if (serviceRecords) log(`services and finance: ${serviceRecords}`);
    const posts = await seedDemoPortal(ctx);
    if (posts) log(`portal: ${posts} posts`);
    // Departments added to the demo since (the plan's responsible units) join before the story needs them.
    for (const o of demoOrganizations) {
      if (refs.organizations.has(o.key) || o.kind !== 'government_department') continue;
      const { key: _k, legalRepresentativeKey: _l, actualControllerKey: _a, qualifications: _q, equityHolders: _e, realName: _r, note: _n, ...rest } = o;
      refs.organizations.set(o.key, (await createOrganization(ctx, organizationInput.parse(rest), { isDemo: true })).id);
    }
    const story = await seedDemoStory(ctx, refs);
    if (story) log(storyLine(story));
    return { seeded: false, organizations: 0, people: 0, platforms: 0, users: 0, contracts };
  }

  const personIds = new Map<string, string>();
  for (const p of demoPeople) {
    const { key: _k, affiliations: _a, ...rest } = p;
    const person = await createPerson(ctx, personInput.parse({ ...rest, affiliations: [] }), { isDemo: true });
    personIds.set(p.key, person.id);
  }
  log(`people: ${personIds.size}`);

  const orgIds = new Map<string, string>();
  for (const o of demoOrganizations) {
    const { key: _k, legalRepresentativeKey, actualControllerKey, qualifications: _q, equityHolders: _e, realName: _r, note: _n, ...rest } = o;
    const org = await createOrganization(
      ctx,
      organizationInput.parse({
        ...rest,
        legalRepresentativeId: legalRepresentativeKey ? personIds.get(legalRepresentativeKey) : undefined,
        actualControllerId: actualControllerKey ? personIds.get(actualControllerKey) : undefined,
      }),
      { isDemo: true },
    );
    orgIds.set(o.key, org.id);
  }
  for (const o of demoOrganizations) {
    const id = orgIds.get(o.key)!;
    for (const q of o.qualifications ?? []) await addQualification(ctx, id, q);
    if (o.equityHolders?.length) {
      await setEquityHolders(
        ctx,
        id,
        o.equityHolders.map((h) =>
          h.holderType === 'organization'
            ? { holderType: 'organization' as const, holderOrganizationId: orgIds.get(h.holderKey)!, percent: h.percent }
            : { holderType: 'person' as const, holderPersonId: personIds.get(h.holderKey)!, percent: h.percent },
        ),
      );
    }
  }
  const renewed = await renewQualifications(ctx, demoOrganizations.map((o) => ({ id: orgIds.get(o.key)!, qualifications: o.qualifications })));
  log(`organizations: ${orgIds.size}${renewed ? ` (high-tech certificates renewed since: ${renewed})` : ''}`);

  // Affiliations need the organizations, which needed the people first.
  for (const p of demoPeople) {
    if (p.affiliations.length === 0) continue;
    await inTransaction(ctx, async (trx) => {
      const row = await trx.selectFrom('person').selectAll().where('id', '=', personIds.get(p.key)!).executeTakeFirstOrThrow();
      const { key: _k, ...rest } = p;
      await writePersonUpdate(ctx, trx, row, personInput.parse({
        ...rest,
        affiliations: p.affiliations.map((a) => ({ organizationId: orgIds.get(a.organizationKey)!, title: a.title })),
      }));
    });
  }

  for (const pl of demoPlatforms) {
    const { key: _k, hostOrganizationKey, ...rest } = pl;
    await createPlatform(ctx, platformInput.parse({ ...rest, hostOrganizationId: orgIds.get(hostOrganizationKey)! }), { isDemo: true });
  }
  log(`platforms: ${demoPlatforms.length}`);

  for (const u of demoUsers) {
    const existing = await ctx.db.selectFrom('app_user').select('id').where('username', '=', u.username).executeTakeFirst();
    if (existing) continue;
    await createUser(ctx, {
      username: u.username,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
      roles: u.roles,
      jurisdictionCode: u.jurisdictionCode,
      organizationIds: u.organizationKeys.map((k) => orgIds.get(k)!),
    }, { isDemo: true });
  }
  log(`users: ${demoUsers.length} (password ${DEMO_PASSWORD})`);

  const contracts = await seedDemoContracts(ctx, { organizations: orgIds, people: personIds });
  log(`contracts: ${contracts}`);
  const listings = await seedDemoMarket(ctx, { organizations: orgIds });
  log(`market listings: ${listings}`);
  const deals = await seedDemoDeals(ctx, { organizations: orgIds, people: personIds });
  log(`market deals: ${deals}`);
  const courses = await seedDemoTalent(ctx);
  log(`talent: training courses ${courses}`);
  const reports = await seedDemoSupervision(ctx);
  log(`supervision: plan zhanhe-2022, reports ${reports}`);
  const serviceRecords = await seedDemoServices(ctx, { organizations: orgIds });
  log(`services and finance: ${serviceRecords}`);
  log(`portal: ${await seedDemoPortal(ctx)} posts`);
  const story = await seedDemoStory(ctx, { organizations: orgIds, people: personIds });
  if (story) log(storyLine(story));
  return { seeded: true, organizations: orgIds.size, people: personIds.size, platforms: demoPlatforms.length, users: demoUsers.length, contracts };
}

