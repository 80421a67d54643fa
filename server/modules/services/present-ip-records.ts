/**
 * The API's views and the checks shared by the use cases (one per file) of — IP operations (知识产权运营, plan (十六)): licences (许可: licensor → licensee, scope, term, fee) and
 * IP-as-equity (作价入股: contributor → company, valuation, share of equity in basis points), each
 * naming the IP item and linked to an achievement of the market and/or a registered contract.
 */
import type { IpRecordKind } from '../../../common/services-vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { assertReaches } from './access.js';
import { type IpRecordRow, findRow, namesOf } from './repo.js';

export interface IpRecord {
  id: string;
  jurisdictionCode: string;
  kind: IpRecordKind;
  ipKind: string;
  ipNumber: string | null;
  ipTitle: string;
  /** Licensor or contributor. */
  from: { id: string; name: string };
  /** Licensee or the company. */
  to: { id: string; name: string };
  licenseScope: string | null;
  startsOn: string;
  endsOn: string | null;
  amountFen: number;
  equityShareBp: number | null;
  achievement: { id: string; title: string } | null;
  contract: { id: string; name: string; registrationNumber: string | null; status: string } | null;
  note: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function presentIpRecords(db: Executor, rows: IpRecordRow[]): Promise<IpRecord[]> {
  const names = await namesOf(db, {
    organizations: rows.flatMap((r) => [r.from_organization_id, r.to_organization_id]), contracts: rows.map((r) => r.contract_id), achievements: rows.map((r) => r.achievement_id),
  });
  return rows.map((r) => ({
    id: r.id, jurisdictionCode: r.jurisdiction_code, kind: r.kind as IpRecordKind, ipKind: r.ip_kind, ipNumber: r.ip_number, ipTitle: r.ip_title,
    from: names.organization(r.from_organization_id)!, to: names.organization(r.to_organization_id)!, licenseScope: r.license_scope,
    startsOn: r.starts_on, endsOn: r.ends_on, amountFen: Number(r.amount_fen), equityShareBp: r.equity_share_bp,
    achievement: names.achievement(r.achievement_id), contract: names.contract(r.contract_id), note: r.note,
    isDemo: r.is_demo === 1, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

export const ipRecordAudit = (r: IpRecordRow) => ({
  kind: r.kind, ipKind: r.ip_kind, ipNumber: r.ip_number, ipTitle: r.ip_title, fromOrganizationId: r.from_organization_id, toOrganizationId: r.to_organization_id,
  licenseScope: r.license_scope, startsOn: r.starts_on, endsOn: r.ends_on, amountFen: Number(r.amount_fen), equityShareBp: r.equity_share_bp,
  achievementId: r.achievement_id, contractId: r.contract_id, note: r.note,
});

/** The rules across fields, on the record as it will be stored. */
export function checkRecord(r: Pick<IpRecordRow, 'kind' | 'license_scope' | 'starts_on' | 'ends_on' | 'equity_share_bp' | 'from_organization_id' | 'to_organization_id'>): void {
  if (r.from_organization_id === r.to_organization_id) throw new AppError('VALIDATION', r.kind === 'license' ? '许可方与被许可方不能是同一机构' : '出资方与被投资企业不能是同一机构', { field: 'toOrganizationId' });
  if (r.ends_on && r.ends_on < r.starts_on) throw new AppError('VALIDATION', '终止日期不能早于起始日期', { field: 'endsOn' });
  if (r.kind === 'license') {
    if (!r.license_scope) throw new AppError('VALIDATION', '许可须选择许可方式（独占、排他或普通）', { field: 'licenseScope' });
    if (!r.ends_on) throw new AppError('VALIDATION', '许可须填写许可期限的终止日期', { field: 'endsOn' });
    if (r.equity_share_bp !== null) throw new AppError('VALIDATION', '许可记录不填股权比例', { field: 'equityShareBp' });
  } else {
    if (r.equity_share_bp === null || r.equity_share_bp <= 0) throw new AppError('VALIDATION', '作价入股须填写所占股权比例', { field: 'equityShareBp' });
    if (r.license_scope) throw new AppError('VALIDATION', '作价入股记录不填许可方式', { field: 'licenseScope' });
  }
}

export async function orgFor(db: Executor, id: string, field: string) {
  const org = await db.selectFrom('organization').select(['id', 'jurisdiction_code']).where('id', '=', id).executeTakeFirst();
  if (!org) throw new AppError('VALIDATION', `机构不存在：${id}`, { field });
  return org;
}

export async function loadIpRecord(db: Executor, ctx: Ctx, action: 'ip.record.read' | 'ip.record.write', id: string): Promise<IpRecordRow> {
  assertCan(ctx.actor, action);
  const row = await findRow(db, 'ip_record', id);
  if (!row) throw notFound('知识产权运营记录', id);
  assertReaches(ctx.actor, action, row, [row.from_organization_id, row.to_organization_id], '知识产权运营记录');
  return row;
}
