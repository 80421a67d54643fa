/**
 * The workflow through HTTP: bad input is a 400 naming the field, downloads carry Chinese file
 * names (RFC 5987), the 公示 is public (reading and objecting without a session), and two app
 * instances over one database firing the same approval at once: exactly one succeeds.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../../common/dates.js';
import type { UserRole } from '../../../common/vocabulary.js';
import { build } from '../../app.js';
import { openDatabase } from '../../db/create-db.js';
import { TEST_PASSWORD } from '../../testing/app.js';
import { makeOrganization } from '../../testing/builders.js';
import { TEST_KEY, testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { totpRequired } from '../auth/session-policy.js';
import { enrolTotpDirectly, loginThroughApi } from '../../testing/totp-login.js';
import { createUser } from '../auth/users.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';
import { createProtector } from '../registry/protect.js';
import { contentDisposition } from './routes.js';
import { PAYEE, registeredContract } from './test-support.js';

interface Session { cookie: string; csrf: string }

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name in filename*', () => {
    expect(contentDisposition('奖补通知书-甲公司-SB202600001.pdf', 'award-notice.pdf')).toBe(
      "attachment; filename=\"award-notice.pdf\"; filename*=UTF-8''%E5%A5%96%E8%A1%A5%E9%80%9A%E7%9F%A5%E4%B9%A6-%E7%94%B2%E5%85%AC%E5%8F%B8-SB202600001.pdf",
    );
  });
});

for (const dialect of await testDialects()) {
  describe(`applications API on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let app: FastifyInstance;
    let instant = new Date();
    const clock = { now: () => instant };
    const today = () => chinaDate(instant);
    let n = 0;
    const year = Number(chinaDate(new Date()).slice(0, 4));
    const ids: Record<string, string> = {};

    async function loginAs(roles: UserRole[], organizationIds: string[] = [], on: FastifyInstance = app): Promise<Session> {
      const username = `u${++n}_${roles.join('_')}`;
      const { id } = await createUser(testCtx(handle), { username, displayName: `${roles[0]}${n}`, password: TEST_PASSWORD, roles, jurisdictionCode: '410411', organizationIds });
      const totpSecret = totpRequired(roles, false) ? await enrolTotpDirectly(handle.db, createProtector(TEST_KEY), id, clock) : undefined;
      return loginThroughApi(on, { username, password: TEST_PASSWORD, clock, ...(totpSecret ? { totpSecret } : {}) });
    }
    const call = (s: Session | null, method: string, url: string, payload?: unknown, on: FastifyInstance = app) =>
      on.inject({ method: method as 'GET', url, headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      app = await build({ handle, protector: createProtector(TEST_KEY), clock });
      const sys = testCtx(handle);
      const a = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区接口测试电气有限公司' });
      const seller = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '320102', name: '南京某科技有限公司' });
      await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: a.id }] }, 120_000_00, year - 1);
      ids.org = a.id;
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await handle.drop();
    });

    it('runs the workflow over HTTP: 400s name the field, the 公示 is public, two instances race on one approval', async () => {
      const operator1 = await loginAs(['operator']);
      const operator2 = await loginAs(['operator']);
      const enterprise = await loginAs(['enterprise'], [ids.org!]);
      const notice = {
        title: `湛河区${year}年度技术转移奖补申报`, policy: 'zhanhe-2022', year, opensOn: today(), closesOn: addDays(today(), 20),
        rules: ['enterprise_purchase'], budgets: { enterprise_purchase: 100_000 }, noticeDays: 3,
      };
      const unknown = await call(operator1, 'POST', '/api/notices', { ...notice, lottery: true });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.field).toBe('lottery');
      const badDays = await call(operator1, 'POST', '/api/notices', { ...notice, noticeDays: 0 });
      expect([badDays.statusCode, badDays.json().error.field]).toEqual([400, 'noticeDays']);
      expect((await call(enterprise, 'POST', '/api/notices', notice)).statusCode).toBe(403);
      const created = await call(operator1, 'POST', '/api/notices', notice);
      expect(created.statusCode).toBe(201);
      const noticeId = created.json().id as string;
      const open = await call(enterprise, 'GET', '/api/notices?open=true');
      expect(open.json().items.map((x: { id: string }) => x.id)).toContain(noticeId);

      const draft = await call(enterprise, 'POST', '/api/applications', { noticeId, organizationId: ids.org, ...PAYEE });
      expect(draft.statusCode).toBe(201);
      const appId = draft.json().id as string;
      expect(draft.json().contracts).toHaveLength(1);
      const badAccount = await call(enterprise, 'PATCH', `/api/applications/${appId}`, { version: 1, payeeAccount: 'abc' });
      expect([badAccount.statusCode, badAccount.json().error.field]).toEqual([400, 'payeeAccount']);
      const unsigned = await call(enterprise, 'POST', `/api/applications/${appId}/submit`, { version: 1, commitment: { accepted: false, signer: '王总' } });
      expect([unsigned.statusCode, unsigned.json().error.field]).toEqual([400, 'commitment.accepted']);
      const submitted = await call(enterprise, 'POST', `/api/applications/${appId}/submit`, { version: 1, commitment: { accepted: true, signer: '王总' } });
      expect(submitted.statusCode).toBe(200);
      const illegal = await call(operator1, 'POST', `/api/applications/${appId}/second-review`, { version: submitted.json().version, decision: 'pass' });
      expect(illegal.statusCode).toBe(409);
      expect(illegal.json().error.message).toContain('不在复核阶段');
      const first = await call(operator1, 'POST', `/api/applications/${appId}/first-review`, { version: submitted.json().version, decision: 'pass' });
      expect(first.statusCode).toBe(200);
      const same = await call(operator1, 'POST', `/api/applications/${appId}/second-review`, { version: first.json().version, decision: 'pass' });
      expect(same.statusCode).toBe(403);
      expect(same.json().error.message).toContain('初审人不能复核');

      // Two instances over one database, two operators approving at the same moment.
      const otherHandle = openDatabase(handle.url);
      const second = await build({ handle: otherHandle, protector: createProtector(TEST_KEY), clock });
      try {
        const operator3 = await loginAs(['operator'], [], second);
        const body = { version: first.json().version, decision: 'pass' };
        const results = await Promise.all([
          call(operator2, 'POST', `/api/applications/${appId}/second-review`, body),
          call(operator3, 'POST', `/api/applications/${appId}/second-review`, body, second),
        ]);
        expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('CONFLICT');
        const after = (await call(operator1, 'GET', `/api/applications/${appId}`)).json();
        expect(after).toMatchObject({ status: 'second_passed', version: first.json().version + 1 });
        expect(after.steps.filter((s: { to: string }) => s.to === 'second_passed')).toHaveLength(1);
      } finally {
        await second.close();
        await otherHandle.close();
      }

      const n1 = (await call(operator1, 'GET', `/api/notices/${noticeId}`)).json();
      const computed = await call(operator1, 'POST', `/api/notices/${noticeId}/compute`, { version: n1.version });
      expect(computed.statusCode, computed.body).toBe(200);
      const published = await call(operator1, 'POST', `/api/notices/${noticeId}/publicize`, { version: computed.json().version });
      expect(published.statusCode).toBe(200);

      // The public: the list, its files, and an objection — no session.
      const list = await call(null, 'GET', `/api/public/notices/${noticeId}`);
      expect(list.statusCode).toBe(200);
      expect(list.json().rows).toEqual([expect.objectContaining({ beneficiaryName: '湛河区接口测试电气有限公司', amountYuan: 12_000, amountInWords: '人民币壹万贰仟元整' })]);
      expect((await call(null, 'GET', '/api/public/notices')).json().map((x: { id: string }) => x.id)).toContain(noticeId);
      const pdf = await call(null, 'GET', `/api/public/notices/${noticeId}/list?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(contentDisposition(`湛河区${year}年度技术转移奖补申报拟奖补名单公示.pdf`, 'public-notice-list.pdf'));
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const xlsx = await call(null, 'GET', `/api/public/notices/${noticeId}/list?format=xlsx`);
      expect(rowsOf((await loadWorkbook(xlsx.rawPayload)).worksheets[0]!).some((r) => r.includes('湛河区接口测试电气有限公司'))).toBe(true);
      const objection = await call(null, 'POST', `/api/public/notices/${noticeId}/objections`, { applicationId: appId, name: '李群众', contact: '13900000000', content: '请核实该公司的付款凭证' });
      expect(objection.statusCode).toBe(201);
      expect(objection.json()).toMatchObject({ submitterName: '李群众', status: 'open' });
      const noContact = await call(null, 'POST', `/api/public/notices/${noticeId}/objections`, { applicationId: appId, name: '匿名', content: '没有联系方式的异议' });
      expect([noContact.statusCode, noContact.json().error.field]).toEqual([400, 'contact']);
      const objections = (await call(operator1, 'GET', `/api/notices/${noticeId}/objections`)).json();
      expect(objections).toHaveLength(1);
      const resolved = await call(operator2, 'POST', `/api/objections/${objections[0].id}/resolve`, { version: 1, outcome: 'dismissed', resolution: '凭证齐全，异议不成立' });
      expect(resolved.statusCode).toBe(200);

      // After the period (3 working days), finance approves, downloads the payment list, records the payment.
      instant = new Date(instant.getTime() + 10 * 86_400_000);
      const finance = await loginAs(['finance']);
      const n2 = (await call(finance, 'GET', `/api/notices/${noticeId}`)).json();
      const approved = await call(finance, 'POST', `/api/notices/${noticeId}/approve`, { version: n2.version });
      expect(approved.statusCode, approved.body).toBe(200);
      const paymentList = await call(finance, 'GET', `/api/notices/${noticeId}/payment-list?format=xlsx`);
      expect(paymentList.statusCode).toBe(200);
      expect(paymentList.headers['content-disposition']).toContain(encodeURIComponent('奖补资金拨付清单.xlsx'));
      expect((await call(enterprise, 'GET', `/api/notices/${noticeId}/payment-list?format=pdf`)).statusCode).toBe(401); // its session expired with the clock
      const ent = await loginAs(['enterprise'], [ids.org!]);
      expect((await call(ent, 'GET', `/api/notices/${noticeId}/payment-list?format=pdf`)).statusCode).toBe(403);
      const current = (await call(finance, 'GET', `/api/applications/${appId}`)).json();
      const paid = await call(finance, 'POST', `/api/applications/${appId}/payment`, { version: current.version, paidOn: today(), bankReference: 'ZH-PAY-0001' });
      expect(paid.statusCode, paid.body).toBe(200);
      const mine = (await call(ent, 'GET', `/api/applications/${appId}`)).json();
      expect(mine).toMatchObject({ status: 'paid', awardYuan: 12_000, disbursement: { amountFen: 1_200_000, bankReference: 'ZH-PAY-0001' } });
      expect(mine.awards[0].lines.join('\n')).toContain('奖补金额：1.2 万元');
      const awardNotice = await call(ent, 'GET', `/api/applications/${appId}/award-notice`);
      expect(awardNotice.statusCode).toBe(200);
      expect(awardNotice.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`奖补通知书-湛河区接口测试电气有限公司-${mine.number}.pdf`)}`);
      expect(awardNotice.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });
  });
}
