/**
 * The moderation workflow of listings (achievements and demands) — one state table. Each move
 * names the action (permission + audit action) that performs it.
 *
 * draft → pending (submitted for review) → published | returned (with a reason; the owner edits
 * and submits again); published → withdrawn (by the owner or the operator) | expired (by the
 * daily job at expires_on / deadline). A withdrawn or expired listing may be edited and submitted
 * again; a pending one may be withdrawn by its owner.
 */
import { LISTING_STATUSES, type ListingStatus } from '../../../common/market-vocabulary.js';
import { AppError } from '../../errors.js';
import type { Action } from '../access/permissions.js';

/** The system's own move (expiry) has no user action: it is audited as market.listing.expire. */
export type ListingAction = Action | 'market.listing.expire';

export const TRANSITIONS: Record<ListingStatus, Partial<Record<ListingStatus, ListingAction>>> = {
  draft: { pending: 'market.listing.submit' },
  pending: { published: 'market.listing.moderate', returned: 'market.listing.moderate', withdrawn: 'market.listing.withdraw' },
  returned: { pending: 'market.listing.submit' },
  published: { withdrawn: 'market.listing.withdraw', expired: 'market.listing.expire' },
  withdrawn: { pending: 'market.listing.submit' },
  expired: { pending: 'market.listing.submit' },
};

/** The action a user needs to move a listing into `to` (whatever its status): checked before loading it. */
export const TARGET_ACTION: Record<ListingStatus, ListingAction> = {
  draft: 'market.listing.update',
  pending: 'market.listing.submit',
  published: 'market.listing.moderate',
  returned: 'market.listing.moderate',
  withdrawn: 'market.listing.withdraw',
  expired: 'market.listing.expire',
};

/** Statuses in which the owner may edit the listing. */
export const EDITABLE_STATUSES: readonly ListingStatus[] = ['draft', 'returned', 'withdrawn', 'expired'];

/** The action that moves a listing from `from` to `to`; throws CONFLICT (409) for an illegal move. */
export function transitionAction(from: ListingStatus, to: ListingStatus): ListingAction {
  const action = TRANSITIONS[from][to];
  if (!action) {
    const allowed = nextStatuses(from);
    throw new AppError(
      'CONFLICT',
      `不能从“${LISTING_STATUSES.label(from)}”变为“${LISTING_STATUSES.label(to)}”` +
        (allowed.length ? `（可变为：${allowed.map((s) => LISTING_STATUSES.label(s)).join('、')}）` : ''),
      { field: 'to' },
    );
  }
  return action;
}

/** The moves a user may make from `from` (expiry is the system's). */
export function nextStatuses(from: ListingStatus): ListingStatus[] {
  return (Object.keys(TRANSITIONS[from]) as ListingStatus[]).filter((to) => to !== 'expired');
}
