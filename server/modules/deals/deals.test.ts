/** Deals on both databases: stages and illegal moves, who reaches a deal, signing into a pre-filled contract draft. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Ctx } from '../../context.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { getContract, listContracts, transitionContract, updateContract } from '../contracts/contracts.js';
import { addDealNote } from './add-deal-note.js';
import { createDeal } from './create-deal.js';
import { getDeal } from './get-deal.js';
import { listDeals } from './list-deals.js';
import { INTERMEDIARY_ROLE, signDeal } from './sign-deal.js';
import { makeBrokerActor, makeBrokerPerson, publishedAchievement, publishedDemand } from './test-support.js';
import { transitionDeal } from './transition-deal.js';
import { updateDeal } from './update-deal.js';

for (const dialect of await testDialects()) {
  describe(`deals on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    let broker: Ctx;
    let brokerActor: Actor;
    let otherBroker: Ctx;
    let operator: Ctx;
    let lab: string;
    let factory: string;
    let xuMing: string;
    const as = (actor: Partial<Actor>) => testCtx(handle, { id: null, name: '用户', ...actor });
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      operator = as({ name: '运营人员', roles: ['operator'] });
      brokerActor = await makeBrokerActor(ctx, '徐明');
      broker = testCtx(handle, brokerActor);
      otherBroker = testCtx(handle, await makeBrokerActor(ctx, '李经纪'));
      lab = (await makeOrganization(ctx, { kind: 'university', divisionCode: '410402', name: '平顶山学院' })).id;
      factory = (await makeOrganization(ctx, { name: '平顶山鹰开电气有限公司' })).id;
      xuMing = (await makeBrokerPerson(ctx, '徐明')).id;
    }, 60_000);
    afterAll(async () => handle.drop());

    async function pair(modes: ('transfer' | 'license' | 'co_development' | 'equity')[] = ['transfer']) {
      const achievement = await publishedAchievement(ctx, { ownerOrganizationId: lab, transferModes: modes, title: '高压真空断路器永磁操动机构' });
      const demand = await publishedDemand(ctx, { organizationId: factory, title: '断路器操动机构升级' });
      return { achievement, demand };
    }

    it('starts a deal from a demand and an achievement, with the parties and the broker filled in', async () => {
      const { achievement, demand } = await pair();
      const deal = await createDeal(broker, { demandId: demand.id, achievementId: achievement.id, brokerPersonId: xuMing, note: '双方已初步沟通' });
      expect(deal).toMatchObject({
        stage: 'contacting',
        nextStages: ['negotiating', 'terminated'],
        title: '断路器操动机构升级 × 高压真空断路器永磁操动机构',
        buyer: { id: factory, name: '平顶山鹰开电气有限公司' },
        seller: { id: lab, name: '平顶山学院' },
        broker: { personId: xuMing, personName: '徐明', userId: brokerActor.id, organizationId: brokerActor.organizationIds[0] },
        technicalField: 'advanced_manufacturing',
        contract: null,
      });
      const detail = await getDeal(broker, deal.id);
      expect(detail.steps).toMatchObject([{ seq: 1, from: null, to: 'contacting', actorName: '徐明' }]);
      expect(detail.notes).toMatchObject([{ text: '双方已初步沟通' }]);
      const audit = await handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', deal.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['deals.deal.create']);
    });

    it('starts from one listing only, but not from none, nor from an unpublished listing', async () => {
      const { achievement } = await pair();
      const solo = await createDeal(broker, { achievementId: achievement.id });
      expect(solo).toMatchObject({ demand: null, buyer: null, seller: { id: lab } });
      await expect(createDeal(broker, {})).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'demandId' } });
      const { makeDemand } = await import('../market/test-support.js');
      const draft = await makeDemand(ctx, { organizationId: factory });
      await expect(createDeal(broker, { demandId: draft.id })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'demandId' } });
      await expect(createDeal(broker, { achievementId: achievement.id, brokerPersonId: lab })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'brokerPersonId' } });
      // The operator must name a broker.
      await expect(createDeal(operator, { achievementId: achievement.id })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'brokerPersonId' } });
      await expect(createDeal(operator, { achievementId: achievement.id, brokerUserId: brokerActor.id! })).resolves.toMatchObject({ broker: { userId: brokerActor.id } });
    });

    it('moves 对接 → 洽谈 → 终止 with a reason; refuses illegal moves with 409 in Chinese', async () => {
      const { achievement, demand } = await pair();
      const deal = await createDeal(broker, { demandId: demand.id, achievementId: achievement.id });
      await expect(transitionDeal(broker, deal.id, { to: 'signed', version: 1 })).rejects.toMatchObject({
        code: 'CONFLICT', message: '对接项目不能从“对接”变为“签约”（可变为：洽谈、终止）', options: { field: 'to' },
      });
      await expect(transitionDeal(otherBroker, deal.id, { to: 'negotiating', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const negotiating = await transitionDeal(broker, deal.id, { to: 'negotiating', version: 1, note: '约定下周面谈' });
      expect(negotiating).toMatchObject({ stage: 'negotiating', version: 2, nextStages: ['signed', 'terminated'] });
      await expect(transitionDeal(broker, deal.id, { to: 'terminated', version: 1, reason: 'price' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      await expect(transitionDeal(broker, deal.id, { to: 'signed', version: 2 })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'to' } });
      await expect(transitionDeal(broker, deal.id, { to: 'terminated', version: 2 })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'reason' } });
      const ended = await transitionDeal(broker, deal.id, { to: 'terminated', version: 2, reason: 'price', note: '报价差距过大' });
      expect(ended).toMatchObject({ stage: 'terminated', terminationReason: 'price', terminationNote: '报价差距过大', nextStages: [] });
      expect(ended.steps.map((s) => [s.from, s.to])).toEqual([[null, 'contacting'], ['contacting', 'negotiating'], ['negotiating', 'terminated']]);
      await expect(transitionDeal(broker, deal.id, { to: 'negotiating', version: 3 })).rejects.toMatchObject({
        code: 'CONFLICT', message: '对接项目不能从“终止”变为“洽谈”（已结束）',
      });
      await expect(updateDeal(broker, deal.id, { version: 3, title: '改名' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'stage' } });
      const actions = await handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', deal.id).orderBy('seq').execute();
      expect(actions.map((a) => a.action)).toEqual(['deals.deal.create', 'deals.deal.update', 'deals.deal.update']);
    });

    it('shows a deal to its parties and assigned broker only; the operator sees the jurisdiction', async () => {
      const { achievement, demand } = await pair();
      const deal = await createDeal(broker, { demandId: demand.id, achievementId: achievement.id });
      const buyer = as({ roles: ['enterprise'], organizationIds: [factory] });
      const stranger = as({ roles: ['enterprise'], organizationIds: [(await makeOrganization(ctx)).id] });
      await expect(getDeal(buyer, deal.id)).resolves.toMatchObject({ id: deal.id });
      await expect(getDeal(stranger, deal.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getDeal(otherBroker, deal.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(addDealNote(buyer, deal.id, { text: '企业不能写跟进记录' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await listDeals(buyer, { page: 1, pageSize: 100 })).items.map((d) => d.id)).toContain(deal.id);
      expect((await listDeals(stranger, { page: 1, pageSize: 100 })).total).toBe(0);
      expect((await listDeals(otherBroker, { page: 1, pageSize: 100 })).total).toBe(0);
      expect((await listDeals(operator, { page: 1, pageSize: 100, stage: 'contacting' })).items.map((d) => d.id)).toContain(deal.id);
      const note = await addDealNote(broker, deal.id, { text: '企业希望先试用', nextStep: '安排样机测试', dueOn: '2026-06-15' });
      expect(note).toMatchObject({ nextStep: '安排样机测试', dueOn: '2026-06-15', authorName: '徐明' });
      const edited = await updateDeal(broker, deal.id, { version: 1, brokerPersonId: xuMing });
      expect(edited).toMatchObject({ version: 2, broker: { personName: '徐明' } });
      await expect(updateDeal(broker, deal.id, { version: 2, sellerOrganizationId: factory })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'sellerOrganizationId' } });
    });

    it('signs into a pre-filled contract draft, and shows the registration and turnover once registered', async () => {
      const { achievement, demand } = await pair(['transfer', 'license']);
      const deal = await createDeal(broker, { demandId: demand.id, achievementId: achievement.id, brokerPersonId: xuMing });
      await expect(signDeal(broker, deal.id, { version: 1, amountFen: 80_000_000 })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'to' } });
      await transitionDeal(broker, deal.id, { to: 'negotiating', version: 1 });
      await expect(signDeal(broker, deal.id, { version: 2, amountFen: 80_000_000, transferMode: 'equity' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'transferMode' } });
      await expect(signDeal(broker, deal.id, { version: 2, amountFen: 80_000_000, transferMode: 'license' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'licenseYears' } });
      const signed = await signDeal(broker, deal.id, { version: 2, amountFen: 80_000_000 });
      expect(signed).toMatchObject({ stage: 'signed', agreedAmountFen: 80_000_000, signedOn: '2026-06-01', contract: { status: 'draft', amountFen: 80_000_000, registrationNumber: null } });
      const contract = await getContract(operator, signed.contract!.id);
      expect(contract).toMatchObject({
        name: '高压真空断路器永磁操动机构技术转让合同',
        type: 'transfer',
        subtype: 'patent',
        status: 'draft',
        sellers: [{ organizationId: lab }],
        buyers: [{ organizationId: factory }],
        amountFen: 80_000_000,
        techAmountFen: 80_000_000,
        signedOn: '2026-06-01',
        techField: 'advanced_manufacturing',
        brokers: [{ personId: xuMing, name: '徐明', share: 1 }],
        ipItems: [{ kind: 'patent', number: 'ZL202110123456.7' }],
        thirdParties: [{ organizationId: brokerActor.organizationIds[0], role: INTERMEDIARY_ROLE }],
      });
      // The buyer, a party of the contract, may open the draft.
      await expect(getContract(as({ roles: ['enterprise'], organizationIds: [factory] }), contract.id)).resolves.toMatchObject({ id: contract.id });
      // The broker's agency, named as the intermediary, reads it and finds it in its list, but does not change it.
      await expect(getContract(broker, contract.id)).resolves.toMatchObject({ id: contract.id });
      expect((await listContracts(broker, { page: 1, pageSize: 20 } as never)).items.map((c) => c.id)).toContain(contract.id);
      await expect(updateContract(as({ roles: ['agency'], organizationIds: brokerActor.organizationIds }), contract.id, { version: 1, name: '改名' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const notices = await handle.db.selectFrom('notification').select(['recipient_organization_id', 'kind', 'link']).where('link', '=', `/contracts/${contract.id}`).orderBy('recipient_organization_id').execute();
      expect(notices.map((n) => n.recipient_organization_id).sort()).toEqual([factory, lab].sort());
      expect(notices.every((n) => n.kind === 'deals.signed')).toBe(true);
      const started = await handle.db.selectFrom('notification').select('recipient_organization_id').where('link', '=', `/deals/${deal.id}`).execute();
      expect(started.map((n) => n.recipient_organization_id).sort()).toEqual([factory, lab].sort());
      const contractAudit = await handle.db.selectFrom('audit_event').select(['action', 'actor_name']).where('subject_id', '=', contract.id).execute();
      expect(contractAudit).toEqual([{ action: 'contracts.contract.create', actor_name: '徐明' }]);

      // Registered: the deal shows the registration and its turnover.
      const office = await makeOrganization(ctx, { kind: 'government_department', name: '平顶山市技术市场管理办公室' });
      await transitionContract(operator, contract.id, { to: 'submitted', version: 1 });
      await transitionContract(operator, contract.id, { to: 'registered', version: 2, registrationNumber: '2026410411000123', registeredOn: '2026-06-01', registrationOfficeId: office.id });
      expect((await getDeal(broker, deal.id)).contract).toMatchObject({ status: 'registered', registrationNumber: '2026410411000123', techAmountFen: 80_000_000 });
    });

    it('maps each transfer mode to its contract type', async () => {
      const cases = [
        ['license', { type: 'license', subtype: 'patent_license', licenseScope: 'ordinary', licenseYears: 5 }, '技术许可合同'],
        ['co_development', { type: 'development', subtype: 'cooperative' }, '技术开发合同'],
        ['equity', { type: 'transfer', subtype: 'patent' }, '技术转让合同（作价入股）'],
      ] as const;
      for (const [mode, expected, suffix] of cases) {
        const { achievement, demand } = await pair([mode]);
        const deal = await createDeal(broker, { demandId: demand.id, achievementId: achievement.id });
        await transitionDeal(broker, deal.id, { to: 'negotiating', version: 1 });
        const signed = await signDeal(broker, deal.id, { version: 2, amountFen: 10_000_000, ...(mode === 'license' ? { licenseYears: 5 } : {}) });
        const contract = await getContract(operator, signed.contract!.id);
        expect(contract, mode).toMatchObject({ ...expected, name: `高压真空断路器永磁操动机构${suffix}`, brokers: [] });
      }
    });

    it('needs both parties to sign', async () => {
      const { achievement } = await pair();
      const deal = await createDeal(broker, { achievementId: achievement.id });
      await transitionDeal(broker, deal.id, { to: 'negotiating', version: 1 });
      await expect(signDeal(broker, deal.id, { version: 2, amountFen: 1_000 })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'buyerOrganizationId' } });
      const withBuyer = await updateDeal(broker, deal.id, { version: 2, buyerOrganizationId: factory });
      await expect(signDeal(broker, deal.id, { version: withBuyer.version, amountFen: 1_000 })).resolves.toMatchObject({ stage: 'signed' });
    });
  });
}
