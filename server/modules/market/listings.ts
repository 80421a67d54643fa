/**
 * Listings of the technology market: achievements (科技成果) and demands (技术需求). Owners create
 * drafts for their organizations, edit them, submit them for review and withdraw them; the operator
 * publishes or returns them (workflow.ts). Every change is audited in its own transaction, keeps
 * the search index in step (search-documents.ts) and is guarded by `version`. The API's shapes are
 * in common/market-api.ts.
 */
import { sql } from 'kysely';
import { chinaDate } from '../../../common/dates.js';
import type { Achievement, Attachment, Demand, Listing, ListingBase, ListingDetail, ListingOf, PublicListing } from '../../../common/market-api.js';
import type { AchievementStage, ListingKind, ListingStatus, OriginRegion, PriceKind } from '../../../common/market-vocabulary.js';
import { LISTING_KINDS } from '../../../common/market-vocabulary.js';
import type { Actor, Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { assertMayAttach } from '../contracts/evidence.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Action } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { audit, changedFields } from '../audit/audit.js';
import { notifyMatchesOfNewListing } from '../matching/notify-matches.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import { likePattern } from '../registry/organizations.js';
import { originRegion } from './origin-region.js';
import {
  type AchievementRow,
  type DemandRow,
  type ListingRow,
  type OwnerSummary,
  appendStep,
  evidenceFiles,
  expiryOf,
  findListing,
  insertListing,
  organizationsById,
  ownerOf,
  OWNER_COLUMN,
  stepsOf,
  updateListing,
} from './repo.js';
import type { AchievementInput, AchievementPatch, AttachmentInput, DemandInput, DemandPatch, ListingQuery, ListingTransition } from './schema.js';
import { type ListingRowOf, syncSearchIndex } from './search-documents.js';
import { EDITABLE_STATUSES, nextStatuses, TARGET_ACTION, transitionAction } from './workflow.js';

const json = <T>(text: string): T => JSON.parse(text) as T;
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** Presents rows (with their owners' names) as the API's listings. */
export async function presentListings<K extends ListingKind>(db: Executor, kind: K, rows: ListingRowOf[K][]): Promise<ListingOf<K>[]> {
  const owners = await organizationsById(db, rows.map((r) => ownerOf(kind, r)));
  return rows.map((r) => presentRow(kind, r, owners) as ListingOf<K>);
}

function presentRow(kind: ListingKind, r: ListingRow, owners: Map<string, OwnerSummary>): Listing {
  const ownerId = ownerOf(kind, r);
  const o = ownerId ? owners.get(ownerId) : undefined;
  const status = r.status as ListingStatus;
  const base: ListingBase = {
    id: r.id,
    jurisdictionCode: r.jurisdiction_code,
    externalId: r.external_id,
    title: r.title,
    keywords: json(r.keywords),
    technicalField: r.technical_field,
    industries: json(r.industries),
    owner: o ? { id: o.id, name: o.name, kind: o.kind, divisionCode: o.division_code } : ownerId ? { id: ownerId, name: '', kind: '', divisionCode: '' } : null,
    ownerMissing: r.owner_missing === 1,
    originRegion: r.origin_region as OriginRegion | null,
    tags: json(r.tags),
    attachments: json(r.attachments),
    status,
    statusReason: r.status_reason,
    nextStatuses: nextStatuses(status),
    isDemo: r.is_demo === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    publishedAt: r.published_at,
  };
  if (kind === 'achievement') {
    const a = r as AchievementRow;
    return {
      kind: 'achievement',
      ...base,
      description: a.description,
      discipline: a.discipline,
      trl: a.trl,
      stage: a.stage as AchievementStage | null,
      ipItems: json(a.ip_items),
      transferModes: json(a.transfer_modes),
      priceKind: a.price_kind as PriceKind | null,
      priceFen: num(a.price_fen),
      team: json(a.team),
      originCountry: a.origin_country,
      expiresOn: a.expires_on,
    };
  }
  const d = r as DemandRow;
  return {
    kind: 'demand',
    ...base,
    problem: d.problem,
    indicators: d.indicators,
    budgetMinFen: num(d.budget_min_fen),
    budgetMaxFen: num(d.budget_max_fen),
    deadline: d.deadline,
    isChallenge: d.is_challenge === 1,
    rewardFen: num(d.reward_fen),
  };
}

/** The audited view: business fields without bookkeeping or derived values. */
function auditView(l: Listing) {
  const { createdAt: _c, updatedAt: _u, nextStatuses: _n, owner, attachments, ...rest } = l;
  return { ...rest, ownerId: owner?.id ?? null, attachments: attachments.map((a) => a.hash) };
}

// ——— who may reach a listing ———

export function canReachListing(actor: Actor, action: Action, kind: ListingKind, row: ListingRow): boolean {
  const scope = assertCan(actor, action);
  if (scope === 'jurisdiction') return isWithinJurisdiction(actor.jurisdictionCode, row.jurisdiction_code);
  const owner = ownerOf(kind, row);
  return !!owner && actor.organizationIds.includes(owner);
}

export async function loadListingFor<K extends ListingKind>(db: Executor, actor: Actor, kind: K, action: Action, id: string): Promise<ListingRowOf[K]> {
  assertCan(actor, action);
  const row = await findListing(db, kind, id);
  if (!row) throw notFound(LISTING_KINDS.label(kind), id);
  if (!canReachListing(actor, action, kind, row)) throw new AppError('FORBIDDEN', `无权访问该${LISTING_KINDS.label(kind)}`);
  return row;
}

// ——— validation beyond the schema ———

const fail = (field: string, message: string) => new AppError('VALIDATION', message, { field });

/** The owner organization: registered, and — for an "own" role — one the account acts for. */
async function checkOwner(db: Executor, actor: Actor, action: Action, field: string, organizationId: string): Promise<OwnerSummary> {
  const scope = assertCan(actor, action);
  if (scope === 'own' && !actor.organizationIds.includes(organizationId)) {
    throw new AppError('FORBIDDEN', '只能以本单位名义发布', { field });
  }
  const org = (await organizationsById(db, [organizationId])).get(organizationId);
  if (!org) throw fail(field, `机构不存在：${organizationId}`);
  if (scope === 'jurisdiction' && !isWithinJurisdiction(actor.jurisdictionCode, org.jurisdiction_code)) {
    throw new AppError('FORBIDDEN', '该机构不在本辖区', { field });
  }
  return org;
}

/**
 * Attachments must be files of the evidence store that the actor uploaded, or that the listing
 * already has (`kept`); they are kept with their size and type.
 */
export async function checkAttachments(db: Executor, actor: Actor, list: AttachmentInput[], kept: string[] = []): Promise<Attachment[]> {
  for (const [i, a] of list.entries()) await assertMayAttach(db, actor, `attachments.${i}.hash`, a.hash, '附件', kept);
  const files = await evidenceFiles(db, list.map((a) => a.hash));
  return list.map((a, i) => {
    const f = files.get(a.hash);
    if (!f) throw fail(`attachments.${i}.hash`, `附件文件不存在（请先上传）：${a.hash.slice(0, 12)}…`);
    return { hash: a.hash, name: a.name, size: f.size, mime: f.mime };
  });
}

function today(ctx: Ctx): string {
  return chinaDate(ctx.clock.now());
}

/** Cross-field rules of an achievement; every error names its field. */
export function checkAchievementRules(input: Pick<AchievementInput, 'priceKind' | 'priceFen' | 'expiresOn' | 'transferModes'>, todayDate: string | null): void {
  if (input.priceKind === 'negotiable' && input.priceFen !== undefined) throw fail('priceFen', '价格面议时不填写价格');
  if (input.priceKind === 'fixed' && input.priceFen === undefined) throw fail('priceFen', '一口价须填写价格');
  if (input.priceKind === 'auction' && input.priceFen === undefined) throw fail('priceFen', '拍卖须填写保留价');
  if (new Set(input.transferModes).size !== input.transferModes.length) throw fail('transferModes', '转化方式重复');
  if (todayDate && input.expiresOn && input.expiresOn < todayDate) throw fail('expiresOn', `有效期不能早于今天（${todayDate}）`);
}

/** Cross-field rules of a demand; every error names its field. */
export function checkDemandRules(input: Pick<DemandInput, 'budgetMinFen' | 'budgetMaxFen' | 'isChallenge' | 'rewardFen' | 'deadline'>, todayDate: string | null): void {
  if (input.budgetMinFen !== undefined && input.budgetMaxFen !== undefined && input.budgetMinFen > input.budgetMaxFen) {
    throw fail('budgetMaxFen', '预算上限不能低于预算下限');
  }
  if (input.isChallenge && input.rewardFen === undefined) throw fail('rewardFen', '揭榜挂帅须填写榜单奖励金额');
  if (!input.isChallenge && input.rewardFen !== undefined) throw fail('rewardFen', '只有揭榜挂帅需求填写奖励金额');
  if (todayDate && input.deadline && input.deadline < todayDate) throw fail('deadline', `截止日期不能早于今天（${todayDate}）`);
}

// ——— columns ———

export function achievementColumns(input: Omit<AchievementInput, 'attachments' | 'externalId'>, attachments: Attachment[], region: OriginRegion | null) {
  return {
    title: input.title,
    description: input.description,
    keywords: JSON.stringify(input.keywords),
    technical_field: input.technicalField,
    industries: JSON.stringify(input.industries),
    trl: input.trl ?? null,
    stage: input.stage ?? null,
    ip_items: JSON.stringify(input.ipItems),
    transfer_modes: JSON.stringify(input.transferModes),
    price_kind: input.priceKind ?? null,
    price_fen: input.priceFen ?? null,
    owner_organization_id: input.ownerOrganizationId,
    team: JSON.stringify(input.team),
    origin_country: input.originCountry ?? null,
    origin_region: region,
    tags: JSON.stringify(input.tags),
    attachments: JSON.stringify(attachments),
    expires_on: input.expiresOn ?? null,
  };
}

export function demandColumns(input: Omit<DemandInput, 'attachments' | 'externalId'>, attachments: Attachment[], region: OriginRegion | null) {
  return {
    title: input.title,
    problem: input.problem,
    indicators: input.indicators,
    keywords: JSON.stringify(input.keywords),
    technical_field: input.technicalField ?? null,
    industries: JSON.stringify(input.industries),
    budget_min_fen: input.budgetMinFen ?? null,
    budget_max_fen: input.budgetMaxFen ?? null,
    deadline: input.deadline ?? null,
    organization_id: input.organizationId,
    origin_region: region,
    is_challenge: input.isChallenge ? 1 : 0,
    reward_fen: input.rewardFen ?? null,
    tags: JSON.stringify(input.tags),
    attachments: JSON.stringify(attachments),
  };
}

function bookkeeping(ctx: Ctx, externalId: string | undefined, status: ListingStatus, isDemo: boolean) {
  const now = ctx.clock.now().toISOString();
  return {
    id: newId(),
    jurisdiction_code: ctx.actor.jurisdictionCode,
    external_id: externalId ?? null,
    owner_missing: 0,
    status,
    status_reason: null,
    is_demo: isDemo ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
    submitted_at: status === 'draft' ? null : now,
    published_at: status === 'published' ? now : null,
  };
}

async function assertExternalIdFree(db: Executor, kind: ListingKind, jurisdictionCode: string, externalId: string | undefined): Promise<void> {
  if (!externalId) return;
  const clash = await db
    .selectFrom(kind as 'achievement')
    .select('id')
    .where('jurisdiction_code', '=', jurisdictionCode)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (clash) throw new AppError('CONFLICT', `外部编号 ${externalId} 已被使用`, { field: 'externalId' });
}

export interface CreateOptions {
  /** Seeding: create the listing already published (the operator's own listings). */
  status?: 'draft' | 'published';
  isDemo?: boolean;
}

/** Writes a new achievement inside `trx` (a draft unless `opts.status`); audited and indexed. */
export async function insertAchievement(ctx: Ctx, trx: Executor, input: AchievementInput, opts: CreateOptions = {}): Promise<Achievement> {
  const org = await checkOwner(trx, ctx.actor, 'market.listing.create', 'ownerOrganizationId', input.ownerOrganizationId);
  checkAchievementRules(input, today(ctx));
  const attachments = await checkAttachments(trx, ctx.actor, input.attachments);
  await assertExternalIdFree(trx, 'achievement', ctx.actor.jurisdictionCode, input.externalId);
  const row: AchievementRow = {
    ...bookkeeping(ctx, input.externalId, opts.status ?? 'draft', !!opts.isDemo),
    discipline: null,
    ...achievementColumns(input, attachments, originRegion(ctx.actor.jurisdictionCode, org.division_code, input.originCountry ?? null)),
  };
  return finishInsert(ctx, trx, 'achievement', row);
}

export async function insertDemand(ctx: Ctx, trx: Executor, input: DemandInput, opts: CreateOptions = {}): Promise<Demand> {
  const org = await checkOwner(trx, ctx.actor, 'market.listing.create', 'organizationId', input.organizationId);
  checkDemandRules(input, today(ctx));
  const attachments = await checkAttachments(trx, ctx.actor, input.attachments);
  await assertExternalIdFree(trx, 'demand', ctx.actor.jurisdictionCode, input.externalId);
  const row: DemandRow = {
    ...bookkeeping(ctx, input.externalId, opts.status ?? 'draft', !!opts.isDemo),
    ...demandColumns(input, attachments, originRegion(ctx.actor.jurisdictionCode, org.division_code)),
  };
  return finishInsert(ctx, trx, 'demand', row);
}

async function finishInsert<K extends ListingKind>(ctx: Ctx, trx: Executor, kind: K, row: ListingRowOf[K]): Promise<ListingOf<K>> {
  await insertListing(trx, kind, row);
  await appendStep(trx, { id: newId(), listing_kind: kind, listing_id: row.id, from_status: null, to_status: row.status, at: row.created_at, actor_name: ctx.actor.name, reason: null });
  const [listing] = await presentListings(trx, kind, [row]);
  await audit(trx as never, ctx, { action: 'market.listing.create', subjectType: kind, subjectId: row.id, after: auditView(listing!) });
  await syncSearchIndex(ctx, trx, kind, false, row);
  return listing!;
}

/** Creates a draft achievement for one of the actor's organizations. */
export async function createAchievement(ctx: Ctx, input: AchievementInput): Promise<Achievement> {
  assertCan(ctx.actor, 'market.listing.create');
  return inTransaction(ctx, (trx) => insertAchievement(ctx, trx, input));
}

export async function createDemand(ctx: Ctx, input: DemandInput): Promise<Demand> {
  assertCan(ctx.actor, 'market.listing.create');
  return inTransaction(ctx, (trx) => insertDemand(ctx, trx, input));
}

function assertVersion(row: { version: number }, version: number, kind: ListingKind): void {
  if (row.version !== version) {
    throw new AppError('CONFLICT', `该${LISTING_KINDS.label(kind)}已被他人修改（当前版本 ${row.version}，提交版本 ${version}），请刷新后重试`, { field: 'version' });
  }
}

async function bump(trx: Executor, kind: ListingKind, row: ListingRow, set: Partial<ListingRow>): Promise<void> {
  if (!(await updateListing(trx, kind, row.id, row.version, set))) {
    throw new AppError('CONFLICT', `该${LISTING_KINDS.label(kind)}已被他人修改，请刷新后重试`, { field: 'version' });
  }
}

/** The owner edits while the listing is a draft, returned, withdrawn or expired; the operator also while it is published. */
function assertEditable(actor: Actor, kind: ListingKind, row: ListingRow): void {
  const status = row.status as ListingStatus;
  if (EDITABLE_STATUSES.includes(status)) return;
  if (status === 'published' && assertCan(actor, 'market.listing.update') === 'jurisdiction') return;
  throw new AppError('CONFLICT', `${LISTING_KINDS.label(kind)}处于“${status === 'pending' ? '待审核' : '已发布'}”状态，不能修改${status === 'published' ? '（请先撤回）' : ''}`, { field: 'status' });
}

function merge<T extends object>(stored: T, patch: Record<string, unknown>): T {
  const { version: _v, ...sent } = patch;
  const out: Record<string, unknown> = { ...(stored as Record<string, unknown>) };
  for (const [k, v] of Object.entries(sent)) {
    if (v === undefined) continue;
    out[k] = v === null ? undefined : v;
  }
  return out as T;
}

function achievementInputOf(a: Achievement): AchievementInput {
  return {
    externalId: a.externalId ?? undefined,
    title: a.title,
    description: a.description,
    keywords: a.keywords,
    technicalField: (a.technicalField ?? undefined) as AchievementInput['technicalField'],
    industries: a.industries as AchievementInput['industries'],
    trl: a.trl ?? undefined,
    stage: a.stage ?? undefined,
    ipItems: a.ipItems,
    transferModes: a.transferModes,
    priceKind: a.priceKind as PriceKind,
    priceFen: a.priceFen ?? undefined,
    ownerOrganizationId: a.owner?.id ?? '',
    team: a.team,
    originCountry: a.originCountry ?? undefined,
    tags: a.tags,
    attachments: a.attachments.map((f) => ({ hash: f.hash, name: f.name })),
    expiresOn: a.expiresOn ?? undefined,
  };
}

function demandInputOf(d: Demand): DemandInput {
  return {
    externalId: d.externalId ?? undefined,
    title: d.title,
    problem: d.problem,
    indicators: d.indicators,
    keywords: d.keywords,
    technicalField: (d.technicalField ?? undefined) as DemandInput['technicalField'],
    industries: d.industries as DemandInput['industries'],
    budgetMinFen: d.budgetMinFen ?? undefined,
    budgetMaxFen: d.budgetMaxFen ?? undefined,
    deadline: d.deadline ?? undefined,
    organizationId: d.owner?.id ?? '',
    isChallenge: d.isChallenge,
    rewardFen: d.rewardFen ?? undefined,
    tags: d.tags,
    attachments: d.attachments.map((f) => ({ hash: f.hash, name: f.name })),
  };
}

/** Edits an achievement; only the fields sent change. */
export async function updateAchievement(ctx: Ctx, id: string, patch: AchievementPatch): Promise<Achievement> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadListingFor(trx, ctx.actor, 'achievement', 'market.listing.update', id);
    assertVersion(row, patch.version, 'achievement');
    assertEditable(ctx.actor, 'achievement', row);
    const [before] = await presentListings(trx, 'achievement', [row]);
    const merged = merge(achievementInputOf(before!), patch);
    // Imported records may lack what a posted listing needs (owner, description, modes); the
    // operator may still correct them without completing everything.
    const imported = row.owner_missing === 1;
    if (!imported) {
      if (!merged.technicalField) throw fail('technicalField', '请选择技术领域');
      if (!merged.title || merged.title.length < 2) throw fail('title', '成果名称至少2个字');
      if (!merged.description || merged.description.length < 10) throw fail('description', '成果简介至少10个字');
      if (!merged.transferModes.length) throw fail('transferModes', '至少选择一种转化方式');
    }
    const org = merged.ownerOrganizationId
      ? await checkOwner(trx, ctx.actor, 'market.listing.update', 'ownerOrganizationId', merged.ownerOrganizationId)
      : null;
    if (!org && !imported) throw fail('ownerOrganizationId', '请选择成果所属机构');
    checkAchievementRules(merged, patch.expiresOn ? today(ctx) : null);
    const attachments = await checkAttachments(trx, ctx.actor, merged.attachments, before!.attachments.map((a) => a.hash));
    const set = {
      ...achievementColumns(merged, attachments, originRegion(row.jurisdiction_code, org?.division_code ?? null, merged.originCountry ?? null)),
      technical_field: merged.technicalField ?? null,
      owner_organization_id: org?.id ?? null,
      owner_missing: org ? 0 : 1,
      updated_at: ctx.clock.now().toISOString(),
    };
    return finishUpdate(ctx, trx, 'achievement', row, before!, set);
  });
}

