/**
 * 信用记录 on both databases: the operator enters and ends records; a 失信 list imports all-or-nothing
 * by credit code or ID number; a settlement excludes the unit on record with the record in words and
 * pays it again once the record ends; the unit sees only its own and asks for 信用修复, which the
 * operator decides; a false declaration found in review becomes a 违背信用承诺 record in one step.
 * Every event reads as words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { makeOrganization, makePerson, nextIdNumber } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { findInternals } from '../../testing/internals.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { createApplication } from '../applications/applications.js';
import { actors, makeNotice, registeredContract } from '../applications/test-support.js';
import { importTable } from '../registry/import/import-table.js';
import { readTable } from '../registry/import/read-table.js';
import { listAwards, listExclusions, runSettlement } from '../subsidies/settlement.js';
import { creditImportTemplate, creditRecordsXlsx } from './credit-export.js';
import { creditRecordsImport } from './credit-import.js';
import { createCreditRecord, endCreditRecord, getCreditRecord, listCreditRecords, recordCommitmentBreach } from './records.js';
import { decideCreditRepair, requestCreditRepair, storeCreditRepairEvidence } from './repair.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const NOW = '2026-06-01T08:00:00.000Z';
const csv = (lines: string[]) => readTable(Buffer.from(lines.join('\n'), 'utf8'), 'csv');

for (const dialect of await testDialects()) {
  describe(`credit records on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let system: Ctx;
    let operator: Ctx;
    let finance: Ctx;
    const unit = (organizationId: string) => testCtx(handle, { id: null, name: '企业经办人', roles: ['enterprise'], organizationIds: [organizationId] }, NOW);
    let buyer: { id: string; name: string; uscc: string };
    let other: { id: string; name: string; uscc: string };

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      system = testCtx(handle, {}, NOW);
      operator = testCtx(handle, { id: null, name: '区科技局运营人员', roles: ['operator'] }, NOW);
      finance = testCtx(handle, { id: null, name: '区财政局科员', roles: ['finance'] }, NOW);
      buyer = await makeOrganization(system, { kind: 'enterprise', divisionCode: '410411', name: '湛河区信用测试电气有限公司' });
      other = await makeOrganization(system, { kind: 'enterprise', divisionCode: '410411', name: '湛河区另一家公司' });
      const seller = await makeOrganization(system, { kind: 'enterprise', divisionCode: '330106', name: '杭州某科技有限公司' });
      // An R1 award for the buyer: 300,000 yuan paid in 2022 → 30,000 yuan for 2023.
      await registeredContract(system, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: buyer.id }], implementationDivision: '410411' }, 300_000_00);
    }, 60_000);
    afterAll(async () => handle.drop());

    const r1 = async (decidedOn?: string) => {
      const run = await runSettlement(operator, { policy: 'zhanhe-2022', year: 2023, ...(decidedOn ? { decidedOn } : {}) });
      const awards = (await listAwards(handle.db, run.id)).filter((a) => a.rule === 'enterprise_purchase' && a.beneficiaryRef === buyer.id);
      const exclusions = (await listExclusions(handle.db, run.id)).filter((e) => e.reason === 'credit_record');
      return { awards, exclusions };
    };

    it('a 失信 list imports all-or-nothing, reporting every bad row; a record in force excludes the unit with the record in words; ended, it is paid again', async () => {
      expect((await r1()).awards.map((a) => a.amountYuan)).toEqual([30000]);
      const header = '统一社会信用代码,身份证号码,名称或姓名,类型,来源,认定机关,文号,起始日期,截止日期,备注';
      const bad = await csv([
        header,
        `${buyer.uscc},,${buyer.name},失信被执行人,人民法院,平顶山市湛河区人民法院,（2026）豫0411执88号,2026-05-01,2029-04-30,未履行给付义务`,
        `91410411MA9DE00000,,不存在的公司,失信被执行人,人民法院,,（2026）豫0411执89号,2026-05-01,,`,
        `${other.uscc},,写错的名称,严重失信主体名单,信用中国,,,2026-05-01,,`,
        `${other.uscc},,${other.name},严重失信主体名单,信用中国,,,2026-05-01,2026-04-01,`,
        `,110101199003070000,王失信,科研失信,其他来源,,,2026-05-01,,`,
        `${other.uscc},,${other.name},黑名单,信用中国,,,2026-05-01,,`,
      ]);
      const failure = await importTable(operator, creditRecordsImport as never, bad).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'IMPORT_INVALID' });
      const lines = (failure as { options: { details: { line: number; column: string; reason: string }[] } }).options.details;
      // The file's own checks report every bad row at once; references to the registry are checked on a clean file.
      expect([...new Set(lines.map((d) => d.line))].sort()).toEqual([3, 5, 6, 7]);
      expect(lines.find((d) => d.line === 7 && d.column === '类型')).toBeTruthy();
      expect(lines.find((d) => d.line === 5 && d.column === '截止日期')?.reason).toBe('截止日期不得早于起始日期');
      const wrongName = await csv([header, `${buyer.uscc},,${buyer.name},失信被执行人,人民法院,,（2026）豫0411执87号,2026-05-01,,`, `${other.uscc},,写错的名称,严重失信主体名单,信用中国,,,2026-05-01,,`]);
      const refused = (await importTable(operator, creditRecordsImport as never, wrongName).catch((e: unknown) => e)) as { options: { details: { line: number; reason: string }[] } };
      expect(refused.options.details).toMatchObject([{ line: 3, reason: `与登记名称“${other.name}”不一致` }]);
      expect((await listCreditRecords(operator, { page: 1, pageSize: 20 })).total).toBe(0);

      const good = await csv([header, `${buyer.uscc},,${buyer.name},失信被执行人,人民法院,平顶山市湛河区人民法院,（2026）豫0411执88号,2026-05-01,2029-04-30,未履行给付义务`]);
      expect(await importTable(operator, creditRecordsImport as never, good)).toMatchObject({ total: 1, created: 1 });
      expect(await importTable(operator, creditRecordsImport as never, good)).toMatchObject({ total: 1, unchanged: 1 });

      const { awards, exclusions } = await r1();
      expect(awards).toEqual([]);
      expect(exclusions).toHaveLength(1);
      expect(exclusions[0]!.label).toBe(
        `有在效的失信等信用记录，按政策不予奖补：${buyer.name}列入失信被执行人（来源：平顶山市湛河区人民法院；文号：（2026）豫0411执88号；2026年5月1日至2029年4月30日）`,
      );
      expect(findInternals(exclusions[0]!.label)).toEqual([]);
      // Decided before the record's start, the award stands (records in force on the decision date count).
      expect((await r1('2026-04-30')).awards.map((a) => a.amountYuan)).toEqual([30000]);

      const [record] = (await listCreditRecords(operator, { page: 1, pageSize: 20, organizationId: buyer.id })).items;
      expect(record).toMatchObject({ kindLabel: '失信被执行人', stateLabel: '有效', sourceName: '平顶山市湛河区人民法院' });
      await expect(endCreditRecord(unit(buyer.id), record!.id, { endedOn: '2026-06-01', reason: '自行结束', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await endCreditRecord(operator, record!.id, { endedOn: '2026-06-01', reason: '法院已屏蔽失信信息', version: 1 });
      expect((await r1()).awards.map((a) => a.amountYuan)).toEqual([30000]);
    });

    it('a person is matched by ID number through the registry digest, never shown whole', async () => {
      const idNumber = nextIdNumber();
      await makePerson(system, { name: '李科研', idNumber });
      const table = await csv(['身份证号码,名称或姓名,类型,来源,起始日期', `${idNumber},李科研,科研失信,其他来源,2026-01-01`]);
      expect(await importTable(operator, creditRecordsImport as never, table)).toMatchObject({ created: 1 });
      const unknown = await csv(['身份证号码,名称或姓名,类型,来源,起始日期', `${nextIdNumber()},无此人,科研失信,其他来源,2026-01-01`]);
      const failure = (await importTable(operator, creditRecordsImport as never, unknown).catch((e: unknown) => e)) as { options: { details: { value: string; reason: string }[] } };
      expect(failure.options.details[0]!.reason).toBe('该人员未在平台登记');
      expect(failure.options.details[0]!.value).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      const rows = await handle.db.selectFrom('credit_record').selectAll().where('person_id', 'is not', null).execute();
      expect(JSON.stringify(rows)).not.toContain(idNumber);
    });

    it('government roles see the jurisdiction; a unit sees only its own records', async () => {
      const record = await createCreditRecord(operator, { organizationId: other.id, kind: 'serious_dishonesty', source: 'credit_china', sourceName: '信用中国（河南）', documentNumber: '豫发改财金〔2026〕7号', validFrom: '2026-04-01' });
      expect(record.text).toBe('严重失信主体名单（来源：信用中国（河南）；文号：豫发改财金〔2026〕7号；2026年4月1日起，未定截止日期）');
      expect((await listCreditRecords(finance, { page: 1, pageSize: 50 })).items.map((r) => r.holderName)).toContain(other.name);
      const own = await listCreditRecords(unit(buyer.id), { page: 1, pageSize: 50 });
      expect(own.items.every((r) => r.holderId === buyer.id)).toBe(true);
      await expect(getCreditRecord(unit(buyer.id), record.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await getCreditRecord(unit(other.id), record.id)).kindLabel).toBe('严重失信主体名单');
      await expect(createCreditRecord(unit(other.id), { organizationId: other.id, kind: 'other', source: 'other', validFrom: '2026-04-01' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const note = await handle.db.selectFrom('notification').selectAll().where('recipient_organization_id', '=', other.id).where('kind', '=', 'credit.record.created').executeTakeFirstOrThrow();
      expect(findInternals(`${note.title}\n${note.body}`)).toEqual([]);
    });

    it('信用修复: the unit asks with evidence; one pending at a time; reject needs a reason; approve ends the record today', async () => {
      const record = await createCreditRecord(operator, { organizationId: other.id, kind: 'dishonest_judgment_debtor', source: 'court', documentNumber: '（2026）豫0411执90号', validFrom: '2026-03-01' });
      const me = unit(other.id);
      const file = await storeCreditRepairEvidence(me, PDF, '履行完毕证明.pdf');
      await expect(storeCreditRepairEvidence(me, Buffer.from('not a pdf'), '说明.txt')).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(requestCreditRepair(unit(buyer.id), record.id, { explanation: '已履行', evidence: [{ hash: file.hash, fileName: '履行完毕证明.pdf' }] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const asked = await requestCreditRepair(me, record.id, { explanation: '判决确定的款项已全部履行', evidence: [{ hash: file.hash, fileName: '履行完毕证明.pdf' }] });
      expect(asked.repairs[0]).toMatchObject({ statusLabel: '待审核', evidence: [{ fileName: '履行完毕证明.pdf' }] });
      await expect(requestCreditRepair(me, record.id, { explanation: '再次申请', evidence: [{ hash: file.hash, fileName: '履行完毕证明.pdf' }] })).rejects.toMatchObject({ code: 'CONFLICT' });
      const repairId = asked.repairs[0]!.id;
      await expect(decideCreditRepair(operator, repairId, { decision: 'reject', version: 1 })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'reason' } });
      await expect(decideCreditRepair(me, repairId, { decision: 'approve', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const rejected = await decideCreditRepair(operator, repairId, { decision: 'reject', reason: '未附法院结案证明', version: 1 });
      expect(rejected).toMatchObject({ stateLabel: '有效', repairs: [{ statusLabel: '已驳回', decisionReason: '未附法院结案证明' }] });
      const again = await requestCreditRepair(me, record.id, { explanation: '补充法院结案证明', evidence: [{ hash: file.hash, fileName: '结案证明.pdf' }] });
      const approved = await decideCreditRepair(operator, again.repairs[0]!.id, { decision: 'approve', reason: '材料齐全', version: 1 });
      expect(approved).toMatchObject({ endedOn: '2026-06-01', stateLabel: '已提前结束' });
      const kinds = (await handle.db.selectFrom('notification').select('kind').where('kind', 'like', 'credit.repair.%').execute()).map((n) => n.kind).sort();
      expect(kinds).toEqual(['credit.repair.approved', 'credit.repair.rejected']);
    });

    it('a false declaration found in review becomes a 违背信用承诺 record in one step, once', async () => {
      const applicant = await makeOrganization(system, { kind: 'enterprise', divisionCode: '410411', name: '湛河区申报企业有限公司' });
      const who = actors(handle, { a: applicant.id });
      const notice = await makeNotice(testCtx(handle, { roles: ['operator'] }, '2023-02-01T02:00:00.000Z'));
      const app = await createApplication(who.enterpriseA('2023-03-10T02:00:00.000Z'), { noticeId: notice.id, organizationId: applicant.id, evidence: [], relatedParties: [], otherFunding: [] });
      await expect(recordCommitmentBreach(unit(applicant.id), app.id, { reason: '隐瞒与卖方的关联关系' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const record = await recordCommitmentBreach(operator, app.id, { reason: '隐瞒与卖方的关联关系（同一实际控制人）' });
      expect(record).toMatchObject({ kindLabel: '违背信用承诺', sourceName: '本平台奖补申报审核', applicationNumber: app.number, note: '隐瞒与卖方的关联关系（同一实际控制人）', validFrom: '2026-06-01' });
      await expect(recordCommitmentBreach(operator, app.id, { reason: '再次登记' })).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('the list exports to Excel in words; the template has the columns and one example row', async () => {
      const file = await creditRecordsXlsx(operator, {});
      expect(file.name).toMatch(/^信用记录-2026-06-01\.xlsx$/);
      const table = await readTable(await creditImportTemplate(), 'xlsx');
      expect(table.headers).toEqual(creditRecordsImport.columns.map((c) => c.zh));
      expect(table.rows).toHaveLength(1);
      await expect(creditRecordsXlsx(unit(buyer.id), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('every event is audited in words and the chain holds', async () => {
      // This module's events (the settlement's and applications' own are their modules' to word).
      const problems = await unwordedAuditEvents(handle.db);
      expect(problems.filter((p) => p.startsWith('credit') || p.startsWith('registry.import'))).toEqual([]);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });
  });
}
