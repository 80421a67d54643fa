/**
 * The market search's API shapes and labels, shared by the server (server/modules/search) and the
 * web pages: GET /api/public/market/search answers a SearchResult.
 */
import { labels } from './vocabulary.js';

/** The facets a search counts and filters by (query parameter names). */
export const SEARCH_FACETS = ['field', 'stage', 'mode', 'region', 'price', 'tag', 'industry'] as const;
export type Facet = (typeof SEARCH_FACETS)[number];

/** Price bands (yuan; lower bound inclusive): a price, an auction reserve, or a demand's budget ceiling. */
export const PRICE_BANDS = labels({
  lt10w: '10万元以下',
  '10w_50w': '10万–50万元',
  '50w_100w': '50万–100万元',
  '100w_500w': '100万–500万元',
  ge500w: '500万元以上',
});
export type PriceBand = (typeof PRICE_BANDS.values)[number];

export const SEARCH_SORTS = labels({ relevance: '相关度', date: '最新发布' });
export type SearchSort = (typeof SEARCH_SORTS.values)[number];

export interface SearchHit {
  entityId: string;
  externalId: string | null;
  title: string;
  /** The start of the description, or the passage around the first matched word. */
  snippet: string;
  publishedOn: string;
  field: string | null;
  stage: string | null;
  region: string | null;
  priceKind: string | null;
  priceFen: number | null;
  /** null when browsing without text. */
  score: number | null;
  /** The query's words this listing contains (normalized: lower case, half-width). */
  matchedWords: string[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  /** True when a text query's result set stopped at the ranking limit. */
  capped: boolean;
  hits: SearchHit[];
  facets: Record<Facet, FacetCount[]>;
}
