/**
 * Browsing without text: every listing of a kind that passes the filters, newest first, with exact
 * facet counts. The listings' attributes are read once per change of the index (search_stat's
 * generation) and kept in memory, newest first, so paging and counting are a scan of short strings
 * rather than a query per facet.
 */
import type { Executor } from '../../context.js';
import { attributeToken, FACETS, type Facet } from './attributes.js';
import type { SearchKind } from './documents.js';
import { countFacets, fetchDocuments, hitOf, loadStats, type SearchRequest, type SearchResult, type SearchSource } from './search.js';

interface BrowseRow {
  docId: number;
  jurisdiction: string;
  /** ' ' + attrs + ' ', so a token test is one includes(). */
  attrs: string;
}

const caches = new WeakMap<object, Map<SearchKind, { generation: number; rows: BrowseRow[] }>>();

async function browseRows(db: Executor, kind: SearchKind): Promise<BrowseRow[]> {
  const { generation } = await loadStats(db, kind);
  let byKind = caches.get(db);
  if (!byKind) caches.set(db, (byKind = new Map()));
  const cached = byKind.get(kind);
  if (cached && cached.generation === generation) return cached.rows;
  const rows = await db
    .selectFrom('search_doc')
    .select(['doc_id', 'jurisdiction_code', 'attrs'])
    .where('kind', '=', kind)
    .orderBy('published_on', 'desc')
    .orderBy('doc_id', 'desc')
    .execute();
  const list = rows.map((r) => ({ docId: r.doc_id, jurisdiction: r.jurisdiction_code, attrs: ` ${r.attrs} ` }));
  byKind.set(kind, { generation, rows: list });
  return list;
}

export async function browse(source: SearchSource, request: SearchRequest): Promise<SearchResult> {
  const rows = await browseRows(source.db, request.kind);
  const groups = (Object.entries(request.filters ?? {}) as [Facet, string[]][])
    .filter(([, values]) => values && values.length > 0)
    .map(([facet, values]) => values.map((v) => ` ${attributeToken(FACETS[facet], v)} `));
  const prefix = request.jurisdiction ?? '';
  const passing = rows.filter((r) => r.jurisdiction.startsWith(prefix) && groups.every((g) => g.some((t) => r.attrs.includes(t))));
  const offset = request.offset ?? 0;
  const pageIds = passing.slice(offset, offset + (request.limit ?? 10)).map((r) => r.docId);
  const docs = new Map((await fetchDocuments(source, pageIds)).map((d) => [d.doc_id, d]));
  return {
    total: passing.length,
    capped: false,
    hits: pageIds.map((id) => hitOf(docs.get(id)!, null, [])),
    facets: countFacets(passing.map((r) => r.attrs.trim())),
  };
}
