/**
 * The registry's closed vocabularies, shared by server and web. Each entry maps the code name
 * (English, stored in the database) to its Chinese label (shown to people). See docs/glossary.md.
 */

function labels<const T extends Record<string, string>>(table: T) {
  return {
    table,
    values: Object.keys(table) as [keyof T & string, ...(keyof T & string)[]],
    label: (code: string): string => (table as Record<string, string>)[code] ?? code,
  };
}

export const ORGANIZATION_KINDS = labels({
  enterprise: '企业',
  university: '高校',
  research_institute: '科研院所',
  new_rd_institution: '新型研发机构',
  tech_transfer_institution: '技术转移机构',
  service_agency: '服务机构',
  bank: '金融机构',
  government_department: '政府部门',
  other: '其他',
});
export type OrganizationKind = (typeof ORGANIZATION_KINDS.values)[number];

export const SERVICE_TYPES = labels({
  ip: '知识产权',
  finance: '科技金融',
  legal: '法律咨询',
  appraisal: '资产评估',
  information: '文献情报',
  evaluation: '技术评价',
});
export type ServiceType = (typeof SERVICE_TYPES.values)[number];

/** The plan's industries first (三), then agriculture (十一) and dual use (十). */
export const INDUSTRIES = labels({
  electrical_manufacturing: '电气制造',
  nylon_chemicals: '尼龙化工',
  biomedicine: '生物医药',
  new_energy: '新能源',
  new_materials: '新材料',
  agriculture: '现代农业',
  equipment_manufacturing: '装备制造',
  information_technology: '电子信息',
  energy_conservation: '节能环保',
  other: '其他',
});
export type Industry = (typeof INDUSTRIES.values)[number];

export const QUALIFICATION_TYPES = labels({
  high_tech_enterprise: '高新技术企业',
  tech_sme: '科技型中小企业',
  tech_transfer_demonstration: '技术转移示范机构',
  other: '其他资质',
});
export type QualificationType = (typeof QUALIFICATION_TYPES.values)[number];

export const PLATFORM_TYPES = labels({
  key_laboratory: '重点实验室',
  engineering_research_center: '工程技术研究中心',
  new_rd_institution: '新型研发机构',
  academician_workstation: '院士工作站',
  international_cooperation_base: '国际科技合作基地',
  maker_space: '众创空间',
  incubator: '科技企业孵化器',
  star_innovation_space: '星创天地',
  tech_transfer_demonstration: '技术转移示范机构',
  industry_alliance: '产业技术创新战略联盟',
});
export type PlatformType = (typeof PLATFORM_TYPES.values)[number];

export const LEVELS = labels({
  national: '国家级',
  provincial: '省级',
  municipal: '市级',
  district: '区级',
});
export type Level = (typeof LEVELS.values)[number];

export const PERSON_ROLES = labels({
  broker: '技术经纪（经理）人',
  transfer_staff: '技术转移管理和服务人员',
  researcher: '科研人员',
  staff: '工作人员',
});
export type PersonRole = (typeof PERSON_ROLES.values)[number];

export const EMPLOYMENT = labels({ full_time: '专职', part_time: '兼职' });
export type Employment = (typeof EMPLOYMENT.values)[number];

export const BROKER_LEVELS = labels({ junior: '初级', intermediate: '中级', senior: '高级' });
export type BrokerLevel = (typeof BROKER_LEVELS.values)[number];

/** Platform roles (PLATFORM.md "Who uses it"). */
export const USER_ROLES = labels({
  operator: '科技局运营人员',
  finance: '财政局',
  department: '责任单位',
  enterprise: '企业',
  institution: '高校院所',
  broker: '技术经纪人',
  agency: '服务机构',
  bank: '金融机构',
  evaluator: '第三方评估',
  admin: '系统管理员',
});
export type UserRole = (typeof USER_ROLES.values)[number];

/** Equity holders may be an organization or a person. */
export const HOLDER_TYPES = labels({ organization: '机构', person: '自然人' });
export type HolderType = (typeof HOLDER_TYPES.values)[number];
