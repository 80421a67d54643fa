/**
 * A published listing as the search module indexes it (server/modules/search/documents.ts), and
 * the one place that keeps the index in step: `syncSearchIndex` runs inside the transaction that
 * changes a listing, so the index never disagrees with what is published.
 */
import { chinaDate } from '../../../common/dates.js';
import type { Ctx, Executor } from '../../context.js';
import type { AchievementTable, DemandTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import type { SearchDocument } from '../search/documents.js';
import { indexDocuments, removeDocuments } from '../search/index-writer.js';

export type AchievementRow = Selectable<AchievementTable>;
export type DemandRow = Selectable<DemandTable>;

const list = (json: string): string[] => JSON.parse(json) as string[];
const publishedOn = (row: { published_at: string | null; updated_at: string }) => chinaDate(new Date(row.published_at ?? row.updated_at));

/** An achievement row → its search document. */
export function achievementSearchDocument(row: AchievementRow): SearchDocument {
  return {
    kind: 'achievement',
    entityId: row.id,
    jurisdictionCode: row.jurisdiction_code,
    externalId: row.external_id,
    title: row.title,
    body: row.description,
    keywords: list(row.keywords),
    field: row.technical_field,
    industries: list(row.industries),
    stage: row.stage,
    trl: row.trl,
    modes: list(row.transfer_modes),
    region: row.origin_region,
    priceKind: row.price_kind,
    priceFen: row.price_fen === null ? null : Number(row.price_fen),
    tags: list(row.tags),
    publishedOn: publishedOn(row),
    isDemo: row.is_demo === 1,
  };
}

/** A demand row → its search document: body = problem + expected indicators; price = the budget ceiling. */
export function demandSearchDocument(row: DemandRow): SearchDocument {
  const budget = row.budget_max_fen ?? row.budget_min_fen;
  return {
    kind: 'demand',
    entityId: row.id,
    jurisdictionCode: row.jurisdiction_code,
    externalId: row.external_id,
    title: row.title,
    body: row.indicators ? `${row.problem}\n${row.indicators}` : row.problem,
    keywords: list(row.keywords),
    field: row.technical_field,
    industries: list(row.industries),
    stage: null,
    trl: null,
    modes: [],
    region: row.origin_region,
    priceKind: budget === null ? null : 'budget',
    priceFen: budget === null ? null : Number(budget),
    tags: row.is_challenge === 1 ? [...list(row.tags), 'challenge'] : list(row.tags),
    publishedOn: publishedOn(row),
    isDemo: row.is_demo === 1,
  };
}

export type ListingRowOf = { achievement: AchievementRow; demand: DemandRow };

export function searchDocumentOf<K extends keyof ListingRowOf>(kind: K, row: ListingRowOf[K]): SearchDocument {
  return kind === 'achievement' ? achievementSearchDocument(row as AchievementRow) : demandSearchDocument(row as DemandRow);
}

/**
 * After a listing changed inside `trx`: (re)index it when it is published now, take it out of the
 * index when it was published before and is not now.
 */
export async function syncSearchIndex<K extends keyof ListingRowOf>(ctx: Ctx, trx: Executor, kind: K, wasPublished: boolean, row: ListingRowOf[K]): Promise<void> {
  if (row.status === 'published') await indexDocuments(trx, ctx.dialect, [searchDocumentOf(kind, row)]);
  else if (wasPublished) await removeDocuments(trx, ctx.dialect, kind, [row.id]);
}

/**
 * Every published listing of a kind as search documents, a page at a time (id order): for
 * rebuilding the index from the listings.
 */
export async function* publishedSearchDocuments(db: Executor, kind: keyof ListingRowOf, pageSize = 1000): AsyncGenerator<SearchDocument[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom(kind as 'achievement')
      .selectAll()
      .where('status', '=', 'published')
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length) yield rows.map((r) => searchDocumentOf(kind, r as never));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}