export async function updateDemand(ctx: Ctx, id: string, patch: DemandPatch): Promise<Demand> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadListingFor(trx, ctx.actor, 'demand', 'market.listing.update', id);
    assertVersion(row, patch.version, 'demand');
    assertEditable(ctx.actor, 'demand', row);
    const [before] = await presentListings(trx, 'demand', [row]);
    const merged = merge(demandInputOf(before!), patch);
    const imported = row.owner_missing === 1;
    if (!imported) {
      if (!merged.title || merged.title.length < 2) throw fail('title', '需求名称至少2个字');
      if (!merged.problem || merged.problem.length < 10) throw fail('problem', '需求描述（要解决的问题）至少10个字');
    }
    const org = merged.organizationId ? await checkOwner(trx, ctx.actor, 'market.listing.update', 'organizationId', merged.organizationId) : null;
    if (!org && !imported) throw fail('organizationId', '请选择需求单位');
    checkDemandRules(merged, patch.deadline ? today(ctx) : null);
    const attachments = await checkAttachments(trx, ctx.actor, merged.attachments, before!.attachments.map((a) => a.hash));
    const set = {
      ...demandColumns(merged, attachments, originRegion(row.jurisdiction_code, org?.division_code ?? null)),
      organization_id: org?.id ?? null,
      owner_missing: org ? 0 : 1,
      updated_at: ctx.clock.now().toISOString(),
    };
    return finishUpdate(ctx, trx, 'demand', row, before!, set);
  });
}

