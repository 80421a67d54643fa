/**
 * Settlement runs are read within the reader's jurisdiction (issue 17): a sibling district gets
 * a run, its awards, exclusions and explanations as missing; the city lists its districts' runs
 * (by the prefix 4104, not its own code 410400) and opens them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { makeOrganization } from '../../testing/builders.js';
import { testDialects } from '../../testing/databases.js';
import { addPayment } from '../contracts/payments.js';
import { makeRegisteredContract } from '../contracts/test-support.js';
import { runSettlement } from './settlement.js';

for (const dialect of await testDialects()) {
  describe(`settlement runs within the reader's jurisdiction on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let zhanhe: Session;
    let xinhua: Session;
    let city: Session;
    let runId: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      const ctx = t.ctx; // 湛河区 (410411)
      // R1: a 湛河 enterprise buys from a university outside the city, registered and paid in the base year 2022.
      const buyer = await makeOrganization(ctx, { kind: 'enterprise', divisionCode: '410411', name: '湛河示例结算企业' });
      const seller = await makeOrganization(ctx, { kind: 'university', divisionCode: '310115', name: '上海示例大学' });
      const contract = await makeRegisteredContract(ctx, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: buyer.id }], signedOn: '2022-02-01', amountFen: 50_000_000 }, '2022-03-01');
      await addPayment(ctx, contract.id, { paidOn: '2022-04-01', amountFen: 30_000_000, voucherNumber: 'HD-SCOPE-1', invoices: [{ number: '25411000009900000001', issuedOn: '2022-04-01', amountFen: 30_000_000, namesContract: true }] });
      runId = (await runSettlement(ctx, { policy: 'zhanhe-2022', year: 2023 })).id;
      zhanhe = await t.loginAs(['operator'], [], '410411');
      xinhua = await t.loginAs(['operator'], [], '410402');
      city = await t.loginAs(['operator'], [], '410400');
    }, 120_000);
    afterAll(async () => t.close());

    it('the holding district and its city list and read the run; the sibling district lists none', async () => {
      for (const s of [zhanhe, city]) {
        const list = await t.call(s, 'GET', '/api/subsidies/settlements');
        expect(list.json().map((r: { id: string }) => r.id)).toContain(runId);
        expect((await t.call(s, 'GET', `/api/subsidies/settlements/${runId}`)).statusCode).toBe(200);
        expect((await t.call(s, 'GET', `/api/subsidies/settlements/${runId}/awards`)).json().length).toBeGreaterThan(0);
      }
      expect((await t.call(xinhua, 'GET', '/api/subsidies/settlements')).json()).toEqual([]);
    });

    it('the sibling district gets the run, its awards, exclusions and an explanation as missing, in words', async () => {
      for (const path of ['', '/awards', '/exclusions', '/awards/1']) {
        const res = await t.call(xinhua, 'GET', `/api/subsidies/settlements/${runId}${path}`);
        expect(res.statusCode, path).toBe(404);
        expect(res.json().error.message).toBe('该结算批次不存在，或不属于本辖区');
        expect(res.body).not.toContain(runId);
      }
    });
  });
}
