/**
 * Writes a generated subsidy world into the platform's tables (registry, contracts, payments,
 * invoices), as rows — the state a real year leaves behind — so the settlement benchmark reads
 * exactly what production reads. Bulk inserts in large transactions; no audit (this is fixture data).
 * On PostgreSQL each batch is one `INSERT … SELECT FROM unnest(…)` with one array per column: a
 * statement of 20,000 rows binds a dozen parameters instead of a quarter million.
 */
import { buildUscc } from '../common/uscc.js';
import type { Executor } from '../server/context.js';
import type { DbHandle } from '../server/db/create-db.js';
import { insertMany } from '../server/db/bulk-insert.js';
import type { Database } from '../server/db/schema.js';
import { sql, type Insertable } from 'kysely';
import type { SubsidyWorld } from '../server/modules/subsidies/model.js';

const NOW = '2026-11-27T00:00:00.000Z';
const REGISTRY_KIND: Record<string, string> = { agency: 'tech_transfer_institution' };
const CHUNK = 5_000;
const PG_CHUNK = 20_000;

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

/** PostgreSQL: the rows as one array per column, unnested in the column's own type (`int8[]`, `text[]`, …). */
async function insertUnnest(trx: Executor, table: string, rows: Record<string, unknown>[], types: Map<string, string>): Promise<void> {
  const columns = Object.keys(rows[0]!);
  const arrays = columns.map((c) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(`${types.get(c)!}[]`)}`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(trx);
}

class Batches {
  private readonly pending = new Map<keyof Database, Insertable<Database[keyof Database]>[]>();
  private readonly chunk: number;
  constructor(
    private readonly trx: Executor,
    private readonly handle: DbHandle,
    /** PostgreSQL: column → type name (udt_name) per table. */
    private readonly pgTypes?: Map<string, Map<string, string>>,
  ) {
    this.chunk = pgTypes ? PG_CHUNK : CHUNK;
  }
  async add<T extends keyof Database>(table: T, row: Insertable<Database[T]>): Promise<void> {
    let list = this.pending.get(table);
    if (!list) this.pending.set(table, (list = []));
    list.push(row as never);
    // Flush every table, parents first (Map order is first-use order), so foreign keys hold.
    if (list.length >= this.chunk) await this.flush();
  }
  async flush(table?: keyof Database): Promise<void> {
    for (const t of table ? [table] : [...this.pending.keys()]) {
      const rows = this.pending.get(t);
      if (rows?.length) {
        if (this.pgTypes) await insertUnnest(this.trx, t, rows as Record<string, unknown>[], this.pgTypes.get(t)!);
        else await insertMany(this.trx, this.handle.sqlite, t, rows as never);
      }
      this.pending.set(t, []);
    }
  }
}

/** Every column's type name of the public tables (PostgreSQL only). */
async function postgresColumnTypes(trx: Executor): Promise<Map<string, Map<string, string>>> {
  const { rows } = await sql<{ table_name: string; column_name: string; udt_name: string }>`
    select table_name, column_name, udt_name from information_schema.columns where table_schema = 'public'`.execute(trx);
  const types = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!types.has(r.table_name)) types.set(r.table_name, new Map());
    types.get(r.table_name)!.set(r.column_name, r.udt_name);
  }
  return types;
}

export async function storeWorld(handle: DbHandle, world: SubsidyWorld, onProgress?: (done: number) => void): Promise<void> {
  const db = handle.db;
  await db.transaction().execute(async (trx) => {
    // A bulk load of rows generated consistent: PostgreSQL skips its per-row foreign-key triggers
    // for this transaction only, as pg_restore --disable-triggers does (SQLite checks them cheaply).
    if (handle.dialect === 'postgres') await sql`set local session_replication_role = replica`.execute(trx);
    const b = new Batches(trx, handle, handle.dialect === 'postgres' ? await postgresColumnTypes(trx) : undefined);
    let i = 0;
    for (const o of world.organizations) {
      await b.add('organization', {
        id: o.ref,
        jurisdiction_code: o.division,
        name: o.name,
        uscc: buildUscc('9', '1', o.division, orgBody(i++)),
        kind: REGISTRY_KIND[o.kind] ?? o.kind,
        division_code: o.division,
        rd_filed: o.kind === 'new_rd_institution' ? (o.filed ? 1 : 0) : null,
        legal_representative_id: null,
        industries: '[]',
        service_types: '[]',
        contacts: '[]',
        is_demo: 0,
        version: 1,
        created_at: NOW,
        updated_at: NOW,
      });
    }
    await b.flush('organization');
    for (const p of world.people) {
      await b.add('person', {
        id: p.ref,
        jurisdiction_code: '410411',
        name: p.name,
        id_number_cipher: 'bench',
        id_number_digest: `bench-${p.ref}`,
        id_number_masked: '4104**********0000',
        is_demo: 0,
        version: 1,
        created_at: NOW,
        updated_at: NOW,
      });
      if (p.broker) await b.add('person_role', { id: `${p.ref}-broker`, person_id: p.ref, role: 'broker' });
    }
    await b.flush();
    let h = 0;
    for (const o of world.organizations) {
      for (const holder of o.holders) {
        await b.add('equity_holding', {
          id: `E${h++}`,
          organization_id: o.ref,
          holder_type: 'organization',
          holder_organization_id: holder.holder,
          holder_person_id: null,
          percent_bp: Number((holder.percent.num * 100n) / holder.percent.den),
        });
      }
      for (const [k, r] of o.recognitions.entries()) {
        await b.add('platform', {
          id: `${o.ref}-demo-${k}`,
          jurisdiction_code: o.division,
          name: `${o.name}技术转移示范机构`,
          type: 'tech_transfer_demonstration',
          level: r.level,
          host_organization_id: o.ref,
          recognized_on: r.date,
          is_demo: 0,
          version: 1,
          created_at: NOW,
          updated_at: NOW,
        });
      }
    }
    await b.flush();
    let n = 0;
    for (const c of world.contracts) {
      const registered = c.registration !== undefined;
      await b.add('contract', {
        id: c.ref,
        jurisdiction_code: c.buyer.division,
        name: `技术合同${c.ref}`,
        type: c.type,
        subtype: c.type === 'development' ? 'commissioned' : c.type === 'transfer' ? 'patent' : c.type === 'license' ? 'patent_license' : 'general',
        signed_on: c.signed,
        amount_fen: c.amount,
        tech_amount_fen: c.techAmount,
        tech_field: 'advanced_manufacturing',
        registration_number: c.registration?.number ?? null,
        registered_on: c.registration?.date ?? null,
        implementation_division: c.implementedIn,
        declared_related: c.declaredRelated ? 1 : 0,
        fiscal_funded: c.fiscalFunds ? 1 : 0,
        status: registered ? 'registered' : 'submitted',
        deduction_materials_fen: 0,
        deduction_equipment_fen: 0,
        deduction_components_fen: 0,
        deduction_other_fen: 0,
        ip_items: '[]',
        is_demo: 0,
        version: 1,
        created_at: NOW,
        updated_at: NOW,
      });
      await b.add('contract_party', { id: `${c.ref}-s`, contract_id: c.ref, side: 'seller', position: 0, organization_id: c.seller.ref });
      await b.add('contract_party', { id: `${c.ref}-b`, contract_id: c.ref, side: 'buyer', position: 0, organization_id: c.buyer.ref });
      for (const [k, br] of c.brokers.entries()) {
        await b.add('contract_broker', { id: `${c.ref}-k${k}`, contract_id: c.ref, person_id: br.person.ref, share_e4: Number((br.share.num * 10_000n) / br.share.den) });
      }
      for (const [k, f] of c.funding.entries()) {
        await b.add('contract_funding', { id: `${c.ref}-f${k}`, contract_id: c.ref, level: f.level, programme: '市科技专项', amount_fen: f.amount });
      }
      for (const [k, p] of c.payments.entries()) {
        const pid = `${c.ref}-p${k}`;
        await b.add('contract_payment', {
          id: pid,
          contract_id: c.ref,
          paid_on: p.date,
          amount_fen: p.amount,
          voucher_number: p.voucher ? `HD${c.ref}${k}` : null,
          version: 1,
          created_at: NOW,
          updated_at: NOW,
        });
        if (p.invoice > 0) {
          await b.add('contract_invoice', {
            id: `${pid}-i`,
            payment_id: pid,
            position: 0,
            number: `25${c.ref.slice(1)}${k}`.padEnd(20, '0').slice(0, 20),
            issued_on: p.date,
            amount_fen: p.invoice,
            names_contract: p.invoiceNamesContract ? 1 : 0,
          });
        }
      }
      if (++n % 100_000 === 0) onProgress?.(n);
    }
    await b.flush();
  });
}
