/**
 * The demo district as a working district on the day it is seeded (demo-story.ts), each step through
 * the use case a person would call, as that person, on the day it happened:
 * - contracts registered and paid in every year from 2024 to this year;
 * - the market in every year since 2022: a listing pair, an inquiry, a matchmaking event, a deal;
 * - 督办: every responsible unit linked to its department, every past quarter reported and accepted,
 *   except a handful: one department late on the last quarter, the one cell the supervision journey
 *   fills in, a few reports waiting for review, and those not yet due;
 * - 奖补: the year's first batch complete from notice to 拨付 (this year's from August, else last
 *   year's), its second batch on 公示, a batch open now with drafts and submitted applications;
 * - 成果定价公示: the district institute's licence publicized, objected to, answered and registered;
 *   its next decision on 公示 now (seed-demo-pricing.ts);
 * - the operator's queues: a unit registration to review and a 变更申请 to decide;
 * - the demo enterprise and institution accounts as their units' 单位管理员.
 * Runs once: a database holding a demo notice keeps its story.
 */
import { addDays, addYears, chinaDate } from '../../common/dates.js';
import { addQualification } from '../modules/registry/qualifications.js';
import type { UserRole } from '../../common/vocabulary.js';
import type { Actor, Ctx } from '../context.js';
import { computeAwards, approveNotice, publicizeNotice } from '../modules/applications/round.js';
import { createApplication, reviewApplication, submitApplication } from '../modules/applications/applications.js';
import { createNotice } from '../modules/applications/notices.js';
import { recordPayment } from '../modules/applications/disbursements.js';
import { noticeInput } from '../modules/applications/schema.js';
import { createInquiry } from '../modules/market/inquiries.js';
import { insertAchievement, insertDemand, transitionListing } from '../modules/market/listings.js';
import { achievementInput, demandInput } from '../modules/market/schema.js';
import { createDeal } from '../modules/deals/create-deal.js';
import { addDealNote } from '../modules/deals/add-deal-note.js';
import { signDeal } from '../modules/deals/sign-deal.js';
import { transitionDeal } from '../modules/deals/transition-deal.js';
import { createEvent } from '../modules/events/create-event.js';
import { markAttendance } from '../modules/events/mark-attendance.js';
import { registerForEvent } from '../modules/events/register-for-event.js';
import { markAllNotificationsRead } from '../modules/notifications/notifications.js';
import { issueCaptcha } from '../modules/registration/captcha.js';
import { handOverAdmin } from '../modules/registration/members.js';
import { submitRegistration } from '../modules/registration/submit-registration.js';
import { storeChangeRequestEvidence, submitChangeRequest } from '../modules/registry/change-requests.js';
import { cellsOf } from '../modules/supervision/board.js';
import { setUnitOrganization } from '../modules/supervision/plans.js';
import { createReport, reviewReport, submitReport } from '../modules/supervision/reports.js';
import { inTransaction, withinTransaction } from '../context.js';
import { buildUscc } from '../../common/uscc.js';
import { DEMO_REGISTRATION_OFFICE } from './demo-contracts.js';
import { storyContracts, storyMarket, seededRandom, type StoryContract } from './demo-story.js';
import { type DemoReferences, seedContract } from './seed-demo-contracts.js';
import { DEMO_PLAN, DEMO_REPORTING_UNIT } from './seed-demo-supervision.js';
import { seedDemoPricing } from './seed-demo-pricing.js';

const ZH = '410411';

/** The context acting on a given day (10:00 Beijing time), as `actor` when given. */
function on(ctx: Ctx, date: string, actor?: Actor): Ctx {
  const instant = new Date(`${date}T02:00:00.000Z`);
  return { ...ctx, ...(actor ? { actor } : {}), clock: { now: () => instant } };
}

async function userActor(ctx: Ctx, username: string): Promise<Actor | null> {
  const user = await ctx.db.selectFrom('app_user').select(['id', 'display_name', 'roles', 'jurisdiction_code']).where('username', '=', username).executeTakeFirst();
  if (!user) return null;
  return {
    id: user.id, name: user.display_name, roles: JSON.parse(user.roles) as UserRole[], jurisdictionCode: user.jurisdiction_code,
    organizationIds: (await ctx.db.selectFrom('user_organization').select('organization_id').where('user_id', '=', user.id).execute()).map((o) => o.organization_id),
  };
}

