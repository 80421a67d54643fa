/**
 * The workbench's API shapes (GET /api/workbench, GET /api/workbench/prospects), shared by the
 * server (server/modules/workbench) and the web page (web/src/pages/workbench).
 */
import type { Notification } from './notification-api.js';

/** One 待办: what to do, how many, and the list that shows exactly those. */
export interface WorkbenchItem {
  /** Stable key, for tests and the page's test ids. */
  key: string;
  /** What the items are, in Chinese ("待初审的申报"). */
  label: string;
  count: number;
  /** The web path of the filtered list the count is taken from. */
  link: string;
  /** Something the user has to act on (shown highlighted when count > 0), or just information. */
  tone: 'todo' | 'info';
}

export interface WorkbenchShortcut {
  label: string;
  link: string;
}

export interface Workbench {
  /** The user's roles' Chinese names. */
  roleLabels: string[];
  items: WorkbenchItem[];
  notifications: Notification[];
  unread: number;
  shortcuts: WorkbenchShortcut[];
  /** Whether the user is one that may be owed an award (enterprise, institution, broker). */
  prospects: boolean;
}

/** One award the unit may be owed under a notice's policy, in words. */
export interface ProspectAward {
  ruleTitle: string;
  amountYuan: number;
  /** "按上年度有凭证和发票的到账额 120 万元的 10% 计 12 万元，未超过每家企业每年 20 万元的上限" */
  sentence: string;
  /** The whole trace in words. */
  lines: string[];
}

export interface ProspectContract {
  id: string;
  name: string;
  registrationNumber: string | null;
  /** Counted in an award of this estimate: chosen when applying from it. */
  counted: boolean;
}

/** What the engine gives one beneficiary (a unit, or a broker of the unit) under one open notice, today. */
export interface Prospect {
  noticeId: string;
  noticeTitle: string;
  policyTitle: string;
  /** Application year; the base year is the year before. */
  year: number;
  baseYear: number;
  closesOn: string;
  organizationId: string;
  organizationName: string;
  /** A broker's estimate: the person (the unit applies for them). */
  personId: string | null;
  beneficiaryName: string;
  amountYuan: number;
  /** "12 万元" */
  amountText: string;
  awards: ProspectAward[];
  contracts: ProspectContract[];
  /** What stands between the unit and more, one sentence each. */
  obstacles: string[];
  /** The application already made under this notice, if any. */
  application: { id: string; number: string; statusLabel: string } | null;
}

export interface ProspectPage {
  asOf: string;
  items: Prospect[];
}
