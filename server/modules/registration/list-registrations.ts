/** The 注册审核 queue: the units' applications the operator's jurisdiction reviews, and its Excel export. */
import { sql } from 'kysely';
import { beijingDateTime, chinaDate } from '../../../common/dates.js';
import type { RegistrationSummary } from '../../../common/registration-api.js';
import { REGISTRATION_STATUSES, type RegistrableKind, type RegistrationStatus } from '../../../common/registration-vocabulary.js';
import { ORGANIZATION_KINDS } from '../../../common/vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { findDivision, jurisdictionPrefix } from '../registry/divisions.js';
import { likePattern } from '../registry/organizations.js';
import type { RegistrationRow } from './repo.js';
import type { RegistrationQuery } from './schema.js';

export async function presentSummaries(db: Executor, rows: RegistrationRow[]): Promise<RegistrationSummary[]> {
  const codes = [...new Set(rows.map((r) => r.uscc!).filter(Boolean))];
  const registered = codes.length ? await db.selectFrom('organization').select('uscc').where('uscc', 'in', codes).execute() : [];
  const held = new Set(registered.map((r) => r.uscc));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status as RegistrationStatus,
    // Once approved, whether it claimed a unit is history; before, whether the registry holds the code now.
    claim: r.status === 'approved' ? false : held.has(r.uscc!),
    orgName: r.org_name ?? '',
    creditCode: r.uscc ?? '',
    orgKind: r.org_kind as RegistrableKind,
    divisionCode: r.division_code ?? '',
    divisionName: findDivision(r.division_code ?? '')?.fullName ?? null,
    applicantName: r.applicant_name,
    mobile: r.applicant_mobile,
    position: r.applicant_position,
    username: r.username,
    submittedAt: r.created_at,
    updatedAt: r.updated_at,
    submissions: Number(r.submissions),
    returnReason: r.return_reason,
    decidedAt: r.decided_at,
    decidedByName: r.decided_by_name,
    version: Number(r.version),
  }));
}

function queue(ctx: Ctx, query: Pick<RegistrationQuery, 'status' | 'q'>) {
  assertCan(ctx.actor, 'registration.review');
  let base = ctx.db
    .selectFrom('unit_registration')
    .where('applicant_type', '=', 'unit')
    .where(underPrefix('review_division_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  if (query.status) base = base.where('status', '=', query.status);
  if (query.q) {
    const pattern = sql<string>`${likePattern(query.q)} escape '\\'`;
    base = base.where((eb) => eb.or([eb('org_name', 'like', pattern), eb('uscc', 'like', pattern), eb('number', 'like', pattern), eb('applicant_name', 'like', pattern)]));
  }
  return base;
}

export async function listRegistrations(ctx: Ctx, query: RegistrationQuery): Promise<{ items: RegistrationSummary[]; total: number }> {
  const base = queue(ctx, query);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  // Waiting longest first while pending; newest decisions first otherwise.
  const rows = await base
    .selectAll()
    .orderBy('updated_at', query.status === 'pending' ? 'asc' : 'desc')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: await presentSummaries(ctx.db, rows), total: Number(total) };
}

const beijing = (iso: string | null) => (iso ? beijingDateTime(iso) : '');

export async function registrationsXlsx(ctx: Ctx, query: Pick<RegistrationQuery, 'status' | 'q'>): Promise<{ name: string; content: Buffer }> {
  const rows = await queue(ctx, query).selectAll().orderBy('created_at').orderBy('id').limit(50_000).execute();
  const items = await presentSummaries(ctx.db, rows);
  const today = chinaDate(ctx.clock.now());
  const issuer = `${findDivision(ctx.actor.jurisdictionCode)?.name ?? ''}技术转移体系平台`;
  const content = await workbookBuffer(
    [
      {
        name: '注册审核',
        title: '单位注册申请',
        facts: [`状态：${query.status ? REGISTRATION_STATUSES.label(query.status) : '全部'}${query.q ? `；检索：${query.q}` : ''}`, `导出日期：${today}（时间为北京时间）`],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '申请编号', width: 18 },
          { header: '状态', width: 8 },
          { header: '单位名称', width: 30 },
          { header: '统一社会信用代码', width: 22 },
          { header: '单位类型', width: 14 },
          { header: '所在地区', width: 24 },
          { header: '认领/新建', width: 10 },
          { header: '申请人', width: 10 },
          { header: '手机号码', width: 14 },
          { header: '职务', width: 12 },
          { header: '用户名', width: 14 },
          { header: '提交次数', width: 8, kind: 'integer' },
          { header: '首次提交', width: 17 },
          { header: '最近更新', width: 17 },
          { header: '审核人', width: 14 },
          { header: '审核时间', width: 17 },
          { header: '退回原因', width: 30 },
        ],
        rows: items.map((r, i) => [
          i + 1, r.number, REGISTRATION_STATUSES.label(r.status), r.orgName, r.creditCode, ORGANIZATION_KINDS.label(r.orgKind), r.divisionName ?? r.divisionCode,
          r.status === 'approved' ? '' : r.claim ? '认领' : '新建', r.applicantName, r.mobile, r.position ?? '', r.username, r.submissions,
          beijing(r.submittedAt), beijing(r.updatedAt), r.decidedByName ?? '', beijing(r.decidedAt), r.status === 'returned' ? (r.returnReason ?? '') : '',
        ]),
        total: ['', '合计', `${items.length} 件`, '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
      },
    ],
    { title: '单位注册申请', issuer, date: today },
  );
  return { name: `单位注册申请-${today}.xlsx`, content };
}
