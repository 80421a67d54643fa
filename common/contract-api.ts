/**
 * The technology contracts API's answers (server/modules/contracts; docs/api.md): the contract as the
 * national registration record holds it, its workflow steps with their deadlines, the payments ledger
 * and the related-party finding. The server presents these shapes and the web reads them.
 */
import type { ContractStatus, ContractSubtype, ContractType, ContractType2001, RejectionReason } from './vocabulary.js';

export interface ContractParty {
  organizationId: string | null;
  name: string;
  uscc: string | null;
  kind: string | null;
  divisionCode: string | null;
  /** Natural persons: the resident ID, masked; null for organizations. */
  personIdMasked: string | null;
}

/** The registration rules a submission falls under: the 2000 rules, or the 2026 rules from 2026-01-23. */
export type RuleSet = 'rules_2000' | 'rules_2026';

/** When the registration office has to decide. */
export interface ContractDeadline {
  ruleSet: RuleSet;
  /** e.g. "30日" or "15个工作日". */
  period: string;
  days: number;
  workingDays: boolean;
  from: string;
  due: string;
  /** False when the holiday calendar does not cover the whole period (only weekends were skipped). */
  calendarComplete: boolean;
  /** The years of the period the calendar does not cover (their 放假安排 not yet loaded). */
  uncoveredYears: number[];
  /** Chinese words for the above, null when the calendar covers the period. */
  calendarWarning: string | null;
}

export interface ContractStep {
  seq: number;
  from: ContractStatus | null;
  to: ContractStatus;
  at: string;
  onDate: string;
  actorName: string;
  reason: RejectionReason | null;
  note: string | null;
  /** For a submission: when the office had to decide, and whether it did so in time. */
  deadline?: ContractDeadline & { decidedOn: string | null; overdue: boolean };
}

/** 技术交易额 = 成交额 − these non-technical amounts, in fen. */
export interface Deductions {
  materialsFen: number;
  equipmentFen: number;
  componentsFen: number;
  otherFen: number;
}

export interface Contract {
  id: string;
  jurisdictionCode: string;
  name: string;
  type: ContractType;
  subtype: ContractSubtype;
  /** The type under the 2001 rules (licences are transfers there). */
  type2001: ContractType2001;
  licenseScope: string | null;
  licenseYears: number | null;
  sellers: ContractParty[];
  buyers: ContractParty[];
  signedOn: string;
  termStart: string | null;
  termEnd: string | null;
  amountFen: number;
  techAmountFen: number;
  deductions: Deductions;
  techField: string;
  ipItems: { kind: string; number: string }[];
  registrationNumber: string | null;
  registeredOn: string | null;
  registrationOffice: { id: string; name: string } | null;
  implementationDivision: string | null;
  /** The division's full name (河南省平顶山市湛河区): what a person reads. */
  implementationDivisionName: string | null;
  brokers: { personId: string; name: string; share: number }[];
  thirdParties: { organizationId: string; name: string; role: string }[];
  declaredRelated: boolean;
  fiscalFunded: boolean;
  funding: { level: string; programme: string; amountFen: number }[];
  status: ContractStatus;
  firstSubmittedOn: string | null;
  submittedOn: string | null;
  rejectionReason: RejectionReason | null;
  statusNote: string | null;
  /** The decision deadline while the contract awaits review. */
  deadline: ContractDeadline | null;
  nextStatuses: ContractStatus[];
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ContractDetail extends Contract {
  steps: ContractStep[];
}

export interface Invoice {
  code: string | null;
  number: string;
  issuedOn: string;
  amountFen: number;
  namesContract: boolean;
  fileHash: string | null;
}

export interface Payment {
  id: string;
  contractId: string;
  paidOn: string;
  amountFen: number;
  voucherNumber: string | null;
  voucherFileHash: string | null;
  /** A bank transfer voucher is recorded (its number or its file). */
  hasVoucher: boolean;
  invoices: Invoice[];
  invoicedFen: number;
  /** Every invoice names the contract (and there is at least one). */
  invoiceNamesContract: boolean;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /**
   * On the answer to adding or changing a payment only: the contract's payments now add up to more
   * than its amount (accepted — a subsidy counts at most the contract amount — but worth a look).
   */
  warning?: string;
}

/** An uploaded evidence file, stored once by its content hash. */
export interface EvidenceFile {
  hash: string;
  size: number;
  mime: string;
}

export interface Relation {
  kind: 'holds' | 'common_holder' | 'shared_person' | 'declared';
  /** The chain in words, e.g. "A 持有 B 60% → B 持有 C 50%：A 间接持有 C 30%". */
  chain: string;
  holderId?: string;
  percent?: string;
}

/** The related-party finding for a contract: every seller against every buyer. */
export interface RelatedParties {
  related: boolean;
  thresholdPercent: number;
  declaredRelated: boolean;
  pairs: { seller: { id: string; name: string }; buyer: { id: string; name: string }; relations: Relation[] }[];
}

/** An organization a contract may name as its other party (contracts/party-lookup.ts). */
export interface ContractPartyOption {
  id: string;
  name: string;
  uscc: string | null;
  kind: string;
  divisionName: string | null;
}
