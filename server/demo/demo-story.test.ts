/**
 * The demo tells a working district on whatever day it is seeded: seeded on three days, each
 * database has contracts registered in every year from 2022, market activity in every year, a
 * handful of overdue progress reports, a round paid, another on 公示, a third
 * open, public statistics that are not zero (the year's payouts too, once the first batch is paid), the operator's queues not empty — and an audit log
 * that reads as words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './seed-demo.js';
import { storyContracts, storyMarket } from './demo-story.js';
import { createTestDatabase, testDialects } from '../testing/databases.js';
import { testCtx } from '../testing/context.js';
import { unwordedAuditEvents } from '../testing/audit-words.js';
import { cellsOf } from '../modules/supervision/board.js';
import { publicNotices } from '../modules/applications/exports.js';
import { publicStatistics } from '../modules/indicators/public-statistics.js';
import { verifyAuditChain } from '../modules/audit/verify-chain.js';
import { listPublicPublicities } from '../modules/pricing/publicity.js';

/** At most this many board cells are overdue: one department late on the last quarter, the journey's cell. */
const OVERDUE_BOUND = 5;
const DAYS = ['2026-12-02', '2027-03-15', '2028-07-01'];
const years = (today: string) => Array.from({ length: Number(today.slice(0, 4)) - 2021 }, (_, i) => 2022 + i);

describe('the demo story generators', () => {
  it('give the same contracts and market for the same day, and date nothing after it', () => {
    for (const today of DAYS) {
      expect(storyContracts(today)).toEqual(storyContracts(today));
      expect(storyMarket(today)).toEqual(storyMarket(today));
      for (const { contract } of storyContracts(today)) {
        const flow = contract.flow as { registeredOn: string };
        expect(flow.registeredOn < today || flow.registeredOn === today, contract.key).toBe(true);
        for (const p of contract.payments ?? []) expect(p.paidOn < today, contract.key).toBe(true);
      }
      for (const y of storyMarket(today)) expect(y.event.heldOn < today).toBe(true);
    }
    expect(storyContracts('2026-12-02')).not.toEqual(storyContracts('2026-12-03'));
  });
});

