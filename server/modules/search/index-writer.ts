/**
 * Keeps the search index in step with the listings. The listings modules call these inside their
 * own transaction, so the index never disagrees with what is published.
 *
 * One document = a search_doc row (text, filter columns, token count), its terms in the full-text
 * index (FTS5 on SQLite, a tsvector on PostgreSQL), and its share of the per-kind statistics that
 * ranking reads: each distinct ranking term's document frequency (search_term) and the document
 * count and total length (search_stat).
 */
import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import type { Dialect } from '../../db/create-db.js';
import type { Executor } from '../../context.js';
import type { SearchDocTable } from '../../db/schema.js';
import { indexTerms, rankingTerms } from './analyzer.js';
import { attributeTokens } from './attributes.js';
import { DfCounter } from './df-counter.js';
import { SEARCH_KINDS, type SearchDocument, type SearchKind } from './documents.js';

/** SQLite keeps one full-text table per kind (migration 005). */
export function ftsTable(kind: SearchKind): string {
  if (!SEARCH_KINDS.includes(kind)) throw new Error(`unknown search kind ${kind}`);
  return `search_fts_${kind}`;
}

/** The three text fields of a document. */
export interface DocText {
  title: string;
  body: string;
  keywords: string;
}

export function docText(doc: Pick<SearchDocument, 'title' | 'body' | 'keywords'>): DocText {
  return { title: doc.title, body: doc.body, keywords: doc.keywords.join('；') };
}

/** Ranking terms of a stored document: per field, with repeats (term frequency). */
export function fieldTerms(text: DocText): [string[], string[], string[]] {
  return [rankingTerms(text.title), rankingTerms(text.body), rankingTerms(text.keywords)];
}

interface Prepared {
  row: Omit<SearchDocTable, 'doc_id' | 'tsv' | 'kind'> & { kind: SearchKind };
  /** The document's index terms and attribute tokens, space-separated. */
  terms: string;
}

/** Prepares a document for the index, counting its ranking terms in `counter`. */
function prepare(doc: SearchDocument, counter: DfCounter): Prepared {
  const text = docText(doc);
  const length = counter.addDocument([text.title, text.body, text.keywords]);
  const attrs = attributeTokens(doc);
  // Repeated terms are fine: the full-text index keeps each document once per term.
  const terms = [indexTerms(text.title).join(' '), indexTerms(text.body).join(' '), indexTerms(text.keywords).join(' '), attrs.join(' ')].filter(Boolean).join(' ');
  return {
    row: {
      kind: doc.kind,
      entity_id: doc.entityId,
      jurisdiction_code: doc.jurisdictionCode,
      external_id: doc.externalId,
      title: text.title,
      body: text.body,
      keywords: text.keywords,
      field: doc.field,
      stage: doc.stage,
      trl: doc.trl,
      region: doc.region,
      price_kind: doc.priceKind,
      price_fen: doc.priceFen,
      attrs: attrs.join(' '),
      published_on: doc.publishedOn,
      length,
      is_demo: doc.isDemo ? 1 : 0,
    },
    terms,
  };
}

/** A PostgreSQL tsvector literal (no positions: the index only says which documents hold a term; duplicates collapse). */
export function tsvectorLiteral(terms: string): string {
  return terms
    .split(' ')
    .filter(Boolean)
    .map((t) => `'${t.replace(/['\\]/g, '\\$&')}'`)
    .join(' ');
}

/** Per-term change of document frequency, summed over a batch. */
function subtractCounts(into: Map<string, number>, terms: Iterable<string>): void {
  for (const term of terms) into.set(term, (into.get(term) ?? 0) - 1);
}

async function applyStatistics(trx: Executor, dialect: Dialect, kind: SearchKind, df: Map<string, number>, docs: number, length: number, sqlite?: SqliteDatabase.Database): Promise<void> {
  const entries = [...df].filter(([, n]) => n !== 0);
  if (sqlite) {
    const upsert = sqlite.prepare('insert into search_term (kind, term, df) values (?, ?, ?) on conflict (kind, term) do update set df = df + excluded.df');
    for (const [term, n] of entries) upsert.run(kind, term, n);
  } else if (dialect === 'postgres') {
    for (let i = 0; i < entries.length; i += 20_000) {
      const chunk = entries.slice(i, i + 20_000);
      await sql`insert into search_term (kind, term, df)
        select ${kind}, t, n from unnest(${chunk.map((e) => e[0])}::text[], ${chunk.map((e) => e[1])}::int[]) as u(t, n)
        on conflict (kind, term) do update set df = search_term.df + excluded.df`.execute(trx);
    }
  } else {
    for (const [term, n] of entries) {
      await sql`insert into search_term (kind, term, df) values (${kind}, ${term}, ${n})
        on conflict (kind, term) do update set df = df + excluded.df`.execute(trx);
    }
  }
  if (entries.some(([, n]) => n < 0)) await sql`delete from search_term where kind = ${kind} and df <= 0`.execute(trx);
  await sql`insert into search_stat (kind, doc_count, total_length, generation) values (${kind}, ${docs}, ${length}, 1)
    on conflict (kind) do update set doc_count = search_stat.doc_count + excluded.doc_count,
      total_length = search_stat.total_length + excluded.total_length, generation = search_stat.generation + 1`.execute(trx);
}

