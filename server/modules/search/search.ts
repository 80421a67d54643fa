/**
 * Searching the market's listings: Chinese full text with filters, facet counts, and sorting by
 * relevance or date, alike on SQLite and PostgreSQL.
 *
 * A text query runs in two steps (ADR 009). Retrieval: the database's full-text index lists the
 * documents, restricted by the filters, that hold the query's most distinctive terms — its terms
 * in order of rising document frequency, as many as keep the postings read under a budget — and
 * the RERANK documents holding the most of them (by idf) go on. Ranking: the application
 * scores those with BM25 over every term of the query (bigrams, characters, words) from the
 * statistics in search_term and search_stat, so the order does not depend on the database. The
 * budget is what keeps a long query fast on a million listings: common terms still count in the
 * score, they just do not pull every document that contains them into the race.
 *
 * The result set of a text query is what ranking returned (at most RERANK listings); its size is
 * the total and its facets are counted over it. Without text, every listing that passes the
 * filters is the result set, newest first.
 */
import type SqliteDatabase from 'better-sqlite3';
import { type Selectable, sql } from 'kysely';
import type { Db, DbHandle, Dialect } from '../../db/create-db.js';
import type { Executor } from '../../context.js';
import type { SearchDocTable } from '../../db/schema.js';
import { normalize, parseQuery, type QueryWord, termFrequencies } from './analyzer.js';
import { attributeToken, FACETS, type Facet } from './attributes.js';
import { type CollectionStats, idf, scoreDocument } from './bm25.js';
import type { FacetCount, SearchHit, SearchResult } from '../../../common/market-search.js';
import type { SearchKind } from './documents.js';
import { ftsTable } from './index-writer.js';
import { browse } from './browse.js';

/** Postings the retrieval step may read, summed over the terms it picks. */
export const RETRIEVAL_BUDGET = 10_000;
/** How many retrieved documents the application ranks. */
export const RERANK = 100;
const MAX_RETRIEVAL_TERMS = 16;

export type Filters = Partial<Record<Facet, readonly string[]>>;

export interface SearchRequest {
  kind: SearchKind;
  q?: string;
  /** A division code or its prefix (410411 the district, 4104 the city). */
  jurisdiction?: string;
  filters?: Filters;
  sort?: 'relevance' | 'date';
  limit?: number;
  offset?: number;
}

export type { FacetCount, SearchHit, SearchResult };

const CANDIDATE_COLUMNS = ['doc_id', 'entity_id', 'external_id', 'title', 'body', 'keywords', 'field', 'stage', 'region', 'price_kind', 'price_fen', 'attrs', 'published_on', 'length'] as const;
type CandidateRow = Pick<Selectable<SearchDocTable>, (typeof CANDIDATE_COLUMNS)[number]>;

export async function loadStats(db: Executor, kind: SearchKind): Promise<CollectionStats & { generation: number }> {
  const row = await db.selectFrom('search_stat').select(['doc_count', 'total_length', 'generation']).where('kind', '=', kind).executeTakeFirst();
  return { docCount: Number(row?.doc_count ?? 0), totalLength: Number(row?.total_length ?? 0), generation: Number(row?.generation ?? 0) };
}

export async function documentFrequencies(db: Executor, kind: SearchKind, terms: readonly string[]): Promise<Map<string, number>> {
  const df = new Map<string, number>();
  for (let i = 0; i < terms.length; i += 500) {
    const rows = await db.selectFrom('search_term').select(['term', 'df']).where('kind', '=', kind).where('term', 'in', terms.slice(i, i + 500)).execute();
    for (const r of rows) df.set(r.term, Number(r.df));
  }
  return df;
}

/** A retrieval term: a bigram or word, or one Han character matched as a prefix of bigrams. */
interface RetrievalTerm {
  term: string;
  prefix: boolean;
}

function retrievalTerms(words: readonly QueryWord[]): RetrievalTerm[] {
  const seen = new Map<string, RetrievalTerm>();
  for (const w of words) {
    for (const term of w.phrase) if (!seen.has(term)) seen.set(term, { term, prefix: w.singleHan });
  }
  return [...seen.values()];
}

/** The distinctive terms: rarest first, while the postings they read stay under the budget. */
export function pickRetrievalTerms(terms: readonly RetrievalTerm[], df: ReadonlyMap<string, number>): RetrievalTerm[] {
  const known = terms.filter((t) => (df.get(t.term) ?? 0) > 0).sort((a, b) => df.get(a.term)! - df.get(b.term)! || (a.term < b.term ? -1 : 1));
  const picked: RetrievalTerm[] = [];
  let postings = 0;
  for (const t of known) {
    const n = df.get(t.term)!;
    if (picked.length > 0 && (postings + n > RETRIEVAL_BUDGET || picked.length >= MAX_RETRIEVAL_TERMS)) break;
    picked.push(t);
    postings += n;
  }
  return picked;
}

/** The filters as groups of attribute tokens (any of a group, all groups). PostgreSQL keeps every
 * kind in one index, so the kind is a group there; SQLite has a table per kind. */
