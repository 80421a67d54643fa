/**
 * Notifications along an applicant's way (issue 13): a notice it can apply to is published; its
 * contract registered, returned or not registered; its application returned or reviewed; the award
 * computed; the 公示 started; paid; and a settlement finding an award for a unit that has not applied.
 * Each is sent in the transaction of the change it reports (the callers pass their `trx`), to the
 * organization (every account acting for it sees it). Amounts are in words (元 / 万元).
 */
import type { Ctx, Executor } from '../../context.js';
import { REJECTION_REASONS } from '../../../common/vocabulary.js';
import { underPrefix } from '../../db/under-prefix.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { yuanWords } from '../subsidies/trace-words.js';
import { sendNotification } from './notifications.js';

type Clock = Pick<Ctx, 'clock'>;

/** Organization kinds a subsidy notice speaks to (applicants and the units brokers work for). */
const APPLICANT_KINDS = ['enterprise', 'university', 'research_institute', 'new_rd_institution', 'tech_transfer_institution', 'service_agency'];

/** A published notice: every applicant organization of its jurisdiction that has an account. */
export async function notifyNoticePublished(trx: Executor, ctx: Clock, notice: { id: string; title: string; jurisdiction_code: string; opens_on: string; closes_on: string }): Promise<void> {
  const orgs = await trx
    .selectFrom('organization')
    .select(['id'])
    .where(underPrefix('jurisdiction_code', jurisdictionPrefix(notice.jurisdiction_code)))
    .where('kind', 'in', APPLICANT_KINDS)
    .where((eb) => eb.exists(eb.selectFrom('user_organization').select('user_organization.user_id').whereRef('user_organization.organization_id', '=', 'organization.id')))
    .execute();
  for (const o of orgs) {
    await sendNotification(trx, ctx, {
      jurisdictionCode: notice.jurisdiction_code,
      recipientOrganizationId: o.id,
      kind: 'applications.notice.published',
      title: `新的奖补申报通知：${notice.title}`,
      body: `申报时间 ${notice.opens_on} 至 ${notice.closes_on}。在工作台可查看按本单位已登记合同预计可获的奖补，并一键申报。`,
      link: '/workbench',
      dedupeKey: `notice-published:${notice.id}:${o.id}`,
    });
  }
}

const CONTRACT_WORDS: Record<string, { kind: 'contracts.registered' | 'contracts.materials_requested' | 'contracts.rejected'; title: string }> = {
  registered: { kind: 'contracts.registered', title: '技术合同已登记' },
  materials_requested: { kind: 'contracts.materials_requested', title: '技术合同需补正材料' },
  rejected: { kind: 'contracts.rejected', title: '技术合同未予登记' },
};

/** A contract registered, returned for materials or not registered: each party organization is told. */
export async function notifyContractStep(trx: Executor, ctx: Clock, contract: { id: string; name: string; jurisdiction_code: string }, to: string, detail: { registrationNumber?: string | null; note?: string | null; reason?: string | null }): Promise<void> {
  const words = CONTRACT_WORDS[to];
  if (!words) return;
  const parties = await trx.selectFrom('contract_party').select('organization_id').where('contract_id', '=', contract.id).where('organization_id', 'is not', null).execute();
  const body =
    to === 'registered'
      ? `合同“${contract.name}”已登记${detail.registrationNumber ? `，登记编号 ${detail.registrationNumber}` : ''}；其有凭证和发票的到账额可计入奖补。`
      : to === 'materials_requested'
        ? `合同“${contract.name}”需补正材料：${detail.note ?? ''}。补正后请重新提交。`
        : `合同“${contract.name}”未予登记${detail.reason ? `：${REJECTION_REASONS.label(detail.reason)}` : ''}${detail.note ? `（${detail.note}）` : ''}。`;
  for (const orgId of new Set(parties.map((p) => p.organization_id!))) {
    await sendNotification(trx, ctx, { jurisdictionCode: contract.jurisdiction_code, recipientOrganizationId: orgId, kind: words.kind, title: `${words.title}：${contract.name}`, body, link: `/contracts/${contract.id}` });
  }
}

type ApplicationKind = 'applications.returned' | 'applications.reviewed' | 'applications.awarded' | 'applications.publicized' | 'applications.paid';

/** One message about an application to the organization that made it. */
export async function notifyApplication(trx: Executor, ctx: Clock, app: { id: string; number: string; organization_id: string; jurisdiction_code: string }, kind: ApplicationKind, title: string, body: string): Promise<void> {
  await sendNotification(trx, ctx, { jurisdictionCode: app.jurisdiction_code, recipientOrganizationId: app.organization_id, kind, title: `${title}（申报编号 ${app.number}）`, body, link: `/applications/${app.id}` });
}

/**
 * After a settlement over the whole registry: each organization awarded there that has made no
 * application under a notice of the same policy and year is told what it may be owed.
 */
export async function notifyUnclaimedAwards(trx: Executor, ctx: Clock, run: { id: string; policyId: string; policyTitle: string; year: number; jurisdictionCode: string }, awards: { beneficiaryRef: string; beneficiaryKind: string; amountYuan: number }[]): Promise<void> {
  const byOrg = new Map<string, number>();
  for (const a of awards) if (a.beneficiaryKind === 'organization' && a.amountYuan > 0) byOrg.set(a.beneficiaryRef, (byOrg.get(a.beneficiaryRef) ?? 0) + a.amountYuan);
  if (!byOrg.size) return;
  const refs = [...byOrg.keys()];
  const applied = new Set<string>();
  for (let i = 0; i < refs.length; i += 500) {
    const rows = await trx
      .selectFrom('subsidy_application')
      .innerJoin('subsidy_notice', 'subsidy_notice.id', 'subsidy_application.notice_id')
      .select('subsidy_application.beneficiary_ref as ref')
      .where('subsidy_notice.policy_id', '=', run.policyId)
      .where('subsidy_notice.year', '=', run.year)
      .where('subsidy_application.beneficiary_ref', 'in', refs.slice(i, i + 500))
      .execute();
    for (const r of rows) applied.add(r.ref);
  }
  for (const [orgId, yuan] of byOrg) {
    if (applied.has(orgId)) continue;
    await sendNotification(trx, ctx, {
      jurisdictionCode: run.jurisdictionCode,
      recipientOrganizationId: orgId,
      kind: 'subsidies.unclaimed_award',
      title: `贵单位 ${run.year} 年度可能可获奖补 ${yuanWords(yuan)}`,
      body: `按《${run.policyTitle}》和已登记合同的到账情况测算，贵单位 ${run.year} 年度可能可获奖补约 ${yuanWords(yuan)}，尚未申报。申报通知发布后，可在工作台一键申报。`,
      link: '/workbench',
      dedupeKey: `unclaimed:${run.policyId}:${run.year}:${orgId}`,
    });
  }
}