for (const dialect of await testDialects()) {
  for (const today of DAYS) {
    describe(`the demo district seeded on ${today} (${dialect})`, () => {
      let handle: Awaited<ReturnType<typeof createTestDatabase>>;
      const ctx = () => testCtx(handle, {}, `${today}T02:00:00.000Z`);
      beforeAll(async () => {
        handle = await createTestDatabase(dialect);
        await seedDemo(ctx());
      }, 600_000);
      afterAll(async () => handle?.drop());

      it('has contracts registered in every year from 2022 to this year, with payments and invoices', async () => {
        const rows = await handle.db
          .selectFrom('contract')
          .innerJoin('contract_payment', 'contract_payment.contract_id', 'contract.id')
          .innerJoin('contract_invoice', 'contract_invoice.payment_id', 'contract_payment.id')
          .select(['contract.registered_on'])
          .where('contract.status', 'in', ['registered', 'amended'])
          .execute();
        const registered = new Set(rows.map((r) => r.registered_on!.slice(0, 4)));
        for (const y of years(today)) expect(registered.has(String(y)), `${y}`).toBe(true);
      });

      it('has market listings, inquiries, deals and events in every year since 2022', async () => {
        const yearsOf = (values: string[]) => new Set(values.map((v) => v.slice(0, 4)));
        const listings = yearsOf((await handle.db.selectFrom('achievement').select('created_at').where('status', '=', 'published').execute()).map((r) => r.created_at));
        const demands = yearsOf((await handle.db.selectFrom('demand').select('created_at').execute()).map((r) => r.created_at));
        const inquiries = yearsOf((await handle.db.selectFrom('listing_inquiry').select('created_at').execute()).map((r) => r.created_at));
        const deals = yearsOf((await handle.db.selectFrom('deal').select('created_at').execute()).map((r) => r.created_at));
        const events = yearsOf((await handle.db.selectFrom('market_event').select('held_on').execute()).map((r) => r.held_on));
        for (const y of years(today).map(String)) {
          for (const [what, set] of Object.entries({ listings, demands, inquiries, deals, events })) expect(set.has(y), `${what} ${y}`).toBe(true);
        }
      });

      it(`has every past quarter reported but a few (at most ${OVERDUE_BOUND} overdue), some waiting for review`, async () => {
        const plan = await handle.db.selectFrom('supervision_plan').selectAll().executeTakeFirstOrThrow();
        const cells = await cellsOf(handle.db, plan, today);
        const overdue = cells.filter((c) => c.overdue);
        expect(overdue.length).toBeGreaterThanOrEqual(1);
        expect(overdue.length).toBeLessThanOrEqual(OVERDUE_BOUND);
        expect(cells.filter((c) => c.status === 'accepted').length).toBeGreaterThan(cells.length * 0.9);
        expect(cells.filter((c) => c.status === 'submitted').length).toBeGreaterThanOrEqual(1);
        // The supervision journey's cell is still the department's to fill in.
        expect(overdue.some((c) => c.measureNumber === '四' && c.unitName === '区工业和信息化局' && c.period === '2023Q1')).toBe(true);
      });

      it('has a round paid (this year’s from August), another on 公示 and one open with drafts and submissions', async () => {
        const notices = await handle.db.selectFrom('subsidy_notice').selectAll().where('is_demo', '=', 1).execute();
        const apps = await handle.db.selectFrom('subsidy_application').select(['notice_id', 'status']).execute();
        const of = (id: string) => apps.filter((a) => a.notice_id === id).map((a) => a.status);

        const paid = notices.filter((n) => n.status === 'approved' && of(n.id).includes('paid'));
        expect(paid).toHaveLength(1);
        const disbursed = await handle.db.selectFrom('subsidy_disbursement').select(['amount_fen', 'paid_on']).where('notice_id', '=', paid[0]!.id).execute();
        expect(disbursed.length).toBe(of(paid[0]!.id).filter((s) => s === 'paid').length);
        expect(disbursed.every((d) => d.amount_fen > 0 && d.paid_on < today)).toBe(true);

        const open = notices.filter((n) => n.status === 'published' && n.opens_on <= today && today <= n.closes_on);
        expect(open).toHaveLength(1);
        expect(of(open[0]!.id)).toContain('draft');
        expect(of(open[0]!.id)).toContain('submitted');

        // The public 公示 page lists it, running today.
        const listed = await publicNotices(ctx());
        const running = listed.filter((n) => n.status === 'publicized' && n.startsOn! <= today && today <= n.endsOn!);
        expect(running).toHaveLength(1);
        expect(of(running[0]!.id)).toContain('publicized');
      });

      it('publishes statistics that are not zero', async () => {
        const report = await publicStatistics(ctx(), {});
        const counted = report.indicators.filter((i) => (i.value ?? 0) > 0);
        expect(counted.length).toBeGreaterThan(0);
        // This year's flows count too: contracts registered this year.
        expect(report.indicators.some((i) => i.period && i.period.from.startsWith(today.slice(0, 4)) && (i.value ?? 0) > 0)).toBe(true);
        // From August the year's first batch has been paid, and the public sees it.
        const paidOut = report.indicators.find((i) => i.name === '奖补拨付');
        if (today.slice(5) >= '08-01') expect(paidOut?.value ?? 0).toBeGreaterThan(0);
      });

      it('shows the district institute’s 成果定价公示 on the portal: one answered and registered after, one running', async () => {
        const listed = await listPublicPublicities(handle.db, '410411', today);
        expect(listed.map((p) => [p.institutionName, p.stage])).toEqual([
          ['平顶山市湛河区农业科学研究所', 'running'],
          ['平顶山市湛河区农业科学研究所', 'finished'],
        ]);
        expect(listed[1]).toMatchObject({ objectionCount: 1, outcome: '公示期满，异议 1 件均已答复' });
        const contract = await handle.db.selectFrom('contract').select(['status', 'registered_on']).where('id', '=', listed[1]!.contractId).executeTakeFirstOrThrow();
        expect(contract.status).toBe('registered');
        expect(contract.registered_on! > listed[1]!.endsOn).toBe(true);
      });

      it('leaves a unit registration and a 变更申请 in the operator’s queues, and the demo units administered', async () => {
        expect(await handle.db.selectFrom('unit_registration').select('id').where('status', '=', 'pending').execute()).toHaveLength(1);
        expect(await handle.db.selectFrom('registry_change_request').select('id').where('status', '=', 'pending').execute()).toHaveLength(1);
        const admins = await handle.db
          .selectFrom('unit_admin')
          .innerJoin('app_user', 'app_user.id', 'unit_admin.user_id')
          .select(['app_user.username'])
          .execute();
        expect(admins.filter((a) => a.username === 'enterprise')).toHaveLength(2);
        expect(admins.filter((a) => a.username === 'institution')).toHaveLength(1);
      });

      it('writes an intact audit log in words', async () => {
        expect((await verifyAuditChain(handle.db)).ok).toBe(true);
        expect(await unwordedAuditEvents(handle.db)).toEqual([]);
      }, 300_000);
    });
  }
}
