/** The portal's response shapes (server/modules/portal): the server presents them, the web reads them. */
import type { PostKind, PostStatus } from './portal-vocabulary.js';

/** Who runs the portal and how to reach them (configuration: TT_PORTAL_*, TT_ICP, TT_PSB_RECORD). */
export interface PortalSite {
  /** 湛河区技术转移公共服务平台 */
  title: string;
  /** The jurisdiction's name: 河南省平顶山市湛河区 */
  jurisdictionName: string;
  hostOrg: string;
  contact: string;
  icp: string | null;
  psbRecord: string | null;
}

export interface QaItem {
  question: string;
  answer: string;
}

/** A post as the operator edits it (Markdown source included). */
export interface PortalPost {
  id: string;
  kind: PostKind;
  status: PostStatus;
  title: string;
  abstract: string | null;
  body: string;
  documentNumber: string | null;
  issuer: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  policyId: string | null;
  policyTitle: string | null;
  documentId: string | null;
  documentTitle: string | null;
  qa: QaItem[];
  publishedAt: string | null;
  isDemo: boolean;
  version: number;
  updatedAt: string;
  updatedByName: string;
}

/** One line of a public list: a post, a 申报通知 or a 公示. */
export interface PortalListItem {
  /** 新闻动态 | 政策文件 | 政策解读 | 办事指南 | 申报通知 | 公示 */
  category: string;
  title: string;
  /** YYYY-MM-DD (Beijing) */
  date: string;
  /** Where the web shows it. */
  path: string;
  abstract: string | null;
  isDemo: boolean;
}

/** A subsidy clause in words, linked to the rule of the policy that implements it. */
export interface PolicyClause {
  /** The anchor of the rule on its policy page: rule-1, rule-2 … */
  anchor: string;
  /** Path of the rule's clause on the policy page. */
  path: string;
  title: string;
  clause: string;
  document: string;
  text: string;
  /** What it pays, in plain words (derived from the policy data). */
  pays: string;
  /** Who receives it. */
  beneficiaries: string;
  /** What must hold, in words. */
  conditions: string[];
  /** Values in force and since when. */
  effective: string;
}

export interface PublicPost {
  id: string;
  kind: PostKind;
  kindLabel: string;
  title: string;
  abstract: string | null;
  /** The body rendered from Markdown (raw HTML off). */
  bodyHtml: string;
  documentNumber: string | null;
  issuer: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  qa: { question: string; answerHtml: string }[];
  publishedOn: string | null;
  isDemo: boolean;
  /** The subsidy policy it belongs to, with its clauses. */
  policy: { id: string; title: string; path: string; clauses: PolicyClause[] } | null;
  /** The policy document an interpretation explains. */
  document: { id: string; title: string; path: string } | null;
  interpretations: PortalListItem[];
  /** 申报通知 and 公示 under the same policy. */
  notices: PortalListItem[];
}

export interface PolicyLibraryEntry {
  title: string;
  documentNumber: string | null;
  issuer: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  path: string;
  /** 政策文件 (published by the bureau) or 奖补政策 (a built-in subsidy policy) */
  source: string;
  isDemo: boolean;
}

export interface SubsidyPolicyPage {
  id: string;
  title: string;
  documentNumber: string;
  jurisdiction: string;
  effectiveOn: string;
  expiresOn: string | null;
  clauses: PolicyClause[];
  documents: PortalListItem[];
  interpretations: PortalListItem[];
  notices: PortalListItem[];
}

export interface PortalHome {
  /** 通知公告: 申报通知, 公示 and news, newest first. */
  announcements: PortalListItem[];
  policies: PolicyLibraryEntry[];
  interpretations: PortalListItem[];
  guides: PortalListItem[];
}

/** A subsidy round's 申报通知 as the public reads it. */
export interface PublicCall {
  id: string;
  title: string;
  year: number;
  opensOn: string;
  closesOn: string;
  /** 申报中, 已核定奖补, 公示中, 财政已审定 */
  statusLabel: string;
  issuer: string;
  contact: string;
  policy: { title: string; documentNumber: string; path: string };
  clauses: PolicyClause[];
  /** The round's 公示 once publicized. */
  publicNoticePath: string | null;
  isDemo: boolean;
}
