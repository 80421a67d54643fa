/** The deals API over HTTP: validation names the field, who may do what, signing, the funnel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { makeBrokerPerson, publishedAchievement, publishedDemand } from './test-support.js';

for (const dialect of await testDialects()) {
  describe(`deals API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let broker: Session;
    let buyer: Session;
    let stranger: Session;
    let evaluator: Session;
    let lab: string;
    let factory: string;
    let person: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      lab = (await makeOrganization(t.ctx, { kind: 'university' })).id;
      factory = (await makeOrganization(t.ctx)).id;
      const institution = (await makeOrganization(t.ctx, { kind: 'tech_transfer_institution' })).id;
      person = (await makeBrokerPerson(t.ctx)).id;
      operator = await t.loginAs(['operator']);
      broker = await t.loginAs(['broker'], [institution]);
      buyer = await t.loginAs(['enterprise'], [factory]);
      stranger = await t.loginAs(['enterprise'], [(await makeOrganization(t.ctx)).id]);
      evaluator = await t.loginAs(['evaluator']);
    }, 60_000);
    afterAll(async () => t.close());

    it('answers bad input with 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{}, 'demandId'],
        [{ demandId: 'x', colour: 'red' }, 'colour'],
        [{ demandId: 'x', title: '一' }, 'title'],
      ];
      for (const [payload, field] of cases) {
        const res = await t.call(broker, 'POST', '/api/deals', payload);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.field).toBe(field);
      }
      const sign = await t.call(broker, 'POST', '/api/deals/none/sign', { version: 1, amountFen: 1.5 });
      expect(sign.statusCode).toBe(400);
      expect(sign.json().error.field).toBe('amountFen');
    });

    it('runs a deal from start to a signed contract draft over HTTP', async () => {
      const a = await publishedAchievement(t.ctx, { ownerOrganizationId: lab });
      const d = await publishedDemand(t.ctx, { organizationId: factory });
      expect((await t.call(buyer, 'POST', '/api/deals', { demandId: d.id, achievementId: a.id })).statusCode).toBe(403);
      const created = await t.call(broker, 'POST', '/api/deals', { demandId: d.id, achievementId: a.id, brokerPersonId: person });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect((await t.call(buyer, 'GET', `/api/deals/${id}`)).statusCode).toBe(200);
      expect((await t.call(stranger, 'GET', `/api/deals/${id}`)).statusCode).toBe(403);
      expect((await t.call(buyer, 'POST', `/api/deals/${id}/transitions`, { to: 'negotiating', version: 1 })).statusCode).toBe(403);
      const illegal = await t.call(broker, 'POST', `/api/deals/${id}/transitions`, { to: 'signed', version: 1 });
      expect(illegal.statusCode).toBe(409);
      expect(illegal.json().error).toMatchObject({ field: 'to', message: '对接项目不能从“对接”变为“签约”（可变为：洽谈、终止）' });
      expect((await t.call(broker, 'POST', `/api/deals/${id}/transitions`, { to: 'negotiating', version: 1 })).json()).toMatchObject({ stage: 'negotiating' });
      const note = await t.call(broker, 'POST', `/api/deals/${id}/notes`, { text: '价格基本谈妥', nextStep: '起草合同', dueOn: '2026-06-10' });
      expect(note.statusCode, note.body).toBe(201);
      const signed = await t.call(broker, 'POST', `/api/deals/${id}/sign`, { version: 2, amountFen: 150_000_000 });
      expect(signed.statusCode, signed.body).toBe(200);
      expect(signed.json()).toMatchObject({ stage: 'signed', agreedAmountFen: 150_000_000, contract: { status: 'draft', amountFen: 150_000_000 }, notes: [{ nextStep: '起草合同' }] });
      const contract = await t.call(buyer, 'GET', `/api/contracts/${signed.json().contract.id}`);
      expect(contract.json()).toMatchObject({ buyers: [{ organizationId: factory }], sellers: [{ organizationId: lab }], brokers: [{ personId: person }], amountFen: 150_000_000 });
      const mine = await t.call(buyer, 'GET', '/api/deals?stage=signed');
      expect(mine.json()).toMatchObject({ total: 1, items: [{ id }] });
    });

    it('shows the funnel to the operator and the evaluator only', async () => {
      const res = await t.call(operator, 'GET', '/api/market/funnel?from=2026-01-01&to=2026-12-31');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().totals).toMatchObject({ deals: 1, signed: 1, signedAmountFen: 150_000_000, registered: 0 });
      expect((await t.call(evaluator, 'GET', '/api/market/funnel')).statusCode).toBe(200);
      expect((await t.call(broker, 'GET', '/api/market/funnel')).statusCode).toBe(403);
      const bad = await t.call(operator, 'GET', '/api/market/funnel?from=2026-13-01');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('from');
    });
  });
}
