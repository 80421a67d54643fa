/** Builders for the market tests: valid listings of a fresh organization. */
import type { Ctx } from '../../context.js';
import { makeOrganization } from '../../testing/builders.js';
import { createAchievement, createDemand } from './listings.js';
import { type AchievementInput, achievementInput, type DemandInput, demandInput } from './schema.js';

let serial = 0;

export async function achievementInputFor(ctx: Ctx, overrides: Partial<AchievementInput> = {}): Promise<AchievementInput> {
  const owner = overrides.ownerOrganizationId ?? (await makeOrganization(ctx, { kind: 'university', divisionCode: '410402' })).id;
  return achievementInput.parse({
    title: `高压真空断路器永磁操动机构${++serial}`,
    description: '采用双稳态永磁操动机构替代弹簧机构，零部件减少60%，机械寿命达到3万次，适用于12kV真空断路器。',
    keywords: ['真空断路器', '永磁操动机构'],
    technicalField: 'advanced_manufacturing',
    industries: ['electrical_manufacturing'],
    trl: 6,
    stage: 'pilot_scale',
    ipItems: [{ kind: 'patent', number: 'ZL202110123456.7' }],
    transferModes: ['transfer', 'license'],
    priceKind: 'fixed',
    priceFen: 120_000_000,
    team: [{ name: '王磊', role: '负责人' }],
    ...overrides,
    ownerOrganizationId: owner,
  });
}

export async function demandInputFor(ctx: Ctx, overrides: Partial<DemandInput> = {}): Promise<DemandInput> {
  const org = overrides.organizationId ?? (await makeOrganization(ctx)).id;
  return demandInput.parse({
    title: `尼龙66切片连续固相增黏工艺${++serial}`,
    problem: '现有间歇式固相增黏能耗高、批次间黏度波动大，需要连续化工艺与装备。',
    indicators: '相对黏度≥3.2，波动±0.03',
    keywords: ['尼龙66', '固相增黏'],
    technicalField: 'new_materials',
    industries: ['nylon_chemicals'],
    budgetMinFen: 50_000_000,
    budgetMaxFen: 200_000_000,
    deadline: '2026-12-31',
    ...overrides,
    organizationId: org,
  });
}

export async function makeAchievement(ctx: Ctx, overrides: Partial<AchievementInput> = {}) {
  return createAchievement(ctx, await achievementInputFor(ctx, overrides));
}

export async function makeDemand(ctx: Ctx, overrides: Partial<DemandInput> = {}) {
  return createDemand(ctx, await demandInputFor(ctx, overrides));
}
