/**
 * The columns of listing files (import and export): one table per kind, each column with its
 * Chinese header (CSV/XLSX), its English key (CSV/XLSX header or JSONL key) and how a cell becomes
 * the import's input. docs/import/achievements.md and demands.md describe the same columns.
 */
import { z } from 'zod';
import { isoDate, usccField } from '../../../../common/registry-schema.js';
import { ACHIEVEMENT_STAGES, LISTING_TAGS, PRICE_KINDS, TRANSFER_MODES } from '../../../../common/market-vocabulary.js';
import { INDUSTRIES, IP_KINDS, TECH_FIELDS } from '../../../../common/vocabulary.js';
import { parseYuan } from '../../contracts/money.js';
import { keywordList } from '../schema.js';

export interface ListingColumn {
  /** English key: the CSV/XLSX header may be this or `zh`; JSONL lines use it. */
  key: string;
  zh: string;
  required?: boolean;
  description: string;
  example: string;
  /** The input field the column fills. */
  field: string;
  /** Cell (text, or a JSONL value) → the input value; text the schema cannot take is passed on for it to reject. */
  parse: (value: unknown) => unknown;
}

const labelsOf = (t: Record<string, string>) => Object.values(t).join('、');
const options = (t: Record<string, string>) => Object.values(t).join('、');

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = typeof value === 'string' ? value.trim() : String(value);
  return s === '' ? undefined : s;
}

/** A vocabulary code or its Chinese label; unknown text goes on to the schema. */
function code(table: Record<string, string>) {
  return (value: unknown) => {
    const s = text(value);
    if (s === undefined) return undefined;
    if (s in table) return s;
    return Object.entries(table).find(([, label]) => label === s)?.[0] ?? s;
  };
}

/** A list: a JSON array, or text split at ；; | (and 、 , for vocabulary lists). */
function listOf(split: RegExp, item: (v: unknown) => unknown = (v) => text(v)) {
  return (value: unknown) => {
    if (value === undefined || value === null || value === '') return undefined;
    const parts = Array.isArray(value) ? value : String(value).split(split);
    return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '' && p !== undefined).map(item);
  };
}

const LIST = /[;；|\n]/;
const VOCAB_LIST = /[;；、,，|\n]/;

function yuan(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? (parseYuan(String(value)) ?? value) : value;
  const s = text(value);
  if (s === undefined) return undefined;
  return parseYuan(s) ?? s;
}

function integer(value: unknown): unknown {
  if (typeof value === 'number') return value;
  const s = text(value);
  if (s === undefined) return undefined;
  return /^\d+$/.test(s) ? Number(s) : s;
}

function yesNo(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  const s = text(value);
  if (s === undefined) return undefined;
  if (['是', 'true', 'TRUE', 'yes', '1', 'Y', 'y'].includes(s)) return true;
  if (['否', 'false', 'FALSE', 'no', '0', 'N', 'n'].includes(s)) return false;
  return s;
}

/** "专利:ZL2021…" / "技术秘密::名称" → {kind, number?, title?}; JSONL may give the objects. */
function ipItem(value: unknown): unknown {
  if (value && typeof value === 'object') {
    const o = value as { kind?: unknown; number?: unknown; title?: unknown };
    return { kind: code(IP_KINDS.table)(o.kind), number: text(o.number), title: text(o.title) };
  }
  const [kind, number, ...title] = String(value).split(/[:：]/).map((s) => s.trim());
  return { kind: code(IP_KINDS.table)(kind) ?? '', number: number || undefined, title: title.join(':') || undefined };
}

/** "张三:负责人" → {name, role?}. */
function member(value: unknown): unknown {
  if (value && typeof value === 'object') {
    const o = value as { name?: unknown; role?: unknown };
    return { name: text(o.name) ?? '', role: text(o.role) };
  }
  const [name, ...role] = String(value).split(/[:：]/).map((s) => s.trim());
  return { name: name ?? '', role: role.join(':') || undefined };
}

