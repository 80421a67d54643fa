/**
 * The subsidy application workflow's API shapes (申报通知 → 申报 → 审核 → 公示 → 拨付), shared by the
 * server (server/modules/applications) and the web pages.
 */
import type { ApplicationStatus, NoticeStatus, ObjectionStatus } from './application-vocabulary.js';
import type { Payment } from './contract-api.js';

/**
 * 申报通知: a notice opens a window for applications under one policy and year, for some of the
 * policy's rules, with a budget per rule and the number of working days of its 公示.
 */
export interface Notice {
  id: string;
  jurisdictionCode: string;
  title: string;
  policyId: string;
  policyTitle: string;
  year: number;
  opensOn: string;
  closesOn: string;
  rules: { id: string; title: string }[];
  /** Whole yuan per rule. */
  budgets: Record<string, number>;
  /** Parameter values set for this round (checked against the policy's kinds and maxima). */
  overrides: Record<string, number | string>;
  noticeDays: number;
  issuer: string;
  contact: string;
  status: NoticeStatus;
  /** Accepting new applications today. */
  open: boolean;
  settlementRunId: string | null;
  publicizedOn: string | null;
  noticeEndsOn: string | null;
  /** Years of the 公示 whose 放假安排 the calendar does not hold (only weekends skipped). */
  noticeUncoveredYears: number[];
  /** The end the calendar gives now, when a year loaded since publishing moved it; else null. */
  noticeRecountedEndsOn: string | null;
  /** Chinese words for the two above, null when the period was counted with every holiday known. */
  noticeCalendarWarning: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  /** Applications per status. */
  counts: Partial<Record<ApplicationStatus, number>>;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface RelatedParty {
  name: string;
  creditCode?: string | undefined;
  relation: string;
}

export interface OtherFunding {
  level: string;
  programme: string;
  amountFen: number;
  contractId?: string | undefined;
}

export interface Application {
  id: string;
  number: string;
  noticeId: string;
  noticeTitle: string;
  year: number;
  organizationId: string;
  organizationName: string;
  beneficiaryKind: 'organization' | 'person';
  beneficiaryRef: string;
  beneficiaryName: string;
  status: ApplicationStatus;
  contractIds: string[];
  relatedParties: RelatedParty[];
  relatedPartiesNote: string | null;
  otherFunding: OtherFunding[];
  otherFundingNote: string | null;
  contactName: string | null;
  contactPhone: string | null;
  payeeBank: string | null;
  payeeAccount: string | null;
  commitment: { text: string; signer: string; signedAt: string } | null;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  returnReason: string | null;
  rejectionReason: string | null;
  firstReview: { reviewerId: string | null; reviewerName: string; at: string } | null;
  secondReview: { reviewerId: string | null; reviewerName: string; at: string } | null;
  /** The award total in whole yuan, once computed. */
  awardYuan: number | null;
  nextStatuses: ApplicationStatus[];
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ClaimableContract {
  id: string;
  name: string;
  type: string;
  registrationNumber: string | null;
  registeredOn: string | null;
  signedOn: string;
  amountFen: number;
  techAmountFen: number;
  sellers: string[];
  buyers: string[];
  brokers: string[];
  status: string;
  claimed: boolean;
  /** The contracts module's payments ledger of the contract. */
  payments: Payment[];
}

/** One award of an application, with the Chinese explanation lines of its trace (subsidies/explain.ts). */
export interface AwardView {
  runId: string;
  seq: number;
  rule: string;
  ruleTitle: string;
  amountYuan: number;
  amountFen: number;
  /** 大写, e.g. 人民币叁万元整 */
  amountInWords: string;
  lines: string[];
}

export interface ApplicationDetail extends Application {
  /** Claimed contracts, and while the applicant can still edit, every contract it could claim. */
  contracts: ClaimableContract[];
  evidence: { hash: string; label: string; size: number; mime: string }[];
  steps: { seq: number; from: string | null; to: string; at: string; actorName: string; reason: string | null }[];
  awards: AwardView[];
  disbursement: { amountFen: number; paidOn: string; bankReference: string; recordedByName: string; recordedAt: string } | null;
}

/** 公示异议: an objection to a listed award, and how the operator resolved it. */
export interface Objection {
  id: string;
  noticeId: string;
  applicationId: string;
  applicationNumber: string;
  beneficiaryName: string;
  submitterName: string;
  contact: string | null;
  content: string;
  status: ObjectionStatus;
  resolution: string | null;
  outcomeAction: string | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
  version: number;
  createdAt: string;
}

/** One listed award on a 公示. */
export interface PublicListRow {
  applicationId: string;
  number: string;
  beneficiaryName: string;
  creditCode: string | null;
  rules: { rule: string; title: string; amountYuan: number }[];
  amountYuan: number;
  amountInWords: string;
}

/** The public view of a 公示. */
export interface PublicNoticeView {
  id: string;
  title: string;
  policyTitle: string;
  year: number;
  issuer: string;
  contact: string;
  status: string;
  startsOn: string;
  endsOn: string;
  workingDays: number;
  /** Objections are taken today. */
  objectionsOpen: boolean;
  rows: PublicListRow[];
  totalYuan: number;
  totalInWords: string;
  isDemo: boolean;
}

/** A notice on 公示 or approved after it, in the public list. */
export interface PublicNoticeSummary {
  id: string;
  title: string;
  year: number;
  issuer: string;
  status: string;
  startsOn: string | null;
  endsOn: string | null;
  isDemo: boolean;
}
