/**
 * Browsing without text: every listing of a kind that passes the filters, newest first, with exact
 * facet counts — the market's landing page, so it must stay quick at a million listings.
 *
 * The listings' attributes are read once per change of the index (search_stat's generation; an
 * index-only scan of search_doc_browse_cover_idx, migration 012) into a compact form kept in memory: rows in date order,
 * each attribute token numbered, and per token the ascending list of rows that carry it. A filter is
 * then a union of a few such lists per facet and an intersection across facets — already in date
 * order, so a page is a slice — and facets are counted over the rows that pass (over all rows,
 * counted once, when nothing is chosen).
 */
import { sql } from 'kysely';
import { attributeToken, FACETS, type Facet } from './attributes.js';
import type { SearchKind } from './documents.js';
import { facetsFromCounts, fetchDocuments, hitOf, loadStats, type SearchRequest, type SearchResult, type SearchSource } from './search.js';

interface BrowseIndex {
  generation: number;
  docIds: Int32Array;
  /** Each row's jurisdiction, as an index into `jurisdictions`. */
  jurisdictionOf: Int32Array;
  jurisdictions: string[];
  tokens: string[];
  tokenNumbers: Map<string, number>;
  /** Row r's token numbers are tokenIds[tokenStart[r] … tokenStart[r + 1]). */
  tokenStart: Int32Array;
  tokenIds: Int32Array;
  /** Per token number, the rows carrying it, ascending (= newest first). */
  rowsOf: Int32Array[];
  /** Token counts over all rows: the facets when nothing is chosen. */
  allCounts: Int32Array;
}

const caches = new WeakMap<object, Map<SearchKind, BrowseIndex>>();

type BrowseRow = [docId: number, jurisdictionCode: string, attrs: string];

async function readBrowseRows(source: SearchSource, kind: SearchKind): Promise<BrowseRow[]> {
  const query = 'select doc_id, jurisdiction_code, attrs from search_doc where kind = ? order by published_on desc, doc_id desc';
  // On SQLite, arrays straight from the driver: a million rows without a million objects.
  if (source.sqlite) return source.sqlite.prepare(query).raw().all(kind) as BrowseRow[];
  const { rows } = await sql<{ doc_id: number; jurisdiction_code: string; attrs: string }>`
    select doc_id, jurisdiction_code, attrs from search_doc where kind = ${kind} order by published_on desc, doc_id desc`.execute(source.db);
  return rows.map((r) => [r.doc_id, r.jurisdiction_code, r.attrs]);
}

async function loadBrowseIndex(source: SearchSource, kind: SearchKind, generation: number): Promise<BrowseIndex> {
  const rows = await readBrowseRows(source, kind);
  const n = rows.length;
  const docIds = new Int32Array(n);
  const jurisdictionOf = new Int32Array(n);
  const jurisdictionIndex = new Map<string, number>();
  const tokenIndex = new Map<string, number>();
  const tokenStart = new Int32Array(n + 1);
  const ids: number[] = [];
  const counts: number[] = [];
  rows.forEach(([docId, jurisdictionCode, attrs], r) => {
    docIds[r] = docId;
    let j = jurisdictionIndex.get(jurisdictionCode);
    if (j === undefined) jurisdictionIndex.set(jurisdictionCode, (j = jurisdictionIndex.size));
    jurisdictionOf[r] = j;
    tokenStart[r] = ids.length;
    for (const token of attrs.split(' ')) {
      if (!token) continue;
      let t = tokenIndex.get(token);
      if (t === undefined) {
        tokenIndex.set(token, (t = tokenIndex.size));
        counts.push(0);
      }
      ids.push(t);
      counts[t]! += 1;
    }
  });
  tokenStart[n] = ids.length;
  const tokenIds = Int32Array.from(ids);
  const rowsOf = counts.map((c) => new Int32Array(c));
  const fill = new Int32Array(counts.length);
  for (let r = 0; r < n; r++) {
    for (let i = tokenStart[r]!; i < tokenStart[r + 1]!; i++) {
      const t = tokenIds[i]!;
      rowsOf[t]![fill[t]!++] = r;
    }
  }
  return { generation, docIds, jurisdictionOf, jurisdictions: [...jurisdictionIndex.keys()], tokens: [...tokenIndex.keys()], tokenNumbers: tokenIndex, tokenStart, tokenIds, rowsOf, allCounts: Int32Array.from(counts) };
}

async function browseIndex(source: SearchSource, kind: SearchKind): Promise<BrowseIndex> {
  const { generation } = await loadStats(source.db, kind);
  let byKind = caches.get(source.db);
  if (!byKind) caches.set(source.db, (byKind = new Map()));
  const cached = byKind.get(kind);
  if (cached && cached.generation === generation) return cached;
  const index = await loadBrowseIndex(source, kind, generation);
  byKind.set(kind, index);
  return index;
}

/** Ascending union of ascending lists. */
function union(lists: Int32Array[]): Int32Array {
  if (lists.length === 1) return lists[0]!;
  const all = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i]!;
  return all.subarray(0, k);
}

/** Ascending intersection of two ascending lists. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out[k++] = a[i]!;
      i++;
      j++;
    }
  }
  return out.subarray(0, k);
}

export async function browse(source: SearchSource, request: SearchRequest): Promise<SearchResult> {
  const index = await browseIndex(source, request.kind);
  const empty = new Int32Array(0);
  let passing: Int32Array | null = null; // null: every row
  for (const [facet, values] of Object.entries(request.filters ?? {}) as [Facet, string[]][]) {
    if (!values?.length) continue;
    const lists = values.map((v) => {
      const t = index.tokenNumbers.get(attributeToken(FACETS[facet], v));
      return t === undefined ? empty : index.rowsOf[t]!;
    });
    const group = union(lists);
    passing = passing ? intersect(passing, group) : group;
  }
  if (request.jurisdiction) {
    const prefix = request.jurisdiction;
    const inside = new Set(index.jurisdictions.flatMap((j, i) => (j.startsWith(prefix) ? [i] : [])));
    const candidates = passing ?? Int32Array.from({ length: index.docIds.length }, (_, r) => r);
    passing = candidates.filter((r) => inside.has(index.jurisdictionOf[r]!));
  }

  let counts: Int32Array;
  if (passing === null) counts = index.allCounts;
  else {
    counts = new Int32Array(index.tokens.length);
    for (const r of passing) for (let i = index.tokenStart[r]!; i < index.tokenStart[r + 1]!; i++) counts[index.tokenIds[i]!]! += 1;
  }
  const total = passing === null ? index.docIds.length : passing.length;
  const offset = request.offset ?? 0;
  const pageRows = passing === null
    ? Array.from({ length: Math.max(0, Math.min(request.limit ?? 10, total - offset)) }, (_, i) => offset + i)
    : Array.from(passing.subarray(offset, offset + (request.limit ?? 10)));
  const pageIds = pageRows.map((r) => index.docIds[r]!);
  const docs = new Map((await fetchDocuments(source, pageIds)).map((d) => [d.doc_id, d]));
  return {
    total,
    capped: false,
    hits: pageIds.map((id) => hitOf(docs.get(id)!, null, [])),
    facets: facetsFromCounts(index.tokens.flatMap((t, i) => (counts[i]! > 0 ? [{ token: t, count: counts[i]! }] : []))),
  };
}
