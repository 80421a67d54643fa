/** The world read from the database: parties read apart from the contract scan, payments gathered per contract. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { makeOrganization } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { addPayment } from '../contracts/payments.js';
import type { ContractInput } from '../contracts/schema.js';
import { makeRegisteredContract } from '../contracts/test-support.js';
import { createCreditRecord, endCreditRecord } from '../credit/records.js';
import { loadSubsidyWorld, scanSettings, unchangedWhileRead } from './load-world.js';

let invoiceSerial = 0;
const invoice = (issuedOn: string, amountFen: number, namesContract = true) => ({
  number: `2541100001${String(++invoiceSerial).padStart(10, '0')}`,
  issuedOn,
  amountFen,
  namesContract,
});

const registered = async (ctx: Ctx, input: Partial<ContractInput> & Pick<ContractInput, 'sellers' | 'buyers'>) =>
  (await makeRegisteredContract(ctx, { signedOn: '2022-02-01', amountFen: 900_000_00, ...input }, '2022-03-01')).id;

const dialects = await testDialects();
for (const dialect of dialects) {
  describe(`loading the subsidy world on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      const buyer = await makeOrganization(ctx, { kind: 'enterprise', divisionCode: '410411', name: '湛河区某机械有限公司' });
      const seller = await makeOrganization(ctx, { kind: 'university', divisionCode: '310115', name: '上海某大学' });
      ids.buyer = buyer.id;
      ids.seller = seller.id;
      // A natural person sells: no organization on the party row, so it is read on its own.
      ids.person = await registered(ctx, { sellers: [{ personName: '张发明' }], buyers: [{ organizationId: buyer.id }] });
      // Payments recorded out of date order, one with two invoices (summed; one does not name the contract).
      ids.paid = await registered(ctx, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: buyer.id }] });
      await addPayment(ctx, ids.paid, { paidOn: '2022-08-01', amountFen: 300_000_00, voucherNumber: 'HD2', invoices: [invoice('2022-08-01', 200_000_00), invoice('2022-08-01', 100_000_00, false)] });
      await addPayment(ctx, ids.paid, { paidOn: '2022-04-01', amountFen: 100_000_00, invoices: [invoice('2022-04-01', 100_000_00)] });
    });
    afterAll(async () => handle.drop());

    const load = () => loadSubsidyWorld({ db: handle.db, ...(handle.sqlite ? { sqlite: handle.sqlite } : {}) }, 2023);

    it('attaches credit records as the engine reads them: ended early → in force until the day before; ended on its start → never', async () => {
      const operator = testCtx(handle, { roles: ['operator'] });
      const a = await createCreditRecord(operator, { organizationId: ids.buyer!, kind: 'dishonest_judgment_debtor', source: 'court', sourceName: '上海市浦东新区人民法院', documentNumber: '（2023）沪0115执1号', validFrom: '2023-01-10', validTo: '2026-01-09' });
      await endCreditRecord(operator, a.id, { endedOn: '2023-05-01', reason: '已履行', version: 1 });
      const b = await createCreditRecord(operator, { organizationId: ids.seller!, kind: 'research_misconduct', source: 'other', validFrom: '2023-02-01' });
      await endCreditRecord(operator, b.id, { endedOn: '2023-02-01', reason: '误录', version: 1 });
      await createCreditRecord(operator, { organizationId: ids.seller!, kind: 'other', source: 'credit_china', validFrom: '2022-01-01' });
      const world = await load();
      expect(world.organizations.find((o) => o.ref === ids.buyer)!.credit).toEqual([
        { kind: 'dishonest_judgment_debtor', from: '2023-01-10', to: '2023-04-30', document: '（2023）沪0115执1号', source: '上海市浦东新区人民法院' },
      ]);
      expect(world.organizations.find((o) => o.ref === ids.seller)!.credit).toEqual([{ kind: 'other', from: '2022-01-01', source: '信用中国' }]);
    });

    it('resolves a natural-person party and organizations alike', async () => {
      const world = await load();
      const byPerson = world.contracts.find((c) => c.ref === ids.person)!;
      expect(byPerson.seller).toMatchObject({ name: '张发明', kind: 'other', division: '' });
      expect(byPerson.seller.ref).toMatch(/^person:/);
      expect(byPerson.buyer.ref).toBe(ids.buyer);
      expect(byPerson.payments).toEqual([]);
      expect(world.contracts.find((c) => c.ref === ids.paid)!.seller.ref).toBe(ids.seller);
    });

    it('gives each contract its payments in date order, invoices summed, in pages of any size', async () => {
      const expected = [
        { date: '2022-04-01', amount: 100_000_00, voucher: false, invoice: 100_000_00, invoiceNamesContract: true },
        { date: '2022-08-01', amount: 300_000_00, voucher: true, invoice: 300_000_00, invoiceNamesContract: false },
      ];
      const saved = { ...scanSettings };
      try {
        for (const page of [1, 2, 1000]) {
          scanSettings.page = page;
          const paid = (await load()).contracts.find((c) => c.ref === ids.paid)!;
          expect(paid.payments, `page ${page}`).toEqual(expected);
          expect(paid.brokers).toEqual([]);
        }
        // On SQLite, the same payments read by a worker thread (what a large registry takes).
        scanSettings.paymentsWorkerFrom = 0;
        const paid = (await load()).contracts.find((c) => c.ref === ids.paid)!;
        expect(paid.payments, 'worker').toEqual(expected);
      } finally {
        Object.assign(scanSettings, saved);
      }
    });

    it('reads the same world with the payments on a worker thread as without', async () => {
      const saved = { ...scanSettings };
      try {
        scanSettings.paymentsWorkerFrom = Number.MAX_SAFE_INTEGER;
        const inline = await load();
        scanSettings.paymentsWorkerFrom = 0;
        const aside = await load();
        expect(aside.contracts.map((c) => [c.ref, c.payments])).toEqual(inline.contracts.map((c) => [c.ref, c.payments]));
        expect(aside.contracts.some((c) => c.payments.length > 0)).toBe(true);
      } finally {
        Object.assign(scanSettings, saved);
      }
    });

    if (dialect === 'sqlite') {
      it('reads again when the registry changed while it read, and gives up after three tries', async () => {
        const sqlite = handle.sqlite!;
        const write = () => sqlite.prepare("update organization set name = name || '·' where id = ?").run(ids.buyer);
        let reads = 0;
        const value = await unchangedWhileRead(sqlite, async () => {
          reads += 1;
          if (reads === 1) write();
          return reads;
        });
        expect(value).toBe(2);
        reads = 0;
        await expect(
          unchangedWhileRead(sqlite, async () => {
            reads += 1;
            write();
            return reads;
          }),
        ).rejects.toThrow('反复变化');
        expect(reads).toBe(3);
      });
    }
  });
}
