/**
 * The application workflow on each database: the state table, the window, the two reviews by two
 * people, awards through runSettlement with shared budgets, the 公示 in working days, objections,
 * finance's approval and payments, the documents, optimistic locking — each step audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../common/application-vocabulary.js';
import type { Ctx } from '../../context.js';
import { makeOrganization } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { flatText, parsePdf } from '../documents/pdf-test-support.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';
import { getRun } from '../subsidies/settlement.js';
import { createApplication, getApplication, listApplications, reviewApplication, submitApplication, updateApplication } from './applications.js';
import { recordPayment } from './disbursements.js';
import { awardNoticeFile, paymentListFile, publicListFile, publicNoticeView } from './exports.js';
import { createNotice, getNotice } from './notices.js';
import { createObjection, createPublicObjection, listObjections, resolveObjection } from './objections.js';
import { approveNotice, computeAwards, noticeEnd, publicizeNotice } from './round.js';
import { BUILT_IN_CALENDAR } from '../contracts/holidays.js';
import { PAYEE, actors, makeNotice, noticeFor, registeredContract } from './test-support.js';
import { TRANSITIONS, nextStatuses, transitionAction } from './workflow.js';

const at = (day: string) => `${day}T02:00:00.000Z`; // 10:00 in China

describe('the state table', () => {
  it('allows exactly the listed moves and names the statuses in Chinese when refusing', () => {
    const legal: [ApplicationStatus, ApplicationStatus][] = [
      ['draft', 'submitted'], ['submitted', 'returned'], ['returned', 'submitted'], ['submitted', 'first_passed'], ['submitted', 'rejected'],
      ['first_passed', 'second_passed'], ['first_passed', 'returned'], ['first_passed', 'rejected'], ['second_passed', 'awarded'],
      ['second_passed', 'no_award'], ['awarded', 'publicized'], ['publicized', 'removed'], ['publicized', 'no_award'], ['publicized', 'approved'], ['approved', 'paid'],
    ];
    const all = APPLICATION_STATUSES.values;
    for (const from of all) {
      for (const to of all) {
        const isLegal = legal.some(([f, t]) => f === from && t === to);
        if (isLegal) expect(transitionAction(from, to)).toMatch(/^applications\./);
        else expect(() => transitionAction(from, to), `${from}→${to}`).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
      }
    }
    expect(Object.values(TRANSITIONS).flatMap((t) => Object.keys(t))).toHaveLength(legal.length);
    expect(() => transitionAction('draft', 'paid')).toThrow('申报不能从“草稿”变为“已拨付”（可变为：已提交待初审）');
    expect(() => transitionAction('rejected', 'submitted')).toThrow('（该状态为终态）');
    for (const terminal of ['rejected', 'no_award', 'removed', 'paid'] as const) expect(nextStatuses(terminal)).toEqual([]);
  });

  it('counts the 公示 in working days (清明 2023-04-05 is off)', () => {
    expect(noticeEnd('2023-04-03', 5, BUILT_IN_CALENDAR).endsOn).toBe('2023-04-10');
    expect(noticeEnd('2023-04-01', 1, BUILT_IN_CALENDAR).endsOn).toBe('2023-04-03'); // a Saturday start counts from Monday
  });
});

for (const dialect of await testDialects()) {
  describe(`application workflow on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let sys: Ctx;
    let who: ReturnType<typeof actors>;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      sys = testCtx(handle);
      const a = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区甲电气有限公司' });
      const b = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区乙材料有限公司' });
      const c = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区丙科技有限公司' });
      const seller = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '310115', name: '上海某科技有限公司' });
      // R1: 10 % of the evidenced base-year (2022) turnover: A 30,000 yuan, B 20,000 yuan; C does not apply.
      const cA = await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: a.id }] }, 300_000_00);
      const cA2 = await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: a.id }] }, 50_000_00);
      const cB = await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: b.id }] }, 200_000_00);
      await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: c.id }] }, 900_000_00);
      Object.assign(ids, { a: a.id, b: b.id, c: c.id, cA: cA.id, cA2: cA2.id, cB: cB.id });
      who = actors(handle, { a: a.id, b: b.id });
    }, 60_000);
    afterAll(async () => handle.drop());

    it('publishes a notice, refusing bad input naming the field', async () => {
      const op = who.operator1(at('2023-02-20'));
      await expect(makeNotice(op, { rules: ['lottery'] })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'rules.0' } });
      await expect(makeNotice(op, { budgets: { demonstration_institution: 5 } })).rejects.toMatchObject({ options: { field: 'budgets.demonstration_institution' } });
      await expect(makeNotice(op, { closesOn: '2023-02-01' })).rejects.toMatchObject({ options: { field: 'closesOn' } });
      await expect(makeNotice(op, { year: 2022 })).rejects.toMatchObject({ options: { field: 'year' } });
      await expect(makeNotice(op, { policy: 'nowhere' })).rejects.toMatchObject({ options: { field: 'policy' } });
      await expect(makeNotice(who.enterpriseA(at('2023-02-20')), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const notice = await makeNotice(op, { budgets: { enterprise_purchase: 25_000 } });
      expect(notice).toMatchObject({ status: 'published', year: 2023, budgets: { enterprise_purchase: 25_000 }, noticeDays: 5, open: false, version: 1 });
      expect(notice.rules.map((r) => r.id)).toEqual(['enterprise_purchase', 'institution_transfer', 'broker']);
      ids.notice = notice.id;
    });

    it('a notice carries the parameters finance set for the round, checked against the policy', async () => {
      const op = who.operator1(at('2023-02-20'));
      const rules = ['demonstration_institution'];
      await expect(makeNotice(op, { rules, overrides: { 'demonstration_institution.amount': -5 } })).rejects.toMatchObject({ options: { field: 'overrides.demonstration_institution.amount' } });
      await expect(makeNotice(op, { rules, overrides: { 'enterprise_purchase.rate': 12 } })).rejects.toMatchObject({ options: { field: 'overrides.enterprise_purchase.rate' } });
      await expect(makeNotice(op, { rules, overrides: { 'no.such': 1 } })).rejects.toMatchObject({ options: { field: 'overrides.no.such' } });
      const notice = await makeNotice(op, { title: '湛河区2023年度省级技术转移示范机构补助申报', rules, overrides: { 'demonstration_institution.amount': 80_000 } });
      expect(notice.overrides).toEqual({ 'demonstration_institution.amount': 80_000 });
    });

    it('takes applications only inside the window, one per beneficiary, its registered contracts pre-filled', async () => {
      const before = who.enterpriseA(at('2023-02-28'));
      await expect(createApplication(before, { noticeId: ids.notice!, organizationId: ids.a!, evidence: [], relatedParties: [], otherFunding: [] }))
        .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('不在申报期内') });
      const after = who.enterpriseA(at('2023-04-01'));
      await expect(createApplication(after, { noticeId: ids.notice!, organizationId: ids.a!, evidence: [], relatedParties: [], otherFunding: [] }))
        .rejects.toMatchObject({ code: 'CONFLICT' });
      const ent = who.enterpriseA(at('2023-03-10'));
      await expect(createApplication(ent, { noticeId: ids.notice!, organizationId: ids.b!, evidence: [], relatedParties: [], otherFunding: [] }))
        .rejects.toMatchObject({ code: 'FORBIDDEN', options: { field: 'organizationId' } });
      await expect(createApplication(ent, { noticeId: ids.notice!, organizationId: ids.a!, contractIds: [ids.cB!], evidence: [], relatedParties: [], otherFunding: [] }))
        .rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'contractIds.0' } });
      await expect(createApplication(ent, { noticeId: ids.notice!, organizationId: ids.a!, evidence: [{ hash: 'a'.repeat(64), label: '审计报告' }], relatedParties: [], otherFunding: [] }))
        .rejects.toMatchObject({ options: { field: 'evidence.0.hash' } });
      const app = await createApplication(ent, {
        noticeId: ids.notice!, organizationId: ids.a!, evidence: [],
        relatedParties: [{ name: '上海某关联公司', relation: '同一实际控制人控制的其他企业' }], relatedPartiesNote: '与卖方无关联',
        otherFunding: [{ level: 'municipal', programme: '市科技计划', amountFen: 10_000_00, contractId: ids.cA2 }], otherFundingNote: '无其他',
      });
      expect(app).toMatchObject({ status: 'draft', number: 'SB202300001', beneficiaryKind: 'organization', beneficiaryRef: ids.a, beneficiaryName: '湛河区甲电气有限公司', version: 1 });
      expect(app.contractIds.sort()).toEqual([ids.cA!, ids.cA2!].sort());
      expect(app.contracts.map((c) => [c.id, c.claimed, c.payments.length])).toEqual(expect.arrayContaining([[ids.cA, true, 1], [ids.cA2, true, 1]]));
      await expect(createApplication(ent, { noticeId: ids.notice!, organizationId: ids.a!, evidence: [], relatedParties: [], otherFunding: [] }))
        .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('SB202300001') });
      ids.appA = app.id;
      const appB = await createApplication(who.enterpriseB(at('2023-03-11')), { noticeId: ids.notice!, organizationId: ids.b!, ...PAYEE, evidence: [], relatedParties: [], otherFunding: [] });
      ids.appB = appB.id;
      // Only its own applications for an "own" role.
      expect((await listApplications(who.enterpriseA(at('2023-03-11')), { page: 1, pageSize: 20 })).items.map((x) => x.id)).toEqual([ids.appA]);
      await expect(getApplication(who.enterpriseA(at('2023-03-11')), ids.appB)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('submits with the signed commitment; first review returns it, the applicant corrects and resubmits', async () => {
      const ent = who.enterpriseA(at('2023-03-12'));
      const draft = await getApplication(ent, ids.appA!);
      await expect(submitApplication(ent, ids.appA!, { version: draft.version, commitment: { accepted: true, signer: '王总' } }))
        .rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'contactName' } });
      // The other-funding line names cA2: dropping cA2 from the claim alone is refused, naming the line.
      await expect(updateApplication(ent, ids.appA!, { version: draft.version, ...PAYEE, contractIds: [ids.cA!] }))
        .rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'otherFunding.0.contractId' } });
      const edited = await updateApplication(ent, ids.appA!, {
        version: draft.version, ...PAYEE, contractIds: [ids.cA!], otherFunding: [{ level: 'municipal', programme: '市科技计划', amountFen: 10_000_00 }],
      });
      expect(edited.contractIds).toEqual([ids.cA]);
      await expect(submitApplication(ent, ids.appA!, { version: edited.version - 1, commitment: { accepted: true, signer: '王总' } })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      const s1 = await submitApplication(ent, ids.appA!, { version: edited.version, commitment: { accepted: true, signer: '王总' } });
      expect(s1).toMatchObject({ status: 'submitted', commitment: { signer: '王总', text: expect.stringContaining('郑重承诺') } });
      await expect(updateApplication(ent, ids.appA!, { version: s1.version, contactName: '改' })).rejects.toMatchObject({ code: 'CONFLICT' });

      const op1 = who.operator1(at('2023-03-13'));
      await expect(reviewApplication(op1, ids.appA!, 'first', { version: s1.version, decision: 'return' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'reason' } });
      await expect(reviewApplication(op1, ids.appA!, 'second', { version: s1.version, decision: 'pass' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('不在复核阶段') });
      await expect(reviewApplication(ent, ids.appA!, 'first', { version: s1.version, decision: 'pass' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const returned = await reviewApplication(op1, ids.appA!, 'first', { version: s1.version, decision: 'return', reason: '请补充转账凭证扫描件' });
      expect(returned).toMatchObject({ status: 'returned', returnReason: '请补充转账凭证扫描件' });
      // Resubmission after the window is allowed while the round is open.
      const late = who.enterpriseA(at('2023-04-02'));
      const corrected = await updateApplication(late, ids.appA!, { version: returned.version, contactPhone: '0375-7654321' });
      const s2 = await submitApplication(late, ids.appA!, { version: corrected.version, commitment: { accepted: true, signer: '王总' } });
      expect(s2.status).toBe('submitted');
      expect(s2.steps.map((s) => `${s.from ?? ''}→${s.to}`)).toEqual(['→draft', 'draft→submitted', 'submitted→returned', 'returned→submitted']);
      // A first submission after the window is refused.
      const lateB = who.enterpriseB(at('2023-04-02'));
      const b = await getApplication(lateB, ids.appB!);
      await expect(submitApplication(lateB, ids.appB!, { version: b.version, commitment: { accepted: true, signer: '李总' } }))
        .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('不在申报期内') });
      const bIn = await submitApplication(who.enterpriseB(at('2023-03-31')), ids.appB!, { version: b.version, commitment: { accepted: true, signer: '李总' } });
      expect(bIn.status).toBe('submitted');
    });

    it('the second review must be another operator; two reviewers at once: exactly one wins', async () => {
      const op1 = who.operator1(at('2023-04-03'));
      const op2 = who.operator2(at('2023-04-03'));
      const a = await reviewApplication(op1, ids.appA!, 'first', { version: (await getApplication(op1, ids.appA!)).version, decision: 'pass' });
      expect(a).toMatchObject({ status: 'first_passed', firstReview: { reviewerName: '初审员甲' } });
      await expect(reviewApplication(op1, ids.appA!, 'second', { version: a.version, decision: 'pass' })).rejects.toMatchObject({ code: 'FORBIDDEN', options: { field: 'reviewer' } });
      const op3 = testCtx(handle, { id: 'op-3', name: '复核员丁', roles: ['operator'] }, at('2023-04-03'));
      const results = await Promise.allSettled([
        reviewApplication(op2, ids.appA!, 'second', { version: a.version, decision: 'pass' }),
        reviewApplication(op3, ids.appA!, 'second', { version: a.version, decision: 'pass' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['CONFLICT']);
      let current = await getApplication(op2, ids.appA!);
      const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ secondReview: { reviewerName: string } }>).value.secondReview.reviewerName;
      expect(current).toMatchObject({ status: 'second_passed', secondReview: { reviewerName: winner }, version: a.version + 1 });
      expect(current.steps.filter((s) => s.to === 'second_passed')).toHaveLength(1);
      const b = await reviewApplication(op2, ids.appB!, 'first', { version: (await getApplication(op2, ids.appB!)).version, decision: 'pass' });
      // The round cannot close while B waits for its second review.
      const notice = await getNotice(op1, ids.notice!);
      await expect(computeAwards(op1, ids.notice!, notice.version)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('未完成初审或复核') });
      await reviewApplication(op1, ids.appB!, 'second', { version: b.version, decision: 'pass' });
      current = await getApplication(op2, ids.appA!);
      expect(current.steps.at(-1)).toMatchObject({ from: 'first_passed', to: 'second_passed', actorName: winner });
    });

    it('closes the round: awards through runSettlement over the passed applications, the budget shared', async () => {
      const op1 = who.operator1(at('2023-04-03'));
      const notice = await getNotice(op1, ids.notice!);
      await expect(computeAwards(op1, ids.notice!, notice.version + 1)).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      const computed = await computeAwards(op1, ids.notice!, notice.version);
      expect(computed).toMatchObject({ status: 'computed', counts: { awarded: 2 } });
      const run = await getRun(handle.db, computed.settlementRunId!);
      // C's contract is not in the run; the budget (25,000) is shared pro rata: 30,000 : 20,000.
      expect(run).toMatchObject({ scope: 'applications', scopeRef: ids.notice, contractCount: 2, budgets: { enterprise_purchase: 25_000 }, awardTotalYuan: 25_000 });
      const a = await getApplication(op1, ids.appA!);
      const b = await getApplication(op1, ids.appB!);
      expect([a.status, a.awardYuan, b.status, b.awardYuan]).toEqual(['awarded', 15_000, 'awarded', 10_000]);
      expect(a.awards[0]).toMatchObject({ rule: 'enterprise_purchase', amountYuan: 15_000, amountFen: 1_500_000, amountInWords: '人民币壹万伍仟元整' });
      expect(a.awards[0]!.lines.join('\n')).toMatch(/本项预算 2.5 万元不足以全额支付/);
      expect(a.awards[0]!.lines.join('\n')).toContain('奖补金额：1.5 万元');
      // Applications can no longer be submitted or edited.
      await expect(computeAwards(op1, ids.notice!, computed.version)).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('publishes the 公示 for N working days; objections by users and the public; an upheld one recomputes', async () => {
      const op1 = who.operator1(at('2023-04-03'));
      const notice = await getNotice(op1, ids.notice!);
      await expect(createPublicObjection(testCtx(handle, {}, at('2023-04-03')), ids.notice!, { applicationId: ids.appB!, name: '群众', contact: '13800000000', content: '乙公司合同金额存疑' }))
        .rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(publicizeNotice(op1, ids.notice!, { version: notice.version, startsOn: '2023-04-01' })).rejects.toMatchObject({ options: { field: 'startsOn' } });
      const published = await publicizeNotice(op1, ids.notice!, { version: notice.version });
      expect(published).toMatchObject({ status: 'publicized', publicizedOn: '2023-04-03', noticeEndsOn: '2023-04-10' });
      const view = await publicNoticeView(testCtx(handle, {}, at('2023-04-04')), ids.notice!);
      expect(view.rows.map((r) => [r.beneficiaryName, r.amountYuan, r.amountInWords])).toEqual([
        ['湛河区甲电气有限公司', 15_000, '人民币壹万伍仟元整'],
        ['湛河区乙材料有限公司', 10_000, '人民币壹万元整'],
      ]);
      expect(view).toMatchObject({ objectionsOpen: true, totalYuan: 25_000, totalInWords: '人民币贰万伍仟元整', startsOn: '2023-04-03', endsOn: '2023-04-10', workingDays: 5 });

      const publicCtx = { ...testCtx(handle, {}, at('2023-04-04')), actor: { id: null, name: 'public', roles: [], jurisdictionCode: '000000', organizationIds: [] } };
      const o1 = await createPublicObjection(publicCtx, ids.notice!, { applicationId: ids.appB!, name: '张群众', contact: '13800000000', content: '乙公司的合同系关联交易' });
      const o2 = await createObjection(who.enterpriseA(at('2023-04-05')), ids.notice!, { applicationId: ids.appA!, content: '（测试）对甲公司金额的疑问' });
      await expect(createObjection(who.enterpriseA(at('2023-04-05')), ids.notice!, { applicationId: 'nope', content: '对不存在的申报' })).rejects.toMatchObject({ options: { field: 'applicationId' } });
      expect((await listObjections(op1, ids.notice!, 'open')).map((o) => [o.submitterName, o.beneficiaryName])).toEqual([
        ['张群众', '湛河区乙材料有限公司'],
        ['企业甲经办人', '湛河区甲电气有限公司'],
      ]);
      const fin = who.finance(at('2023-04-11'));
      await expect(approveNotice(fin, ids.notice!, published.version)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('异议未处理') });

      const dismissed = await resolveObjection(who.operator2(at('2023-04-06')), o2.id, { version: o2.version, outcome: 'dismissed', resolution: '经核查，金额依据转账凭证和发票计算，无误' });
      expect(dismissed).toMatchObject({ status: 'dismissed', resolvedByName: '复核员乙' });
      await expect(resolveObjection(op1, o2.id, { version: dismissed.version, outcome: 'upheld', resolution: 'x', remove: true })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(resolveObjection(op1, o1.id, { version: o1.version, outcome: 'upheld', resolution: '成立' })).rejects.toMatchObject({ options: { field: 'remove' } });
      const upheld = await resolveObjection(op1, o1.id, { version: o1.version, outcome: 'upheld', resolution: '经核查，买卖双方存在关联关系，取消其申报', remove: true });
      expect(upheld).toMatchObject({ status: 'upheld', outcomeAction: 'removed' });
      // B is off the list; A alone is recomputed by a new run: 30,000 capped by the 25,000 budget.
      const b = await getApplication(op1, ids.appB!);
      const a = await getApplication(op1, ids.appA!);
      expect([b.status, a.status, a.awardYuan]).toEqual(['removed', 'publicized', 25_000]);
      const after = await getNotice(op1, ids.notice!);
      expect(after.settlementRunId).not.toBe(published.settlementRunId);
      expect((await publicNoticeView(testCtx(handle, {}, at('2023-04-07')), ids.notice!)).rows.map((r) => [r.beneficiaryName, r.amountYuan])).toEqual([['湛河区甲电气有限公司', 25_000]]);
      ids.noticeVersion = String(after.version);
    });

    it('finance approves after the period, records the payment in fen; documents are built from the records', async () => {
      const early = who.finance(at('2023-04-10'));
      await expect(approveNotice(early, ids.notice!, Number(ids.noticeVersion))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('期满后方可审定') });
      await expect(approveNotice(who.operator1(at('2023-04-11')), ids.notice!, Number(ids.noticeVersion))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const fin = who.finance(at('2023-04-11'));
      const approved = await approveNotice(fin, ids.notice!, Number(ids.noticeVersion));
      expect(approved).toMatchObject({ status: 'approved', approvedByName: '财政局丙' });
      const a = await getApplication(fin, ids.appA!);
      expect(a.status).toBe('approved');
      await expect(recordPayment(fin, ids.appA!, { version: a.version, paidOn: '2023-04-20', bankReference: 'ZH20230412001' })).rejects.toMatchObject({ options: { field: 'paidOn' } });
      await expect(recordPayment(who.operator1(at('2023-04-12')), ids.appA!, { version: a.version, paidOn: '2023-04-12', bankReference: 'ZH20230412001' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const unpaidList = await paymentListFile(fin, ids.notice!, 'xlsx');
      const unpaidRows = rowsOf((await loadWorkbook(unpaidList.content)).worksheets[0]!).map((r) => r.join('|'));
      expect(unpaidRows.some((r) => r.includes('湛河区甲电气有限公司') && r.includes('待拨付'))).toBe(true);

      const paid = await recordPayment(who.finance(at('2023-04-12')), ids.appA!, { version: a.version, paidOn: '2023-04-12', bankReference: 'ZH20230412001' });
      expect(paid).toMatchObject({ status: 'paid', disbursement: { amountFen: 2_500_000, paidOn: '2023-04-12', bankReference: 'ZH20230412001' } });
      await expect(recordPayment(fin, ids.appA!, { version: paid.version, paidOn: '2023-04-12', bankReference: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
      const mine = await getApplication(who.enterpriseA(at('2023-04-13')), ids.appA!);
      expect(mine).toMatchObject({ status: 'paid', awardYuan: 25_000 });
      expect(mine.awards[0]!.lines.length).toBeGreaterThan(2);

      // The payment list (XLSX read back, PDF with the font), the 公示 list, the award notice.
      const xlsx = await paymentListFile(fin, ids.notice!, 'xlsx');
      expect(xlsx.name).toBe('湛河区2023年度技术转移奖补申报奖补资金拨付清单.xlsx');
      const rows = rowsOf((await loadWorkbook(xlsx.content)).worksheets[0]!);
      const row = rows.find((r) => r.includes('湛河区甲电气有限公司'))!;
      expect(row).toEqual(expect.arrayContaining(['中国银行平顶山湛河支行', '***************0123', 25_000, '贰万伍仟元整', 'ZH20230412001（2023-04-12）']));
      const pdf = await paymentListFile(fin, ids.notice!, 'pdf');
      expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
      const parsed = parsePdf(pdf.content);
      expect(parsed.fonts.some((f) => /NotoSansSC/.test(f.baseFont) && f.embedded)).toBe(true);
      expect(flatText(parsed)).toContain('湛河区甲电气有限公司');

      const list = await publicListFile(testCtx(handle, {}, at('2023-04-13')), ids.notice!, 'xlsx');
      const listRows = rowsOf((await loadWorkbook(list.content)).worksheets[0]!);
      expect(listRows.find((r) => r.includes('湛河区甲电气有限公司'))).toEqual(expect.arrayContaining([25_000, '贰万伍仟元整']));
      expect(listRows.some((r) => r.includes('湛河区乙材料有限公司'))).toBe(false);
      const listPdf = parsePdf((await publicListFile(testCtx(handle, {}, at('2023-04-13')), ids.notice!, 'pdf')).content);
      expect(flatText(listPdf)).toContain('公示期：2023年4月3日至2023年4月10日（5个工作日）');

      const notice = await awardNoticeFile(who.enterpriseA(at('2023-04-13')), ids.appA!);
      expect(notice.name).toBe(`奖补通知书-湛河区甲电气有限公司-${mine.number}.pdf`);
      const text = flatText(parsePdf(notice.content));
      expect(text).toContain('人民币贰万伍仟元整');
      expect(text).toContain('奖补金额：2.5万元');
      await expect(awardNoticeFile(who.enterpriseB(at('2023-04-13')), ids.appA!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('rejection (不予支持) is terminal; every transition is in the audit chain', async () => {
      const op1 = who.operator1(at('2023-05-10'));
      const n2 = await createNotice(op1, noticeFor({ title: '湛河区2023年度技术转移奖补第二批申报', opensOn: '2023-05-01', closesOn: '2023-05-31' }));
      const ent = who.enterpriseB(at('2023-05-10'));
      const draft = await createApplication(ent, { noticeId: n2.id, organizationId: ids.b!, ...PAYEE, evidence: [], relatedParties: [], otherFunding: [] });
      const s = await submitApplication(ent, draft.id, { version: draft.version, commitment: { accepted: true, signer: '李总' } });
      await expect(reviewApplication(op1, draft.id, 'first', { version: s.version, decision: 'reject' })).rejects.toMatchObject({ options: { field: 'reason' } });
      const rejected = await reviewApplication(op1, draft.id, 'first', { version: s.version, decision: 'reject', reason: '合同已获市级资金支持，不重复支持' });
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: '合同已获市级资金支持，不重复支持', nextStatuses: [] });
      const count = async () => Number((await handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      await expect(submitApplication(ent, draft.id, { version: rejected.version, commitment: { accepted: true, signer: '李总' } })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(reviewApplication(op1, draft.id, 'first', { version: rejected.version, decision: 'pass' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await count()).toBe(before);
      // Nothing half-written: closing a round with nothing passed changes nothing.
      await expect(computeAwards(op1, n2.id, n2.version)).rejects.toMatchObject({ code: 'CONFLICT', message: '没有复核通过的申报，无需核定' });
      expect(await count()).toBe(before);

      const actions = (await handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', ids.appA!).orderBy('seq').execute()).map((e) => e.action);
      expect(actions).toEqual([
        'applications.application.create', 'applications.application.update', 'applications.application.submit',
        'applications.application.first_review', 'applications.application.update', 'applications.application.submit', 'applications.application.first_review',
        'applications.application.second_review', 'applications.notice.compute', 'applications.notice.publicize', 'applications.objection.resolve',
        'applications.notice.approve', 'applications.payment.record',
      ]);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });
  });
}
