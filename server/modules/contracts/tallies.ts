/**
 * The registered contracts' read model for the indicators (migration 013): a fact per registered
 * contract, and the facts summed per area, month and class (contract_tally). Kept in the same
 * transaction as whatever changes what a contract counts as — its registration (insert, transition)
 * or its first seller's or buyer's division or kind — by recomputing the facts of the contracts
 * touched and applying the difference to the tallies. `rebuildContractTallies` computes everything
 * from nothing in SQL; a test holds the two to the same answer.
 *
 * Origin and direction are relative to the area a tally row is for: the first seller's division is
 * 'district' when it lies in the area, else 'city' / 'province' when it shares the jurisdiction
 * code's city / province, else 'elsewhere' ('unknown' without one, e.g. a natural person); the
 * buyer is "in" when its division lies in the area. Those are exactly the classes the indicators
 * computed from a jurisdiction prefix when they joined the parties live.
 */
import { sql } from 'kysely';
import type { Executor } from '../../context.js';
import type { ContractFactTable, ContractTallyTable } from '../../db/schema.js';
import { inChunks } from '../../db/in-chunks.js';
import { REGISTERED_STATUSES } from './workflow.js';

/** Areas are the jurisdiction code cut to these lengths: province, city, district. */
export const TALLY_LEVELS = [2, 4, 6] as const;

type Fact = ContractFactTable;
type TallyKey = Omit<ContractTallyTable, 'n' | 'fen'>;

/** The tally row a fact adds to at one level (the TypeScript twin of `tallySelect`). */
export function tallyKeyOf(f: Fact, level: number): TallyKey {
  const area = f.jurisdiction_code.slice(0, level);
  const s = f.seller_division;
  const origin =
    s === null ? 'unknown'
    : s.slice(0, level) === area ? 'district'
    : s.slice(0, 4) === f.jurisdiction_code.slice(0, 4) ? 'city'
    : s.slice(0, 2) === f.jurisdiction_code.slice(0, 2) ? 'province'
    : 'elsewhere';
  return {
    area,
    month: f.registered_on.slice(0, 7),
    type: f.type,
    tech_field: f.tech_field,
    origin,
    buyer_in: f.buyer_division !== null && f.buyer_division.slice(0, level) === area ? 1 : 0,
    seller_kind: f.seller_kind ?? '',
  };
}

/** The registered contracts among `ids` as facts: the contract and its first seller and buyer (position 0). */
function currentFacts(db: Executor, ids: string[]): Promise<Fact[]> {
  return db
    .selectFrom('contract as c')
    .leftJoin('contract_party as sp', (j) => j.onRef('sp.contract_id', '=', 'c.id').on('sp.side', '=', 'seller').on('sp.position', '=', 0))
    .leftJoin('organization as so', 'so.id', 'sp.organization_id')
    .leftJoin('contract_party as bp', (j) => j.onRef('bp.contract_id', '=', 'c.id').on('bp.side', '=', 'buyer').on('bp.position', '=', 0))
    .leftJoin('organization as bo', 'bo.id', 'bp.organization_id')
    .where('c.id', 'in', ids)
    .where('c.status', 'in', REGISTERED_STATUSES)
    .where('c.registration_number', 'is not', null)
    .where('c.registered_on', 'is not', null)
    .select([
      'c.id as contract_id', 'c.jurisdiction_code', 'c.registered_on', 'c.type', 'c.tech_field',
      'so.division_code as seller_division', 'so.kind as seller_kind', 'bo.division_code as buyer_division', 'c.tech_amount_fen',
    ])
    .execute() as Promise<Fact[]>;
}

const sameFact = (a: Fact, b: Fact) =>
  a.jurisdiction_code === b.jurisdiction_code && a.registered_on === b.registered_on && a.type === b.type && a.tech_field === b.tech_field &&
  a.seller_division === b.seller_division && a.seller_kind === b.seller_kind && a.buyer_division === b.buyer_division &&
  Number(a.tech_amount_fen) === Number(b.tech_amount_fen);

const TALLY_KEY_COLUMNS = ['area', 'month', 'type', 'tech_field', 'origin', 'buyer_in', 'seller_kind'] as const;

/**
 * Brings the facts and tallies of these contracts up to date with what they are now: each
 * contract whose fact changed (registered, revoked, a party moved) leaves its old tally rows and
 * joins its new ones. Call inside the transaction that made the change.
 */
