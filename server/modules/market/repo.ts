/** SQL of the listing tables; the use cases in listings.ts, inquiries.ts and the import call these. */
import type { Insertable } from 'kysely';
import type { ListingKind } from '../../../common/market-vocabulary.js';
import type { Executor } from '../../context.js';
import type { ListingStepTable } from '../../db/schema.js';
import type { AchievementRow, DemandRow, ListingRowOf } from './search-documents.js';

export type { AchievementRow, DemandRow };
export type ListingRow = AchievementRow | DemandRow;

/** The column naming the owner organization of each kind. */
export const OWNER_COLUMN = { achievement: 'owner_organization_id', demand: 'organization_id' } as const;
/** The column holding the last day a published listing stays on the market. */
export const EXPIRY_COLUMN = { achievement: 'expires_on', demand: 'deadline' } as const;

export function ownerOf(kind: ListingKind, row: ListingRow): string | null {
  return kind === 'achievement' ? (row as AchievementRow).owner_organization_id : (row as DemandRow).organization_id;
}

export function expiryOf(kind: ListingKind, row: ListingRow): string | null {
  return kind === 'achievement' ? (row as AchievementRow).expires_on : (row as DemandRow).deadline;
}

export function findListing<K extends ListingKind>(db: Executor, kind: K, id: string): Promise<ListingRowOf[K] | undefined> {
  return db.selectFrom(kind as 'achievement').selectAll().where('id', '=', id).executeTakeFirst() as Promise<ListingRowOf[K] | undefined>;
}

export async function insertListing<K extends ListingKind>(db: Executor, kind: K, row: ListingRowOf[K]): Promise<void> {
  await db.insertInto(kind as 'achievement').values(row as AchievementRow).execute();
}

/** Updates a listing when its version is still `version`; false when someone else changed it first. */
export async function updateListing(db: Executor, kind: ListingKind, id: string, version: number, set: Partial<ListingRow>): Promise<boolean> {
  const res = await db
    .updateTable(kind as 'achievement')
    .set({ ...(set as Partial<AchievementRow>), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function stepsOf(db: Executor, kind: ListingKind, id: string) {
  return db.selectFrom('listing_step').selectAll().where('listing_kind', '=', kind).where('listing_id', '=', id).orderBy('seq').execute();
}

export async function appendStep(db: Executor, step: Omit<Insertable<ListingStepTable>, 'seq'>): Promise<void> {
  const last = await db
    .selectFrom('listing_step')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('listing_kind', '=', step.listing_kind)
    .where('listing_id', '=', step.listing_id)
    .executeTakeFirst();
  await db.insertInto('listing_step').values({ ...step, seq: Number(last?.seq ?? 0) + 1 }).execute();
}

export interface OwnerSummary {
  id: string;
  name: string;
  kind: string;
  division_code: string;
  jurisdiction_code: string;
}

/** Organizations by id (name, kind, division) — never their contacts. */
export async function organizationsById(db: Executor, ids: (string | null)[]): Promise<Map<string, OwnerSummary>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('organization').select(['id', 'name', 'kind', 'division_code', 'jurisdiction_code']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function evidenceFiles(db: Executor, hashes: string[]): Promise<Map<string, { size: number; mime: string }>> {
  if (hashes.length === 0) return new Map();
  const rows = await db.selectFrom('evidence_file').select(['hash', 'size', 'mime']).where('hash', 'in', [...new Set(hashes)]).execute();
  return new Map(rows.map((r) => [r.hash, { size: Number(r.size), mime: r.mime }]));
}
