/**
 * The registration API's response shapes (server/modules/registration), shared by the server that
 * presents them and the web pages that read them.
 */
import type { ApplicantType, InvitationState, LicenseKind, RegistrableKind, RegistrationAction, RegistrationStatus } from './registration-vocabulary.js';
import type { Employment, UserRole } from './vocabulary.js';

/** GET /api/public/registration/captcha */
export interface Captcha {
  id: string;
  /** data:image/svg+xml;base64,… */
  image: string;
  expiresAt: string;
}

/** GET /api/public/registration/lookup: what the public may know of a credit code — the name, nothing private. */
export interface CreditCodeLookup {
  creditCode: string;
  /** The registry holds a unit with this code: the applicant claims it. */
  registered: boolean;
  name: string | null;
  /** The unit already has a verified 单位管理员 (a colleague should ask them for an invitation). */
  hasUnitAdmin: boolean;
  /** An application for this code waits for review. */
  pending: boolean;
  /** Why no one can register this code (its kind is set up by the bureau), else null. */
  refusal: string | null;
}

/** GET /api/public/registration/agencies: verified agencies a broker may name. */
export interface PublicAgencyOption {
  name: string;
  creditCode: string;
}

/** POST /api/public/registrations: the number and the query code, shown once. */
export interface SubmittedRegistration {
  number: string;
  queryCode: string;
  status: RegistrationStatus;
}

export interface RegistrationStep {
  seq: number;
  action: RegistrationAction;
  at: string;
  actorName: string;
  reason: string | null;
}

/** What the applicant submitted last, to correct and resubmit (no password, no ID numbers). */
export interface SubmittedApplication {
  applicantType: ApplicantType;
  creditCode?: string;
  orgName?: string;
  orgKind?: RegistrableKind;
  divisionCode?: string;
  divisionName?: string | null;
  address?: string;
  legalRepName?: string;
  legalRepIdMasked?: string | null;
  licenseKind?: LicenseKind;
  agencyCreditCode?: string;
  agencyName?: string;
  idNumberMasked?: string | null;
  employment?: Employment;
  certificateNumber?: string;
  applicantName: string;
  mobile: string;
  position?: string;
  username: string;
}

/** POST /api/public/registrations/status (申请编号 + 查询码). */
export interface RegistrationStatusView {
  number: string;
  applicantType: ApplicantType;
  status: RegistrationStatus;
  /** The unit (or, for a broker, the agency) the application is for. */
  unitName: string;
  username: string;
  submittedAt: string;
  updatedAt: string;
  returnReason: string | null;
  steps: RegistrationStep[];
  application: SubmittedApplication;
}

/** A row of the 注册审核 queue. */
export interface RegistrationSummary {
  id: string;
  number: string;
  status: RegistrationStatus;
  /** The registry holds the credit code now: approving claims that unit. */
  claim: boolean;
  orgName: string;
  creditCode: string;
  orgKind: RegistrableKind;
  divisionCode: string;
  divisionName: string | null;
  applicantName: string;
  mobile: string;
  position: string | null;
  username: string;
  submittedAt: string;
  updatedAt: string;
  submissions: number;
  returnReason: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  version: number;
}

export interface RegistrationEvidence {
  /** license | authorization */
  role: 'license' | 'authorization';
  label: string;
  hash: string;
  mime: string;
  size: number;
}

/** One compared field: the applicant's proposal against the registry's record. */
export interface RegistrationDifference {
  field: 'name' | 'kind' | 'division' | 'address' | 'legalRepresentative';
  label: string;
  proposed: string;
  registered: string;
  differs: boolean;
}

export interface RegistryMatch {
  id: string;
  name: string;
  uscc: string;
  kind: string;
  divisionCode: string;
  divisionName: string | null;
  address: string | null;
  legalRepresentativeName: string | null;
  unitAdmins: { name: string; username: string }[];
}

/** GET /api/registrations/:id */
export interface RegistrationDetail extends RegistrationSummary {
  address: string;
  legalRepName: string;
  legalRepIdMasked: string | null;
  licenseKind: LicenseKind;
  evidence: RegistrationEvidence[];
  /** Evidence of earlier submissions (a resubmission may have replaced it). */
  earlierEvidence: RegistrationEvidence[];
  registryMatch: RegistryMatch | null;
  differences: RegistrationDifference[];
  /** The division of the authority that issued the credit code (its characters 3–8), for comparison. */
  creditCodeDivisionName: string | null;
  /** The role the account will get from the unit's kind. */
  role: UserRole;
  /** Someone took the username since it was asked for: approval would fail. */
  usernameTaken: boolean;
  steps: RegistrationStep[];
  outcome: { organizationId: string; organizationName: string; username: string } | null;
}

/** GET /api/units/mine: a unit the account acts for. */
export interface UnitSummary {
  id: string;
  name: string;
  kind: string;
  role: UserRole | null;
  isAdmin: boolean;
  admins: { name: string; mobile: string | null }[];
  /** Agencies confirm their brokers. */
  confirmsBrokers: boolean;
}

export interface UnitMember {
  userId: string;
  username: string;
  displayName: string;
  mobile: string | null;
  position: string | null;
  isAdmin: boolean;
  disabled: boolean;
  lastLoginAt: string | null;
  isMe: boolean;
}

export interface UnitInvitation {
  id: string;
  state: InvitationState;
  note: string | null;
  createdAt: string;
  createdByName: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedByName: string | null;
}

/** POST /api/units/:id/invitations: the code, shown once. */
export interface IssuedInvitation {
  id: string;
  code: string;
  expiresAt: string;
  organizationName: string;
}

/** POST /api/public/invitations/check */
export interface InvitationPreview {
  organizationName: string;
  role: UserRole;
  expiresAt: string;
}

/** POST /api/public/invitations/join, POST /api/invitations/accept */
export interface JoinedUnit {
  organizationName: string;
  username: string;
  role: UserRole;
}

/** A broker's application waiting for (or decided by) the agency's unit admin. */
export interface BrokerApplication {
  id: string;
  number: string;
  status: RegistrationStatus;
  applicantName: string;
  idNumberMasked: string | null;
  mobile: string;
  position: string | null;
  employment: Employment | null;
  certificateNumber: string | null;
  username: string;
  submittedAt: string;
  updatedAt: string;
  returnReason: string | null;
  version: number;
}