function attributeGroups(request: SearchRequest, dialect: Dialect): { tokens: string[]; prefix: boolean }[] {
  const groups: { tokens: string[]; prefix: boolean }[] = dialect === 'postgres' ? [{ tokens: [attributeToken('k', request.kind)], prefix: false }] : [];
  if (request.jurisdiction) groups.push({ tokens: [attributeToken('j', request.jurisdiction)], prefix: true });
  for (const [facet, values] of Object.entries(request.filters ?? {}) as [Facet, string[]][]) {
    if (values && values.length > 0) groups.push({ tokens: values.map((v) => attributeToken(FACETS[facet], v)), prefix: false });
  }
  return groups;
}

const ftsString = (s: string) => `"${s.replace(/"/g, '""')}"`;
const tsLexeme = (s: string) => `'${s.replace(/['\\]/g, '\\$&')}'`;

function fts5Match(term: RetrievalTerm, groups: ReturnType<typeof attributeGroups>): string {
  const text = term.prefix ? `(${ftsString(term.term)}* OR ${ftsString(term.term)})` : ftsString(term.term);
  const attrs = groups.map((g) => `(${g.tokens.map((t) => ftsString(t) + (g.prefix ? '*' : '')).join(' OR ')})`);
  return [text, ...attrs].join(' AND ');
}

function tsQuery(term: RetrievalTerm, groups: ReturnType<typeof attributeGroups>): string {
  const text = term.prefix ? `${tsLexeme(term.term)}:*` : tsLexeme(term.term);
  const attrs = groups.map((g) => `(${g.tokens.map((t) => tsLexeme(t) + (g.prefix ? ':*' : '')).join(' | ')})`);
  return [text, ...attrs].join(' & ');
}

/**
 * PostgreSQL's planner prices reading a tsvector too low and, on a table of a few ten thousand
 * listings, scans the whole table for every term (≈ 30 ms each) instead of the GIN index (≈ 3 ms);
 * retrieval asks only index-shaped questions, so it turns sequential scans off for its own queries.
 */
async function withIndexScans(source: SearchSource, work: (s: SearchSource) => Promise<void>): Promise<void> {
  if (source.dialect !== 'postgres') return work(source);
  if (source.db.isTransaction) {
    await sql`set local enable_seqscan = off`.execute(source.db);
    try {
      await work(source);
    } finally {
      await sql`set local enable_seqscan = on`.execute(source.db);
    }
    return;
  }
  await (source.db as Db).transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await work({ ...source, db: trx });
  });
}

/** The documents of the request's kind passing its filters that hold one term. */
async function postings(source: SearchSource, kind: SearchKind, term: RetrievalTerm, groups: ReturnType<typeof attributeGroups>): Promise<number[]> {
  if (source.dialect === 'postgres') {
    const { rows } = await sql<{ doc_id: number }>`select doc_id from search_doc where tsv @@ ${tsQuery(term, groups)}::tsquery`.execute(source.db);
    return rows.map((r) => r.doc_id);
  }
  const match = fts5Match(term, groups);
  if (source.sqlite) return source.sqlite.prepare(`select rowid from ${ftsTable(kind)} where ${ftsTable(kind)} match ?`).pluck().all(match) as number[];
  const { rows } = await sql<{ doc_id: number }>`select rowid as doc_id from ${sql.table(ftsTable(kind))} where ${sql.table(ftsTable(kind))} match ${match}`.execute(source.db);
  return rows.map((r) => r.doc_id);
}

/**
 * Retrieval: the documents holding the picked terms, best first by the idf of the terms each
 * holds, at most RERANK of them; ties go to the older document.
 */
async function retrieve(source: SearchSource, picked: readonly RetrievalTerm[], idfOf: (term: string) => number, request: SearchRequest): Promise<number[]> {
  const groups = attributeGroups(request, source.dialect);
  const partial = new Map<number, number>();
  await withIndexScans(source, async (s) => {
    for (const term of picked) {
      const w = idfOf(term.term);
      for (const id of await postings(s, request.kind, term, groups)) partial.set(id, (partial.get(id) ?? 0) + w);
    }
  });
  return [...partial]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, RERANK)
    .map(([id]) => id);
}

const SNIPPET = 120;

export function snippetOf(body: string, words: readonly string[]): string {
  if (!body) return '';
  const lower = normalize(body);
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = at < 0 || at < SNIPPET / 3 ? 0 : at - Math.floor(SNIPPET / 3);
  const text = Array.from(body.slice(start)).slice(0, SNIPPET).join('');
  return (start > 0 ? '…' : '') + text + (text.length < body.length - start ? '…' : '');
}

function emptyFacets(): Record<Facet, FacetCount[]> {
  return Object.fromEntries(Object.keys(FACETS).map((f) => [f, []])) as unknown as Record<Facet, FacetCount[]>;
}

/** Facets from attribute-token counts (f_04 → field 04 …), most frequent first. */
export function facetsFromCounts(counts: Iterable<{ token: string; count: number }>): Record<Facet, FacetCount[]> {
  const facets = emptyFacets();
  const prefixes = Object.entries(FACETS).map(([facet, prefix]) => [facet as Facet, `${prefix}_`] as const);
  for (const { token, count } of counts) {
    for (const [facet, p] of prefixes) if (token.startsWith(p)) facets[facet].push({ value: token.slice(p.length), count });
  }
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return facets;
}

