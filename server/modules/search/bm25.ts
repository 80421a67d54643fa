/**
 * BM25 with field weights, computed by the application so SQLite and PostgreSQL rank alike.
 *
 * Per query term t and document d: tf = Σ over fields of weight × occurrences of t in the field;
 * score += idf(t) × tf × (k1 + 1) / (tf + k1 × (1 − b + b × |d| / avg|d|)), with |d| the document's
 * ranking terms over all fields (FTS5's bm25() works the same way). idf = ln(1 + (N − df + 0.5) /
 * (df + 0.5)), Lucene's form, which never goes negative for very common terms.
 *
 * The title weighs less than the description and keywords: imported records often are a title
 * alone, and BM25's length normalization would let a short title that shares words with a query
 * outrank the full description it should find (measured on the CSL dev set, ADR 009).
 */
export const K1 = 1.2;
export const B = 0.75;
/** title, body (description / problem), keywords. */
export const FIELD_WEIGHTS = [0.3, 1, 1] as const;

export interface CollectionStats {
  docCount: number;
  totalLength: number;
}

export function idf(stats: CollectionStats, df: number): number {
  return Math.log(1 + (stats.docCount - df + 0.5) / (df + 0.5));
}

/**
 * Scores one document from its term frequencies per field (title, body, keywords) and its length;
 * `weights` holds the idf of each query term.
 */
export function scoreDocument(
  fieldTf: readonly ReadonlyMap<string, number>[],
  length: number,
  stats: CollectionStats,
  weights: ReadonlyMap<string, number>,
): number {
  const avg = stats.docCount > 0 ? stats.totalLength / stats.docCount : 1;
  const norm = K1 * (1 - B + (B * length) / (avg || 1));
  let score = 0;
  for (const [term, w] of weights) {
    let tf = 0;
    fieldTf.forEach((field, f) => (tf += (FIELD_WEIGHTS[f] ?? 1) * (field.get(term) ?? 0)));
    if (tf > 0) score += (w * tf * (K1 + 1)) / (tf + norm);
  }
  return score;
}
