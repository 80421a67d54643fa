/** Settlement from the database: awards as the rules say, immutable runs, reproducible hashes, audited. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { makeOrganization, makePerson, makePlatform } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { addPayment } from '../contracts/payments.js';
import type { ContractInput } from '../contracts/schema.js';
import { makeRegisteredContract } from '../contracts/test-support.js';
import { scanSettings } from './load-world.js';
import { getAwardExplanation, getRun, listAwards, listExclusions, runSettlement } from './settlement.js';

let invoiceSerial = 0;
const invoiceNumber = () => `2541100000${String(++invoiceSerial).padStart(10, '0')}`;

/** A contract registered in 2022, with a vouchered and invoiced payment in 2022. */
async function registeredIn2022(ctx: Ctx, input: Partial<ContractInput> & Pick<ContractInput, 'sellers' | 'buyers'>, paidFen: number) {
  const registered = await makeRegisteredContract(ctx, { name: '结算测试合同', signedOn: '2022-02-01', amountFen: 500_000_00, ...input }, '2022-03-01');
  await addPayment(ctx, registered.id, {
    paidOn: '2022-04-01',
    amountFen: paidFen,
    voucherNumber: `HD${invoiceSerial}`,
    // Two invoices for one payment: they add up, and must be read together.
    invoices: [
      { number: invoiceNumber(), issuedOn: '2022-04-01', amountFen: paidFen - 100_00, namesContract: true },
      { number: invoiceNumber(), issuedOn: '2022-04-01', amountFen: 100_00, namesContract: true },
    ],
  });
  return registered;
}