/** Someone acting for a unit that has no demo account: its 经办人, by the unit's name. */
function staffOf(name: string, role: UserRole, organizationId: string, title = '经办人'): Actor {
  return { id: null, name: `${name}${title}`, roles: [role], jurisdictionCode: ZH, organizationIds: [organizationId] };
}

/** A one-page PDF with a line of text (Latin letters only: the standard font has no Chinese). */
function pdfSaying(text: string): Buffer {
  const stream = `BT /F1 14 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export interface StoryResult {
  contracts: number;
  listings: number;
  reports: number;
  notices: number;
  applications: number;
  queued: number;
}

export async function seedDemoStory(ctx: Ctx, refs: DemoReferences): Promise<StoryResult | null> {
  const already = await ctx.db.selectFrom('subsidy_notice').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  if (already) return null;
  const today = chinaDate(ctx.clock.now());
  // Parts in one transaction where that helps: on SQLite a thousand quarterly reports commit once,
  // not three thousand times (on PostgreSQL they run in lanes instead); the rounds commit step by
  // step, as a settlement reads the contracts from a connection of its own.
  const contracts = await inTransaction(ctx, (trx) => seedStoryContracts(withinTransaction(ctx, trx), refs, today));
  await seedDemoPricing(ctx, refs, today);
  const listings = await inTransaction(ctx, (trx) => seedStoryMarket(withinTransaction(ctx, trx), refs, today));
  const reports = ctx.dialect === 'postgres'
    ? await seedStorySupervision(ctx, refs, today)
    : await inTransaction(ctx, (trx) => seedStorySupervision(withinTransaction(ctx, trx), refs, today));
  const { notices, applications } = await seedStoryRounds(ctx, refs, today, contracts);
  const queued = await seedStoryQueues(ctx, refs, today);
  return { contracts: contracts.size, listings, reports, notices, applications, queued };
}

// ——— contracts ———

async function seedStoryContracts(ctx: Ctx, refs: DemoReferences, today: string): Promise<Map<string, { id: string; story: StoryContract }>> {
  const office = refs.organizations.get(DEMO_REGISTRATION_OFFICE);
  if (!office) throw new Error(`demo registration office ${DEMO_REGISTRATION_OFFICE} is missing`);
  const out = new Map<string, { id: string; story: StoryContract }>();
  const evidence: { hash?: string } = {};
  for (const story of storyContracts(today)) {
    out.set(story.contract.key, { id: await seedContract(ctx, story.contract, refs, today, office, evidence), story });
  }
  return out;
}

// ——— the market ———

async function seedStoryMarket(ctx: Ctx, refs: DemoReferences, today: string): Promise<number> {
  const org = (key: string) => {
    const id = refs.organizations.get(key);
    if (!id) throw new Error(`demo market story: unknown organization ${key}`);
    return id;
  };
  const operator = (await userActor(ctx, 'operator'))!;
  const broker = await userActor(ctx, 'broker');
  const enterprise = await userActor(ctx, 'enterprise');
  const brokerPersonId = refs.people.get('person.xu-ming');
  let count = 0;
  for (const y of storyMarket(today)) {
    const achievement = await inTransaction(ctx, (trx) => insertAchievement(on(ctx, y.postedOn), trx, achievementInput.parse({
      externalId: y.achievement.externalId, title: y.achievement.title, description: y.achievement.description, keywords: y.achievement.keywords,
      technicalField: 'advanced_manufacturing', industries: [], trl: 6, stage: 'pilot_scale', ipItems: [], transferModes: ['license', 'co_development'],
      priceKind: 'negotiable', ownerOrganizationId: org(y.achievement.ownerKey), team: [], tags: [], expiresOn: addDays(y.postedOn, 730),
    }), { isDemo: true }));
    const demand = await inTransaction(ctx, (trx) => insertDemand(on(ctx, y.postedOn), trx, demandInput.parse({
      externalId: y.demand.externalId, title: y.demand.title, problem: y.demand.problem, keywords: y.demand.keywords, technicalField: 'advanced_manufacturing',
      industries: [], budgetMinFen: y.demand.budgetWan[0] * 1_000_000, budgetMaxFen: y.demand.budgetWan[1] * 1_000_000, deadline: addDays(y.postedOn, 180),
      organizationId: org(y.demand.organizationKey), isChallenge: false, tags: [],
    }), { isDemo: true }));
    for (const [kind, id] of [['achievement', achievement.id], ['demand', demand.id]] as const) {
      await transitionListing(on(ctx, addDays(y.postedOn, 1)), kind, id, { to: 'pending', version: 1 });
      await transitionListing(on(ctx, addDays(y.postedOn, 3), operator), kind, id, { to: 'published', version: 2 });
      count++;
    }
    // 联系对接: the demo enterprise account asks on behalf of one of its two companies.
    const inquiry = enterprise
      ? await createInquiry(on(ctx, y.inquiry.on, enterprise), {
          listingKind: 'achievement', listingId: achievement.id, message: y.inquiry.message, contact: y.inquiry.contact, fromOrganizationId: org(y.inquiry.fromKey),
        })
      : undefined;

    const event = await createEvent(on(ctx, addDays(y.event.heldOn, -14), operator), {
      title: y.event.title, kind: 'matchmaking', heldOn: y.event.heldOn, place: y.event.place, organizerOrganizationId: refs.organizations.get('org.tt-zhanhe'),
      description: y.event.description, listings: [{ kind: 'achievement', id: achievement.id }, { kind: 'demand', id: demand.id }],
    }, { isDemo: true });
    for (const r of y.event.registrations) {
      const reg = await registerForEvent(on(ctx, addDays(y.event.heldOn, -5), operator), event.id, { organizationId: org(r.organizationKey) }, { isDemo: true });
      if (r.attended) await markAttendance(on(ctx, y.event.heldOn, operator), event.id, reg.id, { version: 1, attended: true });
    }

    const actor = broker ?? operator;
    const deal = await createDeal(on(ctx, y.deal.startedOn, actor), {
      achievementId: achievement.id, demandId: demand.id, brokerPersonId, eventId: event.id, inquiryId: inquiry?.id,
    }, { isDemo: true });
    let version = deal.version;
    for (const [i, text] of y.deal.notes.entries()) await addDealNote(on(ctx, addDays(y.deal.startedOn, i + 1), actor), deal.id, { text });
    const after = addDays(y.deal.startedOn, y.deal.notes.length + 1);
    if (y.deal.outcome === 'terminated') {
      await transitionDeal(on(ctx, after, actor), deal.id, { to: 'terminated', version, reason: 'price', note: '企业预算不足，暂缓合作' });
    } else {
      version = (await transitionDeal(on(ctx, addDays(y.deal.startedOn, 1), actor), deal.id, { to: 'negotiating', version })).version;
      if (y.deal.outcome === 'signed') {
        await signDeal(on(ctx, after, actor), deal.id, { version, amountFen: y.deal.amountWan * 1_000_000, transferMode: 'license', licenseYears: 3 }, { isDemo: true });
      }
    }
  }
  return count;
}

// ——— 督办 ———

/** The plan's units without an organization of the same name, and the department that reports for each. */
const UNIT_LINKS: Record<string, string> = {
  区委组织部: 'org.gov-zzb',
  各街道办事处: 'org.gov-mazhuang',
  区科协: 'org.gov-kx',
  区税务局: 'org.gov-sw',
  区教育体育局: 'org.gov-jtj',
  区金融工作局: 'org.gov-jrj',
  区科技创新委员会办公室: 'org.gov-kjj',
  区统计局: 'org.gov-tjj',
};

/** The cell the supervision journey fills in: left unreported, as it always was. */
const JOURNEY_CELL = { measure: '四', unit: DEMO_REPORTING_UNIT, period: '2023Q1' };

const WORK = [
  '召开专题推进会，分解年度任务到科室和责任人',
  '走访辖区重点企业，梳理技术需求并建立台账',
  '联合区科技局开展政策宣讲，覆盖企业和科研单位',
  '组织企业参加技术对接活动，推动供需双方洽谈',
  '对照方案目标逐项核查进度，形成季度工作小结',
  '协调解决企业在成果转化中遇到的用地、融资等问题',
];
const COMMENTS = ['内容翔实，予以采纳。', '进展清楚，予以采纳。', '已核对，予以采纳。', '请下季度补充量化数据，本期予以采纳。'];

async function seedStorySupervision(ctx: Ctx, refs: DemoReferences, today: string): Promise<number> {
  const plan = await ctx.db.selectFrom('supervision_plan').selectAll().where('jurisdiction_code', '=', ZH).where('code', '=', DEMO_PLAN).executeTakeFirst();
  if (!plan) return 0;
  const operator = (await userActor(ctx, 'operator'))!;
  const department = await userActor(ctx, 'department');
  const units = await ctx.db.selectFrom('supervision_unit').selectAll().where('plan_id', '=', plan.id).execute();
  for (const u of units) {
    const key = UNIT_LINKS[u.name];
    const orgId = key ? refs.organizations.get(key) : undefined;
    if (!u.organization_id && orgId) await setUnitOrganization(on(ctx, today, operator), u.id, orgId);
  }
  const orgNames = new Map((await ctx.db.selectFrom('organization').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
  const cells = (await cellsOf(ctx.db, plan, today)).filter((c) => !c.reportId && (c.status === 'overdue' || c.status === 'due') && c.organizationId);
  if (!cells.length) return 0;
  const rnd = seededRandom(`supervision ${today}`);

  // The last quarter that is past due: one department (the one with the fewest cells) has not reported it.
  const overdue = cells.filter((c) => c.status === 'overdue');
  const lastPeriod = overdue.map((c) => c.period).sort().at(-1);
  const lastCells = overdue.filter((c) => c.period === lastPeriod);
  const perUnit = new Map<string, number>();
  for (const c of lastCells) perUnit.set(c.unitName, (perUnit.get(c.unitName) ?? 0) + 1);
  const lateUnit = [...perUnit.entries()].filter(([name]) => name !== DEMO_REPORTING_UNIT).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]?.[0];
  // A few of the last quarter's reports still wait for the operator's review.
  const awaiting = new Set(lastCells.filter((c) => c.unitName !== lateUnit).slice(0, 3).map((c) => `${c.measureId}|${c.unitId}`));

  const skip = (c: (typeof cells)[number]) =>
    (c.measureNumber === JOURNEY_CELL.measure && c.unitName === JOURNEY_CELL.unit && c.period === JOURNEY_CELL.period) ||
    (c.period === lastPeriod && c.unitName === lateUnit);
  const accepted: (typeof cells)[number][] = [];
  const pending: (typeof cells)[number][] = [];
  for (const c of cells) {
    if (skip(c)) continue;
    if (c.status === 'due') {
      if (rnd() < 0.5) pending.push(c); // some units have reported the quarter just ended, others still have days left
    } else if (c.period === lastPeriod && awaiting.has(`${c.measureId}|${c.unitId}`)) pending.push(c);
    else accepted.push(c);
  }

  const reporterOf = (c: (typeof cells)[number]): Actor =>
    department && department.organizationIds.includes(c.organizationId!) ? department : staffOf(orgNames.get(c.organizationId!) ?? c.unitName, 'department', c.organizationId!, '督办联络员');
  // Every report decided before any is written, so the same day gives the same reports in any order.
  const latest = addDays(today, -1);
  const plan_ = (c: (typeof cells)[number], submittedOn: string, reviewedOn: string | null) => ({
    c,
    reporter: reporterOf(c),
    text: `${c.periodLabel}，${c.unitName}围绕“${c.measureHeading}”${WORK[Math.floor(rnd() * WORK.length)]}，${WORK[Math.floor(rnd() * WORK.length)]}。`,
    figures: { 开展活动次数: 1 + Math.floor(rnd() * 6) },
    submittedOn,
    reviewedOn,
    comment: COMMENTS[Math.floor(rnd() * COMMENTS.length)]!,
  });
  const toAccept = accepted.map((c) => {
    // Submitted a few days before the due day, accepted within a week.
    const submittedOn = addDays(c.dueOn, -1 - Math.floor(rnd() * 5));
    const reviewedOn = addDays(submittedOn, 2 + Math.floor(rnd() * 5));
    return plan_(c, submittedOn, reviewedOn < today ? reviewedOn : today);
  });
  const toLeave = pending.map((c) => plan_(c, c.status === 'due' ? latest : addDays(c.dueOn, -2) < latest ? addDays(c.dueOn, -2) : latest, null));
  const write = async (r: (typeof toAccept)[number]) => {
    const draft = await createReport(on(ctx, addDays(r.submittedOn, -1), r.reporter), {
      measureId: r.c.measureId, unitId: r.c.unitId, period: r.c.period, text: r.text, figures: r.figures, attachments: [],
    }, { isDemo: true });
    const report = await submitReport(on(ctx, r.submittedOn, r.reporter), draft.id, draft.version);
    if (r.reviewedOn) await reviewReport(on(ctx, r.reviewedOn, operator), report.id, { version: report.version, decision: 'accept', comment: r.comment });
  };
  await inLanes(ctx, toAccept, write);
  // The operator has read the notices of the reports it accepted; those waiting stay unread.
  await markAllNotificationsRead(on(ctx, today, operator));
  for (const r of toLeave) await write(r);
  return toAccept.length + toLeave.length;
}

/**
 * Runs `work` over the items: one after another on SQLite (one writer); on PostgreSQL in a few
 * lanes at once, each step its own transaction, so the thousand reports do not wait on one another.
 */
async function inLanes<T>(ctx: Ctx, items: T[], work: (item: T) => Promise<void>): Promise<void> {
  const lanes = ctx.dialect === 'postgres' && !ctx.db.isTransaction ? 6 : 1;
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

// ——— 奖补 rounds ———

const CONTACTS = ['王晓峰', '李红梅', '张志强', '赵丽娟', '刘洋', '陈静', '孙建军', '周敏'];
const PAYEE_BANKS = ['中国银行平顶山湛河支行', '中国工商银行平顶山分行营业部', '中国建设银行平顶山湛河支行', '河南平顶山农村商业银行湛河支行'];

async function seedStoryRounds(ctx: Ctx, refs: DemoReferences, today: string, contracts: Map<string, { id: string; story: StoryContract }>): Promise<{ notices: number; applications: number }> {
  const operator = (await userActor(ctx, 'operator'))!;
  const finance = (await userActor(ctx, 'finance'))!;
  const reviewer: Actor = { id: null, name: '区科技局复核人员', roles: ['operator'], jurisdictionCode: ZH, organizationIds: [] };
  const thisYear = Number(today.slice(0, 4));
  // The year's first batch is 申报 in March–April and paid by the end of June: from August the
  // district shows this year's paid batch, before then last year's.
  const year = today >= `${thisYear}-08-01` ? thisYear : thisYear - 1;
  const rnd = seededRandom(`rounds ${today}`);
  const users = new Map<string, Actor>();
  for (const username of ['enterprise', 'institution']) {
    const a = await userActor(ctx, username);
    if (a) for (const o of a.organizationIds) users.set(o, a);
  }
  const orgRows = new Map((await ctx.db.selectFrom('organization').select(['id', 'name', 'kind']).execute()).map((o) => [o.id, o]));
  const applicantOf = (orgId: string): Actor => {
    const user = users.get(orgId);
    if (user) return user;
    const o = orgRows.get(orgId)!;
    return staffOf(o.name, o.kind === 'enterprise' ? 'enterprise' : 'institution', orgId);
  };
  /** The story contracts of a base year, by the organization that may claim them. */
  const claimsOfYear = (year: number) => {
    const by = new Map<string, string[]>();
    for (const { id, story } of contracts.values()) {
      if (story.year !== year || !story.contract.payments?.length) continue;
      const orgId = refs.organizations.get(story.beneficiaryKey)!;
      by.set(orgId, [...(by.get(orgId) ?? []), id]);
    }
    return by;
  };
  let notices = 0;
  let applications = 0;
  const rules = ['enterprise_purchase', 'institution_transfer', 'broker'];
  const notice = async (on_: string, title: string, year: number, opensOn: string, closesOn: string, noticeDays: number) => {
    notices++;
    return createNotice(on(ctx, on_, operator), noticeInput.parse({ title, policy: 'zhanhe-2022', year, opensOn, closesOn, rules, budgets: {}, noticeDays }), { isDemo: true });
  };
  const apply = async (noticeId: string, orgId: string, contractIds: string[] | undefined, draftOn: string, submitOn: string | null) => {
    const actor = applicantOf(orgId);
    const contactName = CONTACTS[applications % CONTACTS.length]!;
    const draft = await createApplication(on(ctx, draftOn, actor), {
      noticeId, organizationId: orgId, ...(contractIds ? { contractIds } : {}), evidence: [], relatedParties: [], otherFunding: [],
      contactName, contactPhone: `0375-${String(2_600_000 + Math.floor(rnd() * 99_999)).padStart(7, '0')}`,
      payeeBank: PAYEE_BANKS[applications % PAYEE_BANKS.length], payeeAccount: `62170${String(Math.floor(rnd() * 1e12)).padStart(14, '0')}`,
    }, { isDemo: true });
    applications++;
    if (!submitOn) return draft;
    return submitApplication(on(ctx, submitOn, actor), draft.id, { version: draft.version, commitment: { accepted: true, signer: contactName } });
  };
  const passBoth = async (id: string, version: number, firstOn: string, secondOn: string) => {
    const first = await reviewApplication(on(ctx, firstOn, operator), id, 'first', { version, decision: 'pass' });
    return reviewApplication(on(ctx, secondOn, reviewer), id, 'second', { version: first.version, decision: 'pass' });
  };
  /** Applies for each of `claimants`, both reviews pass, and the round is computed on `computeOn`. */
  const runToComputed = async (n: { id: string; version: number }, claimants: [string, string[]][], opensOn: string, closesOn: string, computeOn: string) => {
    for (const [i, [orgId, contractIds]] of claimants.entries()) {
      const draftOn = addDays(opensOn, 2 + i);
      const submitted = await apply(n.id, orgId, contractIds, draftOn, addDays(draftOn, 2));
      await passBoth(submitted.id, submitted.version, addDays(closesOn, 3), addDays(closesOn, 8));
    }
    const fresh = await ctx.db.selectFrom('subsidy_notice').select('version').where('id', '=', n.id).executeTakeFirstOrThrow();
    return computeAwards(on(ctx, computeOn, operator), n.id, fresh.version);
  };
  // The base year's claimants, the demo accounts' units first: half apply in the first batch, the rest in the second.
  const claimants = [...claimsOfYear(year - 1).entries()].sort((a, b) => Number(users.has(b[0])) - Number(users.has(a[0])) || a[0].localeCompare(b[0]));
  const half = Math.ceil(claimants.length / 2);
  const listed = new Set<string>();

  // The first batch, from notice to 拨付.
  if (claimants.length) {
    const opensOn = `${year}-03-01`;
    const closesOn = `${year}-04-30`;
    const n = await notice(`${year}-02-25`, `湛河区${year}年度技术转移奖补申报（第一批）`, year, opensOn, closesOn, 5);
    const computed = await runToComputed(n, claimants.slice(0, half), opensOn, closesOn, `${year}-05-20`);
    const publicized = await publicizeNotice(on(ctx, `${year}-05-25`, operator), n.id, { version: computed.version });
    await approveNotice(on(ctx, `${year}-06-10`, finance), n.id, publicized.version);
    const awarded = await ctx.db.selectFrom('subsidy_application').select(['id', 'version']).where('notice_id', '=', n.id).where('status', '=', 'approved').orderBy('number').execute();
    for (const [i, a] of awarded.entries()) {
      await recordPayment(on(ctx, `${year}-06-28`, finance), a.id, { version: a.version, paidOn: `${year}-06-28`, bankReference: `ZHCZ${year}0628${String(i + 1).padStart(4, '0')}` });
    }
    for (const [orgId] of claimants.slice(0, half)) listed.add(orgId);
  }

  // The second batch: closed, computed, on 公示 now.
  if (claimants.length > half) {
    const opensOn = addDays(today, -75);
    const closesOn = addDays(today, -30);
    const n = await notice(addDays(opensOn, -3), `湛河区${year}年度技术转移奖补申报（第二批）`, year, opensOn, closesOn, 10);
    const computed = await runToComputed(n, claimants.slice(half), opensOn, closesOn, addDays(today, -6));
    const startsOn = addDays(today, -3);
    await publicizeNotice(on(ctx, startsOn, operator), n.id, { version: computed.version, startsOn });
    for (const [orgId] of claimants.slice(half)) listed.add(orgId);
  }

  // Open now: in autumn the year's last batch, in spring the next year's first; the demo
  // enterprise's draft and two submitted by others.
  const openYear = thisYear;
  const openTitle = `湛河区${openYear}年度技术转移奖补申报（${year === thisYear ? '第三批' : '第一批'}）`;
  const opensOn = addDays(today, -12);
  const n = await notice(addDays(opensOn, -2), openTitle, openYear, opensOn, addDays(today, 25), 5);
  const others = ['org.pds-electric-parts', 'org.agri-tech', 'org.special-steel', 'org.tcm-pharma', 'org.med-device', 'org.bio-pharma']
    .map((k) => refs.organizations.get(k)!)
    .filter((id) => id && !(year === openYear && listed.has(id)))
    .slice(0, 3);
  for (const [i, orgId] of others.entries()) {
    const draftOn = addDays(opensOn, 1 + i);
    await apply(n.id, orgId, undefined, draftOn, i === 0 ? null : addDays(draftOn, 3));
  }
  return { notices, applications };
}

// ——— the operator's queues and the unit admins ———

async function seedStoryQueues(ctx: Ctx, refs: DemoReferences, today: string): Promise<number> {
  let queued = 0;
  const admin = await userActor(ctx, 'admin');
  // The demo enterprise and institution accounts administer their units' accounts.
  for (const username of ['enterprise', 'institution']) {
    const member = await userActor(ctx, username);
    if (!admin || !member?.id) continue;
    for (const orgId of member.organizationIds) await handOverAdmin(on(ctx, addDays(today, -60), admin), orgId, member.id);
  }

  // A new enterprise's 单位注册, waiting for the operator's review.
  const captchaAt = on(ctx, addDays(today, -2));
  const captcha = await issueCaptcha(captchaAt, () => ({ svg: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"/>', answer: 'hd26' }));
  await submitRegistration(captchaAt, {
    captchaId: captcha.id,
    captchaAnswer: 'hd26',
    application: {
      applicantType: 'unit',
      creditCode: buildUscc('9', '1', ZH, 'MA9HDL26'),
      orgName: '平顶山市湛河区恒达电力设备有限公司',
      orgKind: 'enterprise',
      divisionCode: ZH,
      address: '河南省平顶山市湛河区曹镇乡工业园区纬二路6号',
      legalRepName: '周建华',
      licenseKind: 'business_license',
      applicantName: '周晓雯',
      mobile: '13803752618',
      position: '综合办公室主任',
      username: 'hengda_power',
      password: 'Hengda@2026dl',
    },
  }, {
    license: { data: pdfSaying('Business license, Hengda Power Equipment'), fileName: '营业执照.pdf' },
    authorization: { data: pdfSaying('Letter of authorization, Hengda Power Equipment'), fileName: '授权委托书.pdf' },
  });
  queued++;

  // The institution asks to add the platform it was recognized for: a 变更申请 to decide.
  const institution = await userActor(ctx, 'institution');
  const nylon = refs.organizations.get('org.nrd-nylon');
  if (institution && nylon && institution.organizationIds.includes(nylon)) {
    const at = on(ctx, addDays(today, -4), institution);
    const file = await storeChangeRequestEvidence(at, pdfSaying('Recognition document, municipal engineering research center'), '市级工程技术研究中心认定文件.pdf');
    const recognizedOn = addDays(today, -40);
    await submitChangeRequest(at, {
      group: 'platform',
      organizationId: nylon,
      explanation: '本院尼龙新材料工程技术研究中心已获市科技局认定，申请登记。',
      evidence: [{ hash: file.hash, fileName: '市级工程技术研究中心认定文件.pdf' }],
      platform: { name: '平顶山市尼龙新材料工程技术研究中心', type: 'engineering_research_center', level: 'municipal', recognizedOn, documentNumber: `平科〔${recognizedOn.slice(0, 4)}〕41号` },
    });
    queued++;
  }
  return queued;
}

/**
 * 高新技术企业 certificates run three years; a demo enterprise passes its 重新认定 when one ends,
 * so a district seeded years later still has valid certificates. Each renewal is added on its
 * day through the registry, numbered like its predecessor for the year it is issued.
 */
export async function renewQualifications(ctx: Ctx, organizations: { id: string; qualifications?: { type: string; number: string; issuedOn: string }[] }[]): Promise<number> {
  const today = chinaDate(ctx.clock.now());
  let count = 0;
  for (const o of organizations) {
    const certificates = (o.qualifications ?? []).filter((q) => q.type === 'high_tech_enterprise').sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
    const last = certificates.at(-1);
    if (!last) continue;
    for (let issuedOn = addYears(last.issuedOn, 3); issuedOn <= today; issuedOn = addYears(issuedOn, 3)) {
      await addQualification(on(ctx, issuedOn), o.id, { type: 'high_tech_enterprise', number: `GR${issuedOn.slice(0, 4)}${last.number.slice(6)}`, issuedOn });
      count++;
    }
  }
  return count;
}