export const ACHIEVEMENT_COLUMNS: ListingColumn[] = [
  { key: 'external_id', zh: '外部编号', required: true, field: 'externalId', parse: text, description: '在来源系统中的编号；识别键：同一辖区内唯一，再次导入时按它更新', example: 'ZH-CG-2026-001' },
  { key: 'title', zh: '成果名称', field: 'title', parse: text, description: '成果名称与成果简介至少填写一项', example: '大功率真空断路器永磁操动机构' },
  { key: 'description', zh: '成果简介', field: 'description', parse: text, description: '技术内容、创新点、技术指标、应用领域', example: '采用双稳态永磁机构……' },
  { key: 'keywords', zh: '关键词', field: 'keywords', parse: listOf(LIST), description: '多个用分号（；）分隔；JSONL 可写数组', example: '真空断路器；永磁操动机构' },
  { key: 'discipline', zh: '学科', field: 'discipline', parse: text, description: '学科名称（如 机械工程）；未填技术领域时据此推定技术领域', example: '电气工程' },
  { key: 'technical_field', zh: '技术领域', field: 'technicalField', parse: code(TECH_FIELDS.table), description: `填写其一：${labelsOf(TECH_FIELDS.table)}`, example: '先进制造' },
  { key: 'industries', zh: '产业', field: 'industries', parse: listOf(VOCAB_LIST, code(INDUSTRIES.table)), description: `多个用分号分隔：${labelsOf(INDUSTRIES.table)}`, example: '电气制造' },
  { key: 'trl', zh: '技术就绪度', field: 'trl', parse: integer, description: '1–9 的整数（TRL）', example: '6' },
  { key: 'stage', zh: '成熟度', field: 'stage', parse: code(ACHIEVEMENT_STAGES.table), description: `填写其一：${options(ACHIEVEMENT_STAGES.table)}`, example: '中试' },
  { key: 'ip', zh: '知识产权', field: 'ipItems', parse: listOf(LIST, ipItem), description: `“类型:编号”或“类型:编号:名称”（无编号写“类型::名称”），多个用分号分隔；类型：${labelsOf(IP_KINDS.table)}`, example: '专利:ZL202110123456.7' },
  { key: 'transfer_modes', zh: '转化方式', field: 'transferModes', parse: listOf(VOCAB_LIST, code(TRANSFER_MODES.table)), description: `多个用分号分隔：${options(TRANSFER_MODES.table)}`, example: '转让；许可' },
  { key: 'price_kind', zh: '价格类型', field: 'priceKind', parse: code(PRICE_KINDS.table), description: `${options(PRICE_KINDS.table)}；一口价与拍卖须填价格`, example: '一口价' },
  { key: 'price', zh: '价格（元）', field: 'priceFen', parse: yuan, description: '一口价，或拍卖保留价；元，最多两位小数（按分保存）', example: '1200000' },
  { key: 'owner_uscc', zh: '所属机构统一社会信用代码', field: 'ownerUscc', parse: text, description: '成果所属机构，须已登记；导入数据可不填（标记为“无所属机构”）', example: '12410000MB0D00011E' },
  { key: 'team', zh: '团队', field: 'team', parse: listOf(LIST, member), description: '“姓名:角色”，多个用分号分隔', example: '王磊:负责人；李娜' },
  { key: 'origin_country', zh: '来源国家（地区）', field: 'originCountry', parse: (v) => text(v)?.toUpperCase(), description: '成果来自国外时填写 ISO 3166-1 两位代码（如 DE、KZ）；来源地区据此与所属机构所在地推定', example: '' },
  { key: 'tags', zh: '标签', field: 'tags', parse: listOf(VOCAB_LIST, code(LISTING_TAGS.table)), description: `多个用分号分隔：${options(LISTING_TAGS.table)}`, example: '军民两用' },
  { key: 'expires_on', zh: '有效期至', field: 'expiresOn', parse: text, description: 'YYYY-MM-DD；该日之后自动下架（过期）', example: '2027-12-31' },
];

