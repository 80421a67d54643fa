/** The world a subsidy case describes, after validation: money in integer fen, rates as rationals. */
import type { IsoDate } from '../../../common/dates.js';
import type { ContractType, Policy } from './policy.js';
import type { Rational } from './rational.js';

export const ORG_KINDS = ['enterprise', 'university', 'research_institute', 'new_rd_institution', 'agency', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const FUNDING_LEVELS = ['district', 'municipal', 'provincial', 'national'] as const;
export type FundingLevel = (typeof FUNDING_LEVELS)[number];
export const RULES = ['enterprise_purchase', 'institution_transfer', 'broker', 'demonstration_institution'] as const;
export type Rule = (typeof RULES)[number];
export const EXCLUSION_REASONS = [
  'not_registered',
  'type_not_eligible',
  'seller_not_eligible',
  'buyer_not_in_district',
  'seller_in_city',
  'seller_not_in_city',
  'not_implemented_in_district',
  'not_local',
  'related_party',
  'already_funded',
  'no_evidenced_turnover',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

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
  recognitions: { kind: string; level: string; date: IsoDate }[];
}

export interface Person {
  ref: string;
  name: string;
  broker: boolean;
}

export interface Payment {
  date: IsoDate;
  amount: bigint;
  voucher: boolean;
  /** invoiced fen, 0 = none */
  invoice: bigint;
}

export interface Contract {
  ref: string;
  type: ContractType;
  seller: string;
  buyer: string;
  amount: bigint;
  techAmount: bigint;
  signed: IsoDate;
  registration?: { number: string; date: IsoDate };
  implementedIn: string;
  brokers: { person: string; share: Rational }[];
  declaredRelated: boolean;
  funding: { level: FundingLevel; program?: string; amount: bigint }[];
  payments: Payment[];
}

/** What the engine needs: no file, no expectations. */
export interface SubsidyWorld {
  year: number;
  /** The policy with the case's overrides applied. */
  policy: Policy;
  /** Yearly budget per rule, fen. */
  budgets: Partial<Record<Rule, bigint>>;
  organizations: Organization[];
  people: Person[];
  contracts: Contract[];
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
}

export interface SubsidyCase extends SubsidyWorld {
  file: string;
  name: string;
  expect?: { awards: ExpectedAward[]; excluded?: ExpectedExclusion[] };
}
