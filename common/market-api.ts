/**
 * The API shapes of the technology market's listings — achievements (科技成果) and demands (技术需求)
 * — and their inquiries (联系对接), shared by the server (server/modules/market) and the web pages.
 * The search's shapes are in common/market-search.ts.
 */
import type {
  AchievementStage,
  InquiryStatus,
  ListingKind,
  ListingStatus,
  ListingTag,
  OriginRegion,
  PriceKind,
  TransferMode,
} from './market-vocabulary.js';
import type { IpKind } from './vocabulary.js';

export interface ListingOwner {
  id: string;
  name: string;
  kind: string;
  divisionCode: string;
}

/** A file of the evidence store, with its display name. */
export interface Attachment {
  hash: string;
  name: string;
  size: number;
  mime: string;
}

/** One IP right: a patent number, a software copyright registration, or a named trade secret. */
export interface ListingIpItem {
  kind: IpKind;
  number?: string;
  title?: string;
}

export interface TeamMember {
  name: string;
  role?: string;
}

export interface ListingBase {
  id: string;
  jurisdictionCode: string;
  externalId: string | null;
  title: string;
  keywords: string[];
  technicalField: string | null;
  industries: string[];
  owner: ListingOwner | null;
  /** Imported without an owner organization. */
  ownerMissing: boolean;
  originRegion: OriginRegion | null;
  tags: ListingTag[];
  attachments: Attachment[];
  status: ListingStatus;
  /** Why the operator returned it (while returned). */
  statusReason: string | null;
  nextStatuses: ListingStatus[];
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
}

export interface Achievement extends ListingBase {
  kind: 'achievement';
  description: string;
  discipline: string | null;
  trl: number | null;
  stage: AchievementStage | null;
  ipItems: ListingIpItem[];
  transferModes: TransferMode[];
  priceKind: PriceKind | null;
  priceFen: number | null;
  team: TeamMember[];
  originCountry: string | null;
  expiresOn: string | null;
}

export interface Demand extends ListingBase {
  kind: 'demand';
  problem: string;
  indicators: string;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  deadline: string | null;
  isChallenge: boolean;
  rewardFen: number | null;
}

export type Listing = Achievement | Demand;
export type ListingOf<K extends ListingKind> = K extends 'achievement' ? Achievement : Demand;

export interface ListingStep {
  seq: number;
  from: ListingStatus | null;
  to: ListingStatus;
  at: string;
  actorName: string;
  reason: string | null;
}

/** A listing with its moderation history, for its owner and the operator. */
export type ListingDetail<K extends ListingKind = ListingKind> = ListingOf<K> & { steps: ListingStep[] };

/** The workflow fields the public never sees. */
type WorkflowField = 'statusReason' | 'nextStatuses' | 'version' | 'status' | 'ownerMissing' | 'submittedAt';
export type PublicAchievement = Omit<Achievement, WorkflowField>;
export type PublicDemand = Omit<Demand, WorkflowField>;
/** What the public sees of a listing: no workflow, no version, and never contact details. */
export type PublicListing<K extends ListingKind = ListingKind> = K extends 'achievement' ? PublicAchievement : PublicDemand;

export interface Inquiry {
  id: string;
  listingKind: ListingKind;
  listingId: string;
  listingTitle: string;
  fromName: string;
  fromOrganization: { id: string; name: string } | null;
  message: string;
  /** The sender's contact, for the owner. */
  contact: string | null;
  status: InquiryStatus;
  answer: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  version: number;
  createdAt: string;
}
