/**
 * Races on one notice over real HTTP (issue 12, defects 3 and 4): requests fired at once with
 * Promise.all against a listening server. Two operators 核定 the same notice: one wins and the
 * loser stores nothing (no second settlement run). Three finance clerks record the payment of one
 * application: one 200, the others a 409 in Chinese — never a 500 from the unique index.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../../common/dates.js';
import { createTestApp, type Session } from '../../testing/app.js';
import { makeOrganization } from '../../testing/builders.js';
import { testDialects } from '../../testing/databases.js';
import { PAYEE, registeredContract } from './test-support.js';

for (const dialect of await testDialects()) {
  describe(`concurrent 核定 and 拨付 on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let base: string;
    let instant = new Date();
    const clock = { now: () => instant };
    const today = () => chinaDate(instant);
    const year = Number(chinaDate(new Date()).slice(0, 4));
    let orgId: string;

    const post = async (s: Session, url: string, body: unknown) => {
      const res = await fetch(`${base}${url}`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const get = async (s: Session, url: string) => (await fetch(`${base}${url}`, { headers: { cookie: s.cookie } })).json() as Promise<Record<string, any>>;

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const org = await makeOrganization(t.ctx, { kind: 'enterprise', divisionCode: '410411', name: '湛河区并发测试电气有限公司' });
      const seller = await makeOrganization(t.ctx, { kind: 'enterprise', divisionCode: '320102', name: '南京并发科技有限公司' });
      await registeredContract(t.ctx, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: org.id }] }, 120_000_00, year - 1);
      orgId = org.id;
    }, 60_000);
    afterAll(async () => t.close());

    it('lets one 核定 win, stores one settlement run, and answers every extra payment record with a 409', async () => {
      const operators = [await t.loginAs(['operator']), await t.loginAs(['operator']), await t.loginAs(['operator'])];
      const enterprise = await t.loginAs(['enterprise'], [orgId]);
      const created = await post(operators[0]!, '/api/notices', {
        title: `湛河区${year}年度技术转移奖补申报（并发）`, policy: 'zhanhe-2022', year, opensOn: today(), closesOn: addDays(today(), 20),
        rules: ['enterprise_purchase'], budgets: { enterprise_purchase: 100_000 }, noticeDays: 3,
      });
      expect(created.status).toBe(201);
      const noticeId = created.body.id as string;
      const draft = await post(enterprise, '/api/applications', { noticeId, organizationId: orgId, ...PAYEE });
      const appId = draft.body.id as string;
      const submitted = await post(enterprise, `/api/applications/${appId}/submit`, { version: 1, commitment: { accepted: true, signer: '王总' } });
      const first = await post(operators[0]!, `/api/applications/${appId}/first-review`, { version: submitted.body.version, decision: 'pass' });
      const second = await post(operators[1]!, `/api/applications/${appId}/second-review`, { version: first.body.version, decision: 'pass' });
      expect(second.status).toBe(200);

      const notice = await get(operators[0]!, `/api/notices/${noticeId}`);
      const computes = await Promise.all(operators.map((s) => post(s, `/api/notices/${noticeId}/compute`, { version: notice.version })));
      expect(computes.map((r) => r.status).sort(), JSON.stringify(computes.map((r) => r.body))).toEqual([200, 409, 409]);
      for (const loser of computes.filter((r) => r.status === 409)) expect(loser.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      const runs = await t.handle.db.selectFrom('settlement_run').select('id').where('scope_ref', '=', noticeId).execute();
      expect(runs).toHaveLength(1);
      const computed = computes.find((r) => r.status === 200)!.body;
      expect(computed.settlementRunId ?? runs[0]!.id).toBe(runs[0]!.id);

      const published = await post(operators[0]!, `/api/notices/${noticeId}/publicize`, { version: computed.version });
      expect(published.status).toBe(200);
      instant = new Date(instant.getTime() + 10 * 86_400_000);
      const finance = [await t.loginAs(['finance']), await t.loginAs(['finance']), await t.loginAs(['finance'])];
      const n2 = await get(finance[0]!, `/api/notices/${noticeId}`);
      expect((await post(finance[0]!, `/api/notices/${noticeId}/approve`, { version: n2.version })).status).toBe(200);
      const app = await get(finance[0]!, `/api/applications/${appId}`);
      const payments = await Promise.all(
        finance.map((s, i) => post(s, `/api/applications/${appId}/payment`, { version: app.version, paidOn: today(), bankReference: `ZH-PAY-000${i}` })),
      );
      expect(payments.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      for (const loser of payments.filter((r) => r.status === 409)) {
        expect(loser.body.error.code).toBe('CONFLICT');
        expect(loser.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      const disbursements = await t.handle.db.selectFrom('subsidy_disbursement').select('bank_reference').where('application_id', '=', appId).execute();
      expect(disbursements).toHaveLength(1);
      const paidSteps = await t.handle.db.selectFrom('subsidy_application_step').select('id').where('application_id', '=', appId).where('to_status', '=', 'paid').execute();
      expect(paidSteps).toHaveLength(1);
    }, 120_000);
  });
}
