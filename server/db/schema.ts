/**
 * Table types for Kysely. Portable column types only (docs/decisions/001-data-layer.md):
 * ids TEXT, booleans INTEGER 0/1, business dates TEXT YYYY-MM-DD, instants TEXT ISO-8601 UTC,
 * lists and objects JSON in TEXT, percentages in basis points.
 */

export interface OrganizationTable {
  id: string;
  /** The jurisdiction whose registry holds the record (scopes who sees it). */
  jurisdiction_code: string;
  name: string;
  uscc: string;
  kind: string;
  division_code: string;
  address: string | null;
  industries: string; // JSON string[]
  service_types: string; // JSON string[]
  rd_filed: number | null;
  rd_filed_on: string | null;
  legal_representative_id: string | null;
  actual_controller_id: string | null;
  contacts: string; // JSON Contact[]
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface QualificationTable {
  id: string;
  organization_id: string;
  type: string;
  number: string;
  level: string | null;
  issued_on: string;
  valid_until: string;
  created_at: string;
}

export interface EquityHoldingTable {
  id: string;
  organization_id: string;
  holder_type: string;
  holder_organization_id: string | null;
  holder_person_id: string | null;
  percent_bp: number;
}

export interface PersonTable {
  id: string;
  /** The jurisdiction whose registry holds the record (scopes who sees it). */
  jurisdiction_code: string;
  name: string;
  /** AES-256-GCM ciphertext of the resident ID number (server/modules/registry/protect.ts). */
  id_number_cipher: string;
  /** Keyed HMAC of the ID number: finds a person by ID without decrypting (upserts). */
  id_number_digest: string;
  id_number_masked: string;
  phone: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PersonRoleTable {
  id: string;
  person_id: string;
  role: string;
  certificate_number: string | null;
  level: string | null;
  employment: string | null;
}

export interface AffiliationTable {
  id: string;
  person_id: string;
  organization_id: string;
  title: string | null;
}

export interface PlatformTable {
  id: string;
  /** The jurisdiction whose registry holds the record (scopes who sees it). */
  jurisdiction_code: string;
  name: string;
  type: string;
  level: string;
  host_organization_id: string;
  recognized_on: string;
  revoked_on: string | null;
  document_number: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string; // JSON UserRole[]
  jurisdiction_code: string;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserOrganizationTable {
  user_id: string;
  organization_id: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself lives only in the user's cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: string;
  ip: string;
  username: string;
  at: string;
  success: number;
}

export interface AuditEventTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: string | null; // JSON
  after: string | null; // JSON
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id = 1): the chain's head, locked by every append so appends are serialized. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface Database {
  organization: OrganizationTable;
  qualification: QualificationTable;
  equity_holding: EquityHoldingTable;
  person: PersonTable;
  person_role: PersonRoleTable;
  affiliation: AffiliationTable;
  platform: PlatformTable;
  app_user: UserTable;
  user_organization: UserOrganizationTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  audit_event: AuditEventTable;
  audit_head: AuditHeadTable;
}
