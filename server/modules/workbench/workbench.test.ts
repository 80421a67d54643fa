/**
 * 工作台 through HTTP on both databases: every role's 待办 counts equal the totals of the lists
 * they link to (asked the same way the page asks them), the enterprise's 免申即享 estimate is the
 * engine's amount in words with what stands between it and more, applying from it claims only
 * the contracts it counted, and an operator's count drops when the item is done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../../common/dates.js';
import type { UserRole } from '../../../common/vocabulary.js';
import type { ProspectPage, Workbench } from '../../../common/workbench-api.js';
import { createTestApp, type Session } from '../../testing/app.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { makeOrganization } from '../../testing/builders.js';
import { testDialects } from '../../testing/databases.js';
import { findInternals } from '../../testing/internals.js';
import { makeNotice, registeredContract } from '../applications/test-support.js';
import { createContract, transitionContract } from '../contracts/contracts.js';
import { addPayment } from '../contracts/payments.js';
import { contractInput } from '../contracts/schema.js';
import { nextRegistrationNumber } from '../contracts/test-support.js';

/** The API list a workbench link opens, and the total it shows (null: a link this test does not follow). */
async function listedTotal(t: Awaited<ReturnType<typeof createTestApp>>, s: Session, link: string): Promise<number | null> {
  const [path, query = ''] = link.split('?');
  const api: Record<string, string> = {
    '/applications': '/api/applications',
    '/contracts': '/api/contracts',
    '/registrations': '/api/registrations',
    '/change-requests': '/api/change-requests',
    '/notices': '/api/notices',
    '/deals': '/api/deals',
    '/service-requests': '/api/services/requests',
  };
  if (api[path!]) {
    const res = await t.call(s, 'GET', `${api[path!]}?${query}`);
    expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
    return (res.json() as { total: number }).total;
  }
  if (path === '/finance-products') {
    const res = await t.call(s, 'GET', '/api/finance/matched-needs');
    return (res.json() as { items: { offer: unknown }[] }).items.filter((m) => !m.offer).length;
  }
  return null;
}

