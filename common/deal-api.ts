/**
 * The API shapes of deals (对接项目), matchmaking events (对接活动) and the outcome funnel (成效漏斗),
 * shared by the server (server/modules/deals, server/modules/events) and the web pages.
 */
import type { DealStage, EventKind, TerminationReason } from './deal-vocabulary.js';
import type { ListingKind, TransferMode } from './market-vocabulary.js';

/** The contract a signed deal is registered as. */
export interface DealContract {
  id: string;
  name: string;
  /** The registration workflow's status (common/vocabulary.ts CONTRACT_STATUSES). */
  status: string;
  registrationNumber: string | null;
  registeredOn: string | null;
  amountFen: number;
  /** 技术交易额: the registered turnover once the contract is registered. */
  techAmountFen: number;
  signedOn: string;
}

/** A deal: its row with the names, titles and contract status it links. */
export interface Deal {
  id: string;
  jurisdictionCode: string;
  title: string;
  stage: DealStage;
  nextStages: DealStage[];
  demand: { id: string; title: string; status: string } | null;
  achievement: { id: string; title: string; status: string; transferModes: TransferMode[] } | null;
  buyer: { id: string; name: string } | null;
  seller: { id: string; name: string } | null;
  broker: {
    personId: string | null;
    personName: string | null;
    userId: string | null;
    userName: string | null;
    organizationId: string | null;
    organizationName: string | null;
  };
  event: { id: string; title: string; kind: EventKind; heldOn: string } | null;
  inquiryId: string | null;
  technicalField: string | null;
  terminationReason: TerminationReason | null;
  terminationNote: string | null;
  agreedAmountFen: number | null;
  signedOn: string | null;
  contract: DealContract | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DealStep {
  seq: number;
  from: DealStage | null;
  to: DealStage;
  at: string;
  onDate: string;
  actorName: string;
  reason: string | null;
  note: string | null;
}

export interface DealNote {
  id: string;
  text: string;
  nextStep: string | null;
  dueOn: string | null;
  authorName: string;
  createdAt: string;
}

export interface DealDetail extends Deal {
  steps: DealStep[];
  notes: DealNote[];
}

export interface MarketEvent {
  id: string;
  jurisdictionCode: string;
  title: string;
  kind: EventKind;
  heldOn: string;
  place: string;
  organizer: { organizationId: string | null; name: string };
  description: string;
  registrationCount: number;
  attendedCount: number;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EventRegistration {
  id: string;
  organization: { id: string; name: string } | null;
  personId: string | null;
  userId: string | null;
  name: string;
  registeredByName: string;
  attended: boolean;
  attendanceMarkedAt: string | null;
  version: number;
  createdAt: string;
}

/** A listing an event features, in the event's order. */
export interface FeaturedListing {
  kind: ListingKind;
  id: string;
  title: string;
  status: string;
}

/**
 * One event: its featured listings, the registrations the actor may see (the operator: all; others:
 * their own and their organizations'), and the deals that came from it that the actor may read.
 */
export interface EventDetail extends MarketEvent {
  listings: FeaturedListing[];
  registrations: EventRegistration[];
  deals: Deal[];
}

export interface FunnelCounts {
  listings: number;
  contacts: number;
  deals: number;
  signed: number;
  /** 成交额 agreed at signing, of the deals signed in the period. */
  signedAmountFen: number;
  registered: number;
  /** 技术交易额 of the contracts registered in the period. */
  turnoverFen: number;
}

/**
 * The outcome funnel of a period: listings published → contacts (联系对接 inquiries) → deals
 * started → deals signed → their contracts registered. Each stage counts what happened in the
 * period, so a funnel of a short period need not narrow monotonically.
 */
export interface Funnel {
  from: string;
  to: string;
  totals: FunnelCounts;
  /** Per technical field (common/vocabulary.ts TECH_FIELDS); `null` = not stated. */
  byField: ({ field: string | null } & FunnelCounts)[];
  /** Per broker (listings and contacts have no broker: 0). */
  byBroker: ({ personId: string | null; userId: string | null; name: string } & FunnelCounts)[];
}
