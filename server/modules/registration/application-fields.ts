/**
 * What a submission (first or corrected) must satisfy before it is stored, and the columns it
 * becomes: the credit code's unit may register (its kind) and has no other open application; the
 * division exists; a broker's agency is verified (has a 单位管理员 to confirm); the username is free;
 * the password keeps the rules; the evidence is a PDF, JPEG or PNG within the size limit, judged by
 * its content. Nothing is written here.
 */
import { hash } from '@node-rs/argon2';
import { maskResidentId } from '../../../common/resident-id.js';
import { AGENCY_KINDS, isRegistrableKind, LICENSE_KINDS, type RegistrableKind } from '../../../common/registration-vocabulary.js';
import type { SubmittedApplication } from '../../../common/registration-api.js';
import { ORGANIZATION_KINDS } from '../../../common/vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { ARGON2_OPTIONS } from '../auth/users.js';
import { assertPasswordAcceptable } from '../auth/password-policy.js';
import { MAX_EVIDENCE_BYTES, sniffEvidenceType } from '../contracts/file-type.js';
import { DEFAULT_PUBLIC_JURISDICTION } from '../indicators/public-statistics.js';
import { findDivision, isKnownDivision, isWithinJurisdiction } from '../registry/divisions.js';
import { findOrganizationByUscc } from '../registry/organization-repo.js';
import type { ApplicationInput } from './schema.js';
import { findOpenRegistrationForCode, type RegistrationRow, unitAdminsOf, usernameInUse } from './repo.js';

export interface Upload {
  data: Buffer;
  fileName: string;
}

/** The files of a unit's application, by the multipart field they came in. */
export interface RegistrationUploads {
  license?: Upload;
  authorization?: Upload;
}

export const EVIDENCE_LABELS = { license: '营业执照或事业单位法人证书', authorization: '授权委托书' } as const;

/** The platform's own jurisdiction (TT_JURISDICTION, as the CLI and the public statistics read it). */
export const PLATFORM_JURISDICTION = DEFAULT_PUBLIC_JURISDICTION;

/**
 * Which operators review a unit: those whose jurisdiction covers its division — or, for a unit
 * outside the platform's own area (a buyer or seller from elsewhere), the platform's own operators.
 */
export function reviewDivisionFor(divisionCode: string): string {
  return isWithinJurisdiction(PLATFORM_JURISDICTION, divisionCode) ? divisionCode : PLATFORM_JURISDICTION;
}

const fail = (field: string, message: string) => new AppError('VALIDATION', message, { field });