async function finishUpdate<K extends ListingKind>(ctx: Ctx, trx: Executor, kind: K, row: ListingRowOf[K], before: ListingOf<K>, set: Partial<ListingRow>): Promise<ListingOf<K>> {
  await bump(trx, kind, row, set);
  const next = (await findListing(trx, kind, row.id))!;
  const [after] = await presentListings(trx, kind, [next]);
  await audit(trx as never, ctx, { action: 'market.listing.update', subjectType: kind, subjectId: row.id, ...changedFields(auditView(before), auditView(after!)) });
  await syncSearchIndex(ctx, trx, kind, row.status === 'published', next);
  return after!;
}

/** Moves a listing one step through the moderation workflow. */
export async function transitionListing<K extends ListingKind>(ctx: Ctx, kind: K, id: string, input: ListingTransition): Promise<ListingDetail<K>> {
  if (input.to === 'expired') {
    throw new AppError('CONFLICT', '过期由系统在有效期（截止日期）届满后自动处理', { field: 'to' });
  }
  assertCan(ctx.actor, TARGET_ACTION[input.to] as Action);
  return inTransaction(ctx, async (trx) => {
    const row = await findListing(trx, kind, id);
    if (!row) throw notFound(LISTING_KINDS.label(kind), id);
    const from = row.status as ListingStatus;
    const action = transitionAction(from, input.to) as Action;
    if (!canReachListing(ctx.actor, action, kind, row)) throw new AppError('FORBIDDEN', `无权访问该${LISTING_KINDS.label(kind)}`);
    assertVersion(row, input.version, kind);
    if (input.to === 'returned' && !input.reason) throw fail('reason', '退回时须写明原因');
    if (input.to !== 'returned' && input.reason && input.to !== 'withdrawn') throw fail('reason', '只有退回或撤回时填写原因');
    const instant = ctx.clock.now();
    const now = instant.toISOString();
    const expiry = expiryOf(kind, row);
    if ((input.to === 'pending' || input.to === 'published') && expiry && expiry < chinaDate(instant)) {
      throw new AppError('CONFLICT', `${kind === 'achievement' ? '有效期' : '截止日期'}（${expiry}）已过，请先修改后再提交`, { field: kind === 'achievement' ? 'expiresOn' : 'deadline' });
    }
    if (input.to === 'pending' && !ownerOf(kind, row)) {
      throw fail(OWNER_COLUMN[kind] === 'organization_id' ? 'organizationId' : 'ownerOrganizationId', '提交审核前须填写所属机构');
    }
    const set: Partial<ListingRow> = { status: input.to, status_reason: input.to === 'returned' || input.to === 'withdrawn' ? (input.reason ?? null) : null, updated_at: now };
    if (input.to === 'pending') set.submitted_at = now;
    if (input.to === 'published') set.published_at = now;
    await bump(trx, kind, row, set);
    await appendStep(trx, { id: newId(), listing_kind: kind, listing_id: id, from_status: from, to_status: input.to, at: now, actor_name: ctx.actor.name, reason: input.reason ?? null });
    await audit(trx, ctx, {
      action,
      subjectType: kind,
      subjectId: id,
      before: { status: from, version: row.version },
      after: { status: input.to, version: row.version + 1, ...(input.reason ? { reason: input.reason } : {}) },
    });
    const next = (await findListing(trx, kind, id))!;
    await syncSearchIndex(ctx, trx, kind, from === 'published', next);
    if (input.to === 'published' && from !== 'published') await notifyMatchesOfNewListing(ctx, trx, kind, id);
    return detailOf(trx, kind, next);
  });
}

