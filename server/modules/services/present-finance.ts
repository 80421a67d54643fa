/**
 * The API's views and the checks shared by the use cases (one per file) of — Technology finance (科技金融, plan (十五)): banks' financing products, enterprises' financing needs,
 * the products a need matches (match-finance.ts, with reasons), the needs a bank's products match,
 * and the bank's answer (an offer or a decline) which the enterprise sees on its need.
 */
import type { CollateralKind, FinanceProductKind, FinancePurpose, NeedStatus, OfferDecision, OfferingStatus } from '../../../common/services-vocabulary.js';
import type { QualificationType } from '../../../common/vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { assertReaches } from './access.js';
import { type NeedRow, type OfferRow, type ProductRow, findRow, namesOf, offersOf } from './repo.js';
import type { ProductQuery } from './schema.js';

export interface FinanceProduct {
  id: string;
  jurisdictionCode: string;
  bank: { id: string; name: string };
  name: string;
  kind: FinanceProductKind;
  minAmountFen: number;
  maxAmountFen: number;
  minRateBp: number;
  maxRateBp: number;
  minTermMonths: number;
  maxTermMonths: number;
  requiredQualifications: QualificationType[];
  collateralKinds: CollateralKind[];
  description: string;
  status: OfferingStatus;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FinanceOffer {
  id: string;
  needId: string;
  product: { id: string; name: string };
  bank: { id: string; name: string };
  decision: OfferDecision;
  amountFen: number | null;
  rateBp: number | null;
  termMonths: number | null;
  note: string | null;
  authorName: string;
  createdAt: string;
}

export interface FinanceNeed {
  id: string;
  jurisdictionCode: string;
  organization: { id: string; name: string };
  title: string;
  amountFen: number;
  purpose: FinancePurpose;
  termMonths: number;
  collateralKinds: CollateralKind[];
  contract: { id: string; name: string; registrationNumber: string | null; status: string } | null;
  achievement: { id: string; title: string } | null;
  description: string;
  status: NeedStatus;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FinanceNeedDetail extends FinanceNeed {
  offers: FinanceOffer[];
}

export const num = (v: number | string | bigint) => Number(v);

export async function presentProducts(db: Executor, rows: ProductRow[]): Promise<FinanceProduct[]> {
  const names = await namesOf(db, { organizations: rows.map((r) => r.bank_organization_id) });
  return rows.map((r) => ({
    id: r.id, jurisdictionCode: r.jurisdiction_code, bank: names.organization(r.bank_organization_id)!, name: r.name, kind: r.kind as FinanceProductKind,
    minAmountFen: num(r.min_amount_fen), maxAmountFen: num(r.max_amount_fen), minRateBp: r.min_rate_bp, maxRateBp: r.max_rate_bp,
    minTermMonths: r.min_term_months, maxTermMonths: r.max_term_months, requiredQualifications: JSON.parse(r.required_qualifications) as QualificationType[],
    collateralKinds: JSON.parse(r.collateral_kinds) as CollateralKind[], description: r.description, status: r.status as OfferingStatus,
    isDemo: r.is_demo === 1, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

export async function presentNeeds(db: Executor, rows: NeedRow[]): Promise<FinanceNeed[]> {
  const names = await namesOf(db, { organizations: rows.map((r) => r.organization_id), contracts: rows.map((r) => r.contract_id), achievements: rows.map((r) => r.achievement_id) });
  return rows.map((r) => ({
    id: r.id, jurisdictionCode: r.jurisdiction_code, organization: names.organization(r.organization_id)!, title: r.title, amountFen: num(r.amount_fen),
    purpose: r.purpose as FinancePurpose, termMonths: r.term_months, collateralKinds: JSON.parse(r.collateral_kinds) as CollateralKind[],
    contract: names.contract(r.contract_id), achievement: names.achievement(r.achievement_id), description: r.description, status: r.status as NeedStatus,
    isDemo: r.is_demo === 1, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

export async function presentOffers(db: Executor, rows: OfferRow[]): Promise<FinanceOffer[]> {
  const names = await namesOf(db, { organizations: rows.map((r) => r.bank_organization_id), products: rows.map((r) => r.product_id) });
  return rows.map((r) => ({
    id: r.id, needId: r.need_id, product: names.product(r.product_id)!, bank: names.organization(r.bank_organization_id)!, decision: r.decision as OfferDecision,
    amountFen: r.amount_fen === null ? null : num(r.amount_fen), rateBp: r.rate_bp, termMonths: r.term_months, note: r.note, authorName: r.author_name, createdAt: r.created_at,
  }));
}

export function checkProductRanges(p: { minAmountFen: number; maxAmountFen: number; minRateBp: number; maxRateBp: number; minTermMonths: number; maxTermMonths: number }): void {
  if (p.minAmountFen > p.maxAmountFen) throw new AppError('VALIDATION', '最低额度不能高于最高额度', { field: 'minAmountFen' });
  if (p.minRateBp > p.maxRateBp) throw new AppError('VALIDATION', '最低年利率不能高于最高年利率', { field: 'minRateBp' });
  if (p.minTermMonths > p.maxTermMonths) throw new AppError('VALIDATION', '最短期限不能长于最长期限', { field: 'minTermMonths' });
}

export const productAudit = (r: ProductRow) => ({
  bankOrganizationId: r.bank_organization_id, name: r.name, kind: r.kind, minAmountFen: num(r.min_amount_fen), maxAmountFen: num(r.max_amount_fen),
  minRateBp: r.min_rate_bp, maxRateBp: r.max_rate_bp, minTermMonths: r.min_term_months, maxTermMonths: r.max_term_months,
  requiredQualifications: r.required_qualifications, collateralKinds: r.collateral_kinds, description: r.description, status: r.status,
});

export function productBase(db: Executor, query: Pick<ProductQuery, 'kind' | 'bankOrganizationId' | 'status'>) {
  let base = db.selectFrom('finance_product');
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.bankOrganizationId) base = base.where('bank_organization_id', '=', query.bankOrganizationId);
  if (query.status) base = base.where('status', '=', query.status);
  return base;
}

export async function pageProducts(db: Executor, base: ReturnType<typeof productBase>, query: ProductQuery) {
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('min_rate_bp').orderBy('name').orderBy('id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentProducts(db, rows), total: Number(total) };
}

export const needAudit = (r: NeedRow) => ({
  organizationId: r.organization_id, title: r.title, amountFen: num(r.amount_fen), purpose: r.purpose, termMonths: r.term_months,
  collateralKinds: r.collateral_kinds, contractId: r.contract_id, achievementId: r.achievement_id, description: r.description, status: r.status,
});

export async function loadNeed(db: Executor, ctx: Ctx, action: 'finance.need.read' | 'finance.need.write', id: string): Promise<NeedRow> {
  assertCan(ctx.actor, action);
  const row = await findRow(db, 'finance_need', id);
  if (!row) throw notFound('融资需求', id);
  assertReaches(ctx.actor, action, row, [row.organization_id], '融资需求');
  return row;
}

export async function needDetail(db: Executor, row: NeedRow): Promise<FinanceNeedDetail> {
  return { ...(await presentNeeds(db, [row]))[0]!, offers: await presentOffers(db, await offersOf(db, [row.id])) };
}

/** The qualification types an organization holds valid on `today` (issued on or before, valid until on or after). */
export async function validQualifications(db: Executor, organizationId: string, today: string): Promise<Set<string>> {
  const rows = await db.selectFrom('qualification').select('type').where('organization_id', '=', organizationId)
    .where('issued_on', '<=', today).where('valid_until', '>=', today).execute();
  return new Set(rows.map((r) => r.type));
}

export async function matchInputs(db: Executor, need: NeedRow) {
  const contract = need.contract_id ? await db.selectFrom('contract').select(['name', 'status']).where('id', '=', need.contract_id).executeTakeFirst() : undefined;
  return { amountFen: num(need.amount_fen), termMonths: need.term_months, collateralKinds: JSON.parse(need.collateral_kinds) as string[], contract: contract ?? null };
}