const dialects = await testDialects();
for (const dialect of dialects) {
  describe(`settlement on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      const buyer = await makeOrganization(ctx, { kind: 'enterprise', divisionCode: '410411', name: '湛河区某电气有限公司' });
      const shanghai = await makeOrganization(ctx, { kind: 'university', divisionCode: '310115', name: '上海某大学' });
      const cityCollege = await makeOrganization(ctx, { kind: 'university', divisionCode: '410402', name: '平顶山某学院' });
      const broker = await makePerson(ctx, { name: '王经纪', roles: [{ role: 'broker' }] });
      Object.assign(ids, { buyer: buyer.id, shanghai: shanghai.id, cityCollege: cityCollege.id, broker: broker.id });
      // R1 10 % of 300,000 = 30,000 to the buyer; R3 1 % = 3,000 to the broker.
      const c1 = await registeredIn2022(ctx, { sellers: [{ organizationId: shanghai.id }], buyers: [{ organizationId: buyer.id }], brokers: [{ personId: broker.id, share: 1 }] }, 300_000_00);
      // R2 10 % of 200,000 = 20,000 to the city college; R1 excluded: the seller is in the city.
      const c2 = await registeredIn2022(ctx, { sellers: [{ organizationId: cityCollege.id }], buyers: [{ organizationId: buyer.id }], implementationDivision: '410411' }, 200_000_00);
      Object.assign(ids, { c1: c1.id, c2: c2.id });
    });
    afterAll(async () => handle.drop());

    it('settles the whole registry for 2023 under zhanhe-2022, each award explained', async () => {
      const run = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023 });
      expect(run).toMatchObject({ policyId: 'zhanhe-2022', year: 2023, scope: 'registry', awardCount: 3, awardTotalYuan: 53_000, contractCount: 2 });
      const awards = await listAwards(handle.db, run.id);
      expect(awards.map((a) => [a.rule, a.beneficiaryName, a.amountYuan])).toEqual(
        expect.arrayContaining([
          ['enterprise_purchase', '湛河区某电气有限公司', 30_000],
          ['institution_transfer', '平顶山某学院', 20_000],
          ['broker', '王经纪', 3_000],
        ]),
      );
      const r1 = awards.find((a) => a.rule === 'enterprise_purchase')!;
      const explained = await getAwardExplanation(handle.db, run.id, r1.seq);
      expect(explained.trace.filter((t) => t.step === 'contract').map((t) => t.contract)).toEqual([ids.c1]);
      expect(explained.contracts[ids.c1!]).toMatchObject({ name: '结算测试合同' });
      expect(explained.trace.at(-1)).toEqual({ step: 'award', yuan: 30_000 });
      expect(await listExclusions(handle.db, run.id, ids.c2)).toContainEqual({ contract: ids.c2, rule: 'enterprise_purchase', reason: 'seller_in_city', label: '卖方在市内（非市外成果）' });
      expect((await listExclusions(handle.db, run.id)).length).toBe(run.exclusionCount);
      expect(await listExclusions(handle.db, run.id, undefined, 1)).toHaveLength(1);
      const events = await handle.db.selectFrom('audit_event').select(['action', 'subject_id']).where('action', '=', 'subsidies.settlement.run').execute();
      expect(events).toContainEqual({ action: 'subsidies.settlement.run', subject_id: run.id });
    });

    it('re-running on the same inputs reproduces both hashes; a new payment changes them', async () => {
      const a = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023 });
      const b = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023 });
      expect(b.id).not.toBe(a.id);
      expect(b.inputHash).toBe(a.inputHash);
      expect(b.resultHash).toBe(a.resultHash);
      const withBudget = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023, budgets: { enterprise_purchase: 10_000 } });
      expect(withBudget.inputHash).not.toBe(a.inputHash);
      expect((await listAwards(handle.db, withBudget.id)).find((x) => x.rule === 'enterprise_purchase')?.amountYuan).toBe(10_000);
      await addPayment(ctx, ids.c1!, { paidOn: '2022-09-01', amountFen: 100_000_00, voucherNumber: 'HDX', invoices: [{ number: invoiceNumber(), issuedOn: '2022-09-01', amountFen: 100_000_00, namesContract: true }] });
      const c = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023 });
      expect(c.inputHash).not.toBe(a.inputHash);
      expect(c.resultHash).not.toBe(a.resultHash);
      expect(c.awardTotalYuan).toBe(a.awardTotalYuan + 10_000 + 1_000);
    });

    it('reading in pages of any size gives the same world and result', async () => {
      // A second invoice on one payment: its rows must stay together across page boundaries.
      const reference = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023 });
      const saved = scanSettings.page;
      try {
        for (const page of [1, 2, 3]) {
          scanSettings.page = page;
          const run = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023 });
          expect([run.inputHash, run.resultHash]).toEqual([reference.inputHash, reference.resultHash]);
        }
      } finally {
        scanSettings.page = saved;
      }
    });

    it('a run is immutable: the database refuses to change or delete it', async () => {
      const run = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023 });
      await expect(sql`update settlement_run set award_total_yuan = 1 where id = ${run.id}`.execute(handle.db)).rejects.toThrow(/immutable/);
      await expect(sql`delete from settlement_award where run_id = ${run.id}`.execute(handle.db)).rejects.toThrow(/immutable/);
      await expect(sql`update settlement_exclusions set line_count = 0 where run_id = ${run.id}`.execute(handle.db)).rejects.toThrow(/immutable/);
      expect((await getRun(handle.db, run.id)).awardTotalYuan).toBe(run.awardTotalYuan);
    });

    it('one notice: only the applicants and the contracts they picked', async () => {
      const run = await runSettlement(ctx, {
        policy: 'zhanhe-2022',
        year: 2023,
        applications: { ref: 'notice-1', contracts: [ids.c1!], beneficiaries: [ids.buyer!] },
      });
      const awards = await listAwards(handle.db, run.id);
      expect(awards.map((a) => [a.rule, a.beneficiaryRef])).toEqual([['enterprise_purchase', ids.buyer]]);
      expect(run).toMatchObject({ scope: 'applications', scopeRef: 'notice-1', contractCount: 1 });
    });

    it('a parameter set for the run (finance’s yearly R4 amount) pays a newly recognised institution', async () => {
      const demo = await makeOrganization(ctx, { kind: 'tech_transfer_institution', divisionCode: '410411', name: '湛河区某技术转移中心' });
      await makePlatform(ctx, { hostOrganizationId: demo.id, type: 'tech_transfer_demonstration', level: 'provincial', recognizedOn: '2022-06-01' });
      const without = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023 });
      expect((await listAwards(handle.db, without.id, demo.id)).length).toBe(0);
      const withAmount = await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023, overrides: { 'demonstration_institution.amount': 80_000 } });
      expect((await listAwards(handle.db, withAmount.id, demo.id)).map((a) => [a.rule, a.amountYuan])).toEqual([['demonstration_institution', 80_000]]);
      expect(withAmount.overrides).toEqual({ 'demonstration_institution.amount': 80_000 });
    });

    it('bad input is refused naming the field, and nothing is written', async () => {
      const before = await handle.db.selectFrom('settlement_run').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      await expect(runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023, overrides: { 'enterprise_purchase.rate': 12 } })).rejects.toMatchObject({ options: { field: 'overrides.enterprise_purchase.rate' } });
      await expect(runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023, budgets: { lottery: 5 } })).rejects.toMatchObject({ options: { field: 'budgets.lottery' } });
      await expect(runSettlement(ctx, { policy: 'nowhere', year: 2023 })).rejects.toMatchObject({ options: { field: 'policy' } });
      await expect(runSettlement(ctx, { policy: 'zhanhe-2022', year: 2022 })).rejects.toThrow(/不适用于 2022 年度申报/);
      const after = await handle.db.selectFrom('settlement_run').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('a user without the permission may not run one', async () => {
      await expect(runSettlement(testCtx(handle, { roles: ['enterprise'] }), { policy: 'zhanhe-2022', year: 2023 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
}