for (const dialect of await testDialects()) {
  describe(`工作台 on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    const today = chinaDate(new Date());
    const year = Number(today.slice(0, 4));
    const ids: Record<string, string> = {};
    const sessions = {} as Record<UserRole, Session>;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const sys = t.ctx;
      const a = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区工作台测试电气有限公司' });
      const seller = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '320102', name: '南京工作台科技有限公司' });
      const agency = await makeOrganization(sys, { kind: 'tech_transfer_institution', divisionCode: '410411', name: '湛河区工作台技术转移中心' });
      ids.org = a.id;
      const parties = { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: a.id }] };
      // Counted: registered last year, 1,200,000 yuan paid with voucher and invoice.
      ids.counted = (await registeredContract(sys, { ...parties, amountFen: 200_000_000 }, 120_000_000, year - 1)).id;
      // Registered last year, its payment without an invoice.
      const office = await makeOrganization(sys, { kind: 'government_department', name: '工作台测试登记处' });
      ids.office = office.id;
      const noInvoice = await createContract(sys, contractInput.parse({ name: '发票未到的技术许可合同', type: 'transfer', subtype: 'patent', signedOn: `${year - 1}-02-01`, amountFen: 500_000_00, techField: 'advanced_manufacturing', ...parties }));
      const s1 = await transitionContract(sys, noInvoice.id, { to: 'submitted', version: noInvoice.version });
      await transitionContract(sys, noInvoice.id, { to: 'registered', version: s1.version, registrationNumber: nextRegistrationNumber(year - 1), registeredOn: `${year - 1}-03-01`, registrationOfficeId: office.id });
      await addPayment(sys, noInvoice.id, { paidOn: `${year - 1}-06-01`, amountFen: 300_000_00, voucherNumber: 'HD-NOINV', invoices: [] });
      ids.noInvoice = noInvoice.id;
      // Signed and submitted last year, not yet registered.
      const pending = await createContract(sys, contractInput.parse({ name: '待登记的技术开发合同', type: 'development', subtype: 'commissioned', signedOn: `${year - 1}-05-01`, amountFen: 800_000_00, techField: 'advanced_manufacturing', ...parties }));
      const submitted = await transitionContract(sys, pending.id, { to: 'submitted', version: pending.version });
      ids.pending = pending.id;
      ids.pendingVersion = String(submitted.version);
      // A draft of this year.
      ids.draft = (await createContract(sys, contractInput.parse({ name: '今年的技术转让合同草稿', type: 'transfer', subtype: 'patent', signedOn: `${year}-01-05`, amountFen: 100_000_00, techField: 'advanced_manufacturing', ...parties }))).id;
      ids.notice = (await makeNotice(t.ctx, { title: `湛河区${year}年度技术转移奖补申报`, year, opensOn: addDays(today, -3), closesOn: addDays(today, 20) })).id;

      sessions.enterprise = await t.loginAs(['enterprise'], [a.id]);
      sessions.operator = await t.loginAs(['operator']);
      for (const role of ['finance', 'department', 'evaluator', 'bank', 'admin', 'institution', 'broker'] as const) sessions[role] = await t.loginAs([role], role === 'institution' || role === 'broker' ? [agency.id] : []);
      sessions.agency = await t.loginAs(['agency'], [agency.id]);
    });
    afterAll(async () => t?.close());

    it('shows the enterprise what it may be owed under the open notice, in words, and what stands between it and more', async () => {
      const res = await t.call(sessions.enterprise, 'GET', '/api/workbench/prospects');
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as ProspectPage;
      expect(page.items).toHaveLength(1);
      const p = page.items[0]!;
      expect(p.noticeId).toBe(ids.notice);
      // 10 % of 1,200,000 yuan: 120,000 yuan, under the 200,000 cap.
      expect(p.amountYuan).toBe(120_000);
      expect(p.amountText).toBe('12 万元');
      expect(p.awards[0]!.sentence).toBe('按上年度有凭证和发票的到账额 120 万元的 10% 计 12 万元，未超过每家企业每年 20 万元的上限');
      const obstacles = p.obstacles.join('\n');
      expect(obstacles).toContain(`合同「发票未到的技术许可合同`);
      expect(obstacles).toContain(`${year - 1}-06-01 到账 30 万元：无发票，不计入`);
      expect(obstacles).toContain('合同「待登记的技术开发合同」未计入「企业购买市外先进科技成果并在我区转化、产业化（R1）」：尚未完成登记（已提交、待登记机构审核），登记后可计入');
      expect(obstacles).toContain('合同「今年的技术转让合同草稿」尚未提交登记');
      expect(p.contracts.filter((c) => c.counted).map((c) => c.id)).toEqual([ids.counted]);
      const words = [p.amountText, ...p.awards.flatMap((x) => [x.sentence, ...x.lines]), ...p.obstacles].join('\n');
      expect(findInternals(words)).toEqual([]);
      expect(p.application).toBeNull();
    });

    it('counts every role\'s 待办 exactly as the linked list shows it', async () => {
      for (const [role, s] of Object.entries(sessions)) {
        const res = await t.call(s, 'GET', '/api/workbench');
        expect(res.statusCode, `${role}: ${res.body}`).toBe(200);
        const wb = res.json() as Workbench;
        expect(findInternals(JSON.stringify(wb.items.map((i) => i.label))), role).toEqual([]);
        for (const item of wb.items) {
          const total = await listedTotal(t, s, item.link);
          if (total !== null) expect(item.count, `${role} ${item.key} ${item.link}`).toBe(total);
        }
      }
      const operator = (await t.call(sessions.operator, 'GET', '/api/workbench')).json() as Workbench;
      expect(operator.items.find((i) => i.key === 'contracts.submitted')?.count).toBe(1);
      const enterprise = (await t.call(sessions.enterprise, 'GET', '/api/workbench')).json() as Workbench;
      expect(enterprise.items.find((i) => i.key === 'notices.open')?.count).toBe(1);
      expect(enterprise.items.find((i) => i.key === 'contracts.draft')?.count).toBe(1);
      expect(enterprise.prospects).toBe(true);
      expect(operator.prospects).toBe(false);
      expect(operator.shortcuts.map((x) => x.label)).toContain('注册审核');
    });

    it('applies from the estimate with the counted contracts only; a second time is refused', async () => {
      const res = await t.call(sessions.enterprise, 'POST', '/api/workbench/prospects/apply', { noticeId: ids.notice, organizationId: ids.org });
      expect(res.statusCode, res.body).toBe(201);
      const app = res.json() as { id: string; status: string; contracts: { id: string; claimed: boolean }[] };
      expect(app.status).toBe('draft');
      expect(app.contracts.filter((c) => c.claimed).map((c) => c.id)).toEqual([ids.counted]);
      const again = await t.call(sessions.enterprise, 'POST', '/api/workbench/prospects/apply', { noticeId: ids.notice, organizationId: ids.org });
      expect(again.statusCode).toBe(409);
      expect((again.json() as { error: { message: string } }).error.message).toContain('已就本通知申报');
      const page = (await t.call(sessions.enterprise, 'GET', '/api/workbench/prospects')).json() as ProspectPage;
      expect(page.items[0]!.application?.statusLabel).toBe('草稿');
      const wb = (await t.call(sessions.enterprise, 'GET', '/api/workbench')).json() as Workbench;
      expect(wb.items.find((i) => i.key === 'applications.draft')?.count).toBe(1);
      // Another unit's notice id or organization: refused, nothing created.
      const foreign = await t.call(sessions.enterprise, 'POST', '/api/workbench/prospects/apply', { noticeId: ids.notice, organizationId: ids.draft });
      expect(foreign.statusCode).toBe(403);
    });

    it("drops the operator's count when the contract is registered", async () => {
      await transitionContract(t.ctx, ids.pending!, { to: 'registered', version: Number(ids.pendingVersion), registrationNumber: nextRegistrationNumber(year - 1), registeredOn: `${year - 1}-06-01`, registrationOfficeId: ids.office! });
      const operator = (await t.call(sessions.operator, 'GET', '/api/workbench')).json() as Workbench;
      expect(operator.items.find((i) => i.key === 'contracts.submitted')?.count).toBe(0);
      // The workbench audits nothing of its own: applying is the applications module's creation.
      // Its notice and application events are not yet in words (that module's fields), so they are
      // left out here; everything else this test caused must be.
      const unworded = (await unwordedAuditEvents(t.handle.db)).filter((line) => !line.startsWith('applications.'));
      expect(unworded, unworded.slice(0, 5).join('\n')).toEqual([]);
    });
  });
}
