/**
 * The indicators' read model kept by the workflow (tallies.ts) against two oracles: the same
 * tables rebuilt from nothing, and the contract groups counted live by joining each contract's
 * first parties (what the indicators did before the tallies), over many areas and periods —
 * whole months, days around them, and a prefix the tallies do not hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Ctx, Executor } from '../../context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization } from '../../testing/builders.js';
import { updateOrganization } from '../registry/organizations.js';
import { codeRange } from '../registry/divisions.js';
import { codesUnder, contractGroups, type ContractGroup, wholeMonths } from '../indicators/repo.js';
import { createContract, transitionContract } from './contracts.js';
import { contractInputFor, nextRegistrationNumber } from './test-support.js';
import { publicizingInstitutionOf } from '../pricing/gate.js';
import { finishedPublicity } from '../pricing/test-support.js';
import { rebuildContractTallies } from './tallies.js';

/** The groups as the indicators counted them before the tallies: a live join per contract. */
async function liveGroups(db: Executor, prefix: string, from: string, to: string): Promise<ContractGroup[]> {
  const j = codeRange(prefix);
  const city = codeRange(prefix.slice(0, 4));
  const province = codeRange(prefix.slice(0, 2));
  const rows = await db
    .selectFrom('contract as c')
    .leftJoin('contract_party as sp', (jn) => jn.onRef('sp.contract_id', '=', 'c.id').on('sp.side', '=', 'seller').on('sp.position', '=', 0))
    .leftJoin('organization as so', 'so.id', 'sp.organization_id')
    .leftJoin('contract_party as bp', (jn) => jn.onRef('bp.contract_id', '=', 'c.id').on('bp.side', '=', 'buyer').on('bp.position', '=', 0))
    .leftJoin('organization as bo', 'bo.id', 'bp.organization_id')
    .where('c.registered_on', '>=', from)
    .where('c.registered_on', '<=', to)
    .where('c.status', 'in', ['registered', 'amended'])
    .where('c.registration_number', 'is not', null)
    .where('c.jurisdiction_code', 'in', codesUnder(prefix))
    .select([
      sql<string>`substr(c.registered_on, 1, 4)`.as('year'),
      'c.type as type',
      'c.tech_field as field',
      sql<string>`case when so.division_code is null then 'unknown'
        when so.division_code >= ${j.from} and so.division_code < ${j.to} then 'district'
        when so.division_code >= ${city.from} and so.division_code < ${city.to} then 'city'
        when so.division_code >= ${province.from} and so.division_code < ${province.to} then 'province'
        else 'elsewhere' end`.as('origin'),
      sql<number>`case when bo.division_code >= ${j.from} and bo.division_code < ${j.to} then 1 else 0 end`.as('buyer_in'),
      'so.kind as seller_kind',
      sql<number>`count(*)`.as('n'),
      sql<number>`cast(sum(c.tech_amount_fen) as bigint)`.as('fen'),
    ])
    .groupBy(sql`1, 2, 3, 4, 5, 6`)
    .execute();
  return rows.map((r) => ({ year: r.year, type: r.type, field: r.field, origin: r.origin, buyerIn: Number(r.buyer_in), sellerKind: r.seller_kind, n: Number(r.n), fen: Number(r.fen) }));
}

const sorted = (groups: ContractGroup[]) => groups.map((g) => JSON.stringify([g.year, g.type, g.field, g.origin, g.buyerIn, g.sellerKind, g.n, g.fen])).sort();

async function snapshot(db: Executor) {
  const facts = await db.selectFrom('contract_fact').selectAll().orderBy('contract_id').execute();
  const tallies = await db.selectFrom('contract_tally').selectAll().where('n', '>', 0).orderBy('area').orderBy('month').orderBy('type').orderBy('tech_field').orderBy('origin').orderBy('buyer_in').orderBy('seller_kind').execute();
  const norm = <T extends Record<string, unknown>>(rows: T[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) && (k === 'n' || k === 'fen' || k === 'tech_amount_fen') ? Number(v) : v])));
  return { facts: norm(facts), tallies: norm(tallies) };
}

describe('whole months of a period', () => {
  it('finds the calendar months wholly inside, or none', () => {
    expect(wholeMonths('2023-01-01', '2023-12-31')).toEqual({ first: '2023-01', last: '2023-12' });
    expect(wholeMonths('2023-01-01', '2023-06-15')).toEqual({ first: '2023-01', last: '2023-05' });
    expect(wholeMonths('2023-02-10', '2024-02-29')).toEqual({ first: '2023-03', last: '2024-02' });
    expect(wholeMonths('2023-12-02', '2024-01-30')).toBeNull();
    expect(wholeMonths('2023-03-05', '2023-03-20')).toBeNull();
  });
});

