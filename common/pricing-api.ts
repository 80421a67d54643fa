/** 成果定价公示 as the API returns it (server/modules/pricing). Money in fen; pages show 元. */
import type { PricingMethod, PricingObjectionStatus, PublicityStage, PublicityStatus } from './pricing-vocabulary.js';

export interface PricingObjection {
  id: string;
  publicityId: string;
  submitterName: string;
  /** Shown to the institution and the operator only; the public view leaves it out. */
  contact: string | null;
  content: string;
  status: PricingObjectionStatus;
  answer: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  version: number;
  createdAt: string;
}

export interface PricingPublicity {
  id: string;
  contractId: string;
  contractName: string;
  contractType: string;
  contractTypeLabel: string;
  institutionName: string;
  buyerNames: string[];
  method: PricingMethod;
  methodLabel: string;
  priceFen: number;
  hasValuationReport: boolean;
  valuationReportName: string | null;
  decisionBody: string;
  decidedOn: string;
  periodDays: number;
  startsOn: string;
  endsOn: string;
  status: PublicityStatus;
  stage: PublicityStage;
  stageLabel: string;
  /** The outcome in words: 公示期满，无异议 / 公示期满，异议 2 件均已答复 … */
  outcome: string;
  objectionCount: number;
  openObjectionCount: number;
  withdrawnReason: string | null;
  createdByName: string;
  version: number;
  createdAt: string;
}

/** The contract page's view: its 公示 (newest first), each with its objections. */
export interface ContractPricing {
  /** Whether this contract needs a 公示 before it is submitted (an institution's transfer or licence). */
  required: boolean;
  /** Why not, or what is missing, in words; null when it may be submitted. */
  blocker: string | null;
  publicities: (PricingPublicity & { objections: PricingObjection[] })[];
}
