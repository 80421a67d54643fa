/**
 * The indicator benchmark's world, generated deterministically and streamed straight into the
 * platform's tables (no audit: fixture data): organizations across real division codes (a share in
 * the district, the city and the province, most elsewhere), high-tech and tech-SME qualifications,
 * R&D and incubation platforms with levels and revocations, practitioners, and five years of
 * technology contracts with their first seller and buyer. Every record is a pure function of
 * (seed, stream, index) through bench/generate.ts's Rng, so runs compare.
 */
import type { Insertable } from 'kysely';
import { buildUscc } from '../common/uscc.js';
import { CONTRACT_TYPES, TECH_FIELDS } from '../common/vocabulary.js';
import type { DbHandle } from '../server/db/create-db.js';
import { insertMany } from '../server/db/bulk-insert.js';
import type { Database } from '../server/db/schema.js';
import type { Executor } from '../server/context.js';
import { Rng } from './generate.js';

export interface IndicatorScale {
  organizations: number;
  contractsPerYear: number;
  years: number[];
  platforms: number;
  practitioners: number;
}

export const FULL_SCALE: IndicatorScale = { organizations: 500_000, contractsPerYear: 1_000_000, years: [2021, 2022, 2023, 2024, 2025], platforms: 20_000, practitioners: 20_000 };

export function scaled(scale: number): IndicatorScale {
  const n = (v: number, min: number) => Math.max(min, Math.round(v * scale));
  return {
    organizations: n(FULL_SCALE.organizations, 200),
    contractsPerYear: n(FULL_SCALE.contractsPerYear, 500),
    years: FULL_SCALE.years,
    platforms: n(FULL_SCALE.platforms, 50),
    practitioners: n(FULL_SCALE.practitioners, 50),
  };
}

const SEED = 20_261_127;
const enum S {
  Org = 11,
  Qual = 12,
  Platform = 13,
  Person = 14,
  Contract = 15,
}

const DISTRICT = '410411';
const CITY = ['410402', '410403', '410404', '410421', '410422', '410423', '410425', '410481', '410482'];
const PROVINCE = ['410102', '410105', '410305', '410702', '410802', '411102', '411302', '411502'];
const ELSEWHERE = ['110108', '310115', '320102', '330106', '440305', '510107', '610113', '420111', '370102', '120116'];
const KINDS = [
  ['enterprise', 880],
  ['university', 15],
  ['research_institute', 25],
  ['new_rd_institution', 15],
  ['tech_transfer_institution', 20],
  ['service_agency', 30],
  ['other', 15],
] as const;
const PLATFORM_TYPES = [
  ['key_laboratory', 20],
  ['engineering_research_center', 30],
  ['new_rd_institution', 8],
  ['academician_workstation', 6],
  ['international_cooperation_base', 4],
  ['maker_space', 10],
  ['incubator', 10],
  ['star_innovation_space', 4],
  ['tech_transfer_demonstration', 5],
  ['industry_alliance', 3],
] as const;
const LEVELS = [
  ['national', 5],
  ['provincial', 20],
  ['municipal', 40],
  ['district', 35],
] as const;
const TYPES = CONTRACT_TYPES.values.map((t, i) => [t, [30, 15, 10, 10, 35][i]!] as const);
const FIELDS = TECH_FIELDS.values.map((f) => [f, 1] as const);
const NOW = '2026-11-27T00:00:00.000Z';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function divisionOf(rng: Rng): string {
  const x = rng.float();
  return x < 0.12 ? DISTRICT : x < 0.3 ? rng.pick(CITY) : x < 0.5 ? rng.pick(PROVINCE) : rng.pick(ELSEWHERE);
}

/** Unique 8-character organization-code bodies from a counter (base 31 over the GB 11714 alphabet). */
function orgBody(i: number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let s = '';
  let n = i + 1;
  for (let k = 0; k < 8; k++) {
    s = alphabet[n % 31] + s;
    n = Math.floor(n / 31);
  }
  return s;
}

const CHUNK = 5_000;

