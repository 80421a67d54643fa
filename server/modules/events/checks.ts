/** Checks of an event's organizer and featured listings; every error names its field. */
import type { ListingKind } from '../../../common/market-vocabulary.js';
import type { Executor } from '../../context.js';
import { AppError } from '../../errors.js';

/** The organizer's name: given, or the organizer organization's. */
export async function organizerNameOf(db: Executor, organizationId: string | null | undefined, name: string | undefined): Promise<string> {
  if (organizationId) {
    const org = await db.selectFrom('organization').select(['id', 'name']).where('id', '=', organizationId).executeTakeFirst();
    if (!org) throw new AppError('VALIDATION', `机构不存在：${organizationId}`, { field: 'organizerOrganizationId' });
    return name ?? org.name;
  }
  if (!name) throw new AppError('VALIDATION', '请填写主办单位', { field: 'organizerName' });
  return name;
}

export async function checkListings(db: Executor, listings: { kind: ListingKind; id: string }[]): Promise<void> {
  for (const [i, l] of listings.entries()) {
    const found = await db.selectFrom(l.kind as 'achievement').select(['id', 'status']).where('id', '=', l.id).executeTakeFirst();
    if (!found) throw new AppError('VALIDATION', `${l.kind === 'achievement' ? '科技成果' : '技术需求'}不存在：${l.id}`, { field: `listings.${i}.id` });
    if (found.status !== 'published') throw new AppError('VALIDATION', '只能展示已发布的成果或需求', { field: `listings.${i}.id` });
  }
}