/** Removes indexed documents of one kind; returns what their removal takes off the statistics. */
async function removeIndexed(trx: Executor, dialect: Dialect, kind: SearchKind, entityIds: readonly string[], df: Map<string, number>): Promise<{ docs: number; length: number }> {
  let docs = 0;
  let length = 0;
  for (let i = 0; i < entityIds.length; i += 500) {
    const old = await trx
      .selectFrom('search_doc')
      .select(['doc_id', 'title', 'body', 'keywords', 'length'])
      .where('kind', '=', kind)
      .where('entity_id', 'in', entityIds.slice(i, i + 500))
      .execute();
    for (const row of old) {
      const [t, b, k] = fieldTerms(row);
      subtractCounts(df, new Set([...t, ...b, ...k]));
      docs -= 1;
      length -= row.length;
      if (dialect === 'sqlite') await sql`delete from ${sql.table(ftsTable(kind))} where rowid = ${row.doc_id}`.execute(trx);
    }
    if (old.length > 0) await trx.deleteFrom('search_doc').where('doc_id', 'in', old.map((r) => r.doc_id)).execute();
  }
  return { docs, length };
}

/**
 * Adds the documents, or replaces them when (kind, entityId) is already indexed. `sqlite` — the
 * connection `trx` runs on (Ctx.sqlite) — takes the fast path of prepared statements for big batches.
 */
export async function indexDocuments(trx: Executor, dialect: Dialect, docs: readonly SearchDocument[], sqlite?: SqliteDatabase.Database): Promise<void> {
  const kinds = new Set(docs.map((d) => d.kind));
  for (const kind of kinds) {
    const ofKind = docs.filter((d) => d.kind === kind);
    const df = new Map<string, number>();
    const removed = await removeIndexed(trx, dialect, kind, ofKind.map((d) => d.entityId), df);
    const counter = new DfCounter();
    const prepared = ofKind.map((d) => prepare(d, counter));
    if (dialect === 'sqlite' && sqlite) insertSqliteFast(sqlite, kind, prepared);
    else await insertPortable(trx, dialect, prepared);
    for (const [term, n] of counter.entries()) df.set(term, (df.get(term) ?? 0) + n);
    await applyStatistics(trx, dialect, kind, df, removed.docs + counter.documents, removed.length + counter.totalLength, dialect === 'sqlite' ? sqlite : undefined);
  }
}

async function insertPortable(trx: Executor, dialect: Dialect, prepared: Prepared[]): Promise<void> {
  for (const p of prepared) {
    if (dialect === 'postgres') {
      await trx
        .insertInto('search_doc')
        .values({ ...p.row, tsv: sql<string>`${tsvectorLiteral(p.terms)}::tsvector` as never })
        .execute();
    } else {
      const { doc_id } = await trx.insertInto('search_doc').values({ ...p.row, tsv: null }).returning('doc_id').executeTakeFirstOrThrow();
      await sql`insert into ${sql.table(ftsTable(p.row.kind))} (rowid, terms) values (${doc_id}, ${p.terms})`.execute(trx);
    }
  }
}

const statements = new WeakMap<SqliteDatabase.Database, Map<SearchKind, { doc: SqliteDatabase.Statement; fts: SqliteDatabase.Statement }>>();

function insertSqliteFast(sqlite: SqliteDatabase.Database, kind: SearchKind, prepared: Prepared[]): void {
  let byKind = statements.get(sqlite);
  if (!byKind) statements.set(sqlite, (byKind = new Map()));
  let s = byKind.get(kind);
  if (!s) {
    s = {
      doc: sqlite.prepare(`insert into search_doc (kind, entity_id, jurisdiction_code, external_id, title, body, keywords, field, stage, trl, region, price_kind, price_fen, attrs, published_on, length, is_demo)
        values (@kind, @entity_id, @jurisdiction_code, @external_id, @title, @body, @keywords, @field, @stage, @trl, @region, @price_kind, @price_fen, @attrs, @published_on, @length, @is_demo)`),
      fts: sqlite.prepare(`insert into ${ftsTable(kind)} (rowid, terms) values (?, ?)`),
    };
    byKind.set(kind, s);
  }
  for (const p of prepared) {
    const { lastInsertRowid } = s.doc.run(p.row);
    s.fts.run(lastInsertRowid, p.terms);
  }
}

/** Takes the listings out of the index; ids not indexed are ignored. */
export async function removeDocuments(trx: Executor, dialect: Dialect, kind: SearchKind, entityIds: readonly string[]): Promise<void> {
  const df = new Map<string, number>();
  const removed = await removeIndexed(trx, dialect, kind, entityIds, df);
  if (removed.docs !== 0) await applyStatistics(trx, dialect, kind, df, removed.docs, removed.length);
}

/** Empties the index of one kind (before rebuilding it from the listings). */
export async function clearIndex(trx: Executor, dialect: Dialect, kind: SearchKind): Promise<void> {
  await trx.deleteFrom('search_doc').where('kind', '=', kind).execute();
  await trx.deleteFrom('search_term').where('kind', '=', kind).execute();
  await trx.deleteFrom('search_stat').where('kind', '=', kind).execute();
  if (dialect === 'sqlite') await sql`insert into ${sql.table(ftsTable(kind))} (${sql.table(ftsTable(kind))}) values ('delete-all')`.execute(trx);
}
