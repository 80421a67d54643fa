/**
 * The workflow's official documents, filled from its records and built by the documents module:
 * the 公示 list (PDF/XLSX), the payment list (拨付清单, PDF/XLSX) and each beneficiary's award
 * notice (奖补通知书, PDF) with the explanation lines of its awards. Also the public view of a 公示.
 */
import { chinaDate } from '../../../common/dates.js';
import type { PublicListRow, PublicNoticeSummary, PublicNoticeView } from '../../../common/application-api.js';
import type { Ctx, Executor } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { amountInWordsWithCurrency } from '../documents/amount-in-words.js';
import { awardNoticePdf } from '../documents/award-notice.js';
import type { PaymentList, PublicNotice } from '../documents/model.js';
import { paymentListPdf, paymentListXlsx } from '../documents/payment-list.js';
import { publicNoticePdf, publicNoticeXlsx } from '../documents/public-notice.js';
import { builtInPolicy } from '../subsidies/policy.js';
import { awardLinesOf, loadApplicationFor } from './applications.js';
import { loadNoticeFor, ruleTitleOf } from './notices.js';
import { type NoticeRow, applicationsOfNotice, awardsOf, beneficiaryNames, findNotice } from './repo.js';
import { LISTED, WITH_AWARDS } from './workflow.js';

const DEMO_MARK = '演示数据';

/** The listed awards of a notice on 公示 (or approved after it). */
async function listedRows(db: Executor, notice: NoticeRow): Promise<PublicListRow[]> {
  const policy = builtInPolicy(notice.policy_id);
  const apps = await applicationsOfNotice(db, notice.id, LISTED);
  const [awards, names] = await Promise.all([
    awardsOf(db, apps.map((a) => a.id)),
    beneficiaryNames(db, apps.map((a) => ({ kind: a.beneficiary_kind, ref: a.beneficiary_ref }))),
  ]);
  return apps.map((a) => {
    const list = awards.get(a.id) ?? [];
    const yuan = list.reduce((s, x) => s + x.amount_yuan, 0);
    return {
      applicationId: a.id,
      number: a.number,
      beneficiaryName: names.get(a.beneficiary_ref)?.name ?? '',
      creditCode: names.get(a.beneficiary_ref)?.code ?? null,
      rules: list.map((x) => ({ rule: x.rule, title: ruleTitleOf(policy, x.rule), amountYuan: x.amount_yuan })),
      amountYuan: yuan,
      amountInWords: amountInWordsWithCurrency(yuan * 100),
    };
  });
}

function assertListed(notice: NoticeRow): asserts notice is NoticeRow & { publicized_on: string; notice_ends_on: string } {
  if (!['publicized', 'approved'].includes(notice.status) || !notice.publicized_on || !notice.notice_ends_on) {
    throw new AppError('NOT_FOUND', '该申报通知尚未公示');
  }
}

export async function publicNoticeView(ctx: Ctx, noticeId: string): Promise<PublicNoticeView> {
  const notice = await findNotice(ctx.db, noticeId);
  if (!notice) throw notFound('公示', noticeId);
  assertListed(notice);
  const rows = await listedRows(ctx.db, notice);
  const total = rows.reduce((s, r) => s + r.amountYuan, 0);
  const today = chinaDate(ctx.clock.now());
  return {
    id: notice.id,
    title: `${notice.title}拟奖补名单公示`,
    policyTitle: builtInPolicy(notice.policy_id)?.title ?? notice.policy_id,
    year: notice.year,
    issuer: notice.issuer,
    contact: notice.contact,
    status: notice.status,
    startsOn: notice.publicized_on,
    endsOn: notice.notice_ends_on,
    workingDays: notice.notice_days,
    objectionsOpen: notice.status === 'publicized' && notice.publicized_on <= today && today <= notice.notice_ends_on,
    rows,
    totalYuan: total,
    totalInWords: amountInWordsWithCurrency(total * 100),
    isDemo: notice.is_demo === 1,
  };
}

/** Notices on 公示 or approved after it, newest first (public). */
export async function publicNotices(ctx: Ctx): Promise<PublicNoticeSummary[]> {
  const rows = await ctx.db
    .selectFrom('subsidy_notice')
    .select(['id', 'title', 'year', 'issuer', 'status', 'publicized_on', 'notice_ends_on', 'is_demo'])
    .where('status', 'in', ['publicized', 'approved'])
    .orderBy('publicized_on', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: `${r.title}拟奖补名单公示`,
    year: r.year,
    issuer: r.issuer,
    status: r.status,
    startsOn: r.publicized_on,
    endsOn: r.notice_ends_on,
    isDemo: r.is_demo === 1,
  }));
}

async function publicNoticeDocument(db: Executor, notice: NoticeRow): Promise<PublicNotice> {
  assertListed(notice);
  const policy = builtInPolicy(notice.policy_id);
  const rows = await listedRows(db, notice);
  return {
    title: `${notice.title}拟奖补名单公示`,
    issuer: notice.issuer,
    date: notice.publicized_on,
    ...(notice.is_demo ? { mark: DEMO_MARK } : {}),
    intro: [`根据《${policy?.title ?? notice.policy_id}》，经单位申报、初审、复核，按政策规定和预算核定，现将${notice.year}年度拟奖补名单予以公示。`],
    period: { start: notice.publicized_on, end: notice.notice_ends_on, workingDays: notice.notice_days },
    rows: rows.flatMap((r) =>
      r.rules.map((x) => ({ name: r.beneficiaryName, ...(r.creditCode ? { creditCode: r.creditCode } : {}), project: x.title, amountFen: x.amountYuan * 100 })),
    ),
    objection: [`公示期间，对名单有异议的，请通过本平台公示页面或以下方式实名提出，并提供必要的证明材料：${notice.contact}。`],
  };
}

