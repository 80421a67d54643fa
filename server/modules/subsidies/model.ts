/**
 * The world the subsidy engine reads, after validation: an object graph — a contract points at its
 * seller, buyer, brokers and registering office themselves, resolved once when the world is built
 * (a case file or the database), so the engine never looks anything up by name in its hot loop.
 * Money is integer fen held in a JS number,
 * always a safe integer (checked where it enters: `safeFen`); rule arithmetic (rates, shares,
 * tiers) is exact over BigInt rationals. Shares and holdings are exact rationals.
 */
import type { IsoDate } from '../../../common/dates.js';
import type { Policy } from './policy.js';
import type { Rational } from './rational.js';

export const CONTRACT_TYPES = ['development', 'transfer', 'license', 'consulting', 'service'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const ORG_KINDS = ['enterprise', 'university', 'research_institute', 'new_rd_institution', 'agency', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
/** An organization kind, or `filed_new_rd_institution`: a new R&D institution filed (备案) with an S&T department. */
export const KIND_TERMS = [...ORG_KINDS, 'filed_new_rd_institution'] as const;
export type KindTerm = (typeof KIND_TERMS)[number];
export const FUNDING_LEVELS = ['district', 'municipal', 'provincial', 'national'] as const;
export type FundingLevel = (typeof FUNDING_LEVELS)[number];

/** Kinds of credit records (信用记录, SUBSIDY-CASES.md §11). */
export const CREDIT_KINDS = ['serious_dishonesty', 'dishonest_judgment_debtor', 'research_misconduct', 'commitment_breach', 'other'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/** A credit record on an organization or a person: in force from `from` to `to` (absent: open-ended), both days included. */
export interface CreditRecord {
  kind: CreditKind;
  from: IsoDate;
  to?: IsoDate;
  /** 文号 of the list or judgment. */
  document?: string;
  /** Who put it on record, in words (信用中国（河南）, a court, 本平台审核发现). */
  source?: string;
}

/** Rule ids and exclusion reasons come from the policy; these are their types' names. */
export type Rule = string;
export type ExclusionReason = string;

export interface Recognition {
  kind: string;
  level: string;
  date: IsoDate;
  /** Annual review grade (年度考核等次), e.g. excellent | good. */
  grade?: string;
}

export interface Organization {
  ref: string;
  name: string;
  uscc?: string;
  kind: OrgKind;
  division: string;
  filed: boolean;
  legalRep?: string;
  controller?: string;
  /** Who holds how much of this organization; percent as an exact rational. */
  holders: { holder: string; percent: Rational }[];
  recognitions: Recognition[];
  /** Credit records; absent when there are none (nearly every organization). */
  credit?: CreditRecord[];
}

export interface Person {
  ref: string;
  name: string;
  broker: boolean;
  /** Credit records; absent when there are none. */
  credit?: CreditRecord[];
}

export interface Payment {
  date: IsoDate;
  /** fen */
  amount: number;
  voucher: boolean;
  /** invoiced fen, 0 = none */
  invoice: number;
  /** Whether the invoice carries the contract's name or number (some policies require it). */
  invoiceNamesContract: boolean;
}

export interface Contract {
  ref: string;
  type: ContractType;
  subtype?: string;
  /** Licence term in years (技术许可). */
  licenseTerm?: Rational;
  seller: Organization;
  buyer: Organization;
  /** 成交额, fen */
  amount: number;
  /** 技术交易额, fen */
  techAmount: number;
  signed: IsoDate;
  registration?: { number: string; date: IsoDate; office?: Organization };
  implementedIn: string;
  brokers: { person: Person; share: Rational }[];
  /** Named third parties (e.g. a technology transfer institution) with their stated role. */
  thirdParties: { org: Organization; role: string }[];
  declaredRelated: boolean;
  /** Paid from fiscal funds, or a government project. */
  fiscalFunds: boolean;
  funding: { level: FundingLevel; program?: string; amount: number }[];
  payments: Payment[];
}

/** What the engine needs: no file, no expectations. */
export interface SubsidyWorld {
  year: number;
  /** The policy with the case's overrides applied. */
  policy: Policy;
  /** Yearly budget per rule id, fen. */
  budgets: Record<Rule, number>;
  organizations: Organization[];
  people: Person[];
  contracts: Contract[];
  /** The date awards are decided on: credit records in force on it count. Default: 30 June of `year`. */
  decidedOn?: IsoDate;
  /** When set, awards go only to these (a notice's applicants); budgets are shared among them. */
  beneficiaries?: ReadonlySet<string>;
}

export interface ExpectedAward {
  to: string;
  rule: Rule;
  amount: number;
}
export interface ExpectedExclusion {
  contract: string;
  rule: Rule;
  reason: ExclusionReason;
  to?: string;
}

export interface SubsidyCase extends SubsidyWorld {
  file: string;
  name: string;
  expect?: { awards: ExpectedAward[]; excluded?: ExpectedExclusion[] };
}

/** The canonical order of anything with a ref (contracts, organizations, people). */
export const byRef = <T extends { ref: string }>(a: T, b: T): number => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/** Items in ref order — as given when they already are (a database load orders them), else a sorted copy. */
export function inRefOrder<T extends { ref: string }>(items: readonly T[]): readonly T[] {
  for (let i = 1; i < items.length; i++) if (items[i - 1]!.ref > items[i]!.ref) return [...items].sort(byRef);
  return items;
}
