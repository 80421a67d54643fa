/**
 * What the listings modules hand to search: one SearchDocument per published listing. They call
 * `indexDocuments` when a listing is published or changed while published, and `removeDocuments`
 * when it leaves the market (withdrawn, expired, deleted) — inside their own transaction, so the
 * index never disagrees with the listings.
 */
export const SEARCH_KINDS = ['achievement', 'demand'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchDocument {
  kind: SearchKind;
  /** The listing's id (achievement.id / demand.id). */
  entityId: string;
  jurisdictionCode: string;
  externalId: string | null;
  /** May be '' for imported records that came without a title. */
  title: string;
  /** Description (achievement) or problem + expected indicators (demand). */
  body: string;
  keywords: readonly string[];
  /** TECH_FIELDS code (common/vocabulary.ts), when known. */
  field: string | null;
  /** The plan's industries (INDUSTRIES codes). */
  industries: readonly string[];
  /** Maturity stage: research / pilot / pilot_scale / industrial (研发/小试/中试/产业化). */
  stage: string | null;
  /** Technology readiness level 1–9. */
  trl: number | null;
  /** Transfer modes: transfer / license / equity / co_development. */
  modes: readonly string[];
  /** Origin region class, derived from the owner: district / city / province / other_province / abroad / belt_road. */
  region: string | null;
  /** fixed / negotiable / auction (achievements); budget (demands). */
  priceKind: string | null;
  /** Price, auction reserve or the demand's budget ceiling, in fen. */
  priceFen: number | null;
  /** dual_use (军民两用), rural (乡村振兴), challenge (揭榜挂帅) … */
  tags: readonly string[];
  /** YYYY-MM-DD. */
  publishedOn: string;
  isDemo: boolean;
}