/** The 公示 list as PDF or XLSX (public once published). */
export async function publicListFile(ctx: Ctx, noticeId: string, format: 'pdf' | 'xlsx') {
  const notice = await findNotice(ctx.db, noticeId);
  if (!notice) throw notFound('公示', noticeId);
  const doc = await publicNoticeDocument(ctx.db, notice);
  return { name: `${doc.title}.${format}`, content: format === 'pdf' ? await publicNoticePdf(doc) : await publicNoticeXlsx(doc) };
}

/** Masks a bank account for print: the last four digits only. */
export function maskAccount(account: string | null): string {
  if (!account) return '—';
  const digits = account.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

/** The payment list (拨付清单) of an approved notice, as PDF or XLSX. */
export async function paymentListFile(ctx: Ctx, noticeId: string, format: 'pdf' | 'xlsx') {
  const notice = await loadNoticeFor(ctx.db, ctx.actor, 'applications.payment.read', noticeId);
  if (notice.status !== 'approved' || !notice.approved_at) throw new AppError('CONFLICT', '名单经财政局审定后方可生成拨付清单', { field: 'status' });
  const policy = builtInPolicy(notice.policy_id);
  const apps = await applicationsOfNotice(ctx.db, noticeId, ['approved', 'paid']);
  const [awards, names, paid] = await Promise.all([
    awardsOf(ctx.db, apps.map((a) => a.id)),
    beneficiaryNames(ctx.db, apps.map((a) => ({ kind: a.beneficiary_kind, ref: a.beneficiary_ref }))),
    apps.length ? ctx.db.selectFrom('subsidy_disbursement').selectAll().where('notice_id', '=', noticeId).execute() : [],
  ]);
  const payment = new Map(paid.map((p) => [p.application_id, p]));
  const list: PaymentList = {
    title: `${notice.title}奖补资金拨付清单`,
    issuer: notice.issuer,
    date: chinaDate(new Date(notice.approved_at)),
    ...(notice.is_demo ? { mark: DEMO_MARK } : {}),
    facts: [
      { label: '政策', value: policy?.title ?? notice.policy_id },
      { label: '年度', value: String(notice.year) },
      { label: '财政审定', value: notice.approved_by_name ?? '' },
    ],
    rows: apps.map((a) => ({
      payee: names.get(a.beneficiary_ref)?.name ?? '',
      bank: a.payee_bank ?? '—',
      bankAccount: maskAccount(a.payee_account),
      rule: (awards.get(a.id) ?? []).map((x) => ruleTitleOf(policy, x.rule)).join('；'),
      amountFen: Number(a.award_yuan ?? 0) * 100,
      reference: payment.get(a.id) ? `${payment.get(a.id)!.bank_reference}（${payment.get(a.id)!.paid_on}）` : '待拨付',
    })),
  };
  return { name: `${list.title}.${format}`, content: format === 'pdf' ? await paymentListPdf(list) : await paymentListXlsx(list) };
}

/** One beneficiary's award notice (奖补通知书) with the explanation lines of its awards. */
export async function awardNoticeFile(ctx: Ctx, applicationId: string) {
  const app = await loadApplicationFor(ctx.db, ctx.actor, 'applications.application.read', applicationId);
  if (!WITH_AWARDS.includes(app.status as never)) throw new AppError('CONFLICT', '该申报尚无核定的奖补', { field: 'status' });
  const notice = (await findNotice(ctx.db, app.notice_id))!;
  const policy = builtInPolicy(notice.policy_id);
  const awards = await awardLinesOf(ctx.db, app);
  const name = (await beneficiaryNames(ctx.db, [{ kind: app.beneficiary_kind, ref: app.beneficiary_ref }])).get(app.beneficiary_ref)?.name ?? '';
  const date = chinaDate(new Date(notice.approved_at ?? app.updated_at));
  const pdf = await awardNoticePdf({
    title: `${notice.title}奖补通知书`,
    documentNumber: app.number,
    issuer: notice.issuer,
    date,
    ...(app.is_demo || notice.is_demo ? { mark: DEMO_MARK } : {}),
    beneficiary: name,
    ...(policy ? { policy: policy.title } : {}),
    rule: awards.map((a) => a.ruleTitle).join('、'),
    amountFen: awards.reduce((s, a) => s + a.amountFen, 0),
    explanation: awards.flatMap((a) => (awards.length > 1 ? [`【${a.ruleTitle}】${a.amountYuan} 元`, ...a.lines] : a.lines)),
    closing: ['奖补资金经公示无异议并经财政部门审定后拨付至申报时填写的银行账户，请注意查收。'],
  });
  return { name: `奖补通知书-${name}-${app.number}.pdf`, content: pdf };
}
