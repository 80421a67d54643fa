/**
 * The registry's closed vocabularies, shared by server and web. Each entry maps the code name
 * (English, stored in the database) to its Chinese label (shown to people). See docs/glossary.md.
 */

/** A closed vocabulary: its codes, and the Chinese label of each. */
export function labels<const T extends Record<string, string>>(table: T) {
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

// ——— Technology contracts (技术合同) ———

/** Civil Code (民法典) arts. 851–887: the five contract types the registration system uses since 2021. */
export const CONTRACT_TYPES = labels({
  development: '技术开发',
  transfer: '技术转让',
  license: '技术许可',
  consulting: '技术咨询',
  service: '技术服务',
});
export type ContractType = (typeof CONTRACT_TYPES.values)[number];

/** Sub-types per type (CONTRACT_SUBTYPES_OF in server/modules/contracts/classification.ts). */
export const CONTRACT_SUBTYPES = labels({
  commissioned: '委托开发',
  cooperative: '合作开发',
  patent: '专利权转让',
  patent_application: '专利申请权转让',
  trade_secret: '技术秘密转让',
  other_ip: '其他知识产权转让',
  patent_license: '专利实施许可',
  trade_secret_license: '技术秘密使用许可',
  other_ip_license: '其他知识产权许可',
  consulting: '技术咨询',
  service: '技术服务',
  training: '技术培训',
  intermediary: '技术中介',
});
export type ContractSubtype = (typeof CONTRACT_SUBTYPES.values)[number];

/** 2001 《技术合同认定规则》 art. 4: four types; licences were transfers then. */
export const CONTRACT_TYPES_2001 = labels({
  development: '技术开发',
  transfer: '技术转让',
  consulting: '技术咨询',
  service: '技术服务',
});
export type ContractType2001 = (typeof CONTRACT_TYPES_2001.values)[number];

export const LICENSE_SCOPES = labels({ exclusive: '独占', sole: '排他', ordinary: '普通' });
export type LicenseScope = (typeof LICENSE_SCOPES.values)[number];

/** The 11 technical fields of the national technology-market statistics (技术领域). */
export const TECH_FIELDS = labels({
  electronic_information: '电子信息',
  aerospace: '航空航天',
  advanced_manufacturing: '先进制造',
  biomedicine_devices: '生物医药和医疗器械',
  new_materials: '新材料及其应用',
  new_energy_efficiency: '新能源与高效节能',
  environment_resources: '环境保护与资源综合利用',
  nuclear_applications: '核应用技术',
  agriculture: '农业',
  modern_transport: '现代交通',
  urban_social_development: '城市建设与社会发展',
});
export type TechField = (typeof TECH_FIELDS.values)[number];

export const IP_KINDS = labels({
  patent: '专利',
  software_copyright: '计算机软件著作权',
  trade_secret: '技术秘密',
  ic_layout: '集成电路布图设计',
  plant_variety: '植物新品种',
  other: '其他',
});
export type IpKind = (typeof IP_KINDS.values)[number];

export const CONTRACT_STATUSES = labels({
  draft: '草稿',
  submitted: '已提交待审',
  materials_requested: '待补正材料',
  registered: '已登记',
  rejected: '未予登记',
  amended: '已变更登记',
  cancelled: '已注销',
  revoked: '已撤销',
});
export type ContractStatus = (typeof CONTRACT_STATUSES.values)[number];

/**
 * Why a registration office refuses (未予登记): the 火炬中心 list of 2021-01-13 (nine reasons) and
 * the later rule text's art. 39 (unclear technical content; infringing others' achievements).
 */
export const REJECTION_REASONS = labels({
  invalid_or_not_effective: '合同无效或者尚未生效',
  not_technology_contract: '不属于技术合同',
  unclear_terms: '当事人、技术标的、价款或报酬、使用费约定不明确',
  approval_missing: '依法应经有关部门审批而未审批',
  name_mismatch: '合同名称与权利义务不一致且经告知未改正',
  illegal_monopoly: '含有非法垄断技术或妨碍技术进步的条款',
  certificates_missing: '未提交或提交的证明文件不符合要求',
  seals_mismatch: '签章不全或与书面名称不一致',
  content_unclear: '技术内容不清，登记机构无法认定',
  infringement: '侵害他人技术成果',
  other: '其他',
});
export type RejectionReason = (typeof REJECTION_REASONS.values)[number];

export const FUNDING_LEVELS = labels({ district: '区级', municipal: '市级', provincial: '省级', national: '国家级' });
export type FundingLevel = (typeof FUNDING_LEVELS.values)[number];

export const CONTRACT_SIDES = labels({ seller: '卖方', buyer: '买方' });
export type ContractSide = (typeof CONTRACT_SIDES.values)[number];
