import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './create-db.js';
import * as m001 from './migrations/001-foundation.js';
import * as m002 from './migrations/002-contracts.js';
import * as m003 from './migrations/003-settlements.js';
import * as m004 from './migrations/004-applications.js';
import * as m005 from './migrations/005-search.js';
import * as m006 from './migrations/006-market.js';
import * as m007 from './migrations/007-supervision.js';
import * as m008 from './migrations/008-deals.js';
import * as m009 from './migrations/009-indicators.js';
import * as m010 from './migrations/010-talent.js';
import * as m011 from './migrations/011-services.js';
import * as m012 from './migrations/012-search-browse.js';
import * as m013 from './migrations/013-contract-tallies.js';
import * as m014 from './migrations/014-accounts.js';
import * as m015 from './migrations/015-registration.js';
import * as m016 from './migrations/016-change-requests.js';
import * as m017 from './migrations/017-auth.js';
import * as m019 from './migrations/019-oidc.js';
import * as m021 from './migrations/021-credit.js';
import * as m022 from './migrations/022-portal.js';
import * as m023 from './migrations/023-pricing-publicity.js';
import * as m024 from './migrations/024-working-calendar.js';
import * as m025 from './migrations/025-evidence-uploads.js';
import * as m026 from './migrations/026-decision-reviews.js';
import * as m027 from './migrations/027-organization-description.js';

/** Migrations are listed here in order (no directory scanning, so bundling and tsx agree). */
const migrations: Record<string, Migration> = {
  '001-foundation': m001,
  '002-contracts': m002,
  '003-settlements': m003,
  '004-applications': m004,
  '005-search': m005,
  '006-market': m006,
  '007-supervision': m007,
  '008-deals': m008,
  '009-indicators': m009,
  '010-talent': m010,
  '011-services': m011,
  '012-search-browse': m012,
  '013-contract-tallies': m013,
  '014-accounts': m014,
  '015-registration': m015,
  '016-change-requests': m016,
  '017-auth': m017,
  '019-oidc': m019,
  '021-credit': m021,
  '022-portal': m022,
  '023-pricing-publicity': m023,
  '024-working-calendar': m024,
  '025-evidence-uploads': m025,
  '026-decision-reviews': m026,
  '027-organization-description': m027,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Migration numbers are handed out to work that lands in parallel (017 may land after 022): a database
  // that already has a later one still takes an earlier newcomer instead of refusing to start.
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migration', migrationLockTableName: 'schema_migration_lock', allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
