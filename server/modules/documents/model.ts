/**
 * The plain data each official document is built from. Callers (the subsidy workflow) fill these
 * from their own records; the builders format, total and lay out, and never look anything up.
 *
 * Conventions: money is integer fen (`bigint` or a safe-integer `number`); dates are `YYYY-MM-DD`
 * (`IsoDate`) business dates in China; identifiers that must be masked (credit codes of people, bank
 * accounts) arrive already masked — the builders print them exactly as given.
 */
import type { IsoDate } from '../../../common/dates.js';
import type { FenInput } from './amount-in-words.js';

/** Fields every document carries. */
export interface DocumentHeader {
  /** The document's title, printed first, e.g. 湛河区2023年度技术转移后补助拟奖补名单公示. */
  title: string;
  /** Who issues it, printed above the date at the end, e.g. 湛河区科学技术局. */
  issuer: string;
  /** Date of issue; also the PDF's CreationDate and the XLSX's created date (00:00 China time). */
  date: IsoDate;
  /**
   * A mark printed at the top right of every PDF page and above an XLSX table, e.g. 演示数据 for the
   * demo district. Omitted when absent.
   */
  mark?: string;
}

/** 公示名单: the list of proposed awards put up for public notice. */
export interface PublicNotice extends DocumentHeader {
  /** Paragraphs before the table (basis, procedure), e.g. 根据《…》，经企业申报、部门审核，现予公示。 */
  intro?: string[];
  /** The notice period; `workingDays` is counted by the caller (holiday calendar). */
  period: { start: IsoDate; end: IsoDate; workingDays: number };
  /** One row per proposed award, in the order to print; 序号 is numbered from 1. */
  rows: PublicNoticeRow[];
  /** Paragraphs after the table: how and where to object, contact person and telephone. */
  objection: string[];
}

export interface PublicNoticeRow {
  /** 单位/个人名称 */
  name: string;
  /** 统一社会信用代码 (or a masked ID number for a person), printed as given; absent → 「—」. */
  creditCode?: string;
  /** 奖补项目, e.g. 技术合同登记奖补 or the rule's name. */
  project: string;
  /** 金额, fen. */
  amountFen: FenInput;
}

/** 拨付清单: the payment list the finance bureau pays from. */
export interface PaymentList extends DocumentHeader {
  /** Lines printed under the title, e.g. 批次：2023-02、付款单位：湛河区财政局, in order. */
  facts?: Array<{ label: string; value: string }>;
  rows: PaymentListRow[];
  /** Signature lines; default 经办人、审核人、局领导. */
  signatures?: string[];
}

export interface PaymentListRow {
  /** 收款单位/个人 */
  payee: string;
  /** 开户银行 */
  bank: string;
  /** 银行账号, masked by the caller where it must be, printed as given. */
  bankAccount: string;
  /** 奖补规则 (the rule the award was computed under). */
  rule: string;
  /** 金额, fen. */
  amountFen: FenInput;
  /** 支付参考号: the reference finance quotes on the transfer. */
  reference: string;
}

/** 奖补通知书: the notice telling one beneficiary what it is awarded and why. */
export interface AwardNotice extends DocumentHeader {
  /** 文号, e.g. 湛科奖〔2023〕12号; printed under the title when present. */
  documentNumber?: string;
  /** The beneficiary (单位 or person), addressed at the top: 「平顶山某某科技有限公司：」. */
  beneficiary: string;
  /** The policy, printed in 《》 when present, e.g. 湛河区促进技术转移若干措施. */
  policy?: string;
  /** The rule the award is made under, e.g. 第三条 技术合同登记奖补. */
  rule: string;
  /** The award, fen. */
  amountFen: FenInput;
  /** Lines explaining the amount (e.g. the engine's trace summary), printed as a numbered list. */
  explanation: string[];
  /** Paragraphs after the amount and explanation, e.g. how and when the money is paid. */
  closing?: string[];
}