export const DEMAND_COLUMNS: ListingColumn[] = [
  { key: 'external_id', zh: '外部编号', required: true, field: 'externalId', parse: text, description: '在来源系统中的编号；识别键：同一辖区内唯一，再次导入时按它更新', example: 'ZH-XQ-2026-001' },
  { key: 'title', zh: '需求名称', field: 'title', parse: text, description: '需求名称与需求描述至少填写一项', example: '尼龙66切片高黏度连续固相增黏工艺' },
  { key: 'problem', zh: '需求描述', field: 'problem', parse: text, description: '要解决的技术问题、现状与难点', example: '现有间歇式增黏……' },
  { key: 'indicators', zh: '预期指标', field: 'indicators', parse: text, description: '期望达到的技术指标', example: '相对黏度≥3.2' },
  { key: 'keywords', zh: '关键词', field: 'keywords', parse: listOf(LIST), description: '多个用分号（；）分隔；JSONL 可写数组', example: '尼龙66；固相增黏' },
  { key: 'technical_field', zh: '技术领域', field: 'technicalField', parse: code(TECH_FIELDS.table), description: `填写其一：${labelsOf(TECH_FIELDS.table)}`, example: '新材料及其应用' },
  { key: 'industries', zh: '产业', field: 'industries', parse: listOf(VOCAB_LIST, code(INDUSTRIES.table)), description: `多个用分号分隔：${labelsOf(INDUSTRIES.table)}`, example: '尼龙化工' },
  { key: 'budget_min', zh: '预算下限（元）', field: 'budgetMinFen', parse: yuan, description: '元，最多两位小数', example: '500000' },
  { key: 'budget_max', zh: '预算上限（元）', field: 'budgetMaxFen', parse: yuan, description: '元，不低于预算下限', example: '2000000' },
  { key: 'deadline', zh: '截止日期', field: 'deadline', parse: text, description: 'YYYY-MM-DD；该日之后自动下架（过期）', example: '2027-06-30' },
  { key: 'organization_uscc', zh: '需求单位统一社会信用代码', field: 'organizationUscc', parse: text, description: '提出需求的单位，须已登记；导入数据可不填（标记为“无所属机构”）', example: '91410411MA9DE001XQ' },
  { key: 'is_challenge', zh: '揭榜挂帅', field: 'isChallenge', parse: yesNo, description: '是/否（默认否）', example: '否' },
  { key: 'reward', zh: '榜单奖励（元）', field: 'rewardFen', parse: yuan, description: '揭榜挂帅须填写', example: '' },
  { key: 'tags', zh: '标签', field: 'tags', parse: listOf(VOCAB_LIST, code(LISTING_TAGS.table)), description: `多个用分号分隔：${options(LISTING_TAGS.table)}`, example: '' },
];

/** JSONL keys that mean another column (the CSL corpus's `category` is its discipline). */
export const KEY_ALIASES: Record<string, string> = { category: 'discipline' };

const moneyField = z.number({ message: '金额应以元为单位，最多两位小数，如 120000 或 120000.50' }).int().min(0, { message: '金额不能为负数' }).max(Number.MAX_SAFE_INTEGER);
const externalId = z.string({ message: '外部编号不能为空' }).trim().min(1, { message: '外部编号不能为空' }).max(100, { message: '外部编号最多100个字符' });
const listMsg = (what: string, t: Record<string, string>) => ({ message: `${what}应为：${labelsOf(t)}` });

export const achievementImportSchema = z
  .strictObject({
    externalId,
    title: z.string().trim().max(200, { message: '成果名称最多200个字' }).default(''),
    description: z.string().trim().max(20_000, { message: '成果简介最多20000个字' }).default(''),
    keywords: keywordList.default([]),
    discipline: z.string().trim().max(50).optional(),
    technicalField: z.enum(TECH_FIELDS.values, listMsg('技术领域', TECH_FIELDS.table)).optional(),
    industries: z.array(z.enum(INDUSTRIES.values, listMsg('产业', INDUSTRIES.table))).max(10).default([]),
    trl: z.number({ message: '技术就绪度应为1–9的整数' }).int({ message: '技术就绪度应为1–9的整数' }).min(1, { message: '技术就绪度应为1–9的整数' }).max(9, { message: '技术就绪度应为1–9的整数' }).optional(),
    stage: z.enum(ACHIEVEMENT_STAGES.values, listMsg('成熟度', ACHIEVEMENT_STAGES.table)).optional(),
    ipItems: z.array(z.strictObject({
      kind: z.enum(IP_KINDS.values, listMsg('知识产权类型', IP_KINDS.table)),
      number: z.string().max(60).optional(),
      title: z.string().max(200).optional(),
    }).refine((ip) => ip.number !== undefined || ip.title !== undefined, { message: '知识产权应写作“类型:编号”或“类型::名称”' })).max(50).default([]),
    transferModes: z.array(z.enum(TRANSFER_MODES.values, listMsg('转化方式', TRANSFER_MODES.table))).max(4).default([]),
    priceKind: z.enum(PRICE_KINDS.values, listMsg('价格类型', PRICE_KINDS.table)).optional(),
    priceFen: moneyField.optional(),
    ownerUscc: usccField.optional(),
    team: z.array(z.strictObject({ name: z.string().min(1, { message: '团队成员应写作“姓名:角色”' }).max(50), role: z.string().max(50).optional() })).max(50).default([]),
    originCountry: z.string().regex(/^[A-Z]{2}$/, { message: '国家（地区）代码应为两位字母（ISO 3166-1），如 DE' }).optional(),
    tags: z.array(z.enum(LISTING_TAGS.values, listMsg('标签', LISTING_TAGS.table))).max(2).default([]),
    expiresOn: isoDate.optional(),
  })
  .refine((a) => a.title !== '' || a.description !== '', { message: '成果名称和成果简介至少填写一项', path: ['title'] });