export async function tallyContracts(db: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const now = new Map((await inChunks(unique, 500, (chunk) => currentFacts(db, chunk))).map((f) => [f.contract_id, f]));
  const stored = new Map(
    (await inChunks(unique, 500, (chunk) => db.selectFrom('contract_fact').selectAll().where('contract_id', 'in', chunk).execute())).map((f) => [f.contract_id, f]),
  );
  const delta = new Map<string, { key: TallyKey; n: number; fen: number }>();
  const add = (f: Fact, sign: 1 | -1) => {
    for (const level of TALLY_LEVELS) {
      const key = tallyKeyOf(f, level);
      const k = TALLY_KEY_COLUMNS.map((c) => key[c]).join('|');
      const d = delta.get(k) ?? { key, n: 0, fen: 0 };
      d.n += sign;
      d.fen += sign * Number(f.tech_amount_fen);
      delta.set(k, d);
    }
  };
  const gone: string[] = [];
  const added: Fact[] = [];
  for (const id of unique) {
    const before = stored.get(id);
    const after = now.get(id);
    if (before && after && sameFact(before, after)) continue;
    if (before) (add(before, -1), gone.push(id));
    if (after) (add(after, 1), added.push(after));
  }
  for (let i = 0; i < gone.length; i += 500) await db.deleteFrom('contract_fact').where('contract_id', 'in', gone.slice(i, i + 500)).execute();
  for (let i = 0; i < added.length; i += 200) await db.insertInto('contract_fact').values(added.slice(i, i + 200)).execute();
  for (const { key, n, fen } of delta.values()) {
    if (n === 0 && fen === 0) continue;
    await db
      .insertInto('contract_tally')
      .values({ ...key, n, fen })
      .onConflict((oc) => oc.columns([...TALLY_KEY_COLUMNS]).doUpdateSet({ n: sql`contract_tally.n + excluded.n`, fen: sql`contract_tally.fen + excluded.fen` }))
      .execute();
  }
}

/** Re-tallies the contracts an organization is the first seller or buyer of (its division or kind changed). */
export async function tallyContractsOfParty(db: Executor, organizationId: string): Promise<void> {
  const rows = await db.selectFrom('contract_party').select('contract_id').where('organization_id', '=', organizationId).where('position', '=', 0).execute();
  await tallyContracts(db, rows.map((r) => r.contract_id));
}

/** The tally rows of one level, computed in SQL from contract_fact (the SQL twin of `tallyKeyOf`). */
function tallySelect(level: number) {
  const L = sql.lit(level);
  return sql`select substr(jurisdiction_code, 1, ${L}), substr(registered_on, 1, 7), type, tech_field,
      case when seller_division is null then 'unknown'
        when substr(seller_division, 1, ${L}) = substr(jurisdiction_code, 1, ${L}) then 'district'
        when substr(seller_division, 1, 4) = substr(jurisdiction_code, 1, 4) then 'city'
        when substr(seller_division, 1, 2) = substr(jurisdiction_code, 1, 2) then 'province'
        else 'elsewhere' end,
      case when substr(buyer_division, 1, ${L}) = substr(jurisdiction_code, 1, ${L}) then 1 else 0 end,
      coalesce(seller_kind, ''), count(*), sum(tech_amount_fen)
    from contract_fact group by 1, 2, 3, 4, 5, 6, 7`;
}

/** Facts and tallies from nothing, from the contracts as stored (migration, reindex, restore, bulk loads). */
export async function rebuildContractTallies(db: Executor): Promise<{ facts: number; tallies: number }> {
  await db.deleteFrom('contract_tally').execute();
  await db.deleteFrom('contract_fact').execute();
  await sql`insert into contract_fact (contract_id, jurisdiction_code, registered_on, type, tech_field, seller_division, seller_kind, buyer_division, tech_amount_fen)
    select c.id, c.jurisdiction_code, c.registered_on, c.type, c.tech_field, so.division_code, so.kind, bo.division_code, c.tech_amount_fen
    from contract c
    left join contract_party sp on sp.contract_id = c.id and sp.side = 'seller' and sp.position = 0
    left join organization so on so.id = sp.organization_id
    left join contract_party bp on bp.contract_id = c.id and bp.side = 'buyer' and bp.position = 0
    left join organization bo on bo.id = bp.organization_id
    where c.status in (${sql.join([...REGISTERED_STATUSES])}) and c.registration_number is not null and c.registered_on is not null`.execute(db);
  for (const level of TALLY_LEVELS) {
    await sql`insert into contract_tally (area, month, type, tech_field, origin, buyer_in, seller_kind, n, fen) ${tallySelect(level)}`.execute(db);
  }
  const count = async (table: 'contract_fact' | 'contract_tally') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return { facts: await count('contract_fact'), tallies: await count('contract_tally') };
}
