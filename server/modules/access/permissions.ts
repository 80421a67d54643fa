/**
 * Who may do what: one table. Each action string names the permission, the audit action and the
 * route's operation. A role either lacks the action, holds it over its whole jurisdiction, or holds
 * it only over the organizations its account acts for ("own").
 */
import type { UserRole } from '../../../common/vocabulary.js';

export type Scope = 'jurisdiction' | 'own';

const J = 'jurisdiction' as const;
const O = 'own' as const;

export const PERMISSIONS = {
  'registry.organization.read': { operator: J, admin: J, finance: J, department: J, evaluator: J, enterprise: O, institution: O, broker: O, agency: O, bank: O },
  'registry.organization.create': { operator: J, admin: J },
  'registry.organization.update': { operator: J, admin: J },
  'registry.person.read': { operator: J, admin: J, evaluator: J, enterprise: O, institution: O, broker: O, agency: O },
  'registry.person.create': { operator: J, admin: J },
  'registry.person.update': { operator: J, admin: J },
  'registry.platform.read': { operator: J, admin: J, finance: J, department: J, evaluator: J, enterprise: O, institution: O, agency: O },
  'registry.platform.create': { operator: J, admin: J },
  'registry.platform.update': { operator: J, admin: J },
  'registry.import': { operator: J, admin: J },
  'registry.export': { operator: J, admin: J, evaluator: J },
  'audit.read': { operator: J, admin: J, evaluator: J },
  'contracts.contract.read': { operator: J, admin: J, finance: J, department: J, evaluator: J, enterprise: O, institution: O, broker: O, agency: O },
  'contracts.contract.create': { operator: J, admin: J, enterprise: O, institution: O, agency: O },
  'contracts.contract.update': { operator: J, admin: J, enterprise: O, institution: O, agency: O },
  'contracts.contract.submit': { operator: J, admin: J, enterprise: O, institution: O, agency: O },
  'contracts.contract.review': { operator: J, admin: J },
  'contracts.contract.change': { operator: J, admin: J },
  'contracts.payment.write': { operator: J, admin: J, enterprise: O, institution: O, agency: O },
  'contracts.import': { operator: J, admin: J },
  // The other party of a contract is found in the whole registry by name or credit code.
  'contracts.party.lookup': { operator: J, admin: J, enterprise: O, institution: O, agency: O },
  'subsidies.settlement.run': { operator: J, admin: J, finance: J },
  'subsidies.settlement.read': { operator: J, admin: J, finance: J, evaluator: J },
  // The application workflow (申报 → 拨付, server/modules/applications). Notices are the
  // jurisdiction's documents: an "own" role reads those of its own jurisdiction.
  'applications.notice.read': { operator: J, admin: J, finance: J, evaluator: J, enterprise: O, institution: O, broker: O },
  'applications.notice.create': { operator: J, admin: J },
  'applications.notice.compute': { operator: J, admin: J },
  'applications.notice.publicize': { operator: J, admin: J },
  'applications.notice.approve': { finance: J, admin: J },
  'applications.application.read': { operator: J, admin: J, finance: J, evaluator: J, enterprise: O, institution: O, broker: O },
  'applications.application.create': { admin: J, enterprise: O, institution: O, broker: O },
  'applications.application.update': { admin: J, enterprise: O, institution: O, broker: O },
  'applications.application.submit': { admin: J, enterprise: O, institution: O, broker: O },
  'applications.application.first_review': { operator: J, admin: J },
  'applications.application.second_review': { operator: J, admin: J },
  'applications.objection.create': { operator: J, admin: J, finance: J, department: J, evaluator: J, enterprise: J, institution: J, broker: J, agency: J, bank: J },
  'applications.objection.resolve': { operator: J, admin: J },
  // 成果定价公示 (server/modules/pricing): an institution publicizes its own contracts' price decisions
  // and answers objections to them; anyone logged in may object (the public too, without an account).
  'pricing.publicity.write': { operator: J, admin: J, institution: O },
  // Not the evaluator (third-party evaluation only reads; as anyone, it may object on the portal's public form).
  'pricing.objection.create': { operator: J, admin: J, finance: J, department: J, enterprise: J, institution: J, broker: J, agency: J, bank: J },
  'pricing.objection.answer': { operator: J, admin: J, institution: O },
  'applications.payment.record': { finance: J, admin: J },
  'applications.payment.read': { operator: J, admin: J, finance: J },
  // The technology market (server/modules/market): listings (科技成果, 技术需求), moderation, inquiries.
  'market.listing.read': { operator: J, admin: J, evaluator: J, enterprise: O, institution: O, broker: O },
  'market.listing.create': { operator: J, admin: J, enterprise: O, institution: O, broker: O },
  'market.listing.update': { operator: J, admin: J, enterprise: O, institution: O, broker: O },
  'market.listing.submit': { operator: J, admin: J, enterprise: O, institution: O, broker: O },
  'market.listing.withdraw': { operator: J, admin: J, enterprise: O, institution: O, broker: O },
  'market.listing.moderate': { operator: J, admin: J },
  'market.match.read': { operator: J, admin: J, evaluator: J, broker: J, enterprise: O, institution: O },
  'market.import': { operator: J, admin: J },
  'market.export': { operator: J, admin: J, evaluator: J },
  // Not the evaluator: third-party evaluation only reads.
  'market.inquiry.create': { operator: J, admin: J, finance: J, department: J, enterprise: J, institution: J, broker: J, agency: J, bank: J },
  'market.inquiry.read': { operator: J, admin: J, enterprise: O, institution: O, broker: O },
  'market.inquiry.answer': { operator: J, admin: J, enterprise: O, institution: O, broker: O },
  // Deals (对接, server/modules/deals): brokers manage the deals they are assigned to (their own
  // account or their institution); the parties read theirs; the operator the whole jurisdiction.
  'deals.deal.read': { operator: J, admin: J, evaluator: J, enterprise: O, institution: O, broker: O, agency: O },
  'deals.deal.create': { operator: J, admin: J, broker: O, agency: O },
  'deals.deal.update': { operator: J, admin: J, broker: O, agency: O },
  'deals.deal.sign': { operator: J, admin: J, broker: O, agency: O },
  // Matchmaking events (对接会, 路演, server/modules/events): anyone logged in reads them and registers
  // (an "own" role registers itself and its organizations); the operator runs them.
  'events.event.read': { operator: J, admin: J, finance: J, department: J, evaluator: J, enterprise: J, institution: J, broker: J, agency: J, bank: J },
  'events.event.write': { operator: J, admin: J },
  'events.registration.create': { operator: J, admin: J, enterprise: O, institution: O, broker: O, agency: O, bank: O },
  'events.attendance.mark': { operator: J, admin: J },
  // The outcome funnel (listings → contacts → deals → signed → registered turnover).
  'market.funnel.read': { operator: J, admin: J, evaluator: J },
  // Supervision (督办, server/modules/supervision): plans and their measures, the units' progress
  // reports, the board. A department reaches the cells of the units linked to its organizations.
  'supervision.plan.read': { operator: J, admin: J, finance: J, department: J, evaluator: J },
  'supervision.plan.load': { operator: J, admin: J },
  'supervision.board.read': { operator: J, admin: J, finance: J, evaluator: J, department: O },
  'supervision.report.read': { operator: J, admin: J, finance: J, evaluator: J, department: O },
  'supervision.report.write': { admin: J, department: O },
  'supervision.report.submit': { admin: J, department: O },
  'supervision.report.review': { operator: J, admin: J },
  'supervision.remind': { operator: J, admin: J },
  // Targets and indicators (server/modules/indicators): the dashboard, drill-downs, trends. The public
  // subset (/api/public/statistics*) needs no permission.
  'indicators.read': { operator: J, admin: J, finance: J, department: J, evaluator: J },
  // The annual evaluation report (年度评估报告, (二十一), server/modules/evaluation): read-only, for
  // third-party evaluation among others.
  'evaluation.report.read': { operator: J, admin: J, finance: J, department: J, evaluator: J },
  // Services and finance (服务与金融, server/modules/services). Agencies manage their offerings and
  // answer the requests addressed to them; enterprises and institutions ask; banks manage their
  // products and answer the needs they match; the public directory (/api/public/services*) needs no permission.
  'services.offering.read': { operator: J, admin: J, evaluator: J, agency: O },
  'services.offering.write': { operator: J, admin: J, agency: O },
  'services.request.read': { operator: J, admin: J, evaluator: J, enterprise: O, institution: O, agency: O },
  'services.request.create': { admin: J, enterprise: O, institution: O },
  'services.request.update': { operator: J, admin: J, enterprise: O, institution: O, agency: O },
  'finance.product.read': { operator: J, admin: J, finance: J, evaluator: J, enterprise: J, institution: J, bank: O },
  'finance.product.write': { operator: J, admin: J, bank: O },
  'finance.need.read': { operator: J, admin: J, finance: J, evaluator: J, enterprise: O, institution: O },
  'finance.need.write': { admin: J, enterprise: O, institution: O },
  'finance.offer.write': { admin: J, bank: O },
  // IP operations (知识产权运营): licences and IP-as-equity records of the parties' own organizations.
  'ip.record.read': { operator: J, admin: J, department: J, evaluator: J, enterprise: O, institution: O, agency: O },
  'ip.record.write': { operator: J, admin: J, enterprise: O, institution: O, agency: O },
  // Talent (人才, server/modules/talent): practitioners with dated roles (T2), training courses,
  // enrolment by the operator or by an institution for its own people, attendance and certificates,
  // researchers named on contracts, and each person's contributions (职称评审).
  'talent.practitioner.read': { operator: J, admin: J, evaluator: J, department: J, institution: O, broker: O, agency: O },
  'talent.practitioner.write': { operator: J, admin: J },
  'talent.course.read': { operator: J, admin: J, finance: J, department: J, evaluator: J, enterprise: J, institution: J, broker: J, agency: J, bank: J },
  'talent.course.write': { operator: J, admin: J },
  'talent.enrolment.read': { operator: J, admin: J, evaluator: J, department: J },
  'talent.enrolment.create': { operator: J, admin: J, institution: O, broker: O, agency: O },
  'talent.attendance.mark': { operator: J, admin: J },
  'talent.certificate.issue': { operator: J, admin: J },
  'talent.certificate.read': { operator: J, admin: J, evaluator: J, enterprise: O, institution: O, broker: O, agency: O },
  'talent.researcher.write': { operator: J, admin: J, enterprise: O, institution: O, agency: O },
  'talent.contribution.read': { operator: J, admin: J, evaluator: J, enterprise: O, institution: O, agency: O },
  // The in-app notification centre (server/modules/notifications): one's own notifications.
  'notifications.read': { operator: O, admin: O, finance: O, department: O, evaluator: O, enterprise: O, institution: O, broker: O, agency: O, bank: O },
  'notifications.update': { operator: O, admin: O, finance: O, department: O, evaluator: O, enterprise: O, institution: O, broker: O, agency: O, bank: O },
  // Verified facts change through review (变更申请, server/modules/registry/change-requests.ts, ADR 014).
  // The operator and admin edit every field directly (registry.organization.update, .person.update,
  // .qualification.create, .equity.replace, .platform.*); an organization's own users change only the
  // self-service fields directly (contacts, address, industries, service types; a person's phone) and
  // ask for the rest through a 变更申请 with evidence, which the operator of the jurisdiction reviews.
  'registry.organization.update_contact': { operator: J, admin: J, enterprise: O, institution: O, agency: O, bank: O },
  'registry.person.update_contact': { operator: J, admin: J, enterprise: O, institution: O, agency: O },
  'registry.qualification.create': { operator: J, admin: J },
  'registry.equity.replace': { operator: J, admin: J },
  'registry.change_request.create': { enterprise: O, institution: O, agency: O, bank: O },
  'registry.change_request.withdraw': { enterprise: O, institution: O, agency: O, bank: O },
  'registry.change_request.read': { operator: J, admin: J, enterprise: O, institution: O, agency: O, bank: O },
  'registry.change_request.review': { operator: J, admin: J },
  // 单位注册 (server/modules/registration). Submitting, the status by query code and joining with an
  // invitation code are public (/api/public/…). The operator reviews the units' applications of the
  // jurisdiction; a unit's 单位管理员 (an account of the unit flagged as its admin — checked on top of
  // "own") manages the unit's users and, for an agency, confirms its brokers; an account of a unit
  // accepts an invitation to another unit.
  'registration.review': { operator: J, admin: J },
  'registration.unit.manage': { admin: J, enterprise: O, institution: O, agency: O, bank: O },
  'registration.invitation.accept': { enterprise: O, institution: O, broker: O, agency: O, bank: O },
  // 门户 (server/modules/portal): visitors read what is published (/api/public/portal/…); the bureau
  // writes, publishes and withdraws news, policy documents, interpretations and guides.
  'portal.post.read': { operator: J, admin: J },
  'portal.post.write': { operator: J, admin: J },
  // 信用记录 (server/modules/credit, issue 14): government roles read the jurisdiction's records on
  // organizations and people; a unit reads its own and asks for 信用修复, which the operator decides.
  // The operator enters, ends and imports records, and turns a false declaration found in an
  // application's review into a 违背信用承诺 record.
  'credit.record.read': { operator: J, admin: J, finance: J, department: J, evaluator: J, enterprise: O, institution: O, agency: O, bank: O },
  'credit.record.write': { operator: J, admin: J },
  'credit.record.from_application': { operator: J, admin: J },
  'credit.import': { operator: J, admin: J },
  'credit.export': { operator: J, admin: J, finance: J, evaluator: J },
  'credit.repair.create': { enterprise: O, institution: O, agency: O, bank: O },
  'credit.repair.review': { operator: J, admin: J },
  // 复查 (容错纠错, 尽职免责; server/modules/reexamination): a reviewer's decision re-examined as a recorded
  // case. The operator opens and concludes (the decision-maker never concludes their own); the evaluator
  // reads them all, read-only.
  'reexamination.case.read': { operator: J, admin: J, evaluator: J },
  'reexamination.case.open': { operator: J, admin: J },
  'reexamination.case.conclude': { operator: J, admin: J },
  'reexamination.export': { operator: J, admin: J, evaluator: J },
  // 工作台 (server/modules/workbench): every role's landing page; what it counts is scoped by the lists it links to.
  'workbench.read': { operator: O, admin: O, finance: O, department: O, evaluator: O, enterprise: O, institution: O, broker: O, agency: O, bank: O },
  // 用户与权限 (server/modules/users): the admin manages the accounts of its jurisdiction — opens government
  // accounts, changes roles, disables and enables, resets passwords, lifts login locks.
  'users.user.read': { admin: J },
  'users.user.create': { admin: J },
  'users.user.update_roles': { admin: J },
  'users.user.disable': { admin: J },
  'users.user.reset_password': { admin: J },
  'users.user.unlock': { admin: J },
} as const satisfies Record<string, Partial<Record<UserRole, Scope>>>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** The widest scope any of the roles gives for the action, or null when none does. */
export function scopeFor(roles: readonly UserRole[], action: Action): Scope | null {
  const table = PERMISSIONS[action] as Partial<Record<UserRole, Scope>>;
  let best: Scope | null = null;
  for (const role of roles) {
    const s = table[role];
    if (s === 'jurisdiction') return s;
    if (s === 'own') best = 'own';
  }
  return best;
}

export function permissionsOf(roles: readonly UserRole[]): Action[] {
  return ACTIONS.filter((a) => scopeFor(roles, a) !== null);
}