export type AchievementImportRow = z.infer<typeof achievementImportSchema>;

export const demandImportSchema = z
  .strictObject({
    externalId,
    title: z.string().trim().max(200, { message: '需求名称最多200个字' }).default(''),
    problem: z.string().trim().max(20_000, { message: '需求描述最多20000个字' }).default(''),
    indicators: z.string().trim().max(5_000, { message: '预期指标最多5000个字' }).default(''),
    keywords: keywordList.default([]),
    technicalField: z.enum(TECH_FIELDS.values, listMsg('技术领域', TECH_FIELDS.table)).optional(),
    industries: z.array(z.enum(INDUSTRIES.values, listMsg('产业', INDUSTRIES.table))).max(10).default([]),
    budgetMinFen: moneyField.optional(),
    budgetMaxFen: moneyField.optional(),
    deadline: isoDate.optional(),
    organizationUscc: usccField.optional(),
    isChallenge: z.boolean({ message: '应填“是”或“否”' }).default(false),
    rewardFen: moneyField.optional(),
    tags: z.array(z.enum(LISTING_TAGS.values, listMsg('标签', LISTING_TAGS.table))).max(2).default([]),
  })
  .refine((d) => d.title !== '' || d.problem !== '', { message: '需求名称和需求描述至少填写一项', path: ['title'] });
export type DemandImportRow = z.infer<typeof demandImportSchema>;

/**
 * Technical field (技术领域) of a discipline (学科, as the CSL corpus names them), used when a record
 * has a discipline but no field. Disciplines without a clear field stay without one.
 */
const DISCIPLINE_FIELDS: Record<string, string> = {
  园艺学: 'agriculture', 作物学: 'agriculture', 水产: 'agriculture', 农业工程: 'agriculture', '畜牧学/兽医学': 'agriculture',
  '林学/林业工程': 'agriculture', 农业资源利用: 'agriculture', 植物保护: 'agriculture', 食品科学与工程: 'agriculture', 农学: 'agriculture',
  '中医学/中药学': 'biomedicine_devices', '基础医学/临床医学': 'biomedicine_devices', 药学: 'biomedicine_devices', 口腔医学: 'biomedicine_devices',
  公共卫生与预防医学: 'biomedicine_devices', '生物学/生物科学与工程': 'biomedicine_devices', 医学: 'biomedicine_devices',
  材料科学与工程: 'new_materials', 冶金工程: 'new_materials', 纺织科学与工程: 'new_materials', '化学/化学工程与技术': 'new_materials',
  信息与通信工程: 'electronic_information', 计算机科学与技术: 'electronic_information', 电子科学与技术: 'electronic_information', 控制科学与工程: 'electronic_information',
  机械工程: 'advanced_manufacturing', 兵器科学与技术: 'advanced_manufacturing', 光学工程: 'advanced_manufacturing',
  交通运输工程: 'modern_transport', 船舶与海洋工程: 'modern_transport',
  航空宇航科学与技术: 'aerospace',
  核科学与技术: 'nuclear_applications',
  环境科学与工程: 'environment_resources', 矿业工程: 'environment_resources',
  动力工程及工程热物理: 'new_energy_efficiency', 电气工程: 'new_energy_efficiency', 石油与天然气工程: 'new_energy_efficiency',
  土木工程: 'urban_social_development', 建筑学: 'urban_social_development', 水利工程: 'urban_social_development', 测绘科学与技术: 'urban_social_development',
};

export function fieldOfDiscipline(discipline: string | undefined | null): string | null {
  return discipline ? (DISCIPLINE_FIELDS[discipline] ?? null) : null;
}
