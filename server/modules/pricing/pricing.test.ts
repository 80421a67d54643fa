/**
 * 成果定价公示 on both databases: which contracts need one; the 公示 counted in working days; bad
 * input named by field; objections during the period only, answered by the institution; submission
 * refused while the 公示 is missing, running or has open objections, and accepted after; withdrawal
 * and a corrected 公示; every step audited in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { makeOrganization } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { findInternals } from '../../testing/internals.js';
import { transitionContract } from '../contracts/contracts.js';
import { createUser } from '../auth/users.js';
import { TEST_PASSWORD } from '../../testing/app.js';
import { makeContract } from '../contracts/test-support.js';
import { storeEvidenceFile } from '../contracts/evidence.js';
import { answerObjection, createObjection, createPublicObjection } from './objections.js';
import { contractPricing, createPublicity, getPublicPublicity, listPublicPublicities, publicityEnd, withdrawPublicity } from './publicity.js';
import { publicityInput } from './schema.js';

const at = (ctx: Ctx, day: string): Ctx => ({ ...ctx, clock: { now: () => new Date(`${day}T02:00:00.000Z`) } });
const PDF = Buffer.from('%PDF-1.4\n% 资产评估报告\n');

for (const dialect of await testDialects()) {
  describe(`成果定价公示 on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let system: Ctx;
    let university: string;
    let institution: Ctx;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      system = testCtx(handle, {}, '2026-06-01T02:00:00.000Z');
      university = (await makeOrganization(system, { kind: 'university', name: '湛河测试学院' })).id;
      institution = testCtx(handle, { id: null, name: '学院科技处', roles: ['institution'], organizationIds: [university] }, '2026-06-01T02:00:00.000Z');
    }, 60_000);
    afterAll(async () => handle.drop());

    const contractOf = (overrides: Parameters<typeof makeContract>[1] = {}) => makeContract(system, { sellers: [{ organizationId: university }], ...overrides });
    const input = (extra: Record<string, unknown> = {}) => publicityInput.parse({ method: 'agreement', priceFen: 80_000_000, decisionBody: '校长办公会', decidedOn: '2026-05-28', ...extra });

    it('needs a 公示 only for a district institution’s transfer or licence', async () => {
      const transfer = await contractOf();
      expect((await contractPricing(institution, transfer.id)).required).toBe(true);
      const development = await contractOf({ type: 'development', subtype: 'commissioned' });
      expect((await contractPricing(system, development.id)).required).toBe(false);
      await expect(createPublicity(institution, development.id, input())).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'contractId' } });
      const elsewhere = await makeContract(system, { sellers: [{ organizationId: (await makeOrganization(system, { kind: 'university', divisionCode: '410102' })).id }] });
      expect((await contractPricing(system, elsewhere.id)).required).toBe(false);
      const submitted = await transitionContract(system, elsewhere.id, { to: 'submitted', version: elsewhere.version });
      expect(submitted.status).toBe('submitted');
    });

    it('names the field of bad input and changes nothing', async () => {
      const c = await contractOf();
      expect(publicityInput.safeParse({ method: 'barter', priceFen: 1, decisionBody: '校长办公会', decidedOn: '2026-05-28' }).error?.issues[0]).toMatchObject({ path: ['method'] });
      expect(publicityInput.safeParse({ method: 'auction', priceFen: 12.5, decisionBody: '校长办公会', decidedOn: '2026-05-28' }).error?.issues[0]).toMatchObject({ path: ['priceFen'], message: '价格应精确到分' });
      expect(publicityInput.safeParse({ method: 'auction', priceFen: 100, decisionBody: '校长办公会', decidedOn: '2026-05-28', periodDays: 10 }).error?.issues[0]).toMatchObject({ path: ['periodDays'], message: '公示期不少于15个工作日' });
      await expect(createPublicity(institution, c.id, input({ decidedOn: '2026-06-02' }))).rejects.toMatchObject({ options: { field: 'decidedOn' } });
      await expect(createPublicity(institution, c.id, input({ startsOn: '2026-05-30' }))).rejects.toMatchObject({ options: { field: 'startsOn' } });
      await expect(createPublicity(institution, c.id, input({ valuationFileHash: 'a'.repeat(64) }))).rejects.toMatchObject({ options: { field: 'valuationFileHash' } });
      const stranger = testCtx(handle, { id: null, name: '别的学院', roles: ['institution'], organizationIds: [(await makeOrganization(system, { kind: 'university' })).id] });
      await expect(createPublicity(stranger, c.id, input())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await contractPricing(institution, c.id)).publicities).toEqual([]);
    });

    it('runs 15 working days; objections are taken in the period and answered; the contract registers after', async () => {
      const c = await contractOf({ name: '测试学院专利权转让合同' });
      await expect(transitionContract(institution, c.id, { to: 'submitted', version: c.version })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'pricing' }, message: expect.stringContaining('须先将成果定价') });
      const report = await storeEvidenceFile(institution, PDF, '评估报告.pdf', 'pricing.publicity.write');
      const p = await createPublicity(institution, c.id, input({ method: 'listing', valuationFileHash: report.hash, valuationFileName: '评估报告.pdf' }));
      // 2026-06-01 (Mon) + 15 working days, 端午 (06-19) not among them: three weeks and a day.
      expect(p).toMatchObject({ startsOn: '2026-06-01', endsOn: '2026-06-22', periodDays: 15, stage: 'running', methodLabel: '挂牌交易', hasValuationReport: true, institutionName: '湛河测试学院' });
      expect(publicityEnd('2026-06-01', 15)).toBe('2026-06-22');
      await expect(createPublicity(institution, c.id, input())).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'contractId' } });
      await expect(transitionContract(at(institution, '2026-06-22'), c.id, { to: 'submitted', version: c.version })).rejects.toMatchObject({ message: expect.stringContaining('2026-06-01 至 2026-06-22') });

      const listed = await listPublicPublicities(handle.db, '410411', '2026-06-05');
      expect(listed.map((x) => x.contractName)).toContain('测试学院专利权转让合同');
      const visitor = await createPublicObjection(at(system, '2026-06-05'), '410411', p.id, { name: '李四', contact: '13800000000', content: '价格明显低于同类专利的成交价' });
      expect(visitor.contact).toBeNull();
      const enterprise = testCtx(handle, { id: null, name: '企业用户', roles: ['enterprise'], organizationIds: [] }, '2026-06-08T02:00:00.000Z');
      await createObjection(enterprise, p.id, { content: '未说明是否进行了资产评估' });
      await expect(createObjection(at(enterprise, '2026-06-23'), p.id, { content: '期满以后才提出的异议' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('期外不受理') });

      const after = at(institution, '2026-06-23');
      await expect(transitionContract(after, c.id, { to: 'submitted', version: c.version })).rejects.toMatchObject({ message: expect.stringContaining('尚有 2 件异议待答复') });
      const pricing = await contractPricing(after, c.id);
      expect(pricing.publicities[0]).toMatchObject({ stage: 'awaiting_answers', outcome: '公示期满，尚有 2 件异议待答复', openObjectionCount: 2 });
      const [first, second] = pricing.publicities[0]!.objections;
      expect(first).toMatchObject({ submitterName: '李四', contact: '13800000000', status: 'open' });
      const outsider = testCtx(handle, { id: null, name: '别人', roles: ['institution'], organizationIds: [] }, '2026-06-23T02:00:00.000Z');
      await expect(answerObjection(outsider, first!.id, { version: 1, answer: '不是我们的合同' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await answerObjection(after, first!.id, { version: 1, answer: '挂牌价格依据资产评估报告确定，评估报告已随公示发布' });
      await expect(answerObjection(after, first!.id, { version: 2, answer: '再答一次' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await answerObjection(testCtx(handle, { id: null, name: '运营人员', roles: ['operator'] }, '2026-06-23T02:00:00.000Z'), second!.id, { version: 1, answer: '已进行资产评估' });

      const done = await contractPricing(after, c.id);
      expect(done).toMatchObject({ blocker: null, publicities: [{ stage: 'finished', outcome: '公示期满，异议 2 件均已答复' }] });
      const shown = await getPublicPublicity(handle.db, '410411', p.id, '2026-06-23');
      expect(shown.answers.map((a) => a.answer)).toContain('已进行资产评估');
      expect(JSON.stringify(shown)).not.toContain('13800000000');
      const submitted = await transitionContract(after, c.id, { to: 'submitted', version: c.version });
      expect(submitted.status).toBe('submitted');
      await expect(withdrawPublicity(after, p.id, { version: p.version, reason: '想改价格' })).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('a withdrawn 公示 leaves the portal and a corrected one starts anew', async () => {
      const c = await contractOf();
      const p = await createPublicity(institution, c.id, input());
      const w = await withdrawPublicity(institution, p.id, { version: p.version, reason: '价格录入有误，更正后重新公示' });
      expect(w).toMatchObject({ stage: 'withdrawn', outcome: '已撤回：价格录入有误，更正后重新公示' });
      expect((await listPublicPublicities(handle.db, '410411', '2026-06-01')).map((x) => x.id)).not.toContain(p.id);
      await expect(getPublicPublicity(handle.db, '410411', p.id, '2026-06-01')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const again = await createPublicity(at(institution, '2026-06-02'), c.id, input({ priceFen: 90_000_000 }));
      expect(again.priceFen).toBe(90_000_000);
      expect((await contractPricing(at(institution, '2026-06-02'), c.id)).publicities.map((x) => x.stage)).toEqual(['running', 'withdrawn']);
    });

    it('tells the institution of each objection, and a logged-in objector of the answer', async () => {
      const c = await contractOf({ name: '通知测试专利许可合同' });
      const p = await createPublicity(institution, c.id, input());
      const { id: userId } = await createUser(system, { username: 'pricing_objector', displayName: '企业经办人甲', password: TEST_PASSWORD, roles: ['enterprise'], jurisdictionCode: '410411', organizationIds: [] });
      const objector = testCtx(handle, { id: userId, name: '企业经办人甲', roles: ['enterprise'], organizationIds: [] }, '2026-06-03T02:00:00.000Z');
      const objection = await createObjection(objector, p.id, { content: '许可费低于评估值' });
      await createPublicObjection(at(system, '2026-06-04'), '410411', p.id, { name: '李四', contact: '13800000000', content: '请公开评估报告' });
      const notes = () => handle.db.selectFrom('notification').selectAll().where('title', 'like', '%通知测试专利许可合同%').orderBy('created_at').execute();
      const toInstitution = (await notes()).filter((n) => n.recipient_organization_id === university);
      expect(toInstitution.map((n) => [n.kind, n.title, n.link])).toEqual([
        ['pricing.objection.created', '成果定价公示收到异议：通知测试专利许可合同', `/contracts/${c.id}`],
        ['pricing.objection.created', '成果定价公示收到异议：通知测试专利许可合同', `/contracts/${c.id}`],
      ]);
      expect(toInstitution[0]!.body).toContain('企业经办人甲对“通知测试专利许可合同”的成果定价公示提出异议：“许可费低于评估值”');
      expect(toInstitution[1]!.body).toContain('李四');
      // The visitor's contact stays with the institution's page, not in a notification.
      expect(toInstitution[1]!.body).not.toContain('13800000000');

      await answerObjection(at(institution, '2026-06-05'), objection.id, { version: 1, answer: '许可费依据评估报告确定' });
      const toObjector = (await notes()).filter((n) => n.recipient_user_id === userId);
      expect(toObjector).toEqual([expect.objectContaining({ kind: 'pricing.objection.answered', link: `/public/pricing/${p.id}`, body: expect.stringContaining('已答复：许可费依据评估报告确定') })]);
      expect(findInternals(JSON.stringify((await notes()).map((n) => [n.title, n.body])))).toEqual([]);
    });

    it('the log reads every step in words', async () => {
      expect(await unwordedAuditEvents(handle.db)).toEqual([]);
      const rows = await handle.db.selectFrom('audit_event').select(['action']).where('action', 'like', 'pricing.%').execute();
      expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['pricing.publicity.create', 'pricing.publicity.withdraw', 'pricing.objection.create', 'pricing.objection.answer']));
      const listed = await listPublicPublicities(handle.db, '410411', '2026-06-23');
      expect(findInternals(JSON.stringify(listed.map((x) => [x.outcome, x.stageLabel, x.methodLabel, x.contractTypeLabel])))).toEqual([]);
    });
  });
}
