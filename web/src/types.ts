/**
 * Shapes of the server's answers as the web reads them (docs/api.md). Inputs come from
 * common/registry-schema.ts; the contracts' answers from common/contract-api.ts (re-exported here);
 * the registry's answers are still written here, tolerant of optional presentation fields (names
 * beside ids).
 */
import type { Contact } from '../../common/registry-schema.js';
import type {
  BrokerLevel,
  ContractStatus,
  Employment,
  HolderType,
  Industry,
  Level,
  OrganizationKind,
  PersonRole,
  PlatformType,
  QualificationType,
  RejectionReason,
  ServiceType,
  UserRole,
} from '../../common/vocabulary.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: UserRole[];
  jurisdictionCode: string;
  organizationIds: string[];
  /** The units the user acts for, by name (pickers show names). */
  organizations: { id: string; name: string }[];
  permissions: string[];
  /** 'full', or what the session must do first: change the password ('must_change') or enrol TOTP ('enrol'). */
  stage?: 'full' | 'must_change' | 'enrol';
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A reference to another registry record, with its name when the server adds it. */
export interface Ref {
  id: string;
  name?: string;
}

export interface Qualification {
  id?: string;
  type: QualificationType;
  number: string;
  level?: Level | null;
  issuedOn: string;
  validUntil: string;
}

export interface EquityHolder {
  id?: string;
  holderType: HolderType;
  /** The holding organization's or person's id (server answer). */
  holderId?: string | null;
  holderOrganizationId?: string | null;
  holderPersonId?: string | null;
  holderName?: string | null;
  percent: number;
}

export interface OrganizationSummary {
  id: string;
  name: string;
  uscc: string;
  kind: OrganizationKind;
  divisionCode: string;
  divisionName?: string | null;
  industries: Industry[];
  qualifications?: Qualification[];
  isDemo?: boolean;
  version?: number;
}

export interface Organization extends OrganizationSummary {
  address?: string | null;
  description?: string | null;
  serviceTypes: ServiceType[];
  rdFiled?: boolean | null;
  rdFiledOn?: string | null;
  legalRepresentativeId?: string | null;
  actualControllerId?: string | null;
  legalRepresentative?: Ref | null;
  actualController?: Ref | null;
  contacts: Contact[];
  qualifications: Qualification[];
  equityHolders: EquityHolder[];
  /** Hosted platforms, in short form. */
  platforms: HostedPlatform[];
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export type HostedPlatform = Pick<Platform, 'id' | 'name' | 'type' | 'level' | 'revokedOn'>;

export interface PersonRoleEntry {
  role: PersonRole;
  certificateNumber?: string | null;
  level?: BrokerLevel | null;
  employment?: Employment | null;
}

export interface Affiliation {
  organizationId: string;
  organizationName?: string | null;
  title?: string | null;
}

export interface PersonSummary {
  id: string;
  name: string;
  idNumberMasked: string;
  phone?: string | null;
  roles: PersonRoleEntry[];
  affiliations: Affiliation[];
  isDemo?: boolean;
  version?: number;
}

export interface Person extends PersonSummary {
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface Platform {
  id: string;
  name: string;
  type: PlatformType;
  level: Level;
  hostOrganizationId: string;
  hostOrganizationName?: string | null;
  hostOrganization?: Ref | null;
  recognizedOn: string;
  revokedOn?: string | null;
  documentNumber?: string | null;
  isDemo?: boolean;
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export type SubjectType = 'organization' | 'person' | 'platform' | 'user';

/** An audit event in words (GET /api/audit). */
export type { DescribedEvent as AuditEvent } from '../../common/audit-api.js';

export type ImportKind = 'organizations' | 'people' | 'platforms' | 'qualifications' | 'equity';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  total: number;
}

export interface ImportProgress {
  phase: 'reading' | 'validating' | 'writing' | 'done' | 'failed';
  done: number;
  total: number;
}

export interface ImportProblem {
  line: number;
  column: string;
  value: unknown;
  reason: string;
}

export interface Division {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  /** 河南省平顶山市湛河区 */
  fullName?: string;
}

export interface JurisdictionNode {
  code: string;
  name: string;
  level: string;
  children?: JurisdictionNode[];
}

// ---------------------------------------------------------------- technology contracts (docs/api.md)

export type {
  Contract,
  ContractDeadline,
  ContractDetail,
  ContractParty,
  ContractStep,
  Deductions,
  EvidenceFile,
  Invoice,
  Payment,
  Relation,
  RelatedParties,
} from '../../common/contract-api.js';

export interface ContractTransition {
  to: ContractStatus;
  version: number;
  registrationNumber?: string;
  registeredOn?: string;
  registrationOfficeId?: string;
  reason?: RejectionReason;
  note?: string;
}

export type ContractImportKind = 'contracts' | 'payments';