class Writer {
  private readonly pending = new Map<keyof Database, Insertable<Database[keyof Database]>[]>();
  constructor(
    private readonly trx: Executor,
    private readonly handle: DbHandle,
  ) {}
  async add<T extends keyof Database>(table: T, row: Insertable<Database[T]>): Promise<void> {
    let list = this.pending.get(table);
    if (!list) this.pending.set(table, (list = []));
    list.push(row as never);
    if (list.length >= CHUNK) await this.flush();
  }
  async flush(): Promise<void> {
    for (const [t, rows] of this.pending) {
      if (rows.length) await insertMany(this.trx, this.handle.sqlite, t, rows as never);
      this.pending.set(t, []);
    }
  }
}

export interface StoredCounts {
  organizations: number;
  qualifications: number;
  platforms: number;
  practitioners: number;
  contracts: number;
}

/** Generates and writes the world; returns what was written. */
export async function storeIndicatorWorld(handle: DbHandle, scale: IndicatorScale, onProgress?: (what: string, n: number) => void): Promise<StoredCounts> {
  const counts: StoredCounts = { organizations: 0, qualifications: 0, platforms: 0, practitioners: 0, contracts: 0 };
  const divisions: string[] = new Array(scale.organizations);
  await handle.db.transaction().execute(async (trx) => {
    const w = new Writer(trx, handle);
    for (let i = 0; i < scale.organizations; i++) {
      const rng = Rng.for(SEED, S.Org as number, i);
      const division = divisionOf(rng);
      divisions[i] = division;
      const kind = rng.weighted(KINDS);
      await w.add('organization', {
        id: `O${pad(i, 7)}`,
        jurisdiction_code: division,
        name: `单位${i}`,
        uscc: buildUscc('9', '1', division, orgBody(i)),
        kind,
        division_code: division,
        industries: '[]',
        service_types: '[]',
        contacts: '[]',
        is_demo: 0,
        version: 1,
        created_at: NOW,
        updated_at: NOW,
      });
      counts.organizations++;
      // Qualifications: ~10 % hold high-tech certificates (3-year, renewed or not), ~15 % register as tech SMEs some years.
      const q = Rng.for(SEED, S.Qual as number, i);
      if (kind === 'enterprise' && q.chance(0.1)) {
        // Certificates run three years from issue; 70 % renew on expiry.
        let y = q.between(2017, 2020);
        const md = `${pad(q.between(1, 12), 2)}-${pad(q.between(1, 28), 2)}`;
        for (let k = 0; k < 4 && y <= 2025; k++) {
          await w.add('qualification', { id: `Q${pad(i, 7)}h${k}`, organization_id: `O${pad(i, 7)}`, type: 'high_tech_enterprise', number: `GR${y}${pad(i, 8)}`, level: null, issued_on: `${y}-${md}`, valid_until: `${y + 3}-${md}`, created_at: NOW });
          counts.qualifications++;
          if (!q.chance(0.7)) break;
          y += 3;
        }
      }
      if (kind === 'enterprise' && q.chance(0.15)) {
        for (const y of scale.years) {
          if (!q.chance(0.6)) continue;
          await w.add('qualification', { id: `Q${pad(i, 7)}s${y}`, organization_id: `O${pad(i, 7)}`, type: 'tech_sme', number: `${y}${division}A${pad(i, 7)}`, level: null, issued_on: `${y}-0${q.between(2, 9)}-15`, valid_until: `${y}-12-31`, created_at: NOW });
          counts.qualifications++;
        }
      }
      if (kind === 'tech_transfer_institution' && q.chance(0.05)) {
        await w.add('qualification', { id: `Q${pad(i, 7)}d`, organization_id: `O${pad(i, 7)}`, type: 'tech_transfer_demonstration', number: `SF${pad(i, 7)}`, level: q.pick(['provincial', 'municipal', 'national']), issued_on: q.date(2019, 2025), valid_until: '9999-12-31', created_at: NOW });
        counts.qualifications++;
      }
    }
    await w.flush();
    onProgress?.('organizations', counts.organizations);

    for (let i = 0; i < scale.platforms; i++) {
      const rng = Rng.for(SEED, S.Platform as number, i);
      const host = rng.int(scale.organizations);
      const recognized = rng.date(2015, 2025);
      await w.add('platform', {
        id: `PF${pad(i, 6)}`,
        jurisdiction_code: divisions[host]!,
        name: `平台${i}`,
        type: rng.weighted(PLATFORM_TYPES),
        level: rng.weighted(LEVELS),
        host_organization_id: `O${pad(host, 7)}`,
        recognized_on: recognized,
        revoked_on: rng.chance(0.08) ? rng.date(Number(recognized.slice(0, 4)) + 1, 2026) : null,
        is_demo: 0,
        version: 1,
        created_at: NOW,
        updated_at: NOW,
      });
      counts.platforms++;
    }
    for (let i = 0; i < scale.practitioners; i++) {
      const rng = Rng.for(SEED, S.Person as number, i);
      const org = rng.int(scale.organizations);
      await w.add('person', {
        id: `P${pad(i, 6)}`,
        jurisdiction_code: divisions[org]!,
        name: `从业人员${i}`,
        id_number_cipher: 'bench',
        id_number_digest: `bench-${i}`,
        id_number_masked: '4104**********0000',
        is_demo: 0,
        version: 1,
        created_at: NOW,
        updated_at: NOW,
      });
      await w.add('person_role', { id: `P${pad(i, 6)}-r`, person_id: `P${pad(i, 6)}`, role: rng.chance(0.7) ? 'broker' : 'transfer_staff', employment: rng.chance(0.4) ? 'full_time' : 'part_time' });
      await w.add('affiliation', { id: `P${pad(i, 6)}-a`, person_id: `P${pad(i, 6)}`, organization_id: `O${pad(org, 7)}` });
      counts.practitioners++;
    }
    await w.flush();
  });

  // Contracts, one transaction per year (each ≈ 3 rows per contract).
  for (const year of scale.years) {
    await handle.db.transaction().execute(async (trx) => {
      const w = new Writer(trx, handle);
      for (let k = 0; k < scale.contractsPerYear; k++) {
        const i = (year - scale.years[0]!) * scale.contractsPerYear + k;
        const rng = Rng.for(SEED, S.Contract as number, i);
        const seller = rng.int(scale.organizations);
        let buyer = rng.int(scale.organizations);
        if (buyer === seller) buyer = (buyer + 1) % scale.organizations;
        const registeredOn = rng.date(year, year);
        const fen = rng.between(1_000, 5_000_000) * 100;
        const x = rng.float();
        const status = x < 0.92 ? 'registered' : x < 0.95 ? 'amended' : x < 0.98 ? 'submitted' : 'revoked';
        const registered = status !== 'submitted';
        const id = `C${pad(i, 8)}`;
        await w.add('contract', {
          id,
          jurisdiction_code: divisions[buyer]!,
          name: `技术合同${i}`,
          type: rng.weighted(TYPES),
          subtype: 'commissioned',
          signed_on: registeredOn,
          amount_fen: fen,
          tech_amount_fen: rng.chance(0.7) ? fen : Math.floor((fen * rng.between(50, 99)) / 100),
          deduction_materials_fen: 0,
          deduction_equipment_fen: 0,
          deduction_components_fen: 0,
          deduction_other_fen: 0,
          tech_field: rng.weighted(FIELDS),
          ip_items: '[]',
          registration_number: registered ? `${year}${pad(i % 1_000_000, 6)}${pad(k % 10_000, 4)}` : null,
          registered_on: registered ? registeredOn : null,
          declared_related: 0,
          fiscal_funded: 0,
          status,
          is_demo: 0,
          version: 1,
          created_at: NOW,
          updated_at: NOW,
        });
        await w.add('contract_party', { id: `${id}s`, contract_id: id, side: 'seller', position: 0, organization_id: `O${pad(seller, 7)}` });
        await w.add('contract_party', { id: `${id}b`, contract_id: id, side: 'buyer', position: 0, organization_id: `O${pad(buyer, 7)}` });
        counts.contracts++;
      }
      await w.flush();
    });
    onProgress?.(`contracts ${year}`, counts.contracts);
  }
  return counts;
}
