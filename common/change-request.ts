/**
 * 变更申请 (change requests): how an organization's own users change its verified facts. Shared by
 * the server (server/modules/registry/change-requests.ts) and the web pages: the field split, the
 * request's input shape and its presented form (current value beside the requested one, in words).
 */
import { z } from 'zod';
import { labels } from './vocabulary.js';
import { divisionCode, equityHolderInput, isoDate, type OrganizationPatch, platformInput, qualificationInput, usccField } from './registry-schema.js';
import { ORGANIZATION_KINDS } from './vocabulary.js';

/**
 * What one request changes. One pending request per organization per group, where a qualification
 * or platform request's group is its type (two pending requests never overwrite each other).
 */
export const CHANGE_REQUEST_GROUPS = labels({
  organization: '登记信息',
  qualification: '资质',
  equity: '股权结构',
  platform: '平台与认定',
});
export type ChangeRequestGroup = (typeof CHANGE_REQUEST_GROUPS.values)[number];

export const CHANGE_REQUEST_STATUSES = labels({
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
});
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES.values)[number];

/** The organization fields that subsidies, indicators and matching rest on: changed only through review. */
export const VERIFIED_ORGANIZATION_FIELDS = labels({
  name: '名称',
  uscc: '统一社会信用代码',
  kind: '机构类型',
  divisionCode: '行政区划',
  rdFiled: '新型研发机构备案状态',
  rdFiledOn: '备案日期',
  legalRepresentativeId: '法定代表人',
  actualControllerId: '实际控制人',
});
export type VerifiedOrganizationField = (typeof VERIFIED_ORGANIZATION_FIELDS.values)[number];

/**
 * What an organization's own users keep changing directly (PATCH /api/organizations/:id): an
 * allow-list (server/modules/registry/verified-facts.ts refuses them any other field).
 */
export const SELF_SERVICE_ORGANIZATION_FIELDS = ['address', 'description', 'industries', 'serviceTypes', 'contacts'] as const;
export type SelfServiceOrganizationField = (typeof SELF_SERVICE_ORGANIZATION_FIELDS)[number];

/** Every field of an organization patch is either a verified fact or self-service (checked by tsc). */
type NoneLeft<T extends never> = T;
export type UnsplitOrganizationField = NoneLeft<Exclude<keyof OrganizationPatch, 'version' | VerifiedOrganizationField | SelfServiceOrganizationField>>;

/** A person's verified facts (people are the operator's to change; own users keep the phone). */
export const VERIFIED_PERSON_FIELDS = labels({
  name: '姓名',
  idNumber: '身份证号码',
  roles: '人员身份（技术经纪人等）及证书',
  affiliations: '所在单位',
});

/** The requested organization facts: only the verified fields; `null` clears an optional one. */
export const organizationFactsChange = z
  .strictObject({
    name: z.string().trim().min(2, { message: '名称至少2个字' }).max(100),
    uscc: usccField,
    kind: z.enum(ORGANIZATION_KINDS.values),
    divisionCode,
    rdFiled: z.boolean().nullable(),
    rdFiledOn: isoDate.nullable(),
    legalRepresentativeId: z.string().min(1).max(64).nullable(),
    actualControllerId: z.string().min(1).max(64).nullable(),
  })
  .partial();
export type OrganizationFactsChange = z.infer<typeof organizationFactsChange>;

/** A new platform or recognition hosted by the applicant (the host is the organization itself). */
export const platformRecognition = platformInput.omit({ hostOrganizationId: true });
export type PlatformRecognition = z.infer<typeof platformRecognition>;

export const evidenceRef = z.strictObject({
  hash: z.string().regex(/^[0-9a-f]{64}$/, { message: '证明材料编号应为64位十六进制' }),
  fileName: z.string().trim().min(1).max(200),
});
export type EvidenceRef = z.infer<typeof evidenceRef>;

const common = {
  organizationId: z.string().min(1).max(64),
  /** The applicant's explanation (变更说明). */
  explanation: z.string().trim().max(500).optional(),
  evidence: z.array(evidenceRef).min(1, { message: '请上传至少一份证明材料（PDF、JPG 或 PNG）' }).max(10),
};

export const changeRequestInput = z.discriminatedUnion('group', [
  z.strictObject({ group: z.literal('organization'), ...common, changes: organizationFactsChange }),
  z.strictObject({ group: z.literal('qualification'), ...common, qualification: qualificationInput }),
  z.strictObject({ group: z.literal('equity'), ...common, holders: z.array(equityHolderInput).max(200) }),
  z.strictObject({ group: z.literal('platform'), ...common, platform: platformRecognition }),
]);
export type ChangeRequestInput = z.infer<typeof changeRequestInput>;

/** What the request asks, as stored (the input without its envelope). */
export type RequestedChange =
  | { group: 'organization'; changes: OrganizationFactsChange }
  | { group: 'qualification'; qualification: z.infer<typeof qualificationInput> }
  | { group: 'equity'; holders: z.infer<typeof equityHolderInput>[] }
  | { group: 'platform'; platform: PlatformRecognition };

export const decisionInput = z
  .strictObject({
    version: z.number().int().min(1),
    decision: z.enum(['approve', 'reject']),
    /** 审核意见: required to reject (the applicant reads it), optional to approve. */
    reason: z.string().trim().max(500).optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.reason ?? '').length >= 2, { message: '驳回须写明理由（至少2个字）', path: ['reason'] });
export type DecisionInput = z.infer<typeof decisionInput>;

export const changeRequestQuery = z.object({
  status: z.enum(CHANGE_REQUEST_STATUSES.values).optional(),
  group: z.enum(CHANGE_REQUEST_GROUPS.values).optional(),
  organizationId: z.string().min(1).max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ChangeRequestQuery = z.infer<typeof changeRequestQuery>;

/** One line of the comparison: a field, what the registry holds, what is asked — all in words. */
export interface ChangeDifference {
  field: string;
  label: string;
  current: string;
  requested: string;
}

export interface ChangeRequestEvidence {
  hash: string;
  fileName: string;
  mime: string;
  size: number;
}

export interface ChangeRequest {
  id: string;
  organizationId: string;
  organizationName: string;
  group: ChangeRequestGroup;
  groupLabel: string;
  status: ChangeRequestStatus;
  statusLabel: string;
  /** One line in words, e.g. 机构类型：企业 → 新型研发机构. */
  summary: string;
  /** Pending: against the registry now; decided: as it stood when decided. */
  differences: ChangeDifference[];
  explanation: string | null;
  evidence: ChangeRequestEvidence[];
  submittedByName: string;
  submittedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  version: number;
}

export interface ChangeRequestPage {
  items: ChangeRequest[];
  total: number;
}