/** An upload the form requires or allows, checked by its content: PDF, JPEG or PNG, not empty, not too big. */
function checkUpload(upload: Upload, field: keyof RegistrationUploads): void {
  const label = EVIDENCE_LABELS[field];
  if (upload.data.length === 0) throw fail(field, `${label}：文件“${upload.fileName}”是空的`);
  if (upload.data.length > MAX_EVIDENCE_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${label}：文件“${upload.fileName}”超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`, { field });
  }
  const mime = sniffEvidenceType(upload.data);
  if (mime !== 'application/pdf' && mime !== 'image/jpeg' && mime !== 'image/png') {
    throw fail(field, `${label}：文件“${upload.fileName}”不是 PDF、JPG 或 PNG 文件（按文件内容判断，不看扩展名）`);
  }
}

/**
 * The password the applicant chose, checked by the rules and hashed (before any transaction: hashing
 * takes a while and holds nothing). Absent on a resubmission that keeps the earlier password.
 */
export async function hashChosenPassword(app: ApplicationInput): Promise<string | undefined> {
  if (app.password === undefined) return undefined;
  assertPasswordAcceptable(app.password, app.username, 'application.password');
  return hash(app.password, ARGON2_OPTIONS);
}

/** The columns an accepted submission writes (evidence hashes are filled in once the files are stored). */
export type ApplicationColumns = Omit<
  RegistrationRow,
  'id' | 'number' | 'query_code_hash' | 'status' | 'return_reason' | 'decided_at' | 'decided_by_name' | 'user_id' | 'person_id' | 'oidc_issuer' | 'oidc_subject' | 'submissions' | 'version' | 'created_at' | 'updated_at' | 'organization_id'
>;

export interface PreparedApplication {
  columns: ApplicationColumns;
  /** The uploads to store, by field (absent on a resubmission that keeps the earlier file). */
  uploads: RegistrationUploads;
  /** For messages and audit: the unit (or the broker's agency). */
  unitName: string;
}

/**
 * Checks a submission and turns it into columns. `earlier` is the application being corrected (a
 * resubmission): its own username and credit code do not count as taken, and absent password and
 * files keep what it had.
 */
export async function prepareApplication(
  ctx: Ctx,
  db: Executor,
  app: ApplicationInput,
  uploads: RegistrationUploads,
  chosenPasswordHash: string | undefined,
  earlier?: RegistrationRow,
): Promise<PreparedApplication> {
  if (earlier && earlier.applicant_type !== app.applicantType) {
    throw fail('application.applicantType', '重新提交时不能更改注册类型；如需改为其他类型，请重新提交一份新的注册申请');
  }
  const taken = await usernameInUse(db, app.username, earlier?.id);
  if (taken) throw new AppError('CONFLICT', `用户名 ${app.username} 已被使用，请换一个`, { field: 'application.username' });
  const passwordHash = chosenPasswordHash ?? earlier?.password_hash;
  if (!passwordHash) throw fail('application.password', '请设置密码');

  const common = {
    applicant_name: app.applicantName,
    applicant_mobile: app.mobile,
    applicant_position: app.position ?? null,
    username: app.username,
    password_hash: passwordHash,
  };
  const none = {
    uscc: null, org_name: null, org_kind: null, division_code: null, address: null, legal_rep_name: null, legal_rep_id_cipher: null,
    legal_rep_id_masked: null, license_kind: null, license_hash: null, authorization_hash: null, agency_organization_id: null,
    employment: null, certificate_number: null, applicant_id_cipher: null, applicant_id_digest: null, applicant_id_masked: null,
  };

  if (app.applicantType === 'unit') {
    const registered = await findOrganizationByUscc(db, app.creditCode);
    if (registered && !isRegistrableKind(registered.kind)) {
      throw fail('application.creditCode', `该统一社会信用代码登记为“${registered.name}”（${ORGANIZATION_KINDS.label(registered.kind)}），此类单位的账号由科技局开通，不能在此注册`);
    }
    if (await findOpenRegistrationForCode(db, app.creditCode, earlier?.id)) {
      throw new AppError('CONFLICT', '该统一社会信用代码已有一份待审核的注册申请，请勿重复提交；申请人可凭申请编号和查询码查询进度', { field: 'application.creditCode' });
    }
    if (!isKnownDivision(app.divisionCode)) throw fail('application.divisionCode', `行政区划代码 ${app.divisionCode} 不在 GB/T 2260 代码表中`);
    for (const field of ['license', 'authorization'] as const) {
      const upload = uploads[field];
      if (upload) checkUpload(upload, field);
      else if (!earlier) throw fail(field, `请上传${EVIDENCE_LABELS[field]}（PDF、JPG 或 PNG）`);
    }
    return {
      columns: {
        ...none,
        ...common,
        applicant_type: 'unit',
        uscc: app.creditCode,
        org_name: app.orgName,
        org_kind: app.orgKind,
        division_code: app.divisionCode,
        address: app.address,
        legal_rep_name: app.legalRepName,
        legal_rep_id_cipher: app.legalRepIdNumber ? ctx.protector.encrypt(app.legalRepIdNumber) : null,
        legal_rep_id_masked: app.legalRepIdNumber ? maskResidentId(app.legalRepIdNumber) : null,
        license_kind: app.licenseKind,
        license_hash: earlier?.license_hash ?? null,
        authorization_hash: earlier?.authorization_hash ?? null,
        // A unit the registry holds is reviewed where the registry places it.
        review_division_code: reviewDivisionFor(registered?.division_code ?? app.divisionCode),
      },
      uploads,
      unitName: registered?.name ?? app.orgName,
    };
  }

  const agency = await findOrganizationByUscc(db, app.agencyCreditCode);
  if (!agency || !(AGENCY_KINDS as readonly string[]).includes(agency.kind)) {
    throw fail('application.agencyCreditCode', `平台上没有统一社会信用代码为 ${app.agencyCreditCode} 的技术转移机构或服务机构`);
  }
  if ((await unitAdminsOf(db, [agency.id])).length === 0) {
    throw fail('application.agencyCreditCode', `“${agency.name}”尚未在平台完成单位注册，无人可以确认您的注册；请联系该机构先完成单位注册`);
  }
  const digest = ctx.protector.digest(app.idNumber);
  let duplicate = db
    .selectFrom('unit_registration')
    .select('id')
    .where('applicant_type', '=', 'broker')
    .where('applicant_id_digest', '=', digest)
    .where('status', '=', 'pending');
  if (earlier) duplicate = duplicate.where('id', '!=', earlier.id);
  if (await duplicate.executeTakeFirst()) {
    throw new AppError('CONFLICT', '该身份证号码已有一份待确认的技术经纪人注册申请，请勿重复提交', { field: 'application.idNumber' });
  }
  return {
    columns: {
      ...none,
      ...common,
      applicant_type: 'broker',
      agency_organization_id: agency.id,
      employment: app.employment,
      certificate_number: app.certificateNumber || null,
      applicant_id_cipher: ctx.protector.encrypt(app.idNumber),
      applicant_id_digest: digest,
      applicant_id_masked: maskResidentId(app.idNumber),
      review_division_code: reviewDivisionFor(agency.division_code),
    },
    uploads: {},
    unitName: agency.name,
  };
}

/** What the applicant submitted, as the status page and the history show it (nothing secret). */
export function submittedApplication(row: RegistrationRow, agency?: { name: string; uscc: string }): SubmittedApplication {
  const base = {
    applicantType: row.applicant_type as SubmittedApplication['applicantType'],
    applicantName: row.applicant_name,
    mobile: row.applicant_mobile,
    username: row.username,
    ...(row.applicant_position ? { position: row.applicant_position } : {}),
  };
  if (row.applicant_type === 'unit') {
    return {
      ...base,
      creditCode: row.uscc!,
      orgName: row.org_name!,
      orgKind: row.org_kind as RegistrableKind,
      divisionCode: row.division_code!,
      divisionName: findDivision(row.division_code!)?.fullName ?? null,
      address: row.address ?? '',
      legalRepName: row.legal_rep_name ?? '',
      legalRepIdMasked: row.legal_rep_id_masked,
      licenseKind: (row.license_kind ?? 'business_license') as keyof typeof LICENSE_KINDS.table,
    };
  }
  return {
    ...base,
    ...(agency ? { agencyName: agency.name, agencyCreditCode: agency.uscc } : {}),
    idNumberMasked: row.applicant_id_masked,
    ...(row.employment ? { employment: row.employment as 'full_time' | 'part_time' } : {}),
    ...(row.certificate_number ? { certificateNumber: row.certificate_number } : {}),
  };
}
