/**
 * 复查 on both databases: an operator opens a case on a decided 变更申请, 单位注册 or 信用修复 — the
 * decision frozen with its evidence hashes, unaffected by what later happens to the decision's record;
 * one open case per decision (409); an undecided or missing decision is refused naming the field; the
 * decision-maker cannot conclude; another operator concludes with a verdict; the list filters, the
 * export is in words; audit rows commit with the case (and roll back with it); another jurisdiction
 * neither sees nor opens; the evaluator reads, read-only.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concludeReexaminationInput } from '../../../common/reexamination.js';
import { type Actor, type Ctx, withinTransaction } from '../../context.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { makeOrganization } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { findInternals } from '../../testing/internals.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { createApplication, reviewApplication, submitApplication } from '../applications/applications.js';
import { actors, makeNotice, PAYEE, registeredContract } from '../applications/test-support.js';
import { createCreditRecord } from '../credit/records.js';
import { decideCreditRepair, requestCreditRepair, storeCreditRepairEvidence } from '../credit/repair.js';
import { approveRegistration, returnRegistration } from '../registration/decide-registration.js';
import { resubmitRegistration } from '../registration/registration-status.js';
import { submitRegistration } from '../registration/submit-registration.js';
import { evidence, samplePdf, solvedCaptcha, unitApplication } from '../registration/test-support.js';
import { decideChangeRequest, storeChangeRequestEvidence, submitChangeRequest } from '../registry/change-requests.js';
import { concludeReexamination } from './conclude-reexamination.js';
import { REEXAMINATION_COLUMNS, reexaminationsXlsx } from './export-reexaminations.js';
import { getReexamination, listReexaminations, readReexaminationEvidence } from './list-reexaminations.js';
import { openReexamination } from './open-reexamination.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const NOW = '2026-06-01T08:00:00.000Z';
const PUBLIC: Actor = { id: null, name: 'public', roles: [], jurisdictionCode: '000000', organizationIds: [] };
const page = { page: 1, pageSize: 50 };
let ipSerial = 0;

for (const dialect of await testDialects()) {
  describe(`复查 on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let system: Ctx;
    /** Made the decisions. */
    let decider: Ctx;
    /** Another operator of the same bureau: concludes. */
    let colleague: Ctx;
    let elsewhere: Ctx;
    let evaluator: Ctx;
    let changeRequestId: string;
    let pendingRequestId: string;
    let requestEvidence: { hash: string; fileName: string };
    const own = (organizationId: string) => testCtx(handle, { id: null, name: '企业经办人', roles: ['enterprise'], organizationIds: [organizationId] }, NOW);
    const caseEvents = async (id: string) => handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', id).orderBy('seq').execute();

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      system = testCtx(handle, {}, NOW);
      decider = testCtx(handle, { id: null, name: '湛河区科技局 李审核', roles: ['operator'] }, NOW);
      colleague = testCtx(handle, { id: null, name: '湛河区科技局 王复查', roles: ['operator'] }, NOW);
      elsewhere = testCtx(handle, { id: null, name: '卫东区科技局', roles: ['operator'], jurisdictionCode: '410403' }, NOW);
      evaluator = testCtx(handle, { id: null, name: '第三方评估机构', roles: ['evaluator'] }, NOW);
      const org = await makeOrganization(system, { name: '湛河区复查测试电气有限公司' });
      const file = await storeChangeRequestEvidence(own(org.id), PDF, '工商变更通知书.pdf');
      requestEvidence = { hash: file.hash, fileName: '工商变更通知书.pdf' };
      const asked = await submitChangeRequest(own(org.id), { group: 'organization', organizationId: org.id, changes: { name: '湛河区复查测试智能电气有限公司' }, evidence: [requestEvidence] });
      await decideChangeRequest(decider, asked.id, { decision: 'reject', reason: '工商变更通知书上的名称与申请不一致', version: asked.version });
      changeRequestId = asked.id;
      const other = await makeOrganization(system, { name: '湛河区待审核电气有限公司' });
      pendingRequestId = (await submitChangeRequest(own(other.id), { group: 'organization', organizationId: other.id, changes: { name: '湛河区待审核新名称有限公司' }, evidence: [requestEvidence] })).id;
    }, 60_000);
    afterAll(async () => handle.drop());

    it('opens a case on a decided 变更申请 with the decision frozen, its evidence by hash and name, audited', async () => {
      const opened = await openReexamination(colleague, { decisionKind: 'change_request', decisionId: changeRequestId, grounds: '申请人来函称名称一致，请求复查驳回决定' });
      expect(opened).toMatchObject({
        number: 'FC20260601001',
        decisionKindLabel: '变更申请审核',
        status: 'open',
        statusLabel: '复查中',
        requestedByName: '湛河区科技局 王复查',
        verdict: null,
        snapshot: {
          subject: '「湛河区复查测试电气有限公司」的登记信息变更申请',
          deciderName: '湛河区科技局 李审核',
          outcome: '已驳回',
          reason: '工商变更通知书上的名称与申请不一致',
          evidence: [requestEvidence],
        },
      });
      expect(opened.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
      expect(opened.snapshot.facts.find((f) => f.label === '申请变更')?.value).toContain('湛河区复查测试智能电气有限公司');
      const [event] = await caseEvents(opened.id);
      expect(event).toMatchObject({ action: 'reexamination.case.open', actor_name: '湛河区科技局 王复查' });
      // The evidence frozen is the very file decided on; an operator may download it.
      expect((await readReexaminationEvidence(decider, opened.id, requestEvidence.hash)).fileName).toBe('工商变更通知书.pdf');
    });

    it('one open case per decision (409); a missing or undecided decision is refused naming the field', async () => {
      const before = (await handle.db.selectFrom('audit_event').select('seq').execute()).length;
      await expect(openReexamination(decider, { decisionKind: 'change_request', decisionId: changeRequestId, grounds: '再次请求复查' })).rejects.toMatchObject({ code: 'CONFLICT', status: 409, options: { field: 'decisionId' } });
      await expect(openReexamination(decider, { decisionKind: 'change_request', decisionId: pendingRequestId, grounds: '复查未决的申请' })).rejects.toMatchObject({
        code: 'VALIDATION',
        options: { field: 'decisionId' },
        message: '该变更申请待审核，还没有可复查的决定',
      });
      await expect(openReexamination(decider, { decisionKind: 'credit_repair', decisionId: 'no-such-repair', grounds: '复查不存在的决定' })).rejects.toMatchObject({
        code: 'VALIDATION',
        options: { field: 'decisionId' },
        message: '要复查的决定不存在：未找到该信用修复申请',
      });
      // Nothing refused left a case or an audit row behind.
      expect((await handle.db.selectFrom('audit_event').select('seq').execute()).length).toBe(before);
      expect((await listReexaminations(decider, page)).total).toBe(1);
    });

    it('writes the case and its audit row in one transaction: rolled back, neither remains', async () => {
      const org = await makeOrganization(system, { name: '湛河区回滚测试有限公司' });
      const asked = await submitChangeRequest(own(org.id), { group: 'organization', organizationId: org.id, changes: { name: '湛河区回滚测试新名有限公司' }, evidence: [requestEvidence] });
      await decideChangeRequest(decider, asked.id, { decision: 'approve', version: asked.version });
      const rollback = new Error('rolled back on purpose');
      let openedId = '';
      await expect(
        handle.db.transaction().execute(async (trx) => {
          openedId = (await openReexamination(withinTransaction(colleague, trx), { decisionKind: 'change_request', decisionId: asked.id, grounds: '回滚测试' })).id;
          expect((await trx.selectFrom('audit_event').select('seq').where('subject_id', '=', openedId).execute()).length).toBe(1);
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      expect(await handle.db.selectFrom('decision_review').select('id').where('id', '=', openedId).executeTakeFirst()).toBeUndefined();
      expect(await caseEvents(openedId)).toEqual([]);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('the decision-maker cannot conclude; another operator concludes with a verdict, once; the measure is required when the decision erred', async () => {
      const [open] = (await listReexaminations(decider, { ...page, status: 'open' })).items;
      await expect(concludeReexamination(decider, open!.id, { verdict: 'diligent', findings: '自查无误', version: open!.version })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('复查须由其他工作人员办结'),
      });
      await expect(concludeReexamination(evaluator, open!.id, { verdict: 'diligent', findings: '评估机构无权办结', version: open!.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const refused = concludeReexaminationInput.safeParse({ verdict: 'erred_but_diligent', findings: '名称确实一致', version: 1 });
      expect(refused.success).toBe(false);
      expect(refused.error?.issues[0]).toMatchObject({ path: ['correctiveMeasure'], message: '认定决定有误或未尽职的，须写明纠错措施' });
      const done = await concludeReexamination(colleague, open!.id, {
        verdict: 'erred_but_diligent',
        findings: '通知书扫描件模糊，审核人依当时材料作出驳回，程序合规；申请人补正后名称一致',
        correctiveMeasure: '通知申请人重新提交变更申请，优先审核',
        version: open!.version,
      });
      expect(done).toMatchObject({ status: 'concluded', statusLabel: '已办结', verdictLabel: '决定有误但已尽职（容错免责）', concludedByName: '湛河区科技局 王复查', correctiveMeasure: '通知申请人重新提交变更申请，优先审核' });
      await expect(concludeReexamination(colleague, open!.id, { verdict: 'diligent', findings: '再次办结', version: done.version })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await caseEvents(open!.id)).map((e) => e.action)).toEqual(['reexamination.case.open', 'reexamination.case.conclude']);
      // Concluded, the decision may be re-examined again.
      const again = await openReexamination(decider, { decisionKind: 'change_request', decisionId: changeRequestId, grounds: '申请人对复查结论仍有异议' });
      expect(again.number).toBe('FC20260601002');
    });

    it('a registration decision stays frozen as decided while the application moves on', async () => {
      const ctx = { ...testCtx(handle, PUBLIC, NOW), ip: `198.51.100.${++ipSerial}` };
      const app = unitApplication({ orgName: '平顶山复查注册测试有限公司' });
      const submitted = await submitRegistration(ctx, { ...(await solvedCaptcha(ctx)), application: app }, evidence());
      const row = await handle.db.selectFrom('unit_registration').selectAll().where('number', '=', submitted.number).executeTakeFirstOrThrow();
      await expect(openReexamination(colleague, { decisionKind: 'registration', decisionId: row.id, grounds: '复查未审核的注册' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'decisionId' }, message: '该注册申请尚未审核，还没有可复查的决定' });
      await returnRegistration(decider, row.id, row.version, '营业执照不清晰');
      const opened = await openReexamination(colleague, { decisionKind: 'registration', decisionId: row.id, grounds: '申请人称执照清晰，请求复查退回' });
      expect(opened.snapshot).toMatchObject({ outcome: '退回申请人修改', reason: '营业执照不清晰', deciderName: '湛河区科技局 李审核', subject: `「平顶山复查注册测试有限公司」的单位注册申请 ${submitted.number}` });
      expect(opened.snapshot.evidence.map((e) => [e.fileName, e.hash])).toEqual([
        ['营业执照', row.license_hash],
        ['授权委托书', row.authorization_hash],
      ]);
      await expect(openReexamination(colleague, { decisionKind: 'change_request', decisionId: row.id, grounds: '类型写错' })).rejects.toMatchObject({ code: 'VALIDATION' });

      // The applicant resubmits with a new licence and the bureau approves: the case still shows the return as decided.
      const again = { ...testCtx(handle, PUBLIC, NOW), ip: `198.51.100.${++ipSerial}` };
      const { password: _kept, ...withoutPassword } = app;
      await resubmitRegistration(again, { number: submitted.number, queryCode: submitted.queryCode, ...(await solvedCaptcha(again)), application: withoutPassword }, { license: { data: samplePdf('clear'), fileName: '营业执照（清晰）.pdf' } });
      const resubmitted = await handle.db.selectFrom('unit_registration').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      await approveRegistration(colleague, row.id, resubmitted.version);
      const read = await getReexamination(colleague, opened.id);
      expect(read.snapshot).toEqual(opened.snapshot);
      expect(read.snapshotHash).toBe(opened.snapshotHash);
      expect(read.snapshot.evidence[0]!.hash).not.toBe(resubmitted.license_hash);
      // The decider of the return may not conclude its case; the approval is a decision of its own, by the colleague.
      await expect(concludeReexamination(decider, opened.id, { verdict: 'diligent', findings: '自己办结', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const approval = await openReexamination(decider, { decisionKind: 'registration', decisionId: row.id, grounds: '抽查通过的注册' });
      expect(approval.snapshot).toMatchObject({ outcome: '审核通过（开通单位账号）', deciderName: '湛河区科技局 王复查' });
      expect(approval.snapshot.evidence[0]!.hash).toBe(resubmitted.license_hash);
    });

    it('a 信用修复 decision can be re-examined; the evaluator reads every case and its credit evidence, read-only', async () => {
      const org = await makeOrganization(system, { name: '湛河区信用复查有限公司' });
      const record = await createCreditRecord(decider, { organizationId: org.id, kind: 'dishonest_judgment_debtor', source: 'court', validFrom: '2026-03-01' });
      const file = await storeCreditRepairEvidence(own(org.id), PDF, '履行完毕证明.pdf');
      const asked = await requestCreditRepair(own(org.id), record.id, { explanation: '已全部履行', evidence: [{ hash: file.hash, fileName: '履行完毕证明.pdf' }] });
      await decideCreditRepair(decider, asked.repairs[0]!.id, { decision: 'reject', reason: '未附结案证明', version: 1 });
      const opened = await openReexamination(colleague, { decisionKind: 'credit_repair', decisionId: asked.repairs[0]!.id, grounds: '抽查信用修复驳回决定' });
      expect(opened.snapshot).toMatchObject({ kindLabel: '信用修复决定', outcome: '已驳回', reason: '未附结案证明', evidence: [{ hash: file.hash, fileName: '履行完毕证明.pdf' }] });

      const seen = await listReexaminations(evaluator, page);
      expect(seen.total).toBe(5); // the application's two cases come later
      const credit = seen.items.find((c) => c.id === opened.id)!;
      expect(credit.evidenceReadable).toBe(true);
      expect((await readReexaminationEvidence(evaluator, opened.id, file.hash)).fileName).toBe('履行完毕证明.pdf');
      // The evaluator may not read 变更申请 files, so not through a case either.
      const change = seen.items.find((c) => c.decisionKind === 'change_request')!;
      expect(change.evidenceReadable).toBe(false);
      await expect(readReexaminationEvidence(evaluator, change.id, requestEvidence.hash)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(openReexamination(evaluator, { decisionKind: 'credit_repair', decisionId: asked.repairs[0]!.id, grounds: '评估机构发起' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('an application’s 初审 and 复核 are decisions of their own, each concluded by someone else than its reviewer', async () => {
      const buyer = await makeOrganization(system, { name: '湛河区申报复查电气有限公司' });
      const seller = await makeOrganization(system, { divisionCode: '330106', name: '杭州复查测试科技有限公司' });
      await registeredContract(system, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: buyer.id }], implementationDivision: '410411' }, 300_000_00);
      const who = actors(handle, { a: buyer.id });
      const notice = await makeNotice(testCtx(handle, { roles: ['operator'] }, '2023-02-01T02:00:00.000Z'));
      const draft = await createApplication(who.enterpriseA('2023-03-10T02:00:00.000Z'), { noticeId: notice.id, organizationId: buyer.id, ...PAYEE, evidence: [], relatedParties: [], otherFunding: [] });
      await expect(openReexamination(colleague, { decisionKind: 'application_first_review', decisionId: draft.id, grounds: '复查未审的申报' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'decisionId' } });
      const submitted = await submitApplication(who.enterpriseA('2023-03-11T02:00:00.000Z'), draft.id, { version: draft.version, commitment: { accepted: true, signer: '王总' } });
      const first = await reviewApplication(who.operator1('2023-03-12T02:00:00.000Z'), draft.id, 'first', { version: submitted.version, decision: 'pass' });
      await reviewApplication(who.operator2('2023-03-13T02:00:00.000Z'), draft.id, 'second', { version: first.version, decision: 'reject', reason: '合同技术交易额与发票不符' });
      const firstCase = await openReexamination(colleague, { decisionKind: 'application_first_review', decisionId: draft.id, grounds: '抽查初审' });
      expect(firstCase.snapshot).toMatchObject({ kindLabel: '奖补申报初审', outcome: '初审通过', deciderName: '初审员甲', subject: `「湛河区申报复查电气有限公司」的奖补申报 ${draft.number}` });
      expect(firstCase.snapshot.facts.map((f) => f.label)).toEqual(['申报通知', '适用政策']);
      const secondCase = await openReexamination(colleague, { decisionKind: 'application_second_review', decisionId: draft.id, grounds: '申报单位对不予支持有异议' });
      expect(secondCase.snapshot).toMatchObject({ outcome: '不予支持', reason: '合同技术交易额与发票不符', deciderName: '复核员乙' });
      // By account: the 初审 reviewer may conclude the 复核's case, not their own.
      await expect(concludeReexamination(who.operator1(NOW), firstCase.id, { verdict: 'diligent', findings: '自己复查自己', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const done = await concludeReexamination(who.operator1(NOW), secondCase.id, { verdict: 'diligent', findings: '发票金额确与合同不符，复核依规定作出', version: 1 });
      expect(done.verdictLabel).toBe('尽职：决定无误');
      await concludeReexamination(who.operator2(NOW), firstCase.id, { verdict: 'diligent', findings: '初审材料齐全，依规定通过', version: 1 });
    });

    it('lists with filters and paging', async () => {
      expect((await listReexaminations(decider, { ...page, decisionKind: 'registration' })).items.map((c) => c.snapshot.outcome).sort()).toEqual(['审核通过（开通单位账号）', '退回申请人修改']);
      expect((await listReexaminations(decider, { ...page, status: 'concluded' })).items.map((c) => c.number).sort()).toEqual(['FC20260601001', 'FC20260601006', 'FC20260601007']);
      expect((await listReexaminations(decider, { ...page, verdict: 'erred_but_diligent' })).total).toBe(1);
      expect((await listReexaminations(decider, { ...page, decisionKind: 'application_second_review', verdict: 'diligent' })).total).toBe(1);
      expect((await listReexaminations(decider, { ...page, verdict: 'not_diligent' })).total).toBe(0);
      const first = await listReexaminations(decider, { page: 1, pageSize: 2 });
      const second = await listReexaminations(decider, { page: 2, pageSize: 2 });
      expect(first.total).toBe(7);
      expect(first.items.every((c) => c.status === 'open')).toBe(true);
      expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(4);
    });

    it('another jurisdiction’s operator neither sees nor opens nor concludes', async () => {
      expect((await listReexaminations(elsewhere, page)).total).toBe(0);
      const [any] = (await listReexaminations(decider, { ...page, status: 'open' })).items;
      await expect(getReexamination(elsewhere, any!.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(concludeReexamination(elsewhere, any!.id, { verdict: 'diligent', findings: '越权办结', version: any!.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const org = await makeOrganization(system, { name: '湛河区辖区测试有限公司' });
      const asked = await submitChangeRequest(own(org.id), { group: 'organization', organizationId: org.id, changes: { name: '湛河区辖区测试新名有限公司' }, evidence: [requestEvidence] });
      await decideChangeRequest(decider, asked.id, { decision: 'approve', version: asked.version });
      await expect(openReexamination(elsewhere, { decisionKind: 'change_request', decisionId: asked.id, grounds: '越权复查' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('exports the list to Excel with headers and values in words, times in Beijing time', async () => {
      const file = await reexaminationsXlsx(evaluator, { decisionKind: 'change_request', status: 'concluded' });
      expect(file.name).toBe('决定复查-2026-06-01.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.content as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
      const header = rows.findIndex((r) => r[0] === '序号');
      expect(rows[header]).toEqual(REEXAMINATION_COLUMNS);
      const line = rows[header + 1]!;
      expect(line.slice(1, 5)).toEqual(['FC20260601001', '变更申请审核', '「湛河区复查测试电气有限公司」的登记信息变更申请', '已驳回']);
      expect(line[12]).toBe('已办结');
      expect(line[13]).toBe('决定有误但已尽职（容错免责）');
      // Decided and concluded at 08:00 UTC: 16:00 in Beijing.
      expect(line[7]).toBe('2026-06-01 16:00');
      expect(line[17]).toBe('2026-06-01 16:00');
      expect(findInternals(rows.flat().join('\n'))).toEqual([]);
      await expect(reexaminationsXlsx(own('x'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('every 复查 event reads as words and the chain holds', async () => {
      const problems = await unwordedAuditEvents(handle.db);
      expect(problems.filter((p) => p.startsWith('reexamination'))).toEqual([]);
      const rows = await handle.db.selectFrom('audit_event').selectAll().where('action', 'like', 'reexamination.%').orderBy('seq').execute();
      const { describeEvents } = await import('../audit/describe.js');
      const [first] = await describeEvents(handle.db, rows.slice(0, 1));
      expect(first!.summary).toMatch(/^湛河区科技局 王复查 发起了复查「FC20260601001」/);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });
  });
}
