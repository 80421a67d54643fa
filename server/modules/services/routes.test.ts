/** The services and finance API over HTTP: validation names the field, the public directory, who may do what, a request and an offer end to end. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';

for (const dialect of await testDialects()) {
  describe(`services and finance API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let agency: Session;
    let enterprise: Session;
    let bank: Session;
    let operator: Session;
    let agencyOrg: string;
    let factory: string;
    let bankOrg: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      agencyOrg = (await makeOrganization(t.ctx, { kind: 'service_agency', name: '河南湛信律师事务所' })).id;
      factory = (await makeOrganization(t.ctx)).id;
      bankOrg = (await makeOrganization(t.ctx, { kind: 'bank', name: '鹰城银行湛河科技支行' })).id;
      agency = await t.loginAs(['agency'], [agencyOrg]);
      enterprise = await t.loginAs(['enterprise'], [factory]);
      bank = await t.loginAs(['bank'], [bankOrg]);
      operator = await t.loginAs(['operator']);
    }, 60_000);
    afterAll(async () => t.close());

    it('answers bad input with 400 naming the field', async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['/api/services/offerings', { organizationId: agencyOrg, category: 'ip', title: '专', description: '专利代理服务内容说明。', priceTerms: '面议' }, 'title'],
        ['/api/services/offerings', { organizationId: agencyOrg, category: 'astrology', title: '专利代理', description: '专利代理服务内容说明。', priceTerms: '面议' }, 'category'],
        ['/api/finance/products', { bankOrganizationId: bankOrg, name: '科技贷', kind: 'tech_loan', minAmountFen: 1.5, maxAmountFen: 100, minRateBp: 1, maxRateBp: 2, minTermMonths: 1, maxTermMonths: 2, collateralKinds: ['credit'], description: '产品说明至少十个字。' }, 'minAmountFen'],
        ['/api/finance/needs', { organizationId: factory, title: '融资', amountFen: 100, purpose: 'rd', termMonths: 12, collateralKinds: [], description: '需求说明至少十个字。' }, 'collateralKinds'],
        ['/api/ip/records', { kind: 'equity', ipKind: 'patent', ipTitle: '一种专利', fromOrganizationId: factory, toOrganizationId: agencyOrg, startsOn: '2026-02-30', amountFen: 1 }, 'startsOn'],
      ];
      for (const [url, payload, field] of cases) {
        const session = url.startsWith('/api/finance/products') ? bank : url.startsWith('/api/services') ? agency : enterprise;
        const res = await t.call(session, 'POST', url, payload);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.field).toBe(field);
      }
    });

    it('publishes an offering in the public directory and runs a request', async () => {
      const created = await t.call(agency, 'POST', '/api/services/offerings', { organizationId: agencyOrg, category: 'legal', title: '技术合同法律审查', description: '技术转让、许可合同的起草与审查。', priceTerms: '每份合同2000元' });
      expect(created.statusCode, created.body).toBe(201);
      const directory = await t.call(null, 'GET', '/api/public/services/offerings?category=legal');
      expect(directory.statusCode).toBe(200);
      expect(directory.json()).toMatchObject({ total: 1, items: [{ title: '技术合同法律审查', organization: { name: '河南湛信律师事务所' }, priceTerms: '每份合同2000元' }] });
      const detail = await t.call(null, 'GET', `/api/public/services/agencies/${agencyOrg}`);
      expect(detail.json()).toMatchObject({ name: '河南湛信律师事务所', offerings: [{ id: created.json().id }] });
      expect((await t.call(null, 'GET', `/api/public/services/agencies/${factory}`)).statusCode).toBe(404);

      expect((await t.call(agency, 'POST', '/api/services/requests', { requesterOrganizationId: agencyOrg, offeringId: created.json().id, title: '合同审查', description: '审查一份技术许可合同。' })).statusCode).toBe(403);
      const request = await t.call(enterprise, 'POST', '/api/services/requests', { requesterOrganizationId: factory, offeringId: created.json().id, title: '许可合同审查', description: '审查一份专利实施许可合同。' });
      expect(request.statusCode, request.body).toBe(201);
      const id = request.json().id as string;
      const illegal = await t.call(agency, 'POST', `/api/services/requests/${id}/transitions`, { to: 'completed', version: 1 });
      expect(illegal.statusCode).toBe(409);
      expect(illegal.json().error).toMatchObject({ field: 'to', message: '服务请求不能从“已提交”变为“已完成”（可变为：已受理、已拒绝、已取消）' });
      expect((await t.call(enterprise, 'POST', `/api/services/requests/${id}/transitions`, { to: 'accepted', version: 1 })).statusCode).toBe(403);
      const accepted = await t.call(agency, 'POST', `/api/services/requests/${id}/transitions`, { to: 'accepted', version: 1 });
      expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2 });
      expect((await t.call(operator, 'GET', '/api/services/requests?status=accepted')).json()).toMatchObject({ total: 1 });
    });

    it('matches a need and lets the bank answer it', async () => {
      const product = await t.call(bank, 'POST', '/api/finance/products', {
        bankOrganizationId: bankOrg, name: '科技信用贷', kind: 'credit_loan', minAmountFen: 1_000_000, maxAmountFen: 100_000_000, minRateBp: 360, maxRateBp: 420,
        minTermMonths: 6, maxTermMonths: 12, collateralKinds: ['credit'], description: '无需抵押的科技型企业信用贷款。',
      });
      expect(product.statusCode, product.body).toBe(201);
      const need = await t.call(enterprise, 'POST', '/api/finance/needs', { organizationId: factory, title: '成果转化流动资金', amountFen: 50_000_000, purpose: 'transform_achievement', termMonths: 12, collateralKinds: ['equity_pledge'], description: '成果转化中试的流动资金。' });
      expect(need.statusCode, need.body).toBe(201);
      const matches = await t.call(enterprise, 'GET', `/api/finance/needs/${need.json().id}/matches`);
      expect(matches.json().items).toMatchObject([{ product: { name: '科技信用贷' }, matched: true, score: 4 }]);
      expect((await t.call(bank, 'GET', `/api/finance/needs/${need.json().id}`)).statusCode).toBe(403);
      expect((await t.call(bank, 'GET', '/api/finance/matched-needs')).json().items).toMatchObject([{ need: { title: '成果转化流动资金' }, product: { name: '科技信用贷' } }]);
      const offer = await t.call(bank, 'POST', `/api/finance/needs/${need.json().id}/offers`, { productId: product.json().id, decision: 'declined', note: '企业负债率偏高' });
      expect(offer.statusCode, offer.body).toBe(201);
      expect((await t.call(enterprise, 'GET', `/api/finance/needs/${need.json().id}`)).json().offers).toMatchObject([{ decision: 'declined', note: '企业负债率偏高' }]);
      expect((await t.call(null, 'GET', '/api/public/finance/products')).json()).toMatchObject({ total: 1, items: [{ name: '科技信用贷', minRateBp: 360 }] });
    });
  });
}