async function detailOf<K extends ListingKind>(db: Executor, kind: K, row: ListingRowOf[K]): Promise<ListingDetail<K>> {
  const [listing] = await presentListings(db, kind, [row]);
  const steps = await stepsOf(db, kind, row.id);
  return {
    ...listing!,
    steps: steps.map((s) => ({ seq: s.seq, from: s.from_status as ListingStatus | null, to: s.to_status as ListingStatus, at: s.at, actorName: s.actor_name, reason: s.reason })),
  } as ListingDetail<K>;
}

/** A listing with its moderation history, for its owner and the operator. */
export async function getListing<K extends ListingKind>(ctx: Ctx, kind: K, id: string): Promise<ListingDetail<K>> {
  const row = await loadListingFor(ctx.db, ctx.actor, kind, 'market.listing.read', id);
  return detailOf(ctx.db, kind, row);
}

export function publicView<K extends ListingKind>(listing: ListingOf<K>): PublicListing<K> {
  const { statusReason: _r, nextStatuses: _n, version: _v, status: _s, ownerMissing: _o, submittedAt: _t, ...rest } = listing as Listing;
  return rest as unknown as PublicListing<K>;
}

/** A published listing for anyone; 404 when it is not on the market (never published, withdrawn, expired). */
export async function getPublicListing<K extends ListingKind>(ctx: Ctx, kind: K, id: string): Promise<PublicListing<K>> {
  const row = await findListing(ctx.db, kind, id);
  const expiry = row ? expiryOf(kind, row) : null;
  if (!row || row.status !== 'published' || (expiry && expiry < chinaDate(ctx.clock.now()))) {
    throw notFound(LISTING_KINDS.label(kind), id);
  }
  const [listing] = await presentListings(ctx.db, kind, [row]);
  return publicView(listing!);
}

