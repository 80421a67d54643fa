/**
 * 联系对接: a logged-in user writes to a published listing's owner through the platform — the
 * owner's phone is never shown. The owner (or the operator) answers or closes the inquiry; the
 * sender sees the answer in their own box. Audited like every change.
 */
import type { Inquiry } from '../../../common/market-api.js';
import type { InquiryStatus, ListingKind } from '../../../common/market-vocabulary.js';
import { LISTING_KINDS } from '../../../common/market-vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import type { ListingInquiryTable } from '../../db/schema.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import type { Selectable } from 'kysely';
import { findListing, organizationsById, ownerOf } from './repo.js';
import type { InquiryAnswer, InquiryInput, InquiryQuery } from './schema.js';

type InquiryRow = Selectable<ListingInquiryTable>;

async function present(db: Executor, rows: InquiryRow[]): Promise<Inquiry[]> {
  const orgs = await organizationsById(db, rows.map((r) => r.from_organization_id));
  const titles = new Map<string, string>();
  for (const kind of ['achievement', 'demand'] as const) {
    const ids = [...new Set(rows.filter((r) => r.listing_kind === kind).map((r) => r.listing_id))];
    if (ids.length === 0) continue;
    const found = await db.selectFrom(kind as 'achievement').select(['id', 'title']).where('id', 'in', ids).execute();
    for (const f of found) titles.set(`${kind}:${f.id}`, f.title);
  }
  return rows.map((r) => {
    const org = r.from_organization_id ? orgs.get(r.from_organization_id) : undefined;
    return {
      id: r.id,
      listingKind: r.listing_kind as ListingKind,
      listingId: r.listing_id,
      listingTitle: titles.get(`${r.listing_kind}:${r.listing_id}`) ?? '',
      fromName: r.from_name,
      fromOrganization: org ? { id: org.id, name: org.name } : null,
      message: r.message,
      contact: r.contact,
      status: r.status as InquiryStatus,
      answer: r.answer,
      answeredByName: r.answered_by_name,
      answeredAt: r.answered_at,
      version: r.version,
      createdAt: r.created_at,
    };
  });
}

/** Sends an inquiry to the owner of a published listing. */
export async function createInquiry(ctx: Ctx, input: InquiryInput): Promise<Inquiry> {
  assertCan(ctx.actor, 'market.inquiry.create');
  if (!ctx.actor.id) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (input.fromOrganizationId && !ctx.actor.organizationIds.includes(input.fromOrganizationId)) {
    throw new AppError('FORBIDDEN', '只能以本单位名义联系', { field: 'fromOrganizationId' });
  }
  return inTransaction(ctx, async (trx) => {
    const listing = await findListing(trx, input.listingKind, input.listingId);
    if (!listing || listing.status !== 'published') throw notFound(LISTING_KINDS.label(input.listingKind), input.listingId);
    const owner = ownerOf(input.listingKind, listing);
    if (owner && ctx.actor.organizationIds.includes(owner) && ctx.actor.organizationIds.length === 1) {
      throw new AppError('CONFLICT', '不能联系本单位发布的信息', { field: 'listingId' });
    }
    const now = ctx.clock.now().toISOString();
    const row: InquiryRow = {
      id: newId(),
      listing_kind: input.listingKind,
      listing_id: input.listingId,
      jurisdiction_code: listing.jurisdiction_code,
      owner_organization_id: owner,
      from_user_id: ctx.actor.id!,
      from_name: ctx.actor.name,
      from_organization_id: input.fromOrganizationId ?? ctx.actor.organizationIds[0] ?? null,
      message: input.message,
      contact: input.contact ?? null,
      status: 'open',
      answer: null,
      answered_by_name: null,
      answered_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('listing_inquiry').values(row).execute();
    await audit(trx, ctx, {
      action: 'market.inquiry.create', subjectType: 'listing_inquiry', subjectId: row.id,
      after: { listingKind: row.listing_kind, listingId: row.listing_id, fromOrganizationId: row.from_organization_id, message: row.message },
    });
    return (await present(trx, [row]))[0]!;
  });
}

/** received: inquiries to the actor's listings (the operator: the whole jurisdiction); sent: the actor's own. */
export async function listInquiries(ctx: Ctx, query: InquiryQuery): Promise<{ items: Inquiry[]; total: number }> {
  let base = ctx.db.selectFrom('listing_inquiry');
  if (query.box === 'sent') {
    assertCan(ctx.actor, 'market.inquiry.create');
    base = base.where('from_user_id', '=', ctx.actor.id ?? '');
  } else {
    const scope = assertCan(ctx.actor, 'market.inquiry.read');
    base = scope === 'jurisdiction'
      ? base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)))
      : base.where('owner_organization_id', 'in', ctx.actor.organizationIds.length ? ctx.actor.organizationIds : ['']);
  }
  if (query.listingKind) base = base.where('listing_kind', '=', query.listingKind);
  if (query.listingId) base = base.where('listing_id', '=', query.listingId);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await present(ctx.db, rows), total: Number(total) };
}

/** The owner (or the operator) answers an inquiry, or closes it. */
export async function answerInquiry(ctx: Ctx, id: string, input: InquiryAnswer): Promise<Inquiry> {
  const scope = assertCan(ctx.actor, 'market.inquiry.answer');
  if (!input.answer && !input.close) throw new AppError('VALIDATION', '请填写回复，或选择关闭', { field: 'answer' });
  return inTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom('listing_inquiry').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('对接留言', id);
    const reaches = scope === 'jurisdiction'
      ? isWithinJurisdiction(ctx.actor.jurisdictionCode, row.jurisdiction_code)
      : !!row.owner_organization_id && ctx.actor.organizationIds.includes(row.owner_organization_id);
    if (!reaches) throw new AppError('FORBIDDEN', '无权回复该留言');
    if (row.version !== input.version) throw new AppError('CONFLICT', '该留言已被他人处理，请刷新后重试', { field: 'version' });
    if (row.status === 'closed') throw new AppError('CONFLICT', '该留言已关闭', { field: 'status' });
    const now = ctx.clock.now().toISOString();
    const status: InquiryStatus = input.close ? 'closed' : 'answered';
    const set = {
      status,
      updated_at: now,
      version: row.version + 1,
      ...(input.answer ? { answer: input.answer, answered_by_name: ctx.actor.name, answered_at: now } : {}),
    };
    const res = await trx.updateTable('listing_inquiry').set(set).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该留言已被他人处理，请刷新后重试', { field: 'version' });
    await audit(trx, ctx, {
      action: 'market.inquiry.answer', subjectType: 'listing_inquiry', subjectId: id,
      before: { status: row.status, version: row.version }, after: { status, version: row.version + 1, ...(input.answer ? { answer: input.answer } : {}) },
    });
    return (await present(trx, [{ ...row, ...set } as InquiryRow]))[0]!;
  });
}
