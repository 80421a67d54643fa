/**
 * A small fixed world for the indicator tests, with every expected number worked out by hand in the
 * comments. Registry records go through the use cases; contracts, notices, applications and
 * disbursements are written as rows (the state their workflows leave behind), so each date is exact.
 */
import type { Insertable } from 'kysely';
import type { Ctx } from '../../context.js';
import type { ContractTable } from '../../db/schema.js';
import { newId } from '../../ids.js';
import { tallyContracts } from '../contracts/tallies.js';
import { addQualification } from '../registry/qualifications.js';
import { makeOrganization, makePerson, makePlatform } from '../../testing/builders.js';

const NOW = '2026-06-01T08:00:00.000Z';
let seq = 0;

interface ContractSpec {
  type: string;
  field: string;
  seller: string | null;
  buyer: string;
  registeredOn: string | null;
  fen: number;
  status?: string;
  jurisdiction?: string;
}

async function insertContract(ctx: Ctx, spec: ContractSpec): Promise<string> {
  const id = newId();
  seq += 1;
  const row: Insertable<ContractTable> = {
    id,
    jurisdiction_code: spec.jurisdiction ?? '410411',
    name: `指标测试合同${seq}`,
    type: spec.type,
    subtype: spec.type === 'development' ? 'commissioned' : spec.type === 'transfer' ? 'patent' : spec.type === 'license' ? 'patent_license' : spec.type,
    signed_on: spec.registeredOn ?? '2023-01-01',
    amount_fen: spec.fen,
    tech_amount_fen: spec.fen,
    deduction_materials_fen: 0,
    deduction_equipment_fen: 0,
    deduction_components_fen: 0,
    deduction_other_fen: 0,
    tech_field: spec.field,
    ip_items: '[]',
    registration_number: spec.registeredOn ? `${spec.registeredOn.slice(0, 4)}410411${String(seq).padStart(6, '0')}` : null,
    registered_on: spec.registeredOn,
    declared_related: 0,
    fiscal_funded: 0,
    status: spec.status ?? 'registered',
    is_demo: 0,
    version: 1,
    created_at: NOW,
    updated_at: NOW,
  };
  await ctx.db.insertInto('contract').values(row).execute();
  await ctx.db
    .insertInto('contract_party')
    .values([
      spec.seller
        ? { id: newId(), contract_id: id, side: 'seller', position: 0, organization_id: spec.seller }
        : { id: newId(), contract_id: id, side: 'seller', position: 0, organization_id: null, person_name: '王个人' },
      { id: newId(), contract_id: id, side: 'buyer', position: 0, organization_id: spec.buyer },
    ])
    .execute();
  // What the registration workflow does in the same transaction: the indicators' read model follows.
  await tallyContracts(ctx.db, [id]);
  return id;
}

export interface IndicatorWorld {
  orgs: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', string>;
}

/**
 * Jurisdiction 410411 (湛河区). Organizations: A, B enterprises in the district; C a university in
 * 410402 (same city); D a research institute in 410105 (Zhengzhou, same province); E an enterprise
 * in 110108 (Beijing); F, G technology-transfer institutions in the district.
 */
