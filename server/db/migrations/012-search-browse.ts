/**
 * Browsing the market without text reads every listing's attributes in date order (search/browse.ts);
 * this index holds exactly those columns, so the read is an index-only scan rather than a walk
 * through the listings' text. Frozen in time like 001–011.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('search_doc_browse_cover_idx').on('search_doc').columns(['kind', 'published_on', 'doc_id', 'jurisdiction_code', 'attrs']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('search_doc_browse_cover_idx').execute();
}
