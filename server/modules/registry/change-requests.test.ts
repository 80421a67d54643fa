/**
 * Verified facts change through review (issue 18, ADR 014): an own user's direct writes of verified
 * facts are refused and change nothing the indicators or the engine read; a 变更申请 changes nothing
 * until approved, then counts; a rejected one never counts; decisions are audited in the change's
 * transaction and the applicant is told in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionInput } from '../../../common/change-request.js';
import type { Ctx } from '../../context.js';
import { makeOrganization, makePerson } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { addPayment } from '../contracts/payments.js';
import { makeRegisteredContract, zipWith } from '../contracts/test-support.js';
import { computeReport } from '../indicators/compute-indicators.js';
import { runSettlement, listAwards } from '../subsidies/settlement.js';
import {
  decideChangeRequest,
  getChangeRequest,
  listChangeRequests,
  storeChangeRequestEvidence,
  submitChangeRequest,
  withdrawChangeRequest,
} from './change-requests.js';
import { setEquityHolders } from './equity.js';
import { getOrganization, updateOrganization } from './organizations.js';
import { getPerson, updatePerson } from './people.js';
import { createPlatform } from './platforms.js';
import { addQualification } from './qualifications.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ON = '2026-06-01';

let serial = 0;
const certificate = () => `GR2026410${String(++serial).padStart(5, '0')}`;

async function indicator(ctx: Ctx, id: 'T1' | 'T3'): Promise<number> {
  const report = await computeReport(ctx.db, '410411', ON, (d) => d.id === id);
  return report.indicators[0]!.value!;
}

for (const dialect of await testDialects()) {
  describe(`change requests on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let system: Ctx;
    let operator: Ctx;
    let evidence: { hash: string; fileName: string }[];
    const ownUser = (organizationId: string, roles: Ctx['actor']['roles'] = ['enterprise']) =>
      testCtx(handle, { id: null, name: '企业经办人', roles, organizationIds: [organizationId] });

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      system = testCtx(handle);
      operator = testCtx(handle, { id: null, name: '区科技局运营人员', roles: ['operator'] });
      const someone = await makeOrganization(system);
      const file = await storeChangeRequestEvidence(ownUser(someone.id), PDF, '营业执照.pdf');
      evidence = [{ hash: file.hash, fileName: '营业执照.pdf' }];
    }, 60_000);
    afterAll(async () => handle.drop());

    it("refuses an own user's direct writes of verified facts, naming the field; T1 and T3 do not move", async () => {
      const org = await makeOrganization(system, { kind: 'enterprise' });
      const institution = await makeOrganization(system, { kind: 'research_institute' });
      const enterprise = ownUser(org.id);
      const representative = await makePerson(system);
      const holder = await makeOrganization(system);
      const t1 = await indicator(system, 'T1');
      const t3 = await indicator(system, 'T3');
      const events = (await handle.db.selectFrom('audit_event').select('seq').execute()).length;

      for (const [field, patch] of [
        ['kind', { kind: 'new_rd_institution' as const, rdFiled: true, divisionCode: '110108' }],
        ['divisionCode', { divisionCode: '110108' }],
        ['rdFiled', { rdFiled: true }],
        ['name', { name: '改名后的公司' }],
        ['legalRepresentativeId', { legalRepresentativeId: representative.id }],
      ] as const) {
        const attempt = updateOrganization(enterprise, org.id, { version: 1, ...patch });
        await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN', options: { field } });
        await expect(attempt).rejects.toThrow(/变更申请/);
      }
      await expect(addQualification(enterprise, org.id, { type: 'high_tech_enterprise', number: certificate(), issuedOn: '2026-03-01' })).rejects.toThrow(/资质.*变更申请/);
      const own = ownUser(institution.id, ['institution']);
      await expect(addQualification(own, institution.id, { type: 'tech_transfer_demonstration', level: 'provincial', number: 'SF-2026-01', issuedOn: '2026-01-01' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createPlatform(own, { name: '省级技术转移示范机构', type: 'tech_transfer_demonstration', level: 'provincial', hostOrganizationId: institution.id, recognizedOn: '2026-01-01' })).rejects.toThrow(/变更申请/);
      await expect(setEquityHolders(enterprise, org.id, [{ holderType: 'organization', holderOrganizationId: holder.id, percent: 60 }])).rejects.toThrow(/股权结构.*变更申请/);
      await expect(updateOrganization(ownUser(institution.id, ['bank']), institution.id, { version: 1, kind: 'bank' })).rejects.toMatchObject({ code: 'FORBIDDEN', options: { field: 'kind' } });

      const after = await getOrganization(system, org.id);
      expect(after).toMatchObject({ kind: 'enterprise', divisionCode: '410411', rdFiled: null, version: 1, qualifications: [], equityHolders: [] });
      expect(await indicator(system, 'T1')).toBe(t1);
      expect(await indicator(system, 'T3')).toBe(t3);
      expect((await handle.db.selectFrom('audit_event').select('seq').execute()).length).toBe(events);

      // Self-service fields stay direct; a verified field sent unchanged is no change.
      const updated = await updateOrganization(enterprise, org.id, {
        version: 1, kind: 'enterprise', address: '湛河区姚孟大道8号', description: '专注电力电子器件研发。', contacts: [{ name: '李经办', phone: '0375-1234567' }],
      });
      expect(updated).toMatchObject({ address: '湛河区姚孟大道8号', description: '专注电力电子器件研发。', kind: 'enterprise', version: 2 });
      // The operator edits verified facts directly, as before.
      await expect(updateOrganization(operator, org.id, { version: 2, name: '湛河区运营改名有限公司' })).resolves.toMatchObject({ name: '湛河区运营改名有限公司' });
    });

    it("keeps a person's name, ID number, roles and organizations for the operator; the phone stays self-service", async () => {
      const org = await makeOrganization(system);
      const person = await makePerson(system, { name: '王核实', affiliations: [{ organizationId: org.id, title: '总经理' }] });
      const own = ownUser(org.id);
      await expect(updatePerson(own, person.id, { version: 1, name: '王改名' })).rejects.toMatchObject({ code: 'FORBIDDEN', options: { field: 'name' } });
      await expect(updatePerson(own, person.id, { version: 1, roles: [{ role: 'broker', certificateNumber: 'JJ-001' }] })).rejects.toMatchObject({ options: { field: 'roles' } });
      const other = await makeOrganization(system);
      await expect(updatePerson(own, person.id, { version: 1, affiliations: [{ organizationId: org.id }, { organizationId: other.id }] })).rejects.toMatchObject({ options: { field: 'affiliations' } });
      const phoned = await updatePerson(own, person.id, { version: 1, phone: '0375-7654321', affiliations: [{ organizationId: org.id, title: '董事长' }] });
      expect(phoned).toMatchObject({ phone: '0375-7654321', name: '王核实', roles: [], affiliations: [{ organizationId: org.id, title: '董事长' }] });
      await expect(updatePerson(operator, person.id, { version: 2, name: '王更正' })).resolves.toMatchObject({ name: '王更正' });
      expect((await getPerson(system, person.id)).name).toBe('王更正');
    });

    it('a qualification request changes nothing while pending, counts in T3 once approved, and never when rejected', async () => {
      const approvedOrg = await makeOrganization(system);
      const rejectedOrg = await makeOrganization(system);
      const t3 = await indicator(system, 'T3');
      const number = certificate();
      const asked = await submitChangeRequest(ownUser(approvedOrg.id), {
        group: 'qualification', organizationId: approvedOrg.id, qualification: { type: 'high_tech_enterprise', number, issuedOn: '2026-03-01' }, evidence, explanation: '新取得高新技术企业证书',
      });
      expect(asked).toMatchObject({ status: 'pending', statusLabel: '待审核', groupLabel: '资质' });
      expect(asked.differences).toEqual([
        { field: 'qualification', label: '资质：高新技术企业', current: '无', requested: `新增 高新技术企业，证书编号 ${number}，2026-03-01 至 2029-02-28` },
      ]);
      const refused = await submitChangeRequest(ownUser(rejectedOrg.id), {
        group: 'qualification', organizationId: rejectedOrg.id, qualification: { type: 'high_tech_enterprise', number: certificate(), issuedOn: '2026-03-01' }, evidence,
      });
      expect(await indicator(system, 'T3')).toBe(t3);
      expect((await getOrganization(system, approvedOrg.id)).qualifications).toEqual([]);

      const approved = await decideChangeRequest(operator, asked.id, { version: 1, decision: 'approve', reason: '证书核对无误' });
      expect(approved).toMatchObject({ status: 'approved', decidedByName: '区科技局运营人员', decisionReason: '证书核对无误' });
      expect((await getOrganization(system, approvedOrg.id)).qualifications.map((q) => q.number)).toEqual([number]);
      expect(await indicator(system, 'T3')).toBe(t3 + 1);

      const rejected = await decideChangeRequest(operator, refused.id, { version: 1, decision: 'reject', reason: '证书编号与全国高企认定名单不符' });
      expect(rejected).toMatchObject({ status: 'rejected', statusLabel: '已驳回', decisionReason: '证书编号与全国高企认定名单不符' });
      expect((await getOrganization(system, rejectedOrg.id)).qualifications).toEqual([]);
      expect(await indicator(system, 'T3')).toBe(t3 + 1);

      // The applicant is told, in words.
      const notes = await handle.db.selectFrom('notification').selectAll().where('recipient_organization_id', 'in', [approvedOrg.id, rejectedOrg.id]).execute();
      const told = (orgId: string) => notes.find((n) => n.recipient_organization_id === orgId)!;
      expect(told(approvedOrg.id)).toMatchObject({ kind: 'registry.change_request.approved', link: `/organizations/${approvedOrg.id}` });
      expect(told(approvedOrg.id).body).toContain(`高新技术企业，证书编号 ${number}`);
      expect(told(rejectedOrg.id).title).toContain('未通过');
      expect(told(rejectedOrg.id).body).toContain('驳回理由：证书编号与全国高企认定名单不符');
      for (const n of notes) expect(n.body).not.toMatch(/high_tech_enterprise|[0-9a-f]{8}-[0-9a-f]{4}/);
    });

    it("an institution's demonstration recognition does not move T1 until approved", async () => {
      const institution = await makeOrganization(system, { kind: 'research_institute' });
      const t1 = await indicator(system, 'T1');
      const asked = await submitChangeRequest(ownUser(institution.id, ['institution']), {
        group: 'platform', organizationId: institution.id, evidence,
        platform: { name: '湛河新材料技术转移示范机构', type: 'tech_transfer_demonstration', level: 'provincial', recognizedOn: '2026-01-10', documentNumber: '豫科〔2026〕3号' },
      });
      expect(asked.differences[0]).toMatchObject({ label: '平台与认定：技术转移示范机构', current: '无', requested: '新增 省级技术转移示范机构“湛河新材料技术转移示范机构”，2026-01-10 认定，文号 豫科〔2026〕3号' });
      expect(await indicator(system, 'T1')).toBe(t1);
      await decideChangeRequest(operator, asked.id, { version: 1, decision: 'approve' });
      expect(await indicator(system, 'T1')).toBe(t1 + 1);
      expect((await getOrganization(system, institution.id)).platforms.map((p) => p.name)).toEqual(['湛河新材料技术转移示范机构']);
    });

    it('a kind change approved makes the seller eligible for R2 in the engine; a rejected one never counts', async () => {
      const buyer = await makeOrganization(system, { kind: 'enterprise', divisionCode: '410411', name: '湛河区购买方电气有限公司' });
      const approvedSeller = await makeOrganization(system, { kind: 'enterprise', divisionCode: '410402', name: '平顶山新华区某研究院有限公司' });
      const rejectedSeller = await makeOrganization(system, { kind: 'enterprise', divisionCode: '410402', name: '平顶山新华区另一公司' });
      for (const [i, seller] of [approvedSeller, rejectedSeller].entries()) {
        const c = await makeRegisteredContract(system, {
          name: `变更测试合同${i}`, signedOn: '2022-02-01', amountFen: 300_000_00, sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: buyer.id }], implementationDivision: '410411',
        }, '2022-03-01');
        await addPayment(system, c.id, {
          paidOn: '2022-04-01', amountFen: 200_000_00, voucherNumber: `BG${i}`,
          invoices: [{ number: `25411000009${String(i).padStart(9, '0')}`, issuedOn: '2022-04-01', amountFen: 200_000_00, namesContract: true }],
        });
      }
      const r2For = async (orgId: string) => {
        const run = await runSettlement(operator, { policy: 'zhanhe-2022', year: 2023 });
        return (await listAwards(handle.db, run.id)).filter((a) => a.rule === 'institution_transfer' && a.beneficiaryRef === orgId);
      };
      expect(await r2For(approvedSeller.id)).toEqual([]);

      const kindChange = { kind: 'new_rd_institution' as const, rdFiled: true, rdFiledOn: '2021-06-01' };
      const asked = await submitChangeRequest(ownUser(approvedSeller.id), { group: 'organization', organizationId: approvedSeller.id, changes: kindChange, evidence });
      expect(asked.differences).toEqual([
        { field: 'kind', label: '机构类型', current: '企业', requested: '新型研发机构' },
        { field: 'rdFiled', label: '新型研发机构备案状态', current: '未填写', requested: '已备案' },
        { field: 'rdFiledOn', label: '备案日期', current: '未填写', requested: '2021-06-01' },
      ]);
      expect(asked.summary).toBe('机构类型改为“新型研发机构”；新型研发机构备案状态改为“已备案”；备案日期改为“2021-06-01”');
      const other = await submitChangeRequest(ownUser(rejectedSeller.id), { group: 'organization', organizationId: rejectedSeller.id, changes: kindChange, evidence });
      expect(await r2For(approvedSeller.id)).toEqual([]);
      expect((await getOrganization(system, approvedSeller.id)).kind).toBe('enterprise');

      await decideChangeRequest(operator, asked.id, { version: 1, decision: 'approve', reason: '备案文件核对无误' });
      expect(await getOrganization(system, approvedSeller.id)).toMatchObject({ kind: 'new_rd_institution', rdFiled: true, rdFiledOn: '2021-06-01' });
      expect((await r2For(approvedSeller.id)).map((a) => a.amountYuan)).toEqual([20_000]);

      await decideChangeRequest(operator, other.id, { version: 1, decision: 'reject', reason: '未提供科技部门备案文件' });
      expect((await getOrganization(system, rejectedSeller.id)).kind).toBe('enterprise');
      expect(await r2For(rejectedSeller.id)).toEqual([]);
    }, 60_000);

    it('applies the change, the decision and their audit in one transaction; a failing apply leaves the request pending', async () => {
      const org = await makeOrganization(system);
      const number = certificate();
      const asked = await submitChangeRequest(ownUser(org.id), { group: 'qualification', organizationId: org.id, qualification: { type: 'high_tech_enterprise', number, issuedOn: '2026-03-01' }, evidence });
      // Meanwhile the operator registers the same certificate directly: approval can no longer apply.
      await addQualification(operator, org.id, { type: 'high_tech_enterprise', number, issuedOn: '2026-03-01' });
      const events = (await handle.db.selectFrom('audit_event').select('seq').execute()).length;
      await expect(decideChangeRequest(operator, asked.id, { version: 1, decision: 'approve' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'number' } });
      expect(await getChangeRequest(system, asked.id)).toMatchObject({ status: 'pending', version: 1 });
      expect((await handle.db.selectFrom('audit_event').select('seq').execute()).length).toBe(events);
      expect(await handle.db.selectFrom('notification').select('id').where('recipient_organization_id', '=', org.id).execute()).toEqual([]);

      const kind = await submitChangeRequest(ownUser(org.id), { group: 'organization', organizationId: org.id, changes: { kind: 'tech_transfer_institution' }, evidence });
      await decideChangeRequest(operator, kind.id, { version: 1, decision: 'approve' });
      const trail = await handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', org.id).orderBy('seq').execute();
      const [update, approve] = trail.slice(-2);
      expect([update!.action, approve!.action]).toEqual(['registry.organization.update', 'registry.change_request.approve']);
      expect(approve!.seq).toBe(update!.seq + 1);
      expect(approve!.at).toBe(update!.at);
      expect(approve!.actor_name).toBe('区科技局运营人员');
      expect(JSON.parse(update!.after!)).toMatchObject({ kind: 'tech_transfer_institution' });
      expect(JSON.parse(approve!.after!)).toMatchObject({ requestId: kind.id, requestStatus: 'approved', summary: '机构类型改为“技术转移机构”' });
      expect(trail.map((e) => e.action)).toContain('registry.change_request.create');
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('holds one pending request per organization and group; withdrawing frees it; decided requests are final', async () => {
      const org = await makeOrganization(system);
      const own = ownUser(org.id);
      const first = await submitChangeRequest(own, { group: 'organization', organizationId: org.id, changes: { name: '湛河区新名称科技有限公司' }, evidence });
      await expect(submitChangeRequest(own, { group: 'organization', organizationId: org.id, changes: { kind: 'new_rd_institution' }, evidence })).rejects.toThrow(/已有一份待审核的登记信息变更申请/);
      // Another group, or a qualification of another type, does not wait.
      await submitChangeRequest(own, { group: 'qualification', organizationId: org.id, qualification: { type: 'tech_sme', number: '2026410411A0009001', issuedOn: '2026-02-01' }, evidence });
      await submitChangeRequest(own, { group: 'qualification', organizationId: org.id, qualification: { type: 'high_tech_enterprise', number: certificate(), issuedOn: '2026-02-01' }, evidence });
      await expect(submitChangeRequest(own, { group: 'qualification', organizationId: org.id, qualification: { type: 'tech_sme', number: '2026410411A0009002', issuedOn: '2026-02-01' }, evidence })).rejects.toMatchObject({ code: 'CONFLICT' });

      const stranger = ownUser((await makeOrganization(system)).id);
      await expect(withdrawChangeRequest(stranger, first.id, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getChangeRequest(stranger, first.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(decideChangeRequest(own, first.id, { version: 1, decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

      const withdrawn = await withdrawChangeRequest(own, first.id, 1);
      expect(withdrawn).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回' });
      await expect(decideChangeRequest(operator, first.id, { version: 2, decision: 'approve' })).rejects.toThrow(/已撤回，不能再办理/);
      expect((await getOrganization(system, org.id)).name).not.toBe('湛河区新名称科技有限公司');
      await submitChangeRequest(own, { group: 'organization', organizationId: org.id, changes: { kind: 'new_rd_institution' }, evidence });

      const mine = await listChangeRequests(own, { status: 'pending', page: 1, pageSize: 20 });
      expect(mine.items.map((r) => r.groupLabel).sort()).toEqual(['登记信息', '资质', '资质']);
      expect((await listChangeRequests(stranger, { page: 1, pageSize: 20 })).items).toEqual([]);
      const queue = await listChangeRequests(operator, { status: 'pending', page: 1, pageSize: 100 });
      expect(queue.items.map((r) => r.organizationId)).toContain(org.id);
    });

    it('lets only one of two simultaneous requests of a group through', async () => {
      const org = await makeOrganization(system);
      const own = ownUser(org.id);
      const file = (kind: 'new_rd_institution' | 'tech_transfer_institution') =>
        submitChangeRequest(own, { group: 'organization', organizationId: org.id, changes: { kind }, evidence });
      const outcomes = await Promise.allSettled([file('new_rd_institution'), file('tech_transfer_institution')]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'CONFLICT', options: { field: 'group' } });
      expect((await listChangeRequests(own, { status: 'pending', page: 1, pageSize: 10 })).total).toBe(1);
    });

    it('shows equity by holder name and share, division by name, and refuses requests that change nothing', async () => {
      const org = await makeOrganization(system);
      const parent = await makeOrganization(system, { name: '湛河区控股集团有限公司' });
      const person = await makePerson(system, { name: '赵股东' });
      await setEquityHolders(operator, org.id, [{ holderType: 'organization', holderOrganizationId: parent.id, percent: 60 }]);
      const own = ownUser(org.id);
      const asked = await submitChangeRequest(own, {
        group: 'equity', organizationId: org.id, evidence,
        holders: [{ holderType: 'organization', holderOrganizationId: parent.id, percent: 20 }, { holderType: 'person', holderPersonId: person.id, percent: 50.5 }],
      });
      expect(asked.differences).toEqual([
        { field: `holder:person:${person.id}`, label: '股东：赵股东', current: '未持股', requested: '50.5%' },
        { field: `holder:organization:${parent.id}`, label: '股东：湛河区控股集团有限公司', current: '60%', requested: '20%' },
        { field: 'total', label: '持股合计', current: '60%', requested: '70.5%' },
      ]);
      expect((await getOrganization(system, org.id)).equityHolders.map((h) => h.percent)).toEqual([60]);
      await decideChangeRequest(operator, asked.id, { version: 1, decision: 'approve' });
      expect((await getOrganization(system, org.id)).equityHolders.map((h) => [h.holderName, h.percent])).toEqual([['赵股东', 50.5], ['湛河区控股集团有限公司', 20]]);
      // Decided requests keep the comparison as it stood.
      expect((await getChangeRequest(system, asked.id)).differences[1]).toMatchObject({ current: '60%', requested: '20%' });

      const moved = await submitChangeRequest(own, { group: 'organization', organizationId: org.id, changes: { divisionCode: '410402' }, evidence });
      expect(moved.differences).toEqual([{ field: 'divisionCode', label: '行政区划', current: '河南省平顶山市湛河区', requested: '河南省平顶山市新华区' }]);
      await withdrawChangeRequest(own, moved.id, 1);
      await expect(submitChangeRequest(own, { group: 'organization', organizationId: org.id, changes: { kind: 'enterprise' }, evidence })).rejects.toThrow(/无需提交变更申请/);
      await expect(submitChangeRequest(own, { group: 'organization', organizationId: org.id, changes: { divisionCode: '419999' }, evidence })).rejects.toMatchObject({ options: { field: 'divisionCode' } });
    });

    it('takes PDF, JPG and PNG evidence only, by content; a rejection needs a reason', async () => {
      const org = await makeOrganization(system);
      const own = ownUser(org.id);
      await expect(storeChangeRequestEvidence(own, zipWith('OFD.xml'), '证书.ofd')).rejects.toThrow(/不是 PDF、JPG 或 PNG/);
      await expect(storeChangeRequestEvidence(own, Buffer.from('not a pdf'), '证书.pdf')).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'file' } });
      const png = await storeChangeRequestEvidence(own, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), '证书.png');
      expect(png.mime).toBe('image/png');
      await expect(storeChangeRequestEvidence(operator, PDF, 'x.pdf')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        submitChangeRequest(own, { group: 'organization', organizationId: org.id, changes: { kind: 'bank' }, evidence: [{ hash: 'a'.repeat(64), fileName: '丢失.pdf' }] }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', options: { field: 'evidence.0' } });
      expect(decisionInput.safeParse({ version: 1, decision: 'reject' }).success).toBe(false);
      expect(decisionInput.safeParse({ version: 1, decision: 'reject', reason: '材料不全' }).success).toBe(true);
      expect(decisionInput.safeParse({ version: 1, decision: 'approve' }).success).toBe(true);
    });
  });
}
