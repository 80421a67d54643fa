/**
 * Where a listing comes from (来源地区), relative to the jurisdiction holding it — derived, never
 * typed in. The registry holds Chinese organizations only (each has a USCC and a GB/T 2260
 * division), so a listing from abroad names its country on the listing itself (`origin_country`,
 * ISO 3166-1 alpha-2, e.g. a foreign partner's achievement posted by a technology-transfer
 * institution); docs/import/achievements.md documents it.
 *
 *   origin country set and not CN → belt_road (a Belt and Road country) or abroad
 *   owner division = jurisdiction's 6 digits → district; same first 4 → city; same first 2 →
 *   province; otherwise other_province; no owner → unknown (null)
 */
import { BELT_ROAD_COUNTRIES, type OriginRegion } from '../../../common/market-vocabulary.js';

export function originRegion(jurisdictionCode: string, ownerDivisionCode: string | null, originCountry: string | null = null): OriginRegion | null {
  if (originCountry && originCountry !== 'CN') return BELT_ROAD_COUNTRIES.has(originCountry) ? 'belt_road' : 'abroad';
  if (!ownerDivisionCode) return null;
  if (ownerDivisionCode === jurisdictionCode) return 'district';
  if (ownerDivisionCode.slice(0, 4) === jurisdictionCode.slice(0, 4)) return 'city';
  if (ownerDivisionCode.slice(0, 2) === jurisdictionCode.slice(0, 2)) return 'province';
  return 'other_province';
}
