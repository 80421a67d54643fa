/**
 * A listing's filterable attributes as index tokens (f_04, m_license, j_410411 …), so a filter is
 * one more AND term in the full-text query and narrows the search before ranking, on both
 * databases. Codes are ASCII letters, digits and '_' only: the FTS5 tokenizer keeps '_' (see
 * migration 005) and a PostgreSQL tsvector literal takes them verbatim.
 */
import type { Facet, PriceBand } from '../../../common/market-search.js';
import { AppError } from '../../errors.js';
import type { SearchDocument } from './documents.js';

/** Price bands in yuan, lower bound inclusive; the last is open (labels: common/market-search.ts). */
export const PRICE_BAND_LIMITS = [
  { code: 'lt10w', min: 0, max: 100_000 },
  { code: '10w_50w', min: 100_000, max: 500_000 },
  { code: '50w_100w', min: 500_000, max: 1_000_000 },
  { code: '100w_500w', min: 1_000_000, max: 5_000_000 },
  { code: 'ge500w', min: 5_000_000, max: Number.POSITIVE_INFINITY },
] as const;

export function priceBand(priceFen: number | null): PriceBand | null {
  if (priceFen === null) return null;
  return PRICE_BAND_LIMITS.find((b) => priceFen >= b.min * 100 && priceFen < b.max * 100)!.code;
}

const CODE = /^[a-z0-9_]+$/;

function token(prefix: string, value: string | number): string {
  const code = String(value).toLowerCase();
  if (!CODE.test(code)) throw new AppError('VALIDATION', `“${value}”不是代码（只能含小写字母、数字、下划线），例如 new_materials`, { field: prefix });
  return `${prefix}_${code}`;
}

/** The facets a search counts, each with the token prefix its values are indexed under. */
export const FACETS: Record<Facet, string> = {
  field: 'f',
  stage: 's',
  mode: 'm',
  region: 'r',
  price: 'p',
  tag: 'g',
  industry: 'i',
};
export type { Facet };

export function attributeTokens(doc: SearchDocument): string[] {
  const out = [token('k', doc.kind), token('j', doc.jurisdictionCode)];
  if (doc.field) out.push(token(FACETS.field, doc.field));
  if (doc.stage) out.push(token(FACETS.stage, doc.stage));
  if (doc.trl !== null) out.push(token('t', doc.trl));
  for (const m of doc.modes) out.push(token(FACETS.mode, m));
  if (doc.region) out.push(token(FACETS.region, doc.region));
  if (doc.priceKind) out.push(token('pk', doc.priceKind));
  const band = priceBand(doc.priceFen);
  if (band) out.push(token(FACETS.price, band));
  for (const t of doc.tags) out.push(token(FACETS.tag, t));
  for (const i of doc.industries) out.push(token(FACETS.industry, i));
  return out;
}

export { token as attributeToken };
