/**
 * The outcome funnel (成效漏斗) of the technology market for a period: listings published →
 * contacts (联系对接 inquiries) → deals started → deals signed → their contracts registered, with
 * the registered turnover (技术交易额), per technical field and per broker. Counted by SQL
 * aggregates (count, sum, group by) that run unchanged on SQLite and PostgreSQL.
 *
 * Each stage counts what happened in the period: listings by publication, inquiries and deals by
 * creation, signatures by signing date, contracts by registration date (registered or amended
 * registrations). So a funnel of a short period need not narrow monotonically.
 */
import type { Funnel, FunnelCounts } from '../../../common/deal-api.js';
import type { Ctx, Executor } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import type { FunnelQuery } from './schema.js';

const REGISTERED = ['registered', 'amended'];

function zero(): FunnelCounts {
  return { listings: 0, contacts: 0, deals: 0, signed: 0, signedAmountFen: 0, registered: 0, turnoverFen: 0 };
}

/** The instant 00:00 Beijing time of a date, as stored instants compare (ISO-8601 UTC). */
function beijingMidnight(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

function nextDay(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

export async function readFunnel(ctx: Ctx, query: FunnelQuery): Promise<Funnel> {
  assertCan(ctx.actor, 'market.funnel.read');
  const year = new Date(ctx.clock.now().getTime() + 8 * 3600_000).getUTCFullYear();
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (to < from) throw new AppError('VALIDATION', '截止日期不能早于起始日期', { field: 'to' });
  return computeFunnel(ctx.db, ctx.actor.jurisdictionCode, from, to);
}

/** The funnel of a jurisdiction for [from, to], without a permission check (callers check theirs). */
export async function computeFunnel(db: Executor, jurisdictionCode: string, from: string, to: string): Promise<Funnel> {
  const start = beijingMidnight(from);
  const end = beijingMidnight(nextDay(to));
  const prefix = jurisdictionPrefix(jurisdictionCode);

  const listingRows = await Promise.all(
    (['achievement', 'demand'] as const).map((table) =>
      db
        .selectFrom(table as 'achievement')
        .select(['technical_field as field', (eb) => eb.fn.countAll<number>().as('n')])
        .where(underPrefix('jurisdiction_code', prefix))
        .where('published_at', '>=', start)
        .where('published_at', '<', end)
        .groupBy('technical_field')
        .execute(),
    ),
  );
  const contactRows = await Promise.all(
    (['achievement', 'demand'] as const).map((table) =>
      db
        .selectFrom('listing_inquiry as i')
        .innerJoin(`${table} as l` as 'achievement as l', 'l.id', 'i.listing_id')
        .select(['l.technical_field as field', (eb) => eb.fn.countAll<number>().as('n')])
        .where('i.listing_kind', '=', table)
        .where(underPrefix('i.jurisdiction_code', prefix))
        .where('i.created_at', '>=', start)
        .where('i.created_at', '<', end)
        .groupBy('l.technical_field')
        .execute(),
    ),
  );
  const dealBase = db.selectFrom('deal').where(underPrefix('deal.jurisdiction_code', prefix));
  const started = dealBase.where('deal.created_at', '>=', start).where('deal.created_at', '<', end);
  const signed = dealBase.where('deal.contract_id', 'is not', null).where('deal.signed_on', '>=', from).where('deal.signed_on', '<=', to);
  const registered = dealBase
    .innerJoin('contract', 'contract.id', 'deal.contract_id')
    .where('contract.status', 'in', REGISTERED)
    .where('contract.registered_on', '>=', from)
    .where('contract.registered_on', '<=', to);

  const [dealsByField, signedByField, registeredByField, dealsByBroker, signedByBroker, registeredByBroker] = await Promise.all([
    started.select(['deal.technical_field as field', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('deal.technical_field').execute(),
    signed
      .select(['deal.technical_field as field', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('deal.agreed_amount_fen').as('amount')])
      .groupBy('deal.technical_field')
      .execute(),
    registered
      .select(['deal.technical_field as field', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('contract.tech_amount_fen').as('amount')])
      .groupBy('deal.technical_field')
      .execute(),
    started.select(['deal.broker_person_id as personId', 'deal.broker_user_id as userId', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['deal.broker_person_id', 'deal.broker_user_id']).execute(),
    signed
      .select(['deal.broker_person_id as personId', 'deal.broker_user_id as userId', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('deal.agreed_amount_fen').as('amount')])
      .groupBy(['deal.broker_person_id', 'deal.broker_user_id'])
      .execute(),
    registered
      .select(['deal.broker_person_id as personId', 'deal.broker_user_id as userId', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('contract.tech_amount_fen').as('amount')])
      .groupBy(['deal.broker_person_id', 'deal.broker_user_id'])
      .execute(),
  ]);

  const totals = zero();
  const fields = new Map<string, { field: string | null } & FunnelCounts>();
  const fieldRow = (field: string | null) => {
    const key = field ?? '';
    let r = fields.get(key);
    if (!r) fields.set(key, (r = { field, ...zero() }));
    return r;
  };
  const add = (r: FunnelCounts, key: keyof FunnelCounts, n: unknown) => {
    r[key] += Number(n ?? 0);
  };
  for (const rows of listingRows) for (const r of rows) { add(fieldRow(r.field), 'listings', r.n); add(totals, 'listings', r.n); }
  for (const rows of contactRows) for (const r of rows) { add(fieldRow(r.field), 'contacts', r.n); add(totals, 'contacts', r.n); }
  for (const r of dealsByField) { add(fieldRow(r.field), 'deals', r.n); add(totals, 'deals', r.n); }
  for (const r of signedByField) {
    add(fieldRow(r.field), 'signed', r.n); add(totals, 'signed', r.n);
    add(fieldRow(r.field), 'signedAmountFen', r.amount); add(totals, 'signedAmountFen', r.amount);
  }
  for (const r of registeredByField) {
    add(fieldRow(r.field), 'registered', r.n); add(totals, 'registered', r.n);
    add(fieldRow(r.field), 'turnoverFen', r.amount); add(totals, 'turnoverFen', r.amount);
  }

  const brokers = new Map<string, { personId: string | null; userId: string | null; name: string } & FunnelCounts>();
  const brokerRow = (personId: string | null, userId: string | null) => {
    const key = `${personId ?? ''}|${userId ?? ''}`;
    let r = brokers.get(key);
    if (!r) brokers.set(key, (r = { personId, userId, name: '', ...zero() }));
    return r;
  };
  for (const r of dealsByBroker) add(brokerRow(r.personId, r.userId), 'deals', r.n);
  for (const r of signedByBroker) { const b = brokerRow(r.personId, r.userId); add(b, 'signed', r.n); add(b, 'signedAmountFen', r.amount); }
  for (const r of registeredByBroker) { const b = brokerRow(r.personId, r.userId); add(b, 'registered', r.n); add(b, 'turnoverFen', r.amount); }
  const personIds = [...new Set([...brokers.values()].map((b) => b.personId).filter((x): x is string => !!x))];
  const userIds = [...new Set([...brokers.values()].map((b) => b.userId).filter((x): x is string => !!x))];
  const [people, users] = await Promise.all([
    personIds.length ? db.selectFrom('person').select(['id', 'name']).where('id', 'in', personIds).execute() : [],
    userIds.length ? db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [],
  ]);
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  for (const b of brokers.values()) {
    b.name = (b.personId && personName.get(b.personId)) || (b.userId && userName.get(b.userId)) || '未指定';
  }

  const byField = [...fields.values()].sort((a, b) => b.deals - a.deals || b.listings - a.listings || (a.field ?? '~').localeCompare(b.field ?? '~'));
  const byBroker = [...brokers.values()].sort((a, b) => b.turnoverFen - a.turnoverFen || b.deals - a.deals || a.name.localeCompare(b.name));
  return { from, to, totals, byField, byBroker };
}