/** An attachment of a listing: the owner and operator always, anyone while it is published. */
export async function readListingAttachment(ctx: Ctx, kind: ListingKind, id: string, hash: string, publicOnly: boolean) {
  const row = publicOnly ? await findListing(ctx.db, kind, id) : await loadListingFor(ctx.db, ctx.actor, kind, 'market.listing.read', id);
  if (!row || (publicOnly && row.status !== 'published')) throw notFound(LISTING_KINDS.label(kind), id);
  const listed = (json<Attachment[]>(row.attachments)).find((a) => a.hash === hash);
  if (!listed) throw notFound('附件', hash);
  const file = await ctx.db.selectFrom('evidence_file').select(['content', 'mime', 'size']).where('hash', '=', hash).executeTakeFirst();
  if (!file) throw notFound('附件', hash);
  return { name: listed.name, mime: file.mime, size: Number(file.size), content: Buffer.from(file.content) };
}

/** Listings the actor may read, filtered and paged; newest change first. */
export async function listListings<K extends ListingKind>(ctx: Ctx, kind: K, query: ListingQuery): Promise<{ items: ListingOf<K>[]; total: number }> {
  const scope = assertCan(ctx.actor, 'market.listing.read');
  let base = ctx.db.selectFrom(kind as 'achievement');
  const ownerColumn = OWNER_COLUMN[kind] as 'owner_organization_id';
  if (scope === 'jurisdiction') {
    base = base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  } else {
    base = base.where(ownerColumn, 'in', ctx.actor.organizationIds.length ? ctx.actor.organizationIds : ['']);
  }
  if (query.status) base = base.where('status', '=', query.status);
  if (query.organizationId) base = base.where(ownerColumn, '=', query.organizationId);
  if (query.q) {
    const q = query.q;
    base = base.where((eb) => eb.or([eb('title', 'like', sql<string>`${likePattern(q)} escape '\\'`), eb('external_id', '=', q)]));
  }
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: await presentListings(ctx.db, kind, rows as ListingRowOf[K][]), total: Number(total) };
}
