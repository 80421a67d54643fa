/**
 * 单位注册 (server/modules/registration): who may register, what the application's states are called,
 * which evidence a unit shows, and which platform role a verified unit's accounts get from its kind.
 * Shared by the server and the web, codes ⇄ Chinese like common/vocabulary.ts.
 */
import { labels, type OrganizationKind, type UserRole } from './vocabulary.js';

/** The kinds a unit may register as (government departments and "other" are set up by the bureau). */
export const REGISTRABLE_KINDS = [
  'enterprise',
  'university',
  'research_institute',
  'new_rd_institution',
  'tech_transfer_institution',
  'service_agency',
  'bank',
] as const satisfies readonly OrganizationKind[];
export type RegistrableKind = (typeof REGISTRABLE_KINDS)[number];

/** The role every account of a verified unit gets, from the unit's kind. */
export const UNIT_ROLE_OF_KIND: Record<RegistrableKind, UserRole> = {
  enterprise: 'enterprise',
  university: 'institution',
  research_institute: 'institution',
  new_rd_institution: 'institution',
  tech_transfer_institution: 'agency',
  service_agency: 'agency',
  bank: 'bank',
};

/** The roles a unit's accounts hold through the unit (recomputed when a colleague leaves a unit). */
export const UNIT_ROLES: readonly UserRole[] = ['enterprise', 'institution', 'agency', 'bank'];

export function isRegistrableKind(kind: string): kind is RegistrableKind {
  return (REGISTRABLE_KINDS as readonly string[]).includes(kind);
}

/** The agencies a broker may name: technology-transfer institutions and service agencies. */
export const AGENCY_KINDS: readonly RegistrableKind[] = ['tech_transfer_institution', 'service_agency'];

export const APPLICANT_TYPES = labels({ unit: '单位注册', broker: '技术经纪人注册' });
export type ApplicantType = (typeof APPLICANT_TYPES.values)[number];

export const REGISTRATION_STATUSES = labels({ pending: '待审核', approved: '已通过', returned: '已退回' });
export type RegistrationStatus = (typeof REGISTRATION_STATUSES.values)[number];

export const REGISTRATION_ACTIONS = labels({ submit: '提交申请', resubmit: '修改后重新提交', approve: '审核通过', return: '退回' });
export type RegistrationAction = (typeof REGISTRATION_ACTIONS.values)[number];

/** The certificate that proves the unit exists: a company's business licence or a public institution's certificate. */
export const LICENSE_KINDS = labels({ business_license: '营业执照', institution_certificate: '事业单位法人证书' });
export type LicenseKind = (typeof LICENSE_KINDS.values)[number];

export const INVITATION_STATES = labels({ open: '待使用', accepted: '已使用', expired: '已过期', revoked: '已作废' });
export type InvitationState = (typeof INVITATION_STATES.values)[number];

/** Days an invitation code stays valid. */
export const INVITATION_DAYS = 7;

/** A mainland mobile number: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Usernames: letters, digits, and . _ - ; 3–32 characters, starting with a letter. */
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{2,31}$/;
