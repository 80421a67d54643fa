/**
 * Table types for Kysely. Portable column types only (docs/decisions/001-data-layer.md):
 * ids TEXT, booleans INTEGER 0/1, business dates TEXT YYYY-MM-DD, instants TEXT ISO-8601 UTC,
 * lists and objects JSON in TEXT, percentages in basis points.
 */
import type { Generated } from 'kysely';

export interface OrganizationTable {
  id: string;
  /** The jurisdiction whose registry holds the record (scopes who sees it). */
  jurisdiction_code: string;
  name: string;
  uscc: string;
  kind: string;
  division_code: string;
  address: string | null;
  /** 机构简介 (027): free text the organization's own users keep (self-service). */
  description: string | null;
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
  // 014: accounts for real people
  is_demo: Generated<number>;
  /** 1 when an admin created or reset the password: the next login must change it first. */
  must_change_password: Generated<number>;
  password_changed_at: string | null;
  /** A temporary password (from a reset) stops working at this instant. */
  password_expires_at: string | null;
  last_login_at: string | null;
  last_login_ip: string | null;
  mobile: string | null;
  email: string | null;
  position: string | null;
  /** The TOTP secret, encrypted by the data protector; null until enrolled. */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  // 017: two-factor login — the last TOTP time step used (a code logs in once)
  totp_last_step: number | null;
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
  // 014
  last_seen_at: string | null;
  user_agent: string | null;
  /** 'full', or what the session must do before it reaches anything else: 'change_password', 'enrol_totp'. */
  stage: Generated<string>;
}

/** A login that passed its password and waits for its second factor (TOTP or a recovery code). */
export interface LoginChallengeTable {
  id: string;
  user_id: string;
  kind: string;
  attempts: Generated<number>;
  created_at: string;
  expires_at: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** An account's identity at a single sign-on provider (OIDC issuer and subject). */
export interface UserIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: string;
}

