/**
 * The market's search index (issue 4): one row per searchable listing in `search_doc` (its text,
 * the attributes search filters and counts by, its token count), the document frequency of every
 * index term per listing kind in `search_term`, the collection totals in `search_stat`, and the
 * full-text index itself — an FTS5 table on SQLite, a `tsvector` column with a GIN index on
 * PostgreSQL, each holding which documents contain which terms — over terms the application makes (server/modules/search/analyzer.ts), because
 * neither database ships a Chinese tokenizer. Ranking is computed by the application from
 * `search_term` and `search_stat`, so both databases rank alike. Frozen in time like 001–004.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** The listing kinds searched (server/modules/search/documents.ts SEARCH_KINDS, as of this migration). */
const KINDS = ['achievement', 'demand'];

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('search_doc')
    .addColumn('doc_id', 'integer', (c) => (postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('stage', 'text')
    .addColumn('trl', 'integer')
    .addColumn('region', 'text')
    .addColumn('price_kind', 'text')
    .addColumn('price_fen', 'bigint')
    .addColumn('attrs', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tsv', postgres ? sql`tsvector` : 'text')
    .addUniqueConstraint('search_doc_entity_uq', ['kind', 'entity_id'])
    .execute();
  await db.schema.createIndex('search_doc_browse_idx').on('search_doc').columns(['kind', 'published_on']).execute();

  await db.schema
    .createTable('search_term')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('df', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_term_pk', ['kind', 'term'])
    .modifyEnd(postgres ? sql`` : sql`without rowid`)
    .execute();

  await db.schema
    .createTable('search_stat')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('doc_count', 'integer', (c) => c.notNull())
    .addColumn('total_length', 'bigint', (c) => c.notNull())
    // Bumped by every change to the kind's index, so caches of counts know when they are stale.
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  if (postgres) {
    await sql`create index search_doc_tsv_idx on search_doc using gin (tsv)`.execute(db);
  } else {
    // Which documents hold which terms, nothing more: the text lives in search_doc and ranking is
    // the application's, so no positions or columns (detail=none) — a third of the size and build
    // time. `tokenchars '_'` keeps attribute tokens (f_04) whole.
    // One table per listing kind, so a search reads only its kind's postings.
    for (const kind of KINDS) {
      await sql.raw(`create virtual table search_fts_${kind} using fts5(terms, content='', contentless_delete=1, detail=none, tokenize="unicode61 remove_diacritics 0 tokenchars '_'")`).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) for (const kind of KINDS) await sql.raw(`drop table if exists search_fts_${kind}`).execute(db);
  for (const t of ['search_stat', 'search_term', 'search_doc']) await db.schema.dropTable(t).execute();
}
