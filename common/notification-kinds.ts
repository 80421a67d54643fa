/**
 * Every kind of in-app notification, with the label a person reads (the notification centre's tag).
 * One table for all modules: sendNotification refuses a kind that is not here, so a new kind cannot
 * reach a page as its code.
 */
import { labels } from './vocabulary.js';

export const NOTIFICATION_KINDS = labels({
  'supervision.overdue': '督办逾期提醒',
  'supervision.report.returned': '进度报告退回',
  'supervision.report.accepted': '进度报告采纳',
  'supervision.report.submitted': '进度报告提交',
  'deals.started': '发起对接',
  'deals.signed': '对接签约（合同草稿待登记）',
  'market.match': '供需匹配推荐',
  'services.request': '服务请求',
  'finance.offer': '融资方案',
  'registry.change_request.approved': '变更申请通过',
  'registry.change_request.rejected': '变更申请驳回',
  'registration.approved': '注册审核通过',
  'registration.invitation.accepted': '同事加入单位',
  'credit.record.created': '信用记录登记',
  'credit.repair.approved': '信用修复通过',
  'credit.repair.rejected': '信用修复驳回',
  // 成果定价公示 (server/modules/pricing/objections.ts)
  'pricing.objection.created': '定价公示异议',
  'pricing.objection.answered': '定价公示异议已答复',
  // Along an applicant's way (server/modules/notifications/applicant-notices.ts, issue 13)
  'applications.notice.published': '奖补申报通知',
  'contracts.registered': '合同已登记',
  'contracts.materials_requested': '合同待补正',
  'contracts.rejected': '合同未予登记',
  'applications.returned': '申报退回补正',
  'applications.reviewed': '申报审核结果',
  'applications.awarded': '奖补已核定',
  'applications.publicized': '奖补公示',
  'applications.paid': '奖补已拨付',
  'subsidies.unclaimed_award': '可申报的奖补',
});
export type NotificationKind = (typeof NOTIFICATION_KINDS.values)[number];

export function isNotificationKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS.table, kind);
}
