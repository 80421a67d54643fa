/**
 * Zod shapes of the talent API (人才): practitioners with dated roles, training courses, enrolment,
 * attendance, certificates, and researchers named on contracts. Hours as numbers in steps of 0.5;
 * dates YYYY-MM-DD. Inputs are strict objects, so an unknown field is a 400 naming it.
 */
import { z } from 'zod';
import { PRACTITIONER_ROLES, RESEARCHER_ROLES, TRAINING_TOPICS } from '../../../common/talent-vocabulary.js';
import { isoDate, pageQuery } from '../../../common/registry-schema.js';
import { BROKER_LEVELS, EMPLOYMENT } from '../../../common/vocabulary.js';

const id = z.string().min(1).max(64);
const hours = (what: string) =>
  z.number({ message: `${what}应为数字` }).min(0, { message: `${what}不能为负数` }).max(1000, { message: `${what}最多1000学时` })
    .refine((n) => Number.isInteger(n * 2), { message: `${what}以0.5学时为单位` });

export const practitionerInput = z.strictObject({
  personId: id,
  role: z.enum(PRACTITIONER_ROLES, { message: '身份应为技术经纪（经理）人或技术转移管理和服务人员' }),
  organizationId: id.optional(),
  level: z.enum(BROKER_LEVELS.values, { message: '证书等级应为初级、中级或高级' }).optional(),
  employment: z.enum(EMPLOYMENT.values, { message: '请选择专职或兼职' }),
  certificateNumber: z.string().trim().min(1).max(64, { message: '证书编号最多64个字符' }).optional(),
  validFrom: isoDate,
  validTo: isoDate.optional(),
});
export type PractitionerInput = z.infer<typeof practitionerInput>;

export const practitionerPatch = z.strictObject({
  version: z.number().int().min(1),
  organizationId: id.nullish(),
  level: z.enum(BROKER_LEVELS.values, { message: '证书等级应为初级、中级或高级' }).nullish(),
  employment: z.enum(EMPLOYMENT.values, { message: '请选择专职或兼职' }).optional(),
  certificateNumber: z.string().trim().min(1).max(64).nullish(),
  validFrom: isoDate.optional(),
  /** Ends the role (离职、证书失效); null reopens it. */
  validTo: isoDate.nullish(),
});
export type PractitionerPatch = z.infer<typeof practitionerPatch>;

export const practitionerQuery = pageQuery.extend({
  /** Those in role on this date (default today). */
  asOf: isoDate.optional(),
  role: z.enum(PRACTITIONER_ROLES).optional(),
  level: z.enum(BROKER_LEVELS.values).optional(),
  employment: z.enum(EMPLOYMENT.values).optional(),
  organizationId: id.optional(),
  q: z.string().trim().max(50).optional(),
});
export type PractitionerQuery = z.infer<typeof practitionerQuery>;

export const courseInput = z
  .strictObject({
    title: z.string().trim().min(2, { message: '课程名称至少2个字' }).max(200, { message: '课程名称最多200个字' }),
    topic: z.enum(TRAINING_TOPICS.values, { message: '请选择培训主题' }),
    organizerName: z.string().trim().min(2, { message: '主办单位至少2个字' }).max(100),
    organizerOrganizationId: id.optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    hours: hours('课程学时').refine((n) => n > 0, { message: '课程学时应大于0' }),
    /** Hours attended that earn the certificate (default: all the course's hours). */
    requiredHours: hours('结业学时').optional(),
    place: z.string().trim().min(2, { message: '培训地点至少2个字' }).max(200),
    capacity: z.number().int({ message: '名额应为整数' }).min(1, { message: '名额至少1人' }).max(10000),
  });
export type CourseInput = z.infer<typeof courseInput>;

export const courseQuery = pageQuery.extend({
  topic: z.enum(TRAINING_TOPICS.values).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type CourseQuery = z.infer<typeof courseQuery>;

export const enrolmentInput = z.strictObject({
  personId: id,
  /** The organization the person is sent by (default: the enrolling account's first organization). */
  organizationId: id.optional(),
});
export type EnrolmentInput = z.infer<typeof enrolmentInput>;

export const attendanceInput = z.strictObject({
  version: z.number().int().min(1),
  /** Hours of this session attended, added to the enrolment's credited hours. */
  sessionHours: hours('本次出勤学时').optional(),
  /** Or the whole course marked at once: the credited hours. */
  totalHours: hours('累计出勤学时').optional(),
});
export type AttendanceInput = z.infer<typeof attendanceInput>;

export const certificateInput = z.strictObject({
  /** Date on the certificates (default today). */
  issuedOn: isoDate.optional(),
});
export type CertificateInput = z.infer<typeof certificateInput>;

export const researchersInput = z.strictObject({
  researchers: z
    .array(z.strictObject({ personId: id, role: z.enum(RESEARCHER_ROLES.values, { message: '请选择在合同中的角色' }) }))
    .max(50, { message: '科研人员最多50名' }),
});
export type ResearchersInput = z.infer<typeof researchersInput>;

export const contributionQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ContributionQuery = z.infer<typeof contributionQuery>;
