import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_TYPES } from '../../common/vocabulary.js';
import { checkInvoiceNumber } from '../modules/contracts/invoice.js';
import { isSubtypeOf } from '../modules/contracts/classification.js';
import { verifyAuditChain } from '../modules/audit/verify-chain.js';
import { computeSubsidies } from '../modules/subsidies/engine.js';
import { builtInPolicy } from '../modules/subsidies/policy.js';
import { testCtx } from '../testing/context.js';
import { createTestDatabase, testDialects } from '../testing/databases.js';
import { loadSubsidyWorld } from '../modules/subsidies/load-world.js';
import { demoContracts } from './demo-contracts.js';
import { demoOrganizations, demoPeople } from './demo-data.js';
import { demoContractInput } from './seed-demo-contracts.js';
import { seedDemo } from './seed-demo.js';
import { storyContracts } from './demo-story.js';
import { DEMO_PRICING_CONTRACT_NAMES } from './seed-demo-pricing.js';

const SEEDED_AT = '2026-11-27T05:00:00.000Z';
const orgByKey = new Map(demoOrganizations.map((o) => [o.key, o]));
const personByKey = new Map(demoPeople.map((p) => [p.key, p]));

describe('demo contracts: data', () => {
  it('has about 40 contracts with unique keys and names, every type, sub-types of their type', () => {
    expect(demoContracts.length).toBeGreaterThanOrEqual(36);
    expect(demoContracts.length).toBeLessThanOrEqual(45);
    expect(new Set(demoContracts.map((c) => c.key)).size).toBe(demoContracts.length);
    expect(new Set(demoContracts.map((c) => c.name)).size).toBe(demoContracts.length);
    for (const type of CONTRACT_TYPES.values) expect(demoContracts.some((c) => c.type === type), type).toBe(true);
    for (const c of demoContracts) expect(isSubtypeOf(c.type, c.subtype), c.key).toBe(true);
  });

  it('covers the workflow: drafts, in review, awaiting materials, registered in 2022 and 2023, refused, changed', () => {
    const statuses = new Set(demoContracts.map((c) => c.flow.status));
    for (const s of ['draft', 'submitted', 'materials_requested', 'registered', 'rejected', 'amended', 'cancelled']) expect(statuses.has(s as never), s).toBe(true);
    const registeredIn = (year: string) => demoContracts.filter((c) => 'registeredOn' in c.flow && c.flow.registeredOn.startsWith(year));
    expect(registeredIn('2022').length).toBeGreaterThanOrEqual(12);
    expect(registeredIn('2023').length).toBeGreaterThanOrEqual(5);
    for (const c of [...registeredIn('2022'), ...registeredIn('2023')]) expect(c.payments?.length, c.key).toBeGreaterThan(0);
  });

  it('resolves every organization and broker, parses with the contract schema, and registers after signing', () => {
    const refs = {
      organizations: new Map(demoOrganizations.map((o) => [o.key, `id-${o.key}`])),
      people: new Map(demoPeople.map((p) => [p.key, `id-${p.key}`])),
    };
    for (const c of demoContracts) {
      const input = demoContractInput(c, refs, '2026-11-27');
      expect(input.sellers.length + input.buyers.length, c.key).toBe(2);
      for (const b of c.brokers ?? []) expect(personByKey.get(b.personKey)?.roles.some((r) => r.role === 'broker'), `${c.key} ${b.personKey}`).toBe(true);
      if ('registeredOn' in c.flow) {
        expect(c.flow.registeredOn >= input.signedOn, c.key).toBe(true);
        expect(c.flow.registrationNumber, c.key).toMatch(new RegExp(`^${c.flow.registeredOn.slice(0, 4)}410411\\d{6}$`));
      }
      for (const p of c.payments ?? []) {
        for (const inv of p.invoices) expect(checkInvoiceNumber(inv.number, inv.code), `${c.key} ${inv.number}`).toMatchObject({ ok: true });
      }
    }
    const numbers = demoContracts.flatMap((c) => ('registrationNumber' in c.flow ? [c.flow.registrationNumber] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    const invoices = demoContracts.flatMap((c) => (c.payments ?? []).flatMap((p) => p.invoices.map((i) => `${i.code ?? ''}/${i.number}`)));
    expect(new Set(invoices).size).toBe(invoices.length);
  });

  it('has payments without invoice and without voucher, funding, and one contract declared related', () => {
    const payments = demoContracts.flatMap((c) => c.payments ?? []);
    expect(payments.some((p) => p.invoices.length === 0 && p.voucherNumber)).toBe(true);
    expect(payments.some((p) => !p.voucherNumber)).toBe(true);
    expect(demoContracts.filter((c) => c.funding?.length).length).toBeGreaterThanOrEqual(3);
    expect(demoContracts.filter((c) => c.declaredRelated).length).toBe(1);
    expect(demoContracts.some((c) => 'personName' in c.seller)).toBe(true);
    expect(orgByKey.size).toBe(demoOrganizations.length);
  });
});

for (const dialect of await testDialects()) {
  describe(`demo contracts seeded on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      await seedDemo(testCtx(handle, {}, SEEDED_AT));
    }, 300_000);
    afterAll(async () => handle.drop());

    const names = async () => {
      const orgs = await handle.db.selectFrom('organization').select(['id', 'name']).execute();
      const people = await handle.db.selectFrom('person').select(['id', 'name']).execute();
      return new Map([...orgs, ...people].map((r) => [r.id, r.name]));
    };

    /**
     * The demo contracts of demo-contracts.ts; the demo deals' signing adds drafts of its own
     * (seed-demo-deals.ts), and the years since 2024 have their story contracts (demo-story.ts).
     */
    const fromDeals = async () => new Set((await handle.db.selectFrom('deal').select('contract_id').where('contract_id', 'is not', null).execute()).map((d) => d.contract_id));
    // The story's contracts, and the 成果定价公示 story's, are told by demo-story.ts and seed-demo-pricing.ts.
    const storyNames = new Set([...storyContracts(SEEDED_AT.slice(0, 10)).map((s) => s.contract.name), ...DEMO_PRICING_CONTRACT_NAMES]);
    const storyPayments = storyContracts(SEEDED_AT.slice(0, 10)).reduce((n, s) => n + (s.contract.payments?.length ?? 0), 0);
    const seededContracts = async () => {
      const skip = await fromDeals();
      return (await handle.db.selectFrom('contract').select(['id', 'name', 'status', 'is_demo', 'registration_number']).execute()).filter((r) => !skip.has(r.id) && !storyNames.has(r.name));
    };

    it('writes every demo contract through the workflow, flagged as demo data, with an intact audit chain', async () => {
      const rows = await seededContracts();
      expect(rows).toHaveLength(demoContracts.length);
      expect(rows.every((r) => r.is_demo === 1)).toBe(true);
      const count = (s: string) => rows.filter((r) => r.status === s).length;
      for (const s of ['draft', 'submitted', 'materials_requested', 'registered', 'rejected', 'amended', 'cancelled']) {
        expect(count(s), s).toBe(demoContracts.filter((c) => c.flow.status === s).length);
      }
      const steps = await handle.db.selectFrom('contract_step').select(['to_status', 'on_date']).where('to_status', '=', 'registered').execute();
      expect(steps.some((s) => s.on_date.startsWith('2022'))).toBe(true);
      const payments = await handle.db.selectFrom('contract_payment').select('id').execute();
      expect(payments.length).toBe(demoContracts.reduce((n, c) => n + (c.payments?.length ?? 0), 0) + storyPayments);
      // One evidence file stands in for every scanned voucher and invoice.
      const vouchers = await handle.db.selectFrom('contract_payment').select('voucher_file_hash as hash').where('voucher_file_hash', 'is not', null).execute();
      const invoices = await handle.db.selectFrom('contract_invoice').select('file_hash as hash').where('file_hash', 'is not', null).execute();
      expect(new Set([...vouchers, ...invoices].map((f) => f.hash)).size).toBe(1);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('is idempotent, and adds the contracts to a demo district seeded before contracts existed', async () => {
      const again = await seedDemo(testCtx(handle, {}, SEEDED_AT));
      expect(again).toMatchObject({ seeded: false, contracts: 0 });
      expect(await seededContracts()).toHaveLength(demoContracts.length);

      // Forget the contracts, as in a database seeded by an earlier version (before contracts and
      // deals existed): they come back.
      await handle.db.updateTable('deal').set({ contract_id: null }).execute();
      await handle.db.deleteFrom('subsidy_application_contract').execute(); // such a database had no applications either
      for (const table of ['pricing_objection', 'pricing_publicity', 'contract_researcher', 'contract_invoice', 'contract_payment', 'contract_step', 'contract_party', 'contract_broker', 'contract_third_party', 'contract_funding', 'contract'] as const) {
        await handle.db.deleteFrom(table).execute();
      }
      const upgraded = await seedDemo(testCtx(handle, {}, SEEDED_AT));
      expect(upgraded).toMatchObject({ seeded: false, contracts: demoContracts.length });
      // The story's contracts are the story's: told once, with its rounds, and not told again.
      expect(await handle.db.selectFrom('contract').select('id').execute()).toHaveLength(demoContracts.length);
    });

    it('earns awards for 2023 under zhanhe-2022 for demo enterprises, institutions and brokers', async () => {
      const policy = builtInPolicy('zhanhe-2022')!;
      const loaded = await loadSubsidyWorld({ db: handle.db, ...(handle.sqlite ? { sqlite: handle.sqlite } : {}) }, 2023);
      const result = computeSubsidies({ year: 2023, policy, budgets: {}, organizations: loaded.organizations, people: loaded.people, contracts: loaded.contracts });
      const nameOf = await names();
      const awards = Object.fromEntries(result.awards.map((a) => [`${a.rule} ${nameOf.get(a.to)}`, a.amount]));
      expect(awards).toMatchObject({
        'enterprise_purchase 平顶山鹰开高压电气股份有限公司': 120_000,
        'enterprise_purchase 平顶山锂源新能源材料有限公司': 200_000, // at the cap
        'enterprise_purchase 平顶山康润生物医药有限公司': 50_000, // the payment without invoice does not count
        'enterprise_purchase 平顶山鹰塑工程塑料有限公司': 40_000, // counted at the invoiced amount
        'institution_transfer 平顶山湛河尼龙新材料产业研究院有限公司': 200_000, // at the cap
        'institution_transfer 河南质量工程职业学院': 8_000, // the payment without voucher does not count
        'broker 黄丽华': 17_000,
        'broker 徐明': 19_000,
        'broker 宋雨': 30_000, // at the cap
      });
      expect(result.awards.filter((a) => a.rule === 'enterprise_purchase').length).toBeGreaterThanOrEqual(6);
      expect(result.awards.filter((a) => a.rule === 'institution_transfer').length).toBeGreaterThanOrEqual(5);
      expect(result.awards.filter((a) => a.rule === 'broker').length).toBeGreaterThanOrEqual(8);
      const reasons = new Set(result.excluded.map((e) => `${e.rule}:${e.reason}`));
      for (const r of ['enterprise_purchase:related_party', 'enterprise_purchase:buyer_not_in_district', 'institution_transfer:already_funded', 'institution_transfer:seller_not_eligible', 'broker:not_local']) {
        expect(reasons.has(r), r).toBe(true);
      }
    });
  });
}