/** Failed logins per key (a client address) in the current window, counted atomically. */
export interface LoginThrottleTable {
  key: string;
  window_start: string;
  failures: number;
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

/** A year of the working-day calendar loaded by the operator (server/modules/calendar). */
export interface WorkingCalendarYearTable {
  year: number;
  source: string | null;
  loaded_by_name: string;
  loaded_at: string;
}

/** One day of a loaded year: a day off (放假) or a weekend worked instead (调休上班). */
export interface WorkingCalendarDayTable {
  day: string;
  year: number;
  kind: 'off' | 'work';
  name: string | null;
}

/** 技术合同 (server/modules/contracts): money in integer fen (BIGINT). */
export interface ContractTable {
  id: string;
  jurisdiction_code: string;
  name: string;
  type: string;
  subtype: string;
  license_scope: string | null;
  license_years: number | null;
  signed_on: string;
  term_start: string | null;
  term_end: string | null;
  amount_fen: number;
  tech_amount_fen: number;
  deduction_materials_fen: number;
  deduction_equipment_fen: number;
  deduction_components_fen: number;
  deduction_other_fen: number;
  tech_field: string;
  ip_items: string; // JSON {kind, number}[]
  registration_number: string | null;
  registered_on: string | null;
  registration_office_id: string | null;
  implementation_division: string | null;
  declared_related: number;
  fiscal_funded: number;
  status: string;
  first_submitted_on: string | null;
  submitted_on: string | null;
  rejection_reason: string | null;
  status_note: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ContractPartyTable {
  id: string;
  contract_id: string;
  side: string; // seller | buyer
  position: number;
  organization_id: string | null;
  /** A natural person party: name, and the resident ID protected as people.ts protects it. */
  person_name: string | null;
  person_id_cipher: string | null;
  person_id_digest: string | null;
  person_id_masked: string | null;
}

export interface ContractBrokerTable {
  id: string;
  contract_id: string;
  person_id: string;
  /** The declared share × 10,000 (1 → 10000), so shares stay exact. */
  share_e4: number;
}

export interface ContractThirdPartyTable {
  id: string;
  contract_id: string;
  organization_id: string;
  role: string;
}

export interface ContractFundingTable {
  id: string;
  contract_id: string;
  level: string;
  programme: string;
  amount_fen: number;
}

/** Every workflow step, with its business date (Beijing), for the deadlines and the history. */
export interface ContractStepTable {
  id: string;
  contract_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  at: string;
  on_date: string;
  actor_name: string;
  reason: string | null;
  note: string | null;
}

export interface ContractPaymentTable {
  id: string;
  contract_id: string;
  paid_on: string;
  amount_fen: number;
  voucher_number: string | null;
  voucher_file_hash: string | null;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ContractInvoiceTable {
  id: string;
  payment_id: string;
  position: number;
  code: string | null;
  number: string;
  issued_on: string;
  amount_fen: number;
  names_contract: number;
  file_hash: string | null;
}

/** Evidence files, deduplicated by content: the bytes live in the database so backups carry them. */
export interface EvidenceFileTable {
  hash: string; // SHA-256 hex of the content
  size: number;
  mime: string;
  content: Buffer;
  created_at: string;
}

/** An account that uploaded an evidence file (025): what it may attach by hash. */
export interface EvidenceUploadTable {
  hash: string;
  user_id: string;
  created_at: string;
}

/** One immutable settlement run (003): what was computed, from which policy and inputs, with the hashes. */
export interface SettlementRunTable {
  id: string;
  jurisdiction_code: string;
  policy_id: string;
  policy_title: string;
  policy_hash: string;
  year: number;
  /** registry (免申即享, the whole registry) | applications (one notice's applicants) */
  scope: string;
  scope_ref: string | null;
  /** JSON: rule → yuan */
  budgets: string;
  /** JSON: parameter → value as written */
  overrides: string;
  input_hash: string;
  result_hash: string;
  contract_count: number;
  award_count: number;
  award_total_yuan: number;
  exclusion_count: number;
  created_by: string | null;
  created_at: string;
}

export interface SettlementAwardTable {
  run_id: string;
  seq: number;
  rule: string;
  /** An organization id or a person id. */
  beneficiary_ref: string;
  beneficiary_kind: 'organization' | 'person';
  beneficiary_name: string;
  amount_yuan: number;
  /** JSON: the award's trace entries */
  trace: string;
}

/** A run's exclusions: `contract\trule\treason\tbeneficiary` lines, gzip-compressed (gzip-tsv). */
export interface SettlementExclusionsTable {
  run_id: string;
  encoding: string;
  line_count: number;
  content: Buffer;
}

/** 申报通知 (004): one notice's window, policy, year, rules, budgets (JSON rule → yuan) and 公示 length. */
export interface SubsidyNoticeTable {
  id: string;
  jurisdiction_code: string;
  title: string;
  policy_id: string;
  year: number;
  opens_on: string;
  closes_on: string;
  /** JSON string[]: the policy's rules this notice covers */
  rules: string;
  /** JSON: rule → whole yuan */
  budgets: string;
  /** JSON: parameter → value for this round (e.g. the one-off amount finance set this year) */
  overrides: string;
  /** 公示 length in working days */
  notice_days: number;
  issuer: string;
  contact: string;
  status: string;
  settlement_run_id: string | null;
  publicized_on: string | null;
  notice_ends_on: string | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  created_by: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** 申报 (004): an applicant organization's application for one beneficiary (itself or a broker). */
export interface SubsidyApplicationTable {
  id: string;
  /** 申报编号, e.g. SB202300001 */
  number: string;
  notice_id: string;
  jurisdiction_code: string;
  /** The organization the applicant acts for ("own" scope). */
  organization_id: string;
  beneficiary_kind: 'organization' | 'person';
  /** An organization id, or a person id for a broker. */
  beneficiary_ref: string;
  status: string;
  contact_name: string | null;
  contact_phone: string | null;
  payee_bank: string | null;
  payee_account: string | null;
  /** JSON [{name, creditCode?, relation}] */
  related_parties: string;
  related_parties_note: string | null;
  /** JSON [{level, programme, amountFen, contractId?}] */
  other_funding: string;
  other_funding_note: string | null;
  commitment_text: string | null;
  commitment_signer: string | null;
  commitment_user_id: string | null;
  commitment_signed_at: string | null;
  first_submitted_at: string | null;
  submitted_at: string | null;
  return_reason: string | null;
  rejection_reason: string | null;
  first_reviewer_id: string | null;
  first_reviewer_name: string | null;
  first_reviewed_at: string | null;
  second_reviewer_id: string | null;
  second_reviewer_name: string | null;
  second_reviewed_at: string | null;
  award_yuan: number | null;
  settlement_run_id: string | null;
  created_by: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SubsidyApplicationContractTable {
  id: string;
  application_id: string;
  contract_id: string;
}

export interface SubsidyApplicationEvidenceTable {
  id: string;
  application_id: string;
  hash: string;
  label: string;
}

/** The awards an application holds from its notice's current settlement run. */
export interface SubsidyApplicationAwardTable {
  id: string;
  application_id: string;
  run_id: string;
  seq: number;
  rule: string;
  amount_yuan: number;
}

export interface SubsidyApplicationStepTable {
  id: string;
  application_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  reason: string | null;
}

/** 公示异议 (004): by a logged-in user or by the public with a contact. */
export interface SubsidyObjectionTable {
  id: string;
  notice_id: string;
  application_id: string;
  submitted_by: string | null;
  submitter_name: string;
  contact: string | null;
  content: string;
  status: string;
  resolution: string | null;
  /** removed | recomputed | null */
  outcome_action: string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolved_at: string | null;
  version: number;
  created_at: string;
}

/** 拨付 (004): one payment per application, in fen, with the bank reference. */
export interface SubsidyDisbursementTable {
  id: string;
  application_id: string;
  notice_id: string;
  amount_fen: number;
  paid_on: string;
  bank_reference: string;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: string;
}

export interface SearchDocTable {
  doc_id: Generated<number>;
  kind: string;
  entity_id: string;
  jurisdiction_code: string;
  external_id: string | null;
  title: string;
  body: string;
  keywords: string;
  field: string | null;
  stage: string | null;
  trl: number | null;
  region: string | null;
  price_kind: string | null;
  price_fen: number | null;
  attrs: string;
  published_on: string;
  length: number;
  is_demo: number;
  /** PostgreSQL only (tsvector); null on SQLite, whose index is the search_fts table. */
  tsv: string | null;
}

export interface SearchTermTable {
  kind: string;
  term: string;
  df: number;
}

export interface SearchStatTable {
  kind: string;
  doc_count: number;
  total_length: number;
  generation: Generated<number>;
}

/** 科技成果 (server/modules/market): lists JSON in TEXT, money in fen, dates YYYY-MM-DD. */
export interface AchievementTable {
  id: string;
  jurisdiction_code: string;
  external_id: string | null;
  title: string;
  description: string;
  keywords: string; // JSON string[]
  discipline: string | null;
  technical_field: string | null;
  industries: string; // JSON string[]
  trl: number | null;
  stage: string | null;
  ip_items: string; // JSON {kind, number?, title?}[]
  transfer_modes: string; // JSON string[]
  price_kind: string | null;
  price_fen: number | null;
  owner_organization_id: string | null;
  owner_missing: number;
  team: string; // JSON {name, role?}[]
  origin_country: string | null;
  origin_region: string | null;
  tags: string; // JSON string[]
  attachments: string; // JSON {hash, name, size, mime}[]
  status: string;
  status_reason: string | null;
  expires_on: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
}

/** 技术需求 (server/modules/market). */
export interface DemandTable {
  id: string;
  jurisdiction_code: string;
  external_id: string | null;
  title: string;
  problem: string;
  indicators: string;
  keywords: string; // JSON string[]
  technical_field: string | null;
  industries: string; // JSON string[]
  budget_min_fen: number | null;
  budget_max_fen: number | null;
  deadline: string | null;
  organization_id: string | null;
  owner_missing: number;
  origin_region: string | null;
  is_challenge: number;
  reward_fen: number | null;
  tags: string; // JSON string[]
  attachments: string; // JSON {hash, name, size, mime}[]
  status: string;
  status_reason: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
}

export interface ListingStepTable {
  id: string;
  listing_kind: string;
  listing_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  at: string;
  actor_name: string;
  reason: string | null;
}

export interface ListingInquiryTable {
  id: string;
  listing_kind: string;
  listing_id: string;
  jurisdiction_code: string;
  owner_organization_id: string | null;
  from_user_id: string;
  from_name: string;
  from_organization_id: string | null;
  message: string;
  contact: string | null;
  status: string;
  answer: string | null;
  answered_by_name: string | null;
  answered_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** 督办 (007): a plan (实施方案) loaded from a data file, per jurisdiction. */
export interface SupervisionPlanTable {
  id: string;
  jurisdiction_code: string;
  /** The plan file's id, e.g. zhanhe-2022 */
  code: string;
  title: string;
  document: string | null;
  issued_on: string | null;
  starts_on: string;
  ends_on: string;
  /** The default reporting period (quarterly, …) */
  period: string;
  /** A report is due this many days after its period ends. */
  due_days: number;
  /** SHA-256 of the plan file last loaded */
  source_hash: string;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A responsible unit (责任单位) as the plan names it, optionally linked to a registry organization. */
export interface SupervisionUnitTable {
  id: string;
  plan_id: string;
  name: string;
  organization_id: string | null;
}

export interface SupervisionMeasureTable {
  id: string;
  plan_id: string;
  /** 三 … 二十一 */
  number: string;
  /** 3 … 21, for ordering */
  seq: number;
  heading: string;
  text: string;
  /** The 责任单位 clause verbatim */
  responsibility: string | null;
  period: string;
}

export interface SupervisionAssignmentTable {
  id: string;
  measure_id: string;
  unit_id: string;
  /** lead | co */
  role: string;
  position: number;
}

/** A unit's progress report on a measure for one period (2023Q1, 2023H1, 2023M01, 2023). */
export interface SupervisionReportTable {
  id: string;
  plan_id: string;
  measure_id: string;
  unit_id: string;
  jurisdiction_code: string;
  period: string;
  status: string;
  text: string;
  /** JSON: name → number */
  figures: string;
  review_comment: string | null;
  submission_count: number;
  first_submitted_at: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: string | null;
  created_by: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SupervisionReportAttachmentTable {
  id: string;
  report_id: string;
  hash: string;
  label: string;
  position: number;
}

export interface SupervisionReportStepTable {
  id: string;
  report_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  comment: string | null;
}

/** One row per (unit, day) the overdue job reminded: its idempotency key. */
export interface SupervisionReminderTable {
  id: string;
  unit_id: string;
  on_date: string;
  /** JSON [{measureId, number, period, dueOn}] */
  cells: string;
  notification_id: string | null;
  created_at: string;
}

/** The in-app notification centre (server/modules/notifications): to a user or an organization. */
export interface NotificationTable {
  id: string;
  jurisdiction_code: string;
  recipient_user_id: string | null;
  recipient_organization_id: string | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** A sender's key that makes sending idempotent (unique when set). */
  dedupe_key: string | null;
  read_at: string | null;
  read_by: string | null;
  created_at: string;
}

/** 对接会 / 路演 (008): a matchmaking event or roadshow, its featured listings and registrations. */
export interface MarketEventTable {
  id: string;
  jurisdiction_code: string;
  title: string;
  /** matchmaking | roadshow (common/deal-vocabulary.ts EVENT_KINDS) */
  kind: string;
  held_on: string;
  place: string;
  organizer_organization_id: string | null;
  organizer_name: string;
  description: string;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MarketEventListingTable {
  id: string;
  event_id: string;
  listing_kind: string;
  listing_id: string;
  position: number;
}

/** One registration: an organization, a person of the registry, or a user (self-registration). */
export interface MarketEventRegistrationTable {
  id: string;
  event_id: string;
  organization_id: string | null;
  person_id: string | null;
  user_id: string | null;
  name: string;
  registered_by_name: string;
  attended: number;
  attendance_marked_at: string | null;
  is_demo: number;
  version: number;
  created_at: string;
}

/** 对接 (008): a demand–achievement pair with its parties and broker, moving 对接 → 洽谈 → 签约 | 终止. */
export interface DealTable {
  id: string;
  jurisdiction_code: string;
  title: string;
  demand_id: string | null;
  achievement_id: string | null;
  buyer_organization_id: string | null;
  seller_organization_id: string | null;
  broker_person_id: string | null;
  broker_user_id: string | null;
  broker_organization_id: string | null;
  event_id: string | null;
  inquiry_id: string | null;
  technical_field: string | null;
  stage: string;
  termination_reason: string | null;
  termination_note: string | null;
  agreed_amount_fen: number | null;
  signed_on: string | null;
  contract_id: string | null;
  created_by: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DealStepTable {
  id: string;
  deal_id: string;
  seq: number;
  from_stage: string | null;
  to_stage: string;
  at: string;
  on_date: string;
  actor_name: string;
  reason: string | null;
  note: string | null;
}

export interface DealNoteTable {
  id: string;
  deal_id: string;
  text: string;
  next_step: string | null;
  due_on: string | null;
  author_user_id: string | null;
  author_name: string;
  created_at: string;
}

/** A dated practitioner role (技术市场从业人员) of a registry person (server/modules/talent). */
export interface PractitionerTable {
  id: string;
  jurisdiction_code: string;
  person_id: string;
  role: string;
  organization_id: string | null;
  level: string | null;
  employment: string;
  certificate_number: string | null;
  valid_from: string;
  valid_to: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TrainingCourseTable {
  id: string;
  jurisdiction_code: string;
  title: string;
  topic: string;
  organizer_name: string;
  organizer_organization_id: string | null;
  starts_on: string;
  ends_on: string;
  /** Hours × 10, so half hours stay exact. */
  hours_x10: number;
  /** Hours attended that earn the certificate, × 10. */
  required_hours_x10: number;
  place: string;
  capacity: number;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TrainingEnrolmentTable {
  id: string;
  course_id: string;
  person_id: string;
  organization_id: string | null;
  enrolled_by_name: string;
  /** Hours attended and credited × 10. */
  hours_x10: number;
  certificate_number: string | null;
  certificate_issued_on: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A researcher named on a technology contract, with the role held (项目负责人, 主要完成人 …). */
export interface ContractResearcherTable {
  id: string;
  contract_id: string;
  person_id: string;
  role: string;
  position: number;
  is_demo: number;
}

/** 服务机构的服务项目 (011, plan (七)): what an agency offers. */
export interface ServiceOfferingTable {
  id: string;
  jurisdiction_code: string;
  organization_id: string;
  /** common/services-vocabulary.ts SERVICE_CATEGORIES */
  category: string;
  title: string;
  description: string;
  price_terms: string;
  contact_name: string | null;
  contact_phone: string | null;
  /** active | withdrawn */
  status: string;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** 服务请求 (011): an enterprise asks an agency for a service. */
export interface ServiceRequestTable {
  id: string;
  jurisdiction_code: string;
  requester_organization_id: string;
  provider_organization_id: string;
  offering_id: string | null;
  category: string;
  title: string;
  description: string;
  /** common/services-vocabulary.ts REQUEST_STATUSES */
  status: string;
  created_by: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ServiceRequestStepTable {
  id: string;
  request_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  at: string;
  actor_name: string;
  note: string | null;
}

/** 金融产品 (011, plan (十五)): a bank's financing product; amounts fen, rates basis points. */
export interface FinanceProductTable {
  id: string;
  jurisdiction_code: string;
  bank_organization_id: string;
  name: string;
  kind: string;
  min_amount_fen: number;
  max_amount_fen: number;
  min_rate_bp: number;
  max_rate_bp: number;
  min_term_months: number;
  max_term_months: number;
  required_qualifications: string; // JSON QualificationType[]
  collateral_kinds: string; // JSON CollateralKind[]
  description: string;
  status: string;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** 融资需求 (011): an enterprise's financing need. */
export interface FinanceNeedTable {
  id: string;
  jurisdiction_code: string;
  organization_id: string;
  title: string;
  amount_fen: number;
  purpose: string;
  term_months: number;
  collateral_kinds: string; // JSON CollateralKind[]
  contract_id: string | null;
  achievement_id: string | null;
  description: string;
  status: string;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A bank's answer to a need through one of its products (offer or decline). */
export interface FinanceOfferTable {
  id: string;
  need_id: string;
  product_id: string;
  bank_organization_id: string;
  decision: string;
  amount_fen: number | null;
  rate_bp: number | null;
  term_months: number | null;
  note: string | null;
  created_by: string | null;
  author_name: string;
  is_demo: number;
  created_at: string;
}

/** 知识产权运营 (011, plan (十六)): a licence (from licensor to licensee) or IP-as-equity (from contributor to company). */
export interface IpRecordTable {
  id: string;
  jurisdiction_code: string;
  /** license | equity */
  kind: string;
  ip_kind: string;
  ip_number: string | null;
  ip_title: string;
  from_organization_id: string;
  to_organization_id: string;
  license_scope: string | null;
  starts_on: string;
  ends_on: string | null;
  /** Licence fee, or the IP's valuation when contributed as equity. */
  amount_fen: number;
  equity_share_bp: number | null;
  achievement_id: string | null;
  contract_id: string | null;
  note: string | null;
  created_by: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A registered contract as the indicators count it (migration 013, contracts/tallies.ts): derived data. */
export interface ContractFactTable {
  contract_id: string;
  jurisdiction_code: string;
  registered_on: string;
  type: string;
  tech_field: string;
  /** The first seller's and buyer's organization division and kind; null for a natural person. */
  seller_division: string | null;
  seller_kind: string | null;
  buyer_division: string | null;
  tech_amount_fen: number;
}

/** Registered contracts summed per area (jurisdiction code cut to 2, 4 or 6 digits), month and class. */
export interface ContractTallyTable {
  area: string;
  /** YYYY-MM of the registration date. */
  month: string;
  type: string;
  tech_field: string;
  /** The first seller's origin relative to the area: district | city | province | elsewhere | unknown. */
  origin: string;
  buyer_in: number;
  /** The first seller's organization kind; '' for a natural person. */
  seller_kind: string;
  n: number;
  fen: number;
}

// 015: units register themselves (server/modules/registration)

/** A unit's (or a broker's) registration, as the applicant last submitted it, and its outcome. */
export interface UnitRegistrationTable {
  id: string;
  /** 申请编号, e.g. ZC202606010001. */
  number: string;
  /** SHA-256 of the query code the applicant was shown once. */
  query_code_hash: string;
  /** unit | broker */
  applicant_type: string;
  /** pending | approved | returned */
  status: string;
  uscc: string | null;
  org_name: string | null;
  org_kind: string | null;
  division_code: string | null;
  address: string | null;
  legal_rep_name: string | null;
  legal_rep_id_cipher: string | null;
  legal_rep_id_masked: string | null;
  /** business_license | institution_certificate */
  license_kind: string | null;
  license_hash: string | null;
  authorization_hash: string | null;
  /** The registry's organization: the one claimed, or the one created on approval. */
  organization_id: string | null;
  agency_organization_id: string | null;
  employment: string | null;
  certificate_number: string | null;
  applicant_name: string;
  applicant_mobile: string;
  applicant_position: string | null;
  applicant_id_cipher: string | null;
  applicant_id_digest: string | null;
  applicant_id_masked: string | null;
  username: string;
  /** argon2id of the password the applicant chose; the account gets it on approval. */
  password_hash: string;
  review_division_code: string;
  return_reason: string | null;
  decided_at: string | null;
  decided_by_name: string | null;
  user_id: string | null;
  person_id: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  submissions: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UnitRegistrationStepTable {
  id: string;
  registration_id: string;
  seq: number;
  /** submit | resubmit | approve | return */
  action: string;
  at: string;
  actor_name: string;
  reason: string | null;
  /** JSON of what was submitted (no password, no query code, ID numbers masked). */
  snapshot: string | null;
  ip: string | null;
}

/** 单位管理员: an account that administers the users of a verified unit. */
export interface UnitAdminTable {
  organization_id: string;
  user_id: string;
  granted_at: string;
  granted_by_name: string;
}

/** A one-time code a unit admin hands to a colleague (valid 7 days). */
export interface UnitInvitationTable {
  id: string;
  organization_id: string;
  code_hash: string;
  created_by_user_id: string | null;
  created_by_name: string;
  note: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by_user_id: string | null;
  revoked_at: string | null;
}

/** A captcha of the public forms: the answer's SHA-256, valid until expires_at, used once. */
export interface CaptchaChallengeTable {
  id: string;
  answer_hash: string;
  ip: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One attempt on a public form from a client address, counted by the per-address limits. */
export interface PublicAttemptTable {
  id: string;
  kind: string;
  ip: string;
  at: string;
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
  login_challenge: LoginChallengeTable;
  recovery_code: RecoveryCodeTable;
  user_identity: UserIdentityTable;
  login_throttle: LoginThrottleTable;
  audit_event: AuditEventTable;
  audit_head: AuditHeadTable;
  working_calendar_year: WorkingCalendarYearTable;
  working_calendar_day: WorkingCalendarDayTable;
  contract: ContractTable;
  contract_party: ContractPartyTable;
  contract_broker: ContractBrokerTable;
  contract_third_party: ContractThirdPartyTable;
  contract_funding: ContractFundingTable;
  contract_step: ContractStepTable;
  contract_payment: ContractPaymentTable;
  contract_invoice: ContractInvoiceTable;
  contract_fact: ContractFactTable;
  contract_tally: ContractTallyTable;
  evidence_file: EvidenceFileTable;
  evidence_upload: EvidenceUploadTable;
  settlement_run: SettlementRunTable;
  settlement_award: SettlementAwardTable;
  settlement_exclusions: SettlementExclusionsTable;
  subsidy_notice: SubsidyNoticeTable;
  subsidy_application: SubsidyApplicationTable;
  subsidy_application_contract: SubsidyApplicationContractTable;
  subsidy_application_evidence: SubsidyApplicationEvidenceTable;
  subsidy_application_award: SubsidyApplicationAwardTable;
  subsidy_application_step: SubsidyApplicationStepTable;
  subsidy_objection: SubsidyObjectionTable;
  subsidy_disbursement: SubsidyDisbursementTable;
  search_doc: SearchDocTable;
  search_term: SearchTermTable;
  search_stat: SearchStatTable;
  achievement: AchievementTable;
  demand: DemandTable;
  listing_step: ListingStepTable;
  listing_inquiry: ListingInquiryTable;
  supervision_plan: SupervisionPlanTable;
  supervision_unit: SupervisionUnitTable;
  supervision_measure: SupervisionMeasureTable;
  supervision_assignment: SupervisionAssignmentTable;
  supervision_report: SupervisionReportTable;
  supervision_report_attachment: SupervisionReportAttachmentTable;
  supervision_report_step: SupervisionReportStepTable;
  supervision_reminder: SupervisionReminderTable;
  notification: NotificationTable;
  market_event: MarketEventTable;
  market_event_listing: MarketEventListingTable;
  market_event_registration: MarketEventRegistrationTable;
  deal: DealTable;
  deal_step: DealStepTable;
  deal_note: DealNoteTable;
  practitioner: PractitionerTable;
  training_course: TrainingCourseTable;
  training_enrolment: TrainingEnrolmentTable;
  contract_researcher: ContractResearcherTable;
  service_offering: ServiceOfferingTable;
  service_request: ServiceRequestTable;
  service_request_step: ServiceRequestStepTable;
  finance_product: FinanceProductTable;
  finance_need: FinanceNeedTable;
  finance_offer: FinanceOfferTable;
  ip_record: IpRecordTable;
  // 015: units register themselves
  unit_registration: UnitRegistrationTable;
  unit_registration_step: UnitRegistrationStepTable;
  unit_admin: UnitAdminTable;
  unit_invitation: UnitInvitationTable;
  captcha_challenge: CaptchaChallengeTable;
  public_attempt: PublicAttemptTable;
  registry_change_request: RegistryChangeRequestTable;
  registry_change_request_evidence: RegistryChangeRequestEvidenceTable;
  // 023: 成果定价公示 of universities and institutes
  pricing_publicity: PricingPublicityTable;
  pricing_objection: PricingObjectionTable;
  // 022: the public portal (门户)
  portal_post: PortalPostTable;
  // 021: credit records (信用记录) and 信用修复
  credit_record: CreditRecordTable;
  credit_repair: CreditRepairTable;
  credit_repair_evidence: CreditRepairEvidenceTable;
  // 019: single sign-on (OIDC) handshakes
  oidc_authorization: OidcAuthorizationTable;
  oidc_pending_identity: OidcPendingIdentityTable;
  // 026: 复查 of reviewers' decisions (容错纠错, 尽职免责)
  decision_review: DecisionReviewTable;
}

/** 变更申请 (016): an own user's request to change an organization's verified facts, pending until reviewed. */
export interface RegistryChangeRequestTable {
  id: string;
  /** The organization's jurisdiction (the operator's queue scope). */
  jurisdiction_code: string;
  organization_id: string;
  /** organization | qualification | equity | platform (common/change-request.ts). */
  field_group: string;
  /** Set while pending (unique per organization), null once decided or withdrawn. */
  pending_key: string | null;
  /** pending | approved | rejected | withdrawn */
  status: string;
  requested: string; // JSON RequestedChange
  explanation: string | null;
  decided_differences: string | null; // JSON ChangeDifference[]
  submitted_by: string | null;
  submitted_by_name: string;
  submitted_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  version: number;
  updated_at: string;
}

export interface RegistryChangeRequestEvidenceTable {
  id: string;
  request_id: string;
  hash: string;
  file_name: string;
}

/** 门户 (022): news, policy documents, interpretations and guides the bureau publishes. */
export interface PortalPostTable {
  id: string;
  jurisdiction_code: string;
  /** news | policy | interpretation | guide (common/portal-vocabulary.ts) */
  kind: string;
  /** draft | published | withdrawn */
  status: string;
  title: string;
  abstract: string | null;
  /** Markdown */
  body: string;
  document_number: string | null;
  issuer: string | null;
  effective_on: string | null;
  expires_on: string | null;
  /** A built-in subsidy policy (policies/<id>.yaml) the post belongs to. */
  policy_id: string | null;
  /** The policy document an interpretation explains. */
  document_id: string | null;
  qa: string; // JSON QaItem[]
  published_at: string | null;
  is_demo: number;
  version: number;
  created_by_name: string;
  updated_by_name: string;
  created_at: string;
  updated_at: string;
}
// ——— 021: credit records (信用记录, issue 14) ———

/** A credit record on an organization (organization_id) or a person (person_id). */
export interface CreditRecordTable {
  id: string;
  /** The holder's jurisdiction (who sees it). */
  jurisdiction_code: string;
  organization_id: string | null;
  person_id: string | null;
  /** serious_dishonesty | dishonest_judgment_debtor | research_misconduct | commitment_breach | other */
  kind: string;
  /** credit_china | court | platform | other (common/credit-vocabulary.ts) */
  source: string;
  /** The source in words: 信用中国（河南）, 平顶山市中级人民法院. */
  source_name: string | null;
  document_number: string | null;
  valid_from: string;
  /** Null: open-ended. */
  valid_to: string | null;
  note: string | null;
  /** The application whose review found it (commitment_breach from a false declaration). */
  application_id: string | null;
  /** Ended early (信用修复 approved, or by the operator): not in force from this day. */
  ended_on: string | null;
  end_reason: string | null;
  created_by_name: string;
  created_at: string;
  version: number;
  updated_at: string;
}

/** 信用修复: the holder's request to end a record early, with evidence; the operator decides. */
export interface CreditRepairTable {
  id: string;
  record_id: string;
  jurisdiction_code: string;
  /** Set while pending (unique per record), null once decided. */
  pending_key: string | null;
  /** pending | approved | rejected */
  status: string;
  explanation: string;
  submitted_by: string | null;
  submitted_by_name: string;
  submitted_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  version: number;
  updated_at: string;
}

export interface CreditRepairEvidenceTable {
  id: string;
  repair_id: string;
  hash: string;
  file_name: string;
}

/** 019, single sign-on: a login on its way to the OIDC provider (one use, minutes long). */
export interface OidcAuthorizationTable {
  /** SHA-256 of the token in the browser's httpOnly cookie. */
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  /** The app path the user goes to after logging in. */
  return_to: string;
  created_at: string;
  expires_at: string;
}

/** 019, single sign-on: a first-time identity waiting for its unit registration. */
export interface OidcPendingIdentityTable {
  /** SHA-256 of the token in the browser's httpOnly cookie. */
  id: string;
  issuer: string;
  subject: string;
  /** JSON OidcPrefill, encrypted by the data protector (names and mobile numbers are personal data). */
  claims_cipher: string;
  created_at: string;
  expires_at: string;
}

// ——— 023: 成果定价公示 (issue 14) ———
/** An institution's price decision for a transfer or licence contract, on 公示 before registration. */
export interface PricingPublicityTable {
  id: string;
  jurisdiction_code: string;
  contract_id: string;
  institution_id: string;
  /** agreement | listing | auction (common/pricing-vocabulary.ts) */
  method: string;
  price_fen: number;
  valuation_file_hash: string | null;
  valuation_file_name: string | null;
  decision_body: string;
  decided_on: string;
  /** Working days, as the subsidy 公示 counts them. */
  period_days: number;
  starts_on: string;
  ends_on: string;
  /** publicized | withdrawn */
  status: string;
  /** The contract id while not withdrawn (unique): one live 公示 per contract. */
  active_key: string | null;
  withdrawn_reason: string | null;
  is_demo: number;
  created_by: string | null;
  created_by_name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PricingObjectionTable {
  id: string;
  publicity_id: string;
  submitted_by: string | null;
  submitter_name: string;
  contact: string | null;
  content: string;
  /** open | answered */
  status: string;
  answer: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: string | null;
  version: number;
  created_at: string;
}

/** 复查 (026): one re-examination of a reviewer's decision, with the decision frozen when opened. */
export interface DecisionReviewTable {
  id: string;
  /** 复查编号, FC + Beijing date + daily sequence. */
  number: string;
  jurisdiction_code: string;
  /** common/reexamination.ts DECISION_KINDS */
  decision_kind: string;
  decision_id: string;
  /** 'open' while open (unique per decision), null once concluded. */
  open_key: string | null;
  snapshot: string; // JSON DecisionSnapshot
  snapshot_hash: string;
  decided_by: string | null;
  decided_by_name: string;
  decided_at: string;
  requested_by: string | null;
  requested_by_name: string;
  requested_at: string;
  grounds: string;
  /** open | concluded */
  status: string;
  verdict: string | null;
  findings: string | null;
  corrective_measure: string | null;
  concluded_by: string | null;
  concluded_by_name: string | null;
  concluded_at: string | null;
  version: number;
  updated_at: string;
}