/** Facet counts from the attribute tokens of the listings in a result set. */
export function countFacets(attrLists: Iterable<string>): Record<Facet, FacetCount[]> {
  const counts = new Map<string, number>();
  for (const attrs of attrLists) for (const t of attrs.split(' ')) counts.set(t, (counts.get(t) ?? 0) + 1);
  return facetsFromCounts([...counts].map(([token, count]) => ({ token, count })));
}

function hitOf(row: CandidateRow, score: number | null, words: string[]): SearchHit {
  return {
    entityId: row.entity_id,
    externalId: row.external_id,
    title: row.title,
    snippet: snippetOf(row.body, words),
    publishedOn: row.published_on,
    field: row.field,
    stage: row.stage,
    region: row.region,
    priceKind: row.price_kind,
    priceFen: row.price_fen === null ? null : Number(row.price_fen),
    score,
    matchedWords: words,
  };
}


export async function fetchDocuments(source: SearchSource, docIds: readonly number[]): Promise<CandidateRow[]> {
  const rows: CandidateRow[] = [];
  for (let i = 0; i < docIds.length; i += 500) {
    const ids = docIds.slice(i, i + 500);
    if (source.sqlite) {
      rows.push(...(source.sqlite.prepare(`select ${CANDIDATE_COLUMNS.join(', ')} from search_doc where doc_id in (select value from json_each(?))`).all(JSON.stringify(ids)) as CandidateRow[]));
    } else {
      rows.push(...(await source.db.selectFrom('search_doc').select(CANDIDATE_COLUMNS).where('doc_id', 'in', ids).execute()));
    }
  }
  return rows;
}

function page<T>(items: readonly T[], request: SearchRequest): T[] {
  const offset = request.offset ?? 0;
  return items.slice(offset, offset + (request.limit ?? 10));
}

/** Receives each step's duration (the benchmark reports them). */
export type SearchObserver = (step: 'statistics' | 'retrieval' | 'fetch' | 'ranking', ms: number) => void;

/**
 * Where a search reads: the database (a read connection where there is one), its dialect, and on
 * SQLite the connection itself, so the hot reads skip the query builder.
 */
export interface SearchSource {
  db: Executor;
  dialect: Dialect;
  sqlite?: SqliteDatabase.Database;
}

/** A handle's read side as a search source. */
export function readSource(handle: DbHandle): SearchSource {
  return { db: handle.readDb, dialect: handle.dialect, ...(handle.readSqlite ? { sqlite: handle.readSqlite } : {}) };
}

export async function searchListings(source: SearchSource, request: SearchRequest, observe?: SearchObserver): Promise<SearchResult> {
  const { db } = source;
  const query = parseQuery(request.q ?? '');
  if (query.terms.length === 0) return browse(source, request);
  let mark = performance.now();
  const step = (name: Parameters<SearchObserver>[0]) => {
    const now = performance.now();
    observe?.(name, now - mark);
    mark = now;
  };

  const stats = await loadStats(db, request.kind);
  const candidates = retrievalTerms(query.words);
  const df = await documentFrequencies(db, request.kind, [...new Set([...query.terms, ...candidates.map((c) => c.term)])]);
  const picked = pickRetrievalTerms(candidates, df);
  if (picked.length === 0) return { total: 0, capped: false, hits: [], facets: emptyFacets() };

  const weights = new Map<string, number>();
  for (const t of query.terms) if (df.has(t)) weights.set(t, idf(stats, df.get(t)!));
  step('statistics');
  const docIds = await retrieve(source, picked, (t) => weights.get(t) ?? idf(stats, df.get(t)!), request);
  step('retrieval');
  const rows = await fetchDocuments(source, docIds);
  step('fetch');

  const words = query.words.map((w) => w.text);
  const terms = [...weights.keys()];
  const ranked = rows
    .map((row) => {
      const score = scoreDocument([termFrequencies(row.title, terms), termFrequencies(row.body, terms), termFrequencies(row.keywords, terms)], row.length, stats, weights);
      const text = normalize(`${row.title}\n${row.body}\n${row.keywords}`);
      return { row, score, words: words.filter((w) => text.includes(w)) };
    })
    .sort((a, b) => b.score - a.score || (a.row.entity_id < b.row.entity_id ? -1 : a.row.entity_id > b.row.entity_id ? 1 : 0));
  step('ranking');
  if (request.sort === 'date') ranked.sort((a, b) => (a.row.published_on < b.row.published_on ? 1 : a.row.published_on > b.row.published_on ? -1 : 0));

  return {
    total: ranked.length,
    capped: docIds.length >= RERANK,
    hits: page(ranked, request).map((r) => hitOf(r.row, r.score, r.words)),
    facets: countFacets(ranked.map((r) => r.row.attrs)),
  };
}

export { hitOf, emptyFacets, page };
export type { CandidateRow };