export async function buildIndicatorWorld(ctx: Ctx): Promise<IndicatorWorld> {
  const A = (await makeOrganization(ctx, { name: '湛河甲科技有限公司' })).id;
  const B = (await makeOrganization(ctx, { name: '湛河乙科技有限公司' })).id;
  const C = (await makeOrganization(ctx, { name: '平顶山某大学', kind: 'university', divisionCode: '410402' })).id;
  const D = (await makeOrganization(ctx, { name: '郑州某研究所', kind: 'research_institute', divisionCode: '410105' })).id;
  const E = (await makeOrganization(ctx, { name: '北京某科技有限公司', divisionCode: '110108' })).id;
  const F = (await makeOrganization(ctx, { name: '湛河技术转移中心', kind: 'tech_transfer_institution' })).id;
  const G = (await makeOrganization(ctx, { name: '湛河另一技术转移中心', kind: 'tech_transfer_institution' })).id;

  // T3 high-tech certificates (3 years): A 2021-03-01 → 2024-02-29; B 2020-12-01 → 2023-11-30; E outside.
  await addQualification(ctx, A, { type: 'high_tech_enterprise', number: 'GR202141000001', issuedOn: '2021-03-01' });
  await addQualification(ctx, B, { type: 'high_tech_enterprise', number: 'GR202041000002', issuedOn: '2020-12-01' });
  await addQualification(ctx, E, { type: 'high_tech_enterprise', number: 'GR202211000003', issuedOn: '2022-01-01' });
  // T4 tech-SME registrations run to the year's end: B 2023; A 2022 (expired in 2023).
  await addQualification(ctx, B, { type: 'tech_sme', number: '2023410411A0000001', issuedOn: '2023-02-01' });
  await addQualification(ctx, A, { type: 'tech_sme', number: '2022410411A0000002', issuedOn: '2022-02-01' });

  // T1: F provincial from 2023-05-01; G only municipal.
  await makePlatform(ctx, { name: '湛河技术转移示范机构', type: 'tech_transfer_demonstration', level: 'provincial', hostOrganizationId: F, recognizedOn: '2023-05-01' });
  await makePlatform(ctx, { name: '湛河市级技术转移示范机构', type: 'tech_transfer_demonstration', level: 'municipal', hostOrganizationId: G, recognizedOn: '2022-05-01' });
  // T5: A's municipal centre counts; A's district lab does not (level); B's provincial new R&D
  // institution counts until it is revoked on 2023-09-01; E's national workstation is in Beijing.
  await makePlatform(ctx, { name: '甲工程技术研究中心', type: 'engineering_research_center', level: 'municipal', hostOrganizationId: A, recognizedOn: '2022-01-01' });
  await makePlatform(ctx, { name: '甲区级重点实验室', type: 'key_laboratory', level: 'district', hostOrganizationId: A, recognizedOn: '2022-01-01' });
  await makePlatform(ctx, { name: '乙新型研发机构', type: 'new_rd_institution', level: 'provincial', hostOrganizationId: B, recognizedOn: '2022-06-01', revokedOn: '2023-09-01' });
  await makePlatform(ctx, { name: '北京院士工作站', type: 'academician_workstation', level: 'national', hostOrganizationId: E, recognizedOn: '2021-01-01' });
  // Incubators (2) and an international cooperation base (1).
  await makePlatform(ctx, { name: '甲科技企业孵化器', type: 'incubator', level: 'municipal', hostOrganizationId: A, recognizedOn: '2022-03-01' });
  await makePlatform(ctx, { name: '乙众创空间', type: 'maker_space', level: 'district', hostOrganizationId: B, recognizedOn: '2023-03-01' });
  await makePlatform(ctx, { name: '湛河国际科技合作基地', type: 'international_cooperation_base', level: 'provincial', hostOrganizationId: F, recognizedOn: '2022-08-01' });

  // T2: P1 broker (full-time, works at F), P2 transfer staff (part-time, held by 410411), P5 both
  // roles — three people; P3 a broker held by Zhengzhou working in Beijing, P4 a researcher: not counted.
  await makePerson(ctx, { name: '经纪人甲', roles: [{ role: 'broker', employment: 'full_time', certificateNumber: 'JJR-001' }], affiliations: [{ organizationId: F }] });
  await makePerson(ctx, { name: '转移员乙', roles: [{ role: 'transfer_staff', employment: 'part_time' }] });
  await makePerson({ ...ctx, actor: { ...ctx.actor, jurisdictionCode: '410100' } }, { name: '外地经纪人', roles: [{ role: 'broker' }], affiliations: [{ organizationId: E }] });
  await makePerson(ctx, { name: '科研人员丁', roles: [{ role: 'researcher' }] });
  await makePerson(ctx, { name: '双身份戊', roles: [{ role: 'broker', employment: 'part_time' }, { role: 'transfer_staff', employment: 'part_time' }] });

  // Contracts (all held by 410411 unless said): 2023 counts K1 K2 K3 K5 K8.
  await insertContract(ctx, { type: 'development', field: 'advanced_manufacturing', seller: C, buyer: A, registeredOn: '2023-03-10', fen: 1_000_000 }); // K1 city → in, academic
  await insertContract(ctx, { type: 'transfer', field: 'new_materials', seller: D, buyer: B, registeredOn: '2023-07-01', fen: 2_500_000 }); // K2 province → in, academic
  await insertContract(ctx, { type: 'service', field: 'electronic_information', seller: A, buyer: E, registeredOn: '2023-11-20', fen: 300_000 }); // K3 out
  await insertContract(ctx, { type: 'license', field: 'advanced_manufacturing', seller: E, buyer: A, registeredOn: '2022-05-05', fen: 4_000_000 }); // K4 2022
  await insertContract(ctx, { type: 'consulting', field: 'advanced_manufacturing', seller: A, buyer: B, registeredOn: '2023-12-31', fen: 50_000, status: 'amended' }); // K5 in + out
  await insertContract(ctx, { type: 'development', field: 'advanced_manufacturing', seller: C, buyer: A, registeredOn: null, fen: 9_000_000, status: 'submitted' }); // K6 not registered
  await insertContract(ctx, { type: 'development', field: 'advanced_manufacturing', seller: C, buyer: A, registeredOn: '2023-05-05', fen: 9_000_000, status: 'revoked' }); // K7 revoked
  await insertContract(ctx, { type: 'development', field: 'agriculture', seller: null, buyer: A, registeredOn: '2023-08-08', fen: 100_000 }); // K8 natural person → in
  await insertContract(ctx, { type: 'development', field: 'agriculture', seller: C, buyer: A, registeredOn: '2023-08-08', fen: 7_000_000, jurisdiction: '410402' }); // K9 another registry

  // Subsidies: the 2023 notice budgets 230,000 yuan; X1 paid 50,000 yuan on 2023-10-10; X2 rejected; X3 a draft.
  const notice = newId();
  await ctx.db.insertInto('subsidy_notice').values({
    id: notice, jurisdiction_code: '410411', title: '2023年度技术转移奖补申报通知', policy_id: 'zhanhe-2022', year: 2023, opens_on: '2023-03-01', closes_on: '2023-04-30',
    rules: '["enterprise_purchase","broker"]', budgets: '{"enterprise_purchase":200000,"broker":30000}', overrides: '{}', notice_days: 5, issuer: '湛河区科学技术局', contact: '0375-0000000',
    status: 'approved', is_demo: 0, version: 1, created_at: NOW, updated_at: NOW,
  }).execute();
  const app = (number: string, org: string, status: string, submitted: string | null, award: number | null) => ({
    id: newId(), number, notice_id: notice, jurisdiction_code: '410411', organization_id: org, beneficiary_kind: 'organization' as const, beneficiary_ref: org, status,
    related_parties: '[]', other_funding: '[]', first_submitted_at: submitted, submitted_at: submitted, award_yuan: award, is_demo: 0, version: 1, created_at: NOW, updated_at: NOW,
  });
  const x1 = app('SB202300001', A, 'paid', '2023-04-01T02:00:00.000Z', 50_000);
  await ctx.db.insertInto('subsidy_application').values([x1, app('SB202300002', B, 'rejected', '2023-04-02T02:00:00.000Z', null), app('SB202300003', F, 'draft', null, null)]).execute();
  await ctx.db.insertInto('subsidy_disbursement').values({
    id: newId(), application_id: x1.id, notice_id: notice, amount_fen: 5_000_000, paid_on: '2023-10-10', bank_reference: 'BK20231010001', recorded_by: null, recorded_by_name: '财政局', recorded_at: NOW,
  }).execute();
  return { orgs: { A, B, C, D, E, F, G } };
}
