import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization, makePerson } from '../../testing/builders.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { createContract, getContract, listContracts, transitionContract, updateContract } from './contracts.js';
import { contractInputFor, makeContract, makeRegisteredContract, nextRegistrationNumber } from './test-support.js';

for (const dialect of await testDialects()) {
  describe(`contracts on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(async () => handle.drop());

    it('creates a draft with every registration field, money as integer fen, audited in the chain', async () => {
      const ctx = testCtx(handle);
      const broker = await makePerson(ctx, { name: '李经纪' });
      const agency = await makeOrganization(ctx, { kind: 'tech_transfer_institution' });
      const input = await contractInputFor(ctx, {
        type: 'license', subtype: 'patent_license', licenseScope: 'exclusive', licenseYears: 5,
        amountFen: 900_000_001_23, deductions: { materialsFen: 100, equipmentFen: 2_000_00, componentsFen: 0, otherFen: 23 },
        ipItems: [{ kind: 'patent', number: 'ZL202210123456.7' }],
        implementationDivision: '410411',
        brokers: [{ personId: broker.id, share: 0.5 }],
        thirdParties: [{ organizationId: agency.id, role: '技术中介服务' }],
        fiscalFunded: true, declaredRelated: false,
        funding: [{ level: 'municipal', programme: '市重大科技专项', amountFen: 10_000_000 }],
        sellers: undefined, buyers: undefined,
      });
      input.sellers.push({ personName: '王发明', personIdNumber: '410411199008250521' } as never);
      const c = await createContract(ctx, input);
      expect(c).toMatchObject({
        status: 'draft', version: 1, type: 'license', type2001: 'transfer', licenseScope: 'exclusive', licenseYears: 5,
        amountFen: 900_000_001_23, techAmountFen: 900_000_001_23 - 100 - 2_000_00 - 23,
        brokers: [{ personId: broker.id, name: '李经纪', share: 0.5 }],
        thirdParties: [{ organizationId: agency.id, role: '技术中介服务' }],
        fiscalFunded: true, funding: [{ level: 'municipal', programme: '市重大科技专项', amountFen: 10_000_000 }],
        nextStatuses: ['submitted'],
      });
      expect(c.sellers[1]).toMatchObject({ organizationId: null, name: '王发明', personIdMasked: '410411********0521' });
      const stored = await handle.db.selectFrom('contract_party').selectAll().where('contract_id', '=', c.id).where('organization_id', 'is', null).executeTakeFirstOrThrow();
      expect(stored.person_id_cipher).not.toContain('410411199008250521');
      expect(ctx.protector.decrypt(stored.person_id_cipher!)).toBe('410411199008250521');
      const events = await handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', c.id).execute();
      expect(events.map((e) => e.action)).toEqual(['contracts.contract.create']);
      expect(events[0]!.after).not.toContain('410411199008250521');
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('refuses inconsistent contracts, naming the field', async () => {
      const ctx = testCtx(handle);
      const bad = async (overrides: Parameters<typeof contractInputFor>[1]) => createContract(ctx, await contractInputFor(ctx, overrides));
      await expect(bad({ type: 'transfer', subtype: 'commissioned' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'subtype' } });
      await expect(bad({ type: 'license', subtype: 'patent_license' })).rejects.toMatchObject({ options: { field: 'licenseScope' } });
      await expect(bad({ type: 'license', subtype: 'patent_license', licenseScope: 'sole' })).rejects.toMatchObject({ options: { field: 'licenseYears' } });
      await expect(bad({ licenseYears: 3 })).rejects.toMatchObject({ options: { field: 'licenseYears' } });
      await expect(bad({ termStart: '2026-03-01', termEnd: '2026-02-28' })).rejects.toMatchObject({ options: { field: 'termEnd' } });
      await expect(bad({ amountFen: 1000, deductions: { materialsFen: 600, equipmentFen: 401, componentsFen: 0, otherFen: 0 } })).rejects.toMatchObject({ options: { field: 'deductions' } });
      await expect(bad({ amountFen: 1000, techAmountFen: 900, deductions: { materialsFen: 50, equipmentFen: 0, componentsFen: 0, otherFen: 0 } }))
        .rejects.toMatchObject({ options: { field: 'techAmountFen' }, message: expect.stringContaining('9.50 元') });
      await expect(bad({ implementationDivision: '419999' })).rejects.toMatchObject({ options: { field: 'implementationDivision' } });
      await expect(bad({ sellers: [{ organizationId: 'no-such-org' }] })).rejects.toMatchObject({ options: { field: 'sellers.0.organizationId' } });
      const org = await makeOrganization(ctx);
      await expect(bad({ sellers: [{ organizationId: org.id }], buyers: [{ organizationId: org.id }] })).rejects.toMatchObject({ options: { field: 'buyers.0.organizationId' } });
      await expect(bad({ brokers: [{ personId: 'nobody', share: 1 }] })).rejects.toMatchObject({ options: { field: 'brokers.0.personId' } });
      // With the 技术交易额 matching, it is accepted.
      await expect(bad({ amountFen: 1000, techAmountFen: 950, deductions: { materialsFen: 50, equipmentFen: 0, componentsFen: 0, otherFen: 0 } })).resolves.toMatchObject({ techAmountFen: 950 });
    });

    it('walks the whole workflow, recording each step with its deadline and auditing each transition', async () => {
      const ctx = testCtx(handle, {}, '2026-02-06T02:00:00.000Z');
      const office = await makeOrganization(ctx, { kind: 'government_department' });
      const c = await makeContract(ctx);
      const s1 = await transitionContract(ctx, c.id, { to: 'submitted', version: 1 });
      expect(s1).toMatchObject({ status: 'submitted', firstSubmittedOn: '2026-02-06', deadline: { ruleSet: 'rules_2026', period: '15个工作日', due: '2026-03-05' } });
      const later = testCtx(handle, {}, '2026-02-10T02:00:00.000Z');
      await expect(transitionContract(later, c.id, { to: 'materials_requested', version: s1.version })).rejects.toMatchObject({ options: { field: 'note' } });
      const m = await transitionContract(later, c.id, { to: 'materials_requested', version: s1.version, note: '请补充专利登记簿副本' });
      expect(m).toMatchObject({ status: 'materials_requested', deadline: null, statusNote: '请补充专利登记簿副本' });
      const resubmitted = testCtx(handle, {}, '2026-06-01T02:00:00.000Z');
      const s2 = await transitionContract(resubmitted, c.id, { to: 'submitted', version: m.version });
      expect(s2.deadline).toMatchObject({ ruleSet: 'rules_2026', from: '2026-06-01', due: '2026-06-23' });
      expect(s2.firstSubmittedOn).toBe('2026-02-06');
      await expect(transitionContract(resubmitted, c.id, { to: 'registered', version: s2.version, registrationOfficeId: office.id })).rejects.toMatchObject({ options: { field: 'registrationNumber' } });
      const number = nextRegistrationNumber();
      const r = await transitionContract(resubmitted, c.id, { to: 'registered', version: s2.version, registrationNumber: number, registrationOfficeId: office.id });
      expect(r).toMatchObject({ status: 'registered', registrationNumber: number, registeredOn: '2026-06-01', registrationOffice: { id: office.id }, deadline: null });
      const a = await transitionContract(resubmitted, c.id, { to: 'amended', version: r.version, note: '金额变更' });
      const x = await transitionContract(resubmitted, c.id, { to: 'cancelled', version: a.version, note: '合同解除' });
      expect(x.nextStatuses).toEqual([]);
      expect(x.steps.map((s) => `${s.from ?? ''}→${s.to}`)).toEqual(['→draft', 'draft→submitted', 'submitted→materials_requested', 'materials_requested→submitted', 'submitted→registered', 'registered→amended', 'amended→cancelled']);
      expect(x.steps[1]!.deadline).toMatchObject({ due: '2026-03-05', decidedOn: '2026-02-10', overdue: false });
      expect(x.steps[3]!.deadline).toMatchObject({ from: '2026-06-01', decidedOn: '2026-06-01', overdue: false });
      const actions = (await handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', c.id).orderBy('seq').execute()).map((e) => e.action);
      expect(actions).toEqual(['contracts.contract.create', 'contracts.contract.submit', 'contracts.contract.review', 'contracts.contract.submit', 'contracts.contract.review', 'contracts.contract.change', 'contracts.contract.change']);
    });

    it('rejects (未予登记) only with a coded reason, and refuses illegal moves without changing anything', async () => {
      const ctx = testCtx(handle);
      const c = await makeContract(ctx);
      await expect(transitionContract(ctx, c.id, { to: 'registered', version: 1 })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'to' } });
      const s = await transitionContract(ctx, c.id, { to: 'submitted', version: 1 });
      await expect(transitionContract(ctx, c.id, { to: 'rejected', version: s.version })).rejects.toMatchObject({ options: { field: 'reason' } });
      await expect(transitionContract(ctx, c.id, { to: 'rejected', version: s.version, reason: 'other' })).rejects.toMatchObject({ options: { field: 'note' } });
      const r = await transitionContract(ctx, c.id, { to: 'rejected', version: s.version, reason: 'not_technology_contract' });
      expect(r).toMatchObject({ status: 'rejected', rejectionReason: 'not_technology_contract' });
      const before = await handle.db.selectFrom('audit_event').select('seq').execute();
      for (const to of ['submitted', 'registered', 'amended', 'cancelled', 'revoked', 'draft'] as const) {
        await expect(transitionContract(ctx, c.id, { to, version: r.version, note: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
      }
      expect((await handle.db.selectFrom('audit_event').select('seq').execute()).length).toBe(before.length);
      expect((await getContract(ctx, c.id)).version).toBe(r.version);
    });

    it('revokes a registered contract and refuses a registration number already in use', async () => {
      const ctx = testCtx(handle);
      const reg = await makeRegisteredContract(ctx);
      const other = await makeContract(ctx);
      const s = await transitionContract(ctx, other.id, { to: 'submitted', version: 1 });
      await expect(transitionContract(ctx, other.id, { to: 'registered', version: s.version, registrationNumber: reg.registrationNumber!, registrationOfficeId: reg.registrationOffice!.id }))
        .rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'registrationNumber' } });
      await expect(transitionContract(ctx, reg.id, { to: 'revoked', version: reg.version, note: '以欺骗手段取得登记' })).resolves.toMatchObject({ status: 'revoked' });
    });

    it('uses optimistic locking: a stale version is a CONFLICT and changes nothing', async () => {
      const ctx = testCtx(handle);
      const c = await makeContract(ctx);
      const u = await updateContract(ctx, c.id, { version: 1, name: '新的合同名称' });
      expect(u).toMatchObject({ version: 2, name: '新的合同名称' });
      await expect(updateContract(ctx, c.id, { version: 1, name: '过期的修改' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      await expect(transitionContract(ctx, c.id, { to: 'submitted', version: 1 })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      expect((await getContract(ctx, c.id)).name).toBe('新的合同名称');
      const last = await handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', c.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(last.action).toBe('contracts.contract.update');
      expect(JSON.parse(last.after!)).toEqual({ name: '新的合同名称', version: 2 });
    });

    it('edits only drafts and contracts awaiting materials; recomputes the 技术交易额', async () => {
      const ctx = testCtx(handle);
      const c = await makeContract(ctx, { amountFen: 1_000_00 });
      const u = await updateContract(ctx, c.id, { version: 1, deductions: { materialsFen: 10_00, equipmentFen: 0, componentsFen: 0, otherFen: 0 } });
      expect(u.techAmountFen).toBe(1_000_00 - 10_00);
      const s = await transitionContract(ctx, c.id, { to: 'submitted', version: u.version });
      await expect(updateContract(ctx, c.id, { version: s.version, name: '提交后修改' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'status' } });
      const m = await transitionContract(ctx, c.id, { to: 'materials_requested', version: s.version, note: '补充' });
      await expect(updateContract(ctx, c.id, { version: m.version, name: '补正后的名称' })).resolves.toMatchObject({ name: '补正后的名称' });
    });

    it('lets enterprises reach only their own contracts, and only operators register', async () => {
      const ctx = testCtx(handle);
      const mine = await makeOrganization(ctx);
      const c = await makeContract(ctx, { buyers: [{ organizationId: mine.id }] });
      const foreign = await makeContract(ctx);
      const enterprise = testCtx(handle, { id: null, name: 'ent', roles: ['enterprise'], organizationIds: [mine.id] });
      expect((await listContracts(enterprise, { page: 1, pageSize: 100 })).items.map((x) => x.id)).toEqual([c.id]);
      await expect(getContract(enterprise, foreign.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createContract(enterprise, await contractInputFor(ctx))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const s = await transitionContract(enterprise, c.id, { to: 'submitted', version: 1 });
      await expect(transitionContract(enterprise, c.id, { to: 'registered', version: s.version, registrationNumber: nextRegistrationNumber(), registrationOfficeId: mine.id }))
        .rejects.toMatchObject({ code: 'FORBIDDEN' });
      const evaluator = testCtx(handle, { id: null, name: 'eval', roles: ['evaluator'] });
      await expect(getContract(evaluator, foreign.id)).resolves.toMatchObject({ id: foreign.id });
      await expect(transitionContract(evaluator, foreign.id, { to: 'submitted', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const otherDistrict = testCtx(handle, { id: null, name: 'op', roles: ['operator'], jurisdictionCode: '410402' });
      await expect(getContract(otherDistrict, c.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('lists with filters: status, type, field, party, registration year, name or number', async () => {
      const ctx = testCtx(handle);
      const party = await makeOrganization(ctx);
      const reg = await makeRegisteredContract(ctx, { name: '独特名称的技术开发合同', type: 'development', subtype: 'cooperative', techField: 'new_materials', buyers: [{ organizationId: party.id }] });
      const draft = await makeContract(ctx, { buyers: [{ organizationId: party.id }], techField: 'agriculture' });
      const ids = async (q: Parameters<typeof listContracts>[1]) => (await listContracts(ctx, q)).items.map((x) => x.id);
      const page = { page: 1, pageSize: 100 };
      expect(await ids({ ...page, party: party.id })).toEqual(expect.arrayContaining([reg.id, draft.id]));
      expect(await ids({ ...page, party: party.id, status: 'registered' })).toEqual([reg.id]);
      expect(await ids({ ...page, party: party.id, type: 'development' })).toEqual([reg.id]);
      expect(await ids({ ...page, party: party.id, field: 'agriculture' })).toEqual([draft.id]);
      expect(await ids({ ...page, party: party.id, registrationYear: 2026 })).toEqual([reg.id]);
      expect(await ids({ ...page, party: party.id, registrationYear: 2025 })).toEqual([]);
      expect(await ids({ ...page, q: '独特名称' })).toEqual([reg.id]);
      expect(await ids({ ...page, q: reg.registrationNumber! })).toEqual([reg.id]);
      const paged = await listContracts(ctx, { page: 2, pageSize: 1, party: party.id });
      expect(paged).toMatchObject({ total: 2, items: [expect.anything()] });
    });
  });
}
