/** Shared by the supervision tests: departments named as the demo names them, actors, a small plan. */
import type { UserRole } from '../../../common/vocabulary.js';
import type { Ctx } from '../../context.js';
import type { DbHandle } from '../../db/create-db.js';
import { makeOrganization } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';

export const ZHANHE_PLAN = 'plans/zhanhe-2022.yaml';

/** The government departments a plan's units link to (names as the registry holds them). */
export async function makeDepartments(ctx: Ctx) {
  const gxj = await makeOrganization(ctx, { kind: 'government_department', name: '平顶山市湛河区工业和信息化局' });
  const kjj = await makeOrganization(ctx, { kind: 'government_department', name: '平顶山市湛河区科学技术局' });
  const czj = await makeOrganization(ctx, { kind: 'government_department', name: '平顶山市湛河区财政局' });
  return { gxj, kjj, czj };
}

export function actorCtx(handle: DbHandle, roles: UserRole[], organizationIds: string[] = [], now = '2026-06-01T08:00:00.000Z', id = `user-${roles.join('-')}`): Ctx {
  return testCtx(handle, { id, name: `${roles[0]}测试`, roles, organizationIds }, now);
}

/** A small plan: two measures, three units, quarterly from 2023, due 15 days after each quarter. */
export const SMALL_PLAN = `
id: test-plan
title: 测试区技术转移实施方案
jurisdiction: '410411'
startsOn: 2023-01-01
endsOn: 2023-12-31
reporting:
  period: quarterly
  dueDays: 15
measures:
  - number: 三
    heading: 培育主体
    text: 培育一批技术转移主体。
    responsibility: 区工业和信息化局、区科技局
    lead: 区工业和信息化局
    co: [区科技局]
  - number: 四
    heading: 激发活力
    text: 激发创新主体活力。
    lead: 区科技局
    co: [区财政局, 各街道办事处]
    period: half_yearly
`;
