/**
 * The subsidy application workflow's vocabularies (申报 → 拨付), shared by server and web:
 * code name (stored) → Chinese label (shown). See server/modules/applications/workflow.ts.
 */

import { labels } from './vocabulary.js';

export const APPLICATION_STATUSES = labels({
  draft: '草稿',
  submitted: '已提交待初审',
  returned: '退回补正',
  first_passed: '初审通过待复核',
  second_passed: '复核通过待核定',
  awarded: '已核定奖补',
  no_award: '核定无奖补',
  publicized: '公示中',
  removed: '异议成立已取消',
  approved: '财政已审定待拨付',
  paid: '已拨付',
  rejected: '不予支持',
});
export type ApplicationStatus = (typeof APPLICATION_STATUSES.values)[number];

export const NOTICE_STATUSES = labels({
  published: '申报中',
  computed: '已核定奖补',
  publicized: '公示中',
  approved: '财政已审定',
});
export type NoticeStatus = (typeof NOTICE_STATUSES.values)[number];

export const OBJECTION_STATUSES = labels({ open: '待处理', upheld: '异议成立', dismissed: '异议不成立' });
export type ObjectionStatus = (typeof OBJECTION_STATUSES.values)[number];

export const REVIEW_DECISIONS = labels({ pass: '通过', return: '退回补正', reject: '不予支持' });
export type ReviewDecision = (typeof REVIEW_DECISIONS.values)[number];

/** 承诺书: the text the applicant signs (a checkbox, with who and when) before submitting. */
export const COMMITMENT_TEXT =
  '本单位（本人）郑重承诺：所提交的申报材料及证明文件真实、准确、完整，所申报的技术合同已在全国技术合同登记系统登记，' +
  '已如实申报关联关系及已获得的其他财政资金支持，同一事项未重复申报；如有虚假，自愿退回全部奖补资金并承担相应法律责任。';
