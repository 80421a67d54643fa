/** A listing's matches for the people who may act on them: its owner, brokers and the operator. */
import type { ListingKind } from '../../../common/market-vocabulary.js';
import type { Ctx } from '../../context.js';
import { loadListingFor } from '../market/listings.js';
import type { SearchSource } from '../search/search.js';
import { findMatches, type Matches } from './matching.js';

export async function getMatches(ctx: Ctx, source: SearchSource, kind: ListingKind, id: string): Promise<Matches> {
  await loadListingFor(source.db, ctx.actor, kind, 'market.match.read', id);
  return findMatches(source, kind, id);
}
