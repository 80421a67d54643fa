/** Services and finance on both databases: the request workflow and its illegal moves, matching needs to products with reasons and ranking (qualifications valid on the day), offers, IP records. */
import type { AppError } from '../../errors.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Ctx } from '../../context.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { addQualification } from '../registry/qualifications.js';
import { createNeed } from './create-need.js';
import { createProduct } from './create-product.js';
import { getNeed } from './get-need.js';
import { matchedNeedsForBank } from './list-matched-needs.js';
import { matchNeed } from './match-need.js';
import { respondToNeed } from './respond-to-need.js';
import { createIpRecord } from './create-ip-record.js';
import { getIpRecord } from './get-ip-record.js';
import { listIpRecords } from './list-ip-records.js';
import { updateIpRecord } from './update-ip-record.js';
import { createOffering } from './create-offering.js';
import { getPublicAgency, listPublicOfferings } from './read-directory.js';
import { updateOffering } from './update-offering.js';
import { createServiceRequest } from './create-service-request.js';
import { listServiceRequests } from './list-service-requests.js';
import { transitionServiceRequest } from './transition-service-request.js';
import type { ProductInput } from './schema.js';

for (const dialect of await testDialects()) {
  describe(`services and finance on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    let agencyOrg: string;
    let factory: string;
    let bankOrg: string;
    let otherBankOrg: string;
    let agency: Ctx;
    let enterprise: Ctx;
    let bank: Ctx;
    let stranger: Ctx;
    const as = (actor: Partial<Actor>, now?: string) => testCtx(handle, { id: null, name: '用户', ...actor }, now);
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      agencyOrg = (await makeOrganization(ctx, { kind: 'service_agency', name: '平顶山鹰知知识产权代理有限公司' })).id;
      factory = (await makeOrganization(ctx, { name: '平顶山鹰开电气有限公司' })).id;
      bankOrg = (await makeOrganization(ctx, { kind: 'bank', name: '鹰城银行湛河科技支行' })).id;
      otherBankOrg = (await makeOrganization(ctx, { kind: 'bank', name: '湛河农商银行' })).id;
      agency = as({ name: '林晓燕', roles: ['agency'], organizationIds: [agencyOrg] });
      enterprise = as({ name: '鹰开电气', roles: ['enterprise'], organizationIds: [factory] });
      bank = as({ name: '易晓峰', roles: ['bank'], organizationIds: [bankOrg] });
      stranger = as({ roles: ['enterprise'], organizationIds: [(await makeOrganization(ctx)).id] });
      // 高新技术企业 valid to the end of 2026; 科技型中小企业 expired at the end of 2025.
      await addQualification(ctx, factory, { type: 'high_tech_enterprise', number: 'GR202441000123', issuedOn: '2024-01-01', validUntil: '2026-12-31' });
      await addQualification(ctx, factory, { type: 'tech_sme', number: '2025410411A0001', issuedOn: '2025-03-01', validUntil: '2025-12-31' });
    }, 60_000);
    afterAll(async () => handle.drop());

    it('runs a service request through its workflow and refuses illegal moves', async () => {
      await expect(createOffering(agency, { organizationId: factory, category: 'ip', title: '专利申请代理', description: '发明、实用新型专利申请代理服务。', priceTerms: '面议' }))
        .rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createOffering(ctx, { organizationId: factory, category: 'ip', title: '专利申请代理', description: '发明、实用新型专利申请代理服务。', priceTerms: '面议' }))
        .rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'organizationId' } });
      const offering = await createOffering(agency, { organizationId: agencyOrg, category: 'ip', title: '专利申请代理', description: '发明、实用新型专利申请代理服务。', priceTerms: '发明专利每件6000元起' });
      expect(offering).toMatchObject({ organization: { id: agencyOrg, name: '平顶山鹰知知识产权代理有限公司' }, category: 'ip', status: 'active', version: 1 });
      expect((await listPublicOfferings(handle.db, { page: 1, pageSize: 20, category: 'ip', q: '鹰知' })).items.map((o) => o.id)).toEqual([offering.id]);
      expect((await listPublicOfferings(handle.db, { page: 1, pageSize: 20, category: 'legal' })).total).toBe(0);

      const request = await createServiceRequest(enterprise, { requesterOrganizationId: factory, offeringId: offering.id, title: '永磁操动机构专利申请', description: '申请一件发明专利，需代理撰写与提交。' });
      expect(request).toMatchObject({ status: 'submitted', category: 'ip', provider: { id: agencyOrg }, offering: { id: offering.id, title: '专利申请代理' }, nextStatuses: ['accepted', 'rejected', 'cancelled'] });
      await expect(transitionServiceRequest(agency, request.id, { to: 'completed', version: 1 })).rejects.toMatchObject({
        code: 'CONFLICT', message: '服务请求不能从“已提交”变为“已完成”（可变为：已受理、已拒绝、已取消）', options: { field: 'to' },
      });
      await expect(transitionServiceRequest(enterprise, request.id, { to: 'accepted', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(transitionServiceRequest(agency, request.id, { to: 'rejected', version: 1 })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'note' } });
      await expect(transitionServiceRequest(stranger, request.id, { to: 'cancelled', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await transitionServiceRequest(agency, request.id, { to: 'accepted', version: 1, note: '已指派代理师' });
      await expect(transitionServiceRequest(agency, request.id, { to: 'in_progress', version: 1 })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      await transitionServiceRequest(agency, request.id, { to: 'in_progress', version: 2 });
      const done = await transitionServiceRequest(agency, request.id, { to: 'completed', version: 3, note: '已提交国家知识产权局' });
      expect(done).toMatchObject({ status: 'completed', version: 4, nextStatuses: [] });
      expect(done.steps.map((s) => [s.from, s.to, s.note])).toEqual([
        [null, 'submitted', null], ['submitted', 'accepted', '已指派代理师'], ['accepted', 'in_progress', null], ['in_progress', 'completed', '已提交国家知识产权局'],
      ]);
      await expect(transitionServiceRequest(enterprise, request.id, { to: 'cancelled', version: 4 })).rejects.toMatchObject({ message: '服务请求不能从“已完成”变为“已取消”（已结束）' });

      const cancelled = await createServiceRequest(enterprise, { requesterOrganizationId: factory, providerOrganizationId: agencyOrg, category: 'legal', title: '许可合同审查', description: '审查一份专利实施许可合同。' });
      expect((await transitionServiceRequest(enterprise, cancelled.id, { to: 'cancelled', version: 1 })).status).toBe('cancelled');

      const actions = await handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', request.id).orderBy('seq').execute();
      expect(actions.map((a) => a.action)).toEqual(['services.request.create', 'services.request.update', 'services.request.update', 'services.request.update']);
      const toAgency = await handle.db.selectFrom('notification').select('title').where('recipient_organization_id', '=', agencyOrg).orderBy('created_at').orderBy('id').execute();
      expect(toAgency.map((n) => n.title)).toEqual(['新的服务请求：永磁操动机构专利申请', '新的服务请求：许可合同审查', '服务请求已取消：许可合同审查']);
      const toFactory = await handle.db.selectFrom('notification').select('title').where('recipient_organization_id', '=', factory).where('kind', '=', 'services.request').orderBy('id').execute();
      expect(toFactory.map((n) => n.title)).toEqual(['服务请求已受理：永磁操动机构专利申请', '服务请求办理中：永磁操动机构专利申请', '服务请求已完成：永磁操动机构专利申请']);

      expect((await listServiceRequests(agency, { page: 1, pageSize: 20, side: 'provider' })).total).toBe(2);
      expect((await listServiceRequests(enterprise, { page: 1, pageSize: 20, status: 'completed' })).items.map((r) => r.id)).toEqual([request.id]);
      expect((await listServiceRequests(stranger, { page: 1, pageSize: 20 })).total).toBe(0);

      const withdrawn = await updateOffering(agency, offering.id, { version: 1, status: 'withdrawn' });
      expect(withdrawn).toMatchObject({ status: 'withdrawn', version: 2 });
      expect((await getPublicAgency(handle.db, agencyOrg)).offerings).toEqual([]);
      await expect(createServiceRequest(enterprise, { requesterOrganizationId: factory, offeringId: offering.id, title: '再次申请', description: '再申请一件发明专利代理。' }))
        .rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'offeringId' } });
    });

    it('matches a need to products with reasons, ranked, with qualifications valid on the day; a bank answers', async () => {
      const product = (p: Partial<ProductInput> & Pick<ProductInput, 'name' | 'kind'>): ProductInput => ({
        bankOrganizationId: bankOrg, minAmountFen: 1_000_000, maxAmountFen: 500_000_000, minRateBp: 350, maxRateBp: 450, minTermMonths: 6, maxTermMonths: 36,
        requiredQualifications: [], collateralKinds: ['ip_pledge'], description: '面向科技型企业的融资产品。', ...p,
      });
      await expect(createProduct(bank, product({ name: '错误额度', kind: 'tech_loan', minAmountFen: 600_000_000 }))).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'minAmountFen' } });
      await expect(createProduct(bank, product({ name: '他行产品', kind: 'tech_loan', bankOrganizationId: otherBankOrg }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const pledge = await createProduct(bank, product({ name: '知识产权质押贷', kind: 'ip_pledge_loan', requiredQualifications: ['high_tech_enterprise'] }));
      const techLoan = await createProduct(bank, product({ name: '科技贷', kind: 'tech_loan', maxAmountFen: 300_000_000, minRateBp: 300, maxRateBp: 400, minTermMonths: 12, maxTermMonths: 24, requiredQualifications: ['tech_sme'], collateralKinds: ['credit'] }));
      const contractLoan = await createProduct(ctx, product({ name: '技术合同贷', kind: 'contract_loan', bankOrganizationId: otherBankOrg, minAmountFen: 10_000_000, maxAmountFen: 1_000_000_000, minRateBp: 380, maxRateBp: 480, collateralKinds: ['receivables', 'ip_pledge'] }));
      expect(pledge).toMatchObject({ minAmountFen: 1_000_000, maxAmountFen: 500_000_000, minRateBp: 350, requiredQualifications: ['high_tech_enterprise'], status: 'active' });

      const need = await createNeed(enterprise, {
        organizationId: factory, title: '购买永磁操动机构专利', amountFen: 200_000_000, purpose: 'buy_technology', termMonths: 24, collateralKinds: ['ip_pledge'],
        description: '受让一项发明专利并建设中试线。',
      });
      const { asOf, items } = await matchNeed(enterprise, need.id);
      expect(asOf).toBe('2026-06-01');
      expect(items.map((m) => [m.product.name, m.matched, m.score])).toEqual([['知识产权质押贷', true, 4], ['技术合同贷', false, 4], ['科技贷', false, 3]]);
      expect(items[0]!.reasons).toEqual([
        { criterion: 'amount', met: true, text: '融资金额200万元在产品额度1万元–500万元内' },
        { criterion: 'term', met: true, text: '融资期限24个月在产品期限6–36个月内' },
        { criterion: 'eligibility', met: true, text: '具备有效的高新技术企业资质' },
        { criterion: 'collateral', met: true, text: '产品接受知识产权质押' },
      ]);
      expect(items[1]!.reasons.map((r) => r.text)).toEqual(['融资金额200万元在产品额度10万元–1000万元内', '融资期限24个月在产品期限6–36个月内', '产品无资质要求', '产品接受知识产权质押', '技术合同贷须关联已登记的技术合同']);
      expect(items[2]!.reasons.filter((r) => !r.met)).toEqual([{ criterion: 'eligibility', met: false, text: '缺少有效的科技型中小企业资质' }]);
      expect(items[2]!.reasons[3]).toEqual({ criterion: 'collateral', met: true, text: '产品为信用贷款，无需抵押' });

      // In 2027 the high-tech certificate has lapsed: the pledge loan no longer matches.
      const later = await matchNeed(as({ roles: ['enterprise'], organizationIds: [factory] }, '2027-01-05T02:00:00.000Z'), need.id);
      expect(later.items.find((m) => m.product.id === pledge.id)).toMatchObject({ matched: false, score: 3 });
      expect(later.items.find((m) => m.product.id === pledge.id)!.reasons[2]!.text).toBe('缺少有效的高新技术企业资质');

      // The bank sees the need its pledge loan matches — not the other bank's product, not the unmatched tech loan.
      const seen = await matchedNeedsForBank(bank);
      expect(seen.items.map((m) => [m.need.id, m.product.name, m.offer])).toEqual([[need.id, '知识产权质押贷', null]]);
      // A need its product does not match is, to the bank, no need at all: the refusal is the one for a need that
      // does not exist, and does not list what the enterprise lacks (its qualifications are not the bank's to read).
      const techOffer = { productId: techLoan.id, decision: 'offered' as const, amountFen: 100_000_000, rateBp: 350, termMonths: 24 };
      const unmatched = await respondToNeed(bank, need.id, techOffer).then(() => null, (e: unknown) => e);
      const unknown = await respondToNeed(bank, 'no-such-need', techOffer).then(() => null, (e: unknown) => e);
      expect(unmatched).toMatchObject({ code: 'NOT_FOUND' });
      expect((unmatched as Error).message).not.toContain('资质');
      expect([(unmatched as AppError).code, (unmatched as Error).message]).toEqual([(unknown as AppError).code, (unknown as Error).message]);
      await expect(respondToNeed(bank, need.id, { productId: contractLoan.id, decision: 'declined', note: '不是本行产品' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(respondToNeed(bank, need.id, { productId: pledge.id, decision: 'offered', amountFen: 200_000_000, termMonths: 24 })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'rateBp' } });
      await expect(respondToNeed(bank, need.id, { productId: pledge.id, decision: 'offered', amountFen: 200_000_000, rateBp: 500, termMonths: 24 })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'rateBp' } });
      const offer = await respondToNeed(bank, need.id, { productId: pledge.id, decision: 'offered', amountFen: 200_000_000, rateBp: 380, termMonths: 24, note: '以专利质押，评估后放款' });
      expect(offer).toMatchObject({ decision: 'offered', amountFen: 200_000_000, rateBp: 380, termMonths: 24, bank: { name: '鹰城银行湛河科技支行' }, product: { name: '知识产权质押贷' } });
      await expect(respondToNeed(bank, need.id, { productId: pledge.id, decision: 'declined', note: '重复' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'productId' } });
      expect((await getNeed(enterprise, need.id)).offers.map((o) => [o.product.name, o.decision, o.rateBp])).toEqual([['知识产权质押贷', 'offered', 380]]);
      expect((await matchNeed(enterprise, need.id)).items[0]!.offer).toMatchObject({ id: offer.id });
      await expect(getNeed(stranger, need.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const notice = await handle.db.selectFrom('notification').select(['title', 'link']).where('kind', '=', 'finance.offer').execute();
      expect(notice).toEqual([{ title: '鹰城银行湛河科技支行为“购买永磁操动机构专利”提供了授信方案', link: `/finance/needs/${need.id}` }]);
    });

    it('records licences and IP-as-equity with their rules', async () => {
      const company = (await makeOrganization(ctx, { name: '湛河永磁新材料有限公司' })).id;
      const base = { ipKind: 'patent' as const, ipNumber: 'ZL202110123456.7', ipTitle: '一种永磁操动机构', fromOrganizationId: factory, startsOn: '2026-05-01', amountFen: 50_000_000 };
      await expect(createIpRecord(enterprise, { ...base, kind: 'license', toOrganizationId: company, endsOn: '2029-04-30' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'licenseScope' } });
      await expect(createIpRecord(enterprise, { ...base, kind: 'equity', toOrganizationId: company })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'equityShareBp' } });
      await expect(createIpRecord(stranger, { ...base, kind: 'equity', toOrganizationId: company, equityShareBp: 1500 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const licence = await createIpRecord(enterprise, { ...base, kind: 'license', toOrganizationId: company, licenseScope: 'ordinary', endsOn: '2029-04-30' });
      const equity = await createIpRecord(enterprise, { ...base, kind: 'equity', toOrganizationId: company, amountFen: 300_000_000, equityShareBp: 1500, startsOn: '2026-05-20' });
      expect(licence).toMatchObject({ kind: 'license', from: { name: '平顶山鹰开电气有限公司' }, to: { name: '湛河永磁新材料有限公司' }, licenseScope: 'ordinary', amountFen: 50_000_000, equityShareBp: null });
      expect(equity).toMatchObject({ kind: 'equity', amountFen: 300_000_000, equityShareBp: 1500 });
      expect((await listIpRecords(enterprise, { page: 1, pageSize: 20 })).items.map((r) => r.kind)).toEqual(['equity', 'license']);
      expect((await listIpRecords(enterprise, { page: 1, pageSize: 20, kind: 'license' })).total).toBe(1);
      expect((await listIpRecords(stranger, { page: 1, pageSize: 20 })).total).toBe(0);
      await expect(getIpRecord(stranger, equity.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateIpRecord(enterprise, equity.id, { version: 1, equityShareBp: null })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'equityShareBp' } });
      expect(await updateIpRecord(enterprise, equity.id, { version: 1, equityShareBp: 2000 })).toMatchObject({ equityShareBp: 2000, version: 2 });
      await expect(updateIpRecord(enterprise, equity.id, { version: 1, note: '过期' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      const audits = await handle.db.selectFrom('audit_event').select(['action', 'after']).where('subject_id', '=', equity.id).orderBy('seq').execute();
      expect(audits.map((a) => a.action)).toEqual(['ip.record.write', 'ip.record.write']);
      expect(JSON.parse(audits[1]!.after!)).toEqual({ equityShareBp: 2000 });
    });
  });
}