for (const dialect of await testDialects()) {
  describe(`contract tallies on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      ctx = testCtx(db);
      // Parties in the district, its city, its province and elsewhere; universities, institutes, enterprises.
      const org = (divisionCode: string, kind: 'enterprise' | 'university' | 'research_institute') => makeOrganization(ctx, { divisionCode, kind });
      const orgs = [
        await org('410411', 'enterprise'), await org('410411', 'university'), await org('410402', 'research_institute'),
        await org('410102', 'university'), await org('110108', 'enterprise'), await org('410402', 'enterprise'),
      ];
      const office = await makeOrganization(ctx, { kind: 'government_department', name: '登记机构' });
      const jurisdictions = ['410411', '410402', '410102', '110108'];
      const types = ['transfer', 'development', 'service', 'consulting'] as const;
      const subtypes = { transfer: 'patent', development: 'commissioned', service: 'service', consulting: 'consulting' } as const;
      const days = ['2023-01-01', '2023-01-31', '2023-02-10', '2023-03-05', '2023-03-20', '2023-06-15', '2023-06-30', '2023-12-31', '2024-01-01', '2024-02-29', '2024-03-05'];
      let x = 7;
      // A linear congruential sequence; its high bits (the low ones repeat with short periods).
      const next = (n: number) => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648), Math.floor(x / 65_536) % n);
      for (let i = 0; i < 36; i++) {
        const actor = testCtx(db, { jurisdictionCode: jurisdictions[next(jurisdictions.length)]! });
        const type = types[next(types.length)]!;
        const registeredOn = days[next(days.length)]!;
        const sellerAt = next(orgs.length);
        const seller = i % 9 === 4 ? { personName: '王发明', personIdNumber: '410411199008250521' } : { organizationId: orgs[sellerAt]!.id };
        const buyer = orgs[(sellerAt + 1 + next(orgs.length - 1)) % orgs.length]!;
        const input = await contractInputFor(actor, {
          type, subtype: subtypes[type], signedOn: '2023-01-01', amountFen: (1 + next(50)) * 100_000,
          techField: (['advanced_manufacturing', 'new_materials', 'agriculture'] as const)[next(3)], sellers: [seller as never], buyers: [{ organizationId: buyer.id }],
        });
        const c = await createContract(actor, input);
        if (i % 11 === 10) continue; // stays a draft: not counted
        // A local institution's transfer is submitted after its 成果定价公示 (server/modules/pricing).
        if (await publicizingInstitutionOf(db.db, { id: c.id, type: c.type, jurisdiction_code: c.jurisdictionCode })) await finishedPublicity(actor, c.id);
        const submitted = await transitionContract(actor, c.id, { to: 'submitted', version: c.version });
        const registered = await transitionContract(actor, c.id, { to: 'registered', version: submitted.version, registrationNumber: nextRegistrationNumber(2023), registeredOn, registrationOfficeId: office.id });
        if (i % 7 === 3) await transitionContract(actor, c.id, { to: 'revoked', version: registered.version, note: '撤销登记' });
        else if (i % 5 === 2) await transitionContract(actor, c.id, { to: 'amended', version: registered.version, note: '变更登记' });
      }
      // A party moves from the city to the district and becomes a university: its contracts change class.
      const moved = orgs[2]!;
      await updateOrganization(ctx, moved.id, { version: moved.version, divisionCode: '410411', kind: 'university' });
    }, 120_000);
    afterAll(async () => db.drop());

    it('answers every area and period as the live join over the parties does', async () => {
      const periods = [
        ['2023-01-01', '2023-12-31'], ['2023-01-01', '2023-06-15'], ['2023-02-10', '2024-03-05'], ['2024-01-01', '2024-01-31'],
        ['2023-03-05', '2023-03-20'], ['2023-01-31', '2024-02-29'], ['2022-01-01', '2026-12-31'],
      ];
      let counted = 0;
      for (const prefix of ['41', '4104', '410411', '410402', '4101', '11', '110108', '41041']) {
        for (const [from, to] of periods) {
          const live = await liveGroups(db.db, prefix, from!, to!);
          expect(sorted(await contractGroups(db.db, prefix, from!, to!)), `${prefix} ${from}…${to}`).toEqual(sorted(live));
          counted += live.reduce((s, g) => s + g.n, 0);
        }
      }
      expect(counted).toBeGreaterThan(100);
    });
    it('keeps the same facts and tallies as a rebuild from nothing', async () => {
      const kept = await snapshot(db.db);
      expect(kept.facts.length).toBeGreaterThan(20);
      await db.db.transaction().execute((trx) => rebuildContractTallies(trx));
      expect(await snapshot(db.db)).toEqual(kept);
    });

  });
}
