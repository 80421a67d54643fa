/** Equity holders (股东) of an organization, in basis points: the links related-party checks follow. */
import type { EquityHolderInput } from '../../../common/registry-schema.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { assertDirectWrite } from './verified-facts.js';
import { findOrganizationById } from './organization-repo.js';

/** Replaces an organization's equity holders (percent in basis points, total ≤ 100 %). */
export async function setEquityHolders(ctx: Ctx, organizationId: string, holders: EquityHolderInput[]): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const org = await findOrganizationById(trx, organizationId);
    if (!org) throw notFound('机构', organizationId);
    assertDirectWrite(ctx.actor, 'registry.equity.replace', org, '股权结构');
    const rows = await equityRows(trx, organizationId, holders);
    const before = await trx.selectFrom('equity_holding').selectAll().where('organization_id', '=', organizationId).execute();
    await trx.deleteFrom('equity_holding').where('organization_id', '=', organizationId).execute();
    if (rows.length) await trx.insertInto('equity_holding').values(rows).execute();
    await audit(trx, ctx, {
      action: 'registry.equity.replace',
      subjectType: 'organization',
      subjectId: organizationId,
      before: before.map(({ id: _id, ...r }) => r),
      after: rows.map(({ id: _id, ...r }) => r),
    });
  });
}

export async function equityRows(db: Executor, organizationId: string, holders: EquityHolderInput[]) {
  const total = holders.reduce((sum, h) => sum + Math.round(h.percent * 100), 0);
  if (total > 10_000) throw new AppError('VALIDATION', `持股比例合计 ${total / 100}% 超过 100%`, { field: 'percent' });
  const rows = [];
  for (const [i, h] of holders.entries()) {
    const bp = Math.round(h.percent * 100);
    if (Math.abs(bp - h.percent * 100) > 1e-6) {
      throw new AppError('VALIDATION', '持股比例最多两位小数', { field: `holders.${i}.percent` });
    }
    if (h.holderType === 'organization') {
      if (h.holderOrganizationId === organizationId) throw new AppError('VALIDATION', '机构不能持有自身股权', { field: `holders.${i}.holderOrganizationId` });
      const found = await db.selectFrom('organization').select('id').where('id', '=', h.holderOrganizationId!).executeTakeFirst();
      if (!found) throw new AppError('VALIDATION', `股东机构不存在：${h.holderOrganizationId}`, { field: `holders.${i}.holderOrganizationId` });
    } else {
      const found = await db.selectFrom('person').select('id').where('id', '=', h.holderPersonId!).executeTakeFirst();
      if (!found) throw new AppError('VALIDATION', `股东人员不存在：${h.holderPersonId}`, { field: `holders.${i}.holderPersonId` });
    }
    rows.push({
      id: newId(),
      organization_id: organizationId,
      holder_type: h.holderType,
      holder_organization_id: h.holderType === 'organization' ? h.holderOrganizationId! : null,
      holder_person_id: h.holderType === 'person' ? h.holderPersonId! : null,
      percent_bp: bp,
    });
  }
  return rows;
}
