/**
 * Demo data for 湛河区 (410411): organizations, people, platforms and one login per role.
 *
 * Plain data only; the seeder feeds it through the registry's use cases and marks every record as
 * demo data. Everything is fictional except the names of real universities, research institutes and
 * government departments (their `realName` flag is set and their `note` says so): their credit
 * codes, addresses and every person linked to them are invented, and no person here stands for a
 * real institution's leader.
 *
 * References between records use `key`s ('org.…', 'person.…', 'platform.…'); the seeder maps them
 * to ids. Credit codes and ID numbers are built with the real checksums, so they validate, but
 * they belong to nobody.
 *
 * Related parties built in on purpose (listed in relatedPartyCases, checked by demo-data.test.ts):
 *   parent/subsidiary  org.pds-electric holds 60 % of org.pds-electric-parts
 *   chain              org.sz-polymer (Suzhou) →40 % org.nylon-salt →70 % org.nylon-yarn (28 % indirect)
 *   common holder      org.ycheng-investment holds 30 % of org.pv-power and 35 % of org.energy-storage
 *                      (and only 20 % of org.bio-pharma: below the 25 % line)
 *   shared legal rep   person.zhao-guoqiang represents org.zh-switchgear and org.smart-equipment
 *   shared controller  person.sun-hongwei controls org.tcm-pharma and org.agri-tech
 * and, incidentally, person.zheng-haitao and person.liu-fang each represent two units; the 'unrelated'
 * pairs in relatedPartyCases sit just under the 25 % line.
 */
import { buildUscc } from '../../common/uscc.js';
import { buildResidentId } from '../../common/resident-id.js';
import type {
  Contact,
  OrganizationInput,
  PersonInput,
  PlatformInput,
  QualificationInput,
} from '../../common/registry-schema.js';
import type { Industry, ServiceType, UserRole } from '../../common/vocabulary.js';

export interface DemoOrganization
  extends Omit<OrganizationInput, 'legalRepresentativeId' | 'actualControllerId' | 'uscc'> {
  /** Stable key used for references inside the demo data, e.g. 'org.pds-electric'. */
  key: string;
  /** Valid code, built with buildUscc; positions 3–8 equal divisionCode. */
  uscc: string;
  /** Key of a DemoPerson. */
  legalRepresentativeKey?: string;
  actualControllerKey?: string;
  qualifications?: QualificationInput[];
  equityHolders?: { holderKey: string; holderType: 'organization' | 'person'; percent: number }[];
  /** The name is a real institution's (university, institute, government body); all else is invented. */
  realName?: boolean;
  /** Short Chinese remark for people browsing the demo (what the record is there to show). */
  note?: string;
}

export interface DemoPerson extends Omit<PersonInput, 'affiliations' | 'idNumber'> {
  key: string;
  idNumber: string;
  affiliations: { organizationKey: string; title?: string }[];
}

export interface DemoPlatform extends Omit<PlatformInput, 'hostOrganizationId'> {
  key: string;
  hostOrganizationKey: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: UserRole[];
  jurisdictionCode: string;
  organizationKeys: string[];
  /** The person this account belongs to, when there is one (the broker account). */
  personKey?: string;
}

export const DEMO_PASSWORD = 'Zhanhe@2026';

/** The district every demo account works in. */
export const DEMO_JURISDICTION = '410411';

// ---------------------------------------------------------------------------------------------
// Builders (keep the tables below short; the output is plain data)

/** Registration authority + category (GB 32100): 91 company, 93 farmers' cooperative, 11 government
 *  organ, 12 public institution, 31 law firm, 52 private non-enterprise unit. */
type UsccPrefix = '91' | '93' | '11' | '12' | '31' | '52';

interface OrganizationDraft
  extends Omit<DemoOrganization, 'uscc' | 'industries' | 'serviceTypes' | 'contacts'> {
  prefix: UsccPrefix;
  /** The 8-character organization-code body (GB 11714); the check characters are computed. */
  body: string;
  industries?: Industry[];
  serviceTypes?: ServiceType[];
  contacts?: Contact[];
}

function org(draft: OrganizationDraft): DemoOrganization {
  const { prefix, body, industries = [], serviceTypes = [], contacts = [], ...rest } = draft;
  return {
    ...rest,
    uscc: buildUscc(prefix[0]!, prefix[1]!, draft.divisionCode, body),
    industries,
    serviceTypes,
    contacts,
  };
}

/** 高新技术企业证书 (valid 3 years from issue; the registry derives validUntil). */
function highTech(number: string, issuedOn: string): QualificationInput {
  return { type: 'high_tech_enterprise', number, issuedOn };
}

/** 科技型中小企业入库登记编号 (valid to the end of the year of issue). */
function techSme(number: string, issuedOn: string): QualificationInput {
  return { type: 'tech_sme', number, issuedOn };
}

const ZH = '410411';
const REAL_NOTE = '真实机构名称，统一社会信用代码、地址及关联人员均为虚构演示数据';

// ---------------------------------------------------------------------------------------------
// Organizations

const zhanheEnterprises: DemoOrganization[] = [
  // 电气制造 — Pingdingshan's high-voltage switchgear cluster
  org({
    key: 'org.pds-electric',
    name: '平顶山鹰开高压电气股份有限公司',
    prefix: '91',
    body: '17205318',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区南环路东段188号',
    description: '中高压开关设备制造企业，主营真空断路器、环网柜和智能配电成套设备。',
    industries: ['electrical_manufacturing', 'equipment_manufacturing'],
    legalRepresentativeKey: 'person.li-jianguo',
    actualControllerKey: 'person.li-jianguo',
    equityHolders: [{ holderKey: 'person.li-jianguo', holderType: 'person', percent: 55 }],
    qualifications: [
      highTech('GR202141001023', '2021-10-28'),
      highTech('GR202441001187', '2024-11-29'),
    ],
    contacts: [{ name: '曹建军', title: '技术中心主任', phone: '0375-2961188', email: 'tech@yingkai-demo.example.com' }],
    note: '母公司：持有鹰开电气零部件60%股权；高新技术企业证书已续期',
  }),
  org({
    key: 'org.pds-electric-parts',
    name: '平顶山鹰开电气零部件有限公司',
    prefix: '91',
    body: 'MA44B7KX',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区南环路东段188号3号厂房',
    description: '鹰开电气的配套企业，生产开关设备用触头、绝缘件等核心零部件。',
    industries: ['electrical_manufacturing'],
    legalRepresentativeKey: 'person.gao-ming',
    equityHolders: [
      { holderKey: 'org.pds-electric', holderType: 'organization', percent: 60 },
      { holderKey: 'person.gao-ming', holderType: 'person', percent: 40 },
    ],
    qualifications: [
      techSme('2025410411A00217', '2025-05-16'),
      techSme('2026410411A00143', '2026-04-22'),
    ],
    contacts: [{ name: '孟晓东', title: '总经理助理', phone: '0375-2961202' }],
    note: '子公司：鹰开高压电气持股60%',
  }),
  org({
    key: 'org.zh-switchgear',
    name: '平顶山湛开智能开关设备有限公司',
    prefix: '91',
    body: 'MA40R3UC',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区姚孟街道姚电大道中段66号',
    industries: ['electrical_manufacturing', 'information_technology'],
    legalRepresentativeKey: 'person.zhao-guoqiang',
    equityHolders: [{ holderKey: 'person.zhao-guoqiang', holderType: 'person', percent: 51 }],
    qualifications: [
      highTech('GR202341000865', '2023-12-08'),
      techSme('2024410411A00086', '2024-03-28'),
      techSme('2026410411A00051', '2026-03-20'),
    ],
    contacts: [{ name: '段丽娟', title: '综合办主任', phone: '0375-3326618' }],
    note: '与湛开智能装备共用法定代表人；高新技术企业证书即将到期',
  }),
  org({
    key: 'org.smart-equipment',
    name: '平顶山湛开智能装备制造有限公司',
    prefix: '91',
    body: 'MA46D2LW',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区姚孟街道姚电大道中段68号',
    industries: ['equipment_manufacturing', 'electrical_manufacturing'],
    legalRepresentativeKey: 'person.zhao-guoqiang',
    equityHolders: [{ holderKey: 'person.zhao-guoqiang', holderType: 'person', percent: 15 }],
    qualifications: [
      highTech('GR202441000932', '2024-11-29'),
      techSme('2026410411A00052', '2026-03-20'),
    ],
    contacts: [{ name: '牛亚楠', title: '研发部经理', phone: '0375-3326629' }],
    note: '与湛开智能开关共用法定代表人（赵国强仅持股15%）',
  }),
  // 尼龙化工 — nylon 66 salt, industrial yarn, engineering plastics
  org({
    key: 'org.nylon-salt',
    name: '平顶山湛源尼龙新材料有限公司',
    prefix: '91',
    body: 'MA3X5R2K',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区轻工路街道尼龙新材料产业园1号',
    industries: ['nylon_chemicals', 'new_materials'],
    legalRepresentativeKey: 'person.wang-hongmei',
    equityHolders: [
      { holderKey: 'org.sz-polymer', holderType: 'organization', percent: 40 },
      { holderKey: 'person.wang-hongmei', holderType: 'person', percent: 35 },
    ],
    qualifications: [highTech('GR202241001176', '2022-12-01')],
    contacts: [{ name: '温志刚', title: '技术部部长', phone: '0375-3898801' }],
    note: '尼龙66盐生产；苏州纳锦持股40%，本企业持有锦湛工业丝70%、鹰塑工程塑料30%；高新证书已过期',
  }),
  org({
    key: 'org.nylon-yarn',
    name: '平顶山锦湛工业丝有限公司',
    prefix: '91',
    body: 'MA45H8PN',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区轻工路街道尼龙新材料产业园6号',
    industries: ['nylon_chemicals'],
    legalRepresentativeKey: 'person.zhang-wei',
    equityHolders: [
      { holderKey: 'org.nylon-salt', holderType: 'organization', percent: 70 },
      { holderKey: 'person.zhang-wei', holderType: 'person', percent: 30 },
    ],
    qualifications: [highTech('GR202341000741', '2023-11-22')],
    contacts: [{ name: '蔡文博', title: '生产技术部经理', phone: '0375-3898826' }],
    note: '尼龙66工业丝、帘子布；股权链末端（苏州纳锦间接持股28%）；高新证书刚过期',
  }),
  org({
    key: 'org.eng-plastics',
    name: '平顶山鹰塑工程塑料有限公司',
    prefix: '91',
    body: 'MA47C1TQ',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区轻工路街道尼龙新材料产业园9号',
    industries: ['nylon_chemicals', 'new_materials'],
    legalRepresentativeKey: 'person.yao-li',
    equityHolders: [
      { holderKey: 'org.nylon-salt', holderType: 'organization', percent: 30 },
      { holderKey: 'person.yao-li', holderType: 'person', percent: 70 },
    ],
    qualifications: [
      highTech('GR202441001245', '2024-12-10'),
      techSme('2026410411A00098', '2026-04-22'),
    ],
    contacts: [{ name: '鲁佳琪', title: '改性研发工程师', phone: '0375-3898850' }],
    note: '改性尼龙工程塑料；苏州纳锦经湛源间接持股仅12%（低于25%）',
  }),
  // 生物医药
  org({
    key: 'org.bio-pharma',
    name: '平顶山康润生物医药有限公司',
    prefix: '91',
    body: 'MA40K6XA',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区荆山街道康润路16号',
    industries: ['biomedicine'],
    legalRepresentativeKey: 'person.liu-fang',
    equityHolders: [
      { holderKey: 'person.liu-fang', holderType: 'person', percent: 60 },
      { holderKey: 'org.ycheng-investment', holderType: 'organization', percent: 20 },
    ],
    qualifications: [highTech('GR202241000658', '2022-12-01')],
    contacts: [{ name: '邵雅琴', title: '注册事务部经理', phone: '0375-2738816' }],
    note: '鹰城科创投资仅持股20%（低于25%，不构成关联）',
  }),
  org({
    key: 'org.tcm-pharma',
    name: '平顶山尧山本草中药饮片有限公司',
    prefix: '91',
    body: 'MA44F3NR',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区曹镇乡工业园区8号',
    industries: ['biomedicine', 'agriculture'],
    legalRepresentativeKey: 'person.hou-jing',
    actualControllerKey: 'person.sun-hongwei',
    qualifications: [
      techSme('2025410411A00163', '2025-04-18'),
      techSme('2026410411A00077', '2026-03-20'),
    ],
    contacts: [{ name: '侯静', title: '总经理', phone: '0375-2670312' }],
    note: '与禾丰农业科技同一实际控制人',
  }),
  org({
    key: 'org.med-device',
    name: '平顶山仁康医疗器械有限公司',
    prefix: '91',
    body: 'MA46L9AE',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区开源路南段77号',
    industries: ['biomedicine'],
    legalRepresentativeKey: 'person.hu-xin',
    qualifications: [
      highTech('GR202441001302', '2024-12-10'),
      techSme('2026410411A00104', '2026-04-22'),
    ],
    contacts: [{ name: '汪思远', title: '质量负责人', phone: '0375-2738890' }],
  }),
  // 新能源 — lithium battery materials, PV, storage
  org({
    key: 'org.li-cathode',
    name: '平顶山锂源新能源材料有限公司',
    prefix: '91',
    body: 'MA45R2WD',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区九里山街道新能源产业园12号',
    industries: ['new_energy', 'new_materials'],
    legalRepresentativeKey: 'person.chen-jing',
    qualifications: [
      highTech('GR202341000977', '2023-12-08'),
      techSme('2026410411A00128', '2026-04-22'),
    ],
    contacts: [{ name: '苗振宇', title: '研究院副院长', phone: '0375-3215563' }],
    note: '锂电池正负极材料',
  }),
  org({
    key: 'org.pv-power',
    name: '平顶山光耀光伏科技有限公司',
    prefix: '91',
    body: 'MA47N5PB',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区九里山街道新能源产业园20号',
    industries: ['new_energy'],
    legalRepresentativeKey: 'person.zhou-lei',
    equityHolders: [
      { holderKey: 'person.zhou-lei', holderType: 'person', percent: 45 },
      { holderKey: 'org.ycheng-investment', holderType: 'organization', percent: 30 },
    ],
    qualifications: [
      highTech('GR202441001366', '2024-12-10'),
      techSme('2026410411A00131', '2026-04-22'),
    ],
    contacts: [{ name: '戴文杰', title: '技术总监', phone: '0375-3215580' }],
    note: '光伏组件；鹰城科创投资持股30%',
  }),
  org({
    key: 'org.energy-storage',
    name: '平顶山湛储新能源科技有限公司',
    prefix: '91',
    body: 'MA48E7HK',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区九里山街道新能源产业园26号',
    industries: ['new_energy', 'electrical_manufacturing'],
    legalRepresentativeKey: 'person.ren-hao',
    equityHolders: [
      { holderKey: 'person.ren-hao', holderType: 'person', percent: 40 },
      { holderKey: 'org.ycheng-investment', holderType: 'organization', percent: 35 },
    ],
    qualifications: [
      techSme('2025410411A00244', '2025-06-13'),
      techSme('2026410411A00166', '2026-05-27'),
    ],
    contacts: [{ name: '崔子豪', title: '储能系统工程师', phone: '0375-3215597' }],
    note: '储能系统集成；鹰城科创投资持股35%（与光耀光伏构成关联）',
  }),
  // 新材料 — special steel, carbon materials
  org({
    key: 'org.special-steel',
    name: '平顶山湛钢特种材料有限公司',
    prefix: '91',
    body: '74188326',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区曹镇乡湛钢路1号',
    industries: ['new_materials'],
    legalRepresentativeKey: 'person.yang-fan',
    qualifications: [highTech('GR202141000516', '2021-10-28')],
    contacts: [{ name: '贾卫东', title: '技术质量部部长', phone: '0375-2670088' }],
    note: '特种钢材；高新技术企业证书已过期未续',
  }),
  org({
    key: 'org.carbon-materials',
    name: '平顶山墨晶碳素新材料有限公司',
    prefix: '91',
    body: '77510643',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区马庄街道碳材料产业园3号',
    industries: ['new_materials', 'new_energy'],
    legalRepresentativeKey: 'person.lv-zhen',
    qualifications: [
      highTech('GR202141000588', '2021-10-28'),
      highTech('GR202441001021', '2024-11-29'),
    ],
    contacts: [{ name: '闫博', title: '研发中心主任', phone: '0375-3359016' }],
    note: '等静压石墨、碳纤维复合材料',
  }),
  // 乡村振兴
  org({
    key: 'org.agri-tech',
    name: '平顶山禾丰现代农业科技有限公司',
    prefix: '91',
    body: 'MA44P1QY',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区曹镇乡禾丰农业园',
    industries: ['agriculture'],
    legalRepresentativeKey: 'person.sun-hongwei',
    actualControllerKey: 'person.sun-hongwei',
    equityHolders: [{ holderKey: 'person.sun-hongwei', holderType: 'person', percent: 60 }],
    qualifications: [
      techSme('2024410411A00119', '2024-04-26'),
      techSme('2026410411A00182', '2026-05-27'),
    ],
    contacts: [{ name: '龙小燕', title: '技术推广部经理', phone: '0375-2670455' }],
    note: '乡村振兴：设施蔬菜、食用菌新品种示范；与尧山本草同一实际控制人',
  }),
  org({
    key: 'org.agri-coop',
    name: '平顶山市湛河区曹镇乡绿源果蔬种植专业合作社',
    prefix: '93',
    body: 'MA3XH5T2',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区曹镇乡',
    industries: ['agriculture'],
    legalRepresentativeKey: 'person.wu-xiuying',
    contacts: [{ name: '吴秀英', title: '理事长', phone: '0375-2670617' }],
    note: '乡村振兴：农民专业合作社，承接新品种、新技术',
  }),
  // 军民两用
  org({
    key: 'org.dual-use',
    name: '平顶山鹰翔精密机械有限公司',
    prefix: '91',
    body: 'MA45U6JC',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区北渡街道精工路9号',
    industries: ['equipment_manufacturing'],
    legalRepresentativeKey: 'person.zheng-haitao',
    actualControllerKey: 'person.zheng-haitao',
    equityHolders: [{ holderKey: 'person.zheng-haitao', holderType: 'person', percent: 80 }],
    qualifications: [
      highTech('GR202341001012', '2023-12-08'),
      techSme('2026410411A00019', '2026-03-20'),
    ],
    contacts: [{ name: '石海峰', title: '技术部经理', phone: '0375-3106632' }],
    note: '军民两用：精密传动与结构件',
  }),
  org({
    key: 'org.dual-use-electronics',
    name: '平顶山华盾电子科技有限公司',
    prefix: '91',
    body: 'MA46W8EX',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区北渡街道精工路15号',
    industries: ['information_technology'],
    legalRepresentativeKey: 'person.zheng-haitao',
    qualifications: [techSme('2026410411A00020', '2026-03-20')],
    contacts: [{ name: '魏晨阳', title: '总工程师', phone: '0375-3106650' }],
    note: '军民两用：加固电子设备、电磁防护',
  }),
  // others
  org({
    key: 'org.energy-saving',
    name: '平顶山绿能节能环保科技有限公司',
    prefix: '91',
    body: 'MA47G3RM',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区高阳路街道建设路东段55号',
    industries: ['energy_conservation'],
    legalRepresentativeKey: 'person.fan-yong',
    qualifications: [
      highTech('GR202441001419', '2024-12-10'),
      techSme('2026410411A00155', '2026-05-27'),
    ],
    contacts: [{ name: '范勇', title: '总经理', phone: '0375-3621170' }],
  }),
  org({
    key: 'org.software',
    name: '平顶山湛河数智科技有限公司',
    prefix: '91',
    body: 'MA44X2DA',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区河滨街道湛河北路数字产业园B座',
    industries: ['information_technology'],
    legalRepresentativeKey: 'person.ye-tian',
    qualifications: [
      highTech('GR202241000813', '2022-12-01'),
      techSme('2023410411A00072', '2023-04-21'),
      techSme('2026410411A00188', '2026-05-27'),
    ],
    contacts: [{ name: '叶天', title: '执行董事', phone: '0375-3621288', email: 'hr@shuzhi-demo.example.com' }],
  }),
  org({
    key: 'org.ycheng-investment',
    name: '平顶山鹰城科创投资有限公司',
    prefix: '91',
    body: 'MA40T7LU',
    kind: 'enterprise',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区南环路中段科创大厦12层',
    industries: ['other'],
    legalRepresentativeKey: 'person.ma-jun',
    contacts: [{ name: '马骏', title: '董事长', phone: '0375-3999012' }],
    note: '投资方：持有光耀光伏30%、湛储新能源35%、康润生物20%',
  }),
];

const cityEnterprises: DemoOrganization[] = [
  org({
    key: 'org.xh-valve',
    name: '平顶山新华精工阀门有限公司',
    prefix: '91',
    body: 'MA44L2YB',
    kind: 'enterprise',
    divisionCode: '410402',
    address: '河南省平顶山市新华区',
    industries: ['equipment_manufacturing'],
    qualifications: [techSme('2026410402A00034', '2026-04-15')],
  }),
  org({
    key: 'org.wd-mining',
    name: '平顶山卫东煤机装备有限公司',
    prefix: '91',
    body: '70677245',
    kind: 'enterprise',
    divisionCode: '410403',
    address: '河南省平顶山市卫东区',
    industries: ['equipment_manufacturing', 'electrical_manufacturing'],
    qualifications: [highTech('GR202241000402', '2022-12-01')],
  }),
  org({
    key: 'org.sl-coke',
    name: '平顶山石龙焦化新材料有限公司',
    prefix: '91',
    body: 'MA45E1CW',
    kind: 'enterprise',
    divisionCode: '410404',
    address: '河南省平顶山市石龙区',
    industries: ['new_materials', 'energy_conservation'],
  }),
  org({
    key: 'org.bf-ceramic',
    name: '宝丰县清凉陶瓷新材料有限公司',
    prefix: '91',
    body: 'MA46A8UR',
    kind: 'enterprise',
    divisionCode: '410421',
    address: '河南省平顶山市宝丰县',
    industries: ['new_materials'],
    qualifications: [techSme('2026410421A00011', '2026-05-20')],
  }),
  org({
    key: 'org.yx-salt',
    name: '叶县盐都化工新材料有限公司',
    prefix: '91',
    body: 'MA44Q6GL',
    kind: 'enterprise',
    divisionCode: '410422',
    address: '河南省平顶山市叶县',
    industries: ['nylon_chemicals'],
    qualifications: [highTech('GR202341000699', '2023-12-08')],
    note: '盐化工配套尼龙产业链',
  }),
  org({
    key: 'org.ls-agri',
    name: '鲁山县尧山山珍农业科技有限公司',
    prefix: '91',
    body: 'MA47K2PD',
    kind: 'enterprise',
    divisionCode: '410423',
    address: '河南省平顶山市鲁山县',
    industries: ['agriculture'],
    qualifications: [techSme('2026410423A00008', '2026-06-12')],
  }),
  org({
    key: 'org.jx-electric',
    name: '郏县恒通电力设备有限公司',
    prefix: '91',
    body: 'MA45C4NH',
    kind: 'enterprise',
    divisionCode: '410425',
    address: '河南省平顶山市郏县',
    industries: ['electrical_manufacturing'],
  }),
  org({
    key: 'org.wg-steel',
    name: '舞钢市宽厚特钢科技有限公司',
    prefix: '91',
    body: 'MA40N3WT',
    kind: 'enterprise',
    divisionCode: '410481',
    address: '河南省平顶山市舞钢市',
    industries: ['new_materials'],
    qualifications: [highTech('GR202341000588', '2023-12-08')],
  }),
  org({
    key: 'org.rz-machinery',
    name: '汝州市精工机电有限公司',
    prefix: '91',
    body: 'MA46P5KF',
    kind: 'enterprise',
    divisionCode: '410482',
    address: '河南省汝州市',
    industries: ['equipment_manufacturing'],
  }),
];

const outsideEnterprises: DemoOrganization[] = [
  org({
    key: 'org.zz-grid',
    name: '郑州启明智能电网技术有限公司',
    prefix: '91',
    body: 'MA44R8TX',
    kind: 'enterprise',
    divisionCode: '410105',
    address: '河南省郑州市金水区',
    industries: ['electrical_manufacturing', 'information_technology'],
    qualifications: [highTech('GR202341004127', '2023-11-22')],
    note: '市外技术卖方（智能配电）',
  }),
  org({
    key: 'org.ly-materials',
    name: '洛阳精研耐磨材料科技有限公司',
    prefix: '91',
    body: 'MA46G1EQ',
    kind: 'enterprise',
    divisionCode: '410305',
    address: '河南省洛阳市涧西区',
    industries: ['new_materials'],
    qualifications: [highTech('GR202441003356', '2024-11-29')],
    note: '市外技术卖方（耐磨合金）',
  }),
  org({
    key: 'org.sz-polymer',
    name: '苏州纳锦高分子材料有限公司',
    prefix: '91',
    body: 'MA1N8K2C',
    kind: 'enterprise',
    divisionCode: '320505',
    address: '江苏省苏州市虎丘区',
    industries: ['nylon_chemicals', 'new_materials'],
    qualifications: [highTech('GR202332006418', '2023-11-06')],
    note: '省外股东：持有湛源尼龙40%，经其间接持有锦湛工业丝28%（市外卖方但与买方关联）',
  }),
  org({
    key: 'org.sh-battery',
    name: '上海浦芯新能源科技有限公司',
    prefix: '91',
    body: 'MA1J4D7R',
    kind: 'enterprise',
    divisionCode: '310115',
    address: '上海市浦东新区',
    industries: ['new_energy'],
    qualifications: [highTech('GR202431002745', '2024-12-04')],
    note: '省外技术卖方（高镍正极材料）',
  }),
  org({
    key: 'org.bj-biotech',
    name: '北京华研生物医药科技有限公司',
    prefix: '91',
    body: 'MA01B3QK',
    kind: 'enterprise',
    divisionCode: '110108',
    address: '北京市海淀区',
    industries: ['biomedicine'],
    note: '省外技术卖方（原料药合成工艺）',
  }),
];

const institutions: DemoOrganization[] = [
  org({
    key: 'org.pdsu',
    name: '平顶山学院',
    prefix: '12',
    body: '41589602',
    kind: 'university',
    divisionCode: '410402',
    address: '河南省平顶山市',
    industries: ['new_materials', 'biomedicine', 'information_technology'],
    realName: true,
    note: REAL_NOTE,
  }),
  org({
    key: 'org.hncj',
    name: '河南城建学院',
    prefix: '12',
    body: '41589618',
    kind: 'university',
    divisionCode: '410402',
    address: '河南省平顶山市',
    industries: ['energy_conservation', 'new_materials'],
    realName: true,
    note: REAL_NOTE,
  }),
  org({
    key: 'org.hnzlgc',
    name: '河南质量工程职业学院',
    prefix: '12',
    body: '41589634',
    kind: 'university',
    divisionCode: ZH,
    address: '河南省平顶山市',
    industries: ['electrical_manufacturing', 'equipment_manufacturing'],
    realName: true,
    note: REAL_NOTE,
  }),
  org({
    key: 'org.zzu',
    name: '郑州大学',
    prefix: '12',
    body: '41600081',
    kind: 'university',
    divisionCode: '410105',
    address: '河南省郑州市',
    industries: ['new_materials', 'biomedicine', 'electrical_manufacturing'],
    realName: true,
    note: REAL_NOTE,
  }),
  org({
    key: 'org.henu',
    name: '河南大学',
    prefix: '12',
    body: '41600065',
    kind: 'university',
    divisionCode: '410202',
    address: '河南省开封市',
    industries: ['biomedicine', 'agriculture'],
    realName: true,
    note: REAL_NOTE,
  }),
  org({
    key: 'org.ecust',
    name: '华东理工大学',
    prefix: '12',
    body: '42502213',
    kind: 'university',
    divisionCode: '310104',
    address: '上海市徐汇区',
    industries: ['nylon_chemicals', 'new_materials', 'biomedicine'],
    realName: true,
    note: REAL_NOTE,
  }),
  org({
    key: 'org.buct',
    name: '北京化工大学',
    prefix: '12',
    body: '40001774',
    kind: 'university',
    divisionCode: '110105',
    address: '北京市朝阳区',
    industries: ['nylon_chemicals', 'new_materials'],
    realName: true,
    note: REAL_NOTE,
  }),
  org({
    key: 'org.cas-ipe',
    name: '中国科学院过程工程研究所',
    prefix: '12',
    body: '40001280',
    kind: 'research_institute',
    divisionCode: '110108',
    address: '北京市海淀区',
    industries: ['new_energy', 'new_materials', 'energy_conservation'],
    realName: true,
    note: REAL_NOTE,
  }),
  org({
    key: 'org.electric-institute',
    name: '平顶山鹰城电气技术研究所',
    prefix: '12',
    body: '41591358',
    kind: 'research_institute',
    divisionCode: '410403',
    address: '河南省平顶山市卫东区',
    industries: ['electrical_manufacturing'],
    legalRepresentativeKey: 'person.jin-hua',
    contacts: [{ name: '金华', title: '所长', phone: '0375-4932210' }],
    note: '虚构的市内公益类科研事业单位',
  }),
  // The district's own institute: its transfers and licences go through 成果定价公示 (seed-demo-pricing.ts).
  org({
    key: 'org.zh-agri-institute',
    name: '平顶山市湛河区农业科学研究所',
    prefix: '12',
    body: '41591462',
    kind: 'research_institute',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区曹镇乡',
    industries: ['agriculture'],
    contacts: [{ name: '冯立新', title: '科研管理科科长', phone: '0375-8812306' }],
    note: '虚构的区属公益类科研事业单位',
  }),
];

const newRdInstitutions: DemoOrganization[] = [
  org({
    key: 'org.nrd-nylon',
    name: '平顶山湛河尼龙新材料产业研究院有限公司',
    prefix: '91',
    body: 'MA46R9CN',
    kind: 'new_rd_institution',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区轻工路街道尼龙新材料产业园研发楼',
    description: '面向尼龙产业链，开展尼龙66盐、工程塑料的中试与成果转化。',
    industries: ['nylon_chemicals', 'new_materials'],
    rdFiled: true,
    rdFiledOn: '2021-11-18',
    legalRepresentativeKey: 'person.qin-shan',
    equityHolders: [
      { holderKey: 'org.nylon-salt', holderType: 'organization', percent: 35 },
      { holderKey: 'person.qin-shan', holderType: 'person', percent: 25 },
    ],
    contacts: [{ name: '钱磊', title: '成果转化部主任', phone: '0375-3898866', email: 'ttc@nylon-ri-demo.example.com' }],
    note: '已备案新型研发机构',
  }),
  org({
    key: 'org.nrd-electric',
    name: '平顶山智能电气创新研究院',
    prefix: '52',
    body: 'MA44J5WB',
    kind: 'new_rd_institution',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区南环路东段科创大厦8层',
    industries: ['electrical_manufacturing', 'information_technology'],
    rdFiled: true,
    rdFiledOn: '2022-09-06',
    legalRepresentativeKey: 'person.gu-chen',
    contacts: [{ name: '韩雪', title: '项目主管', phone: '0375-3999088' }],
    note: '已备案新型研发机构（民办非企业单位）',
  }),
  org({
    key: 'org.nrd-bio',
    name: '平顶山康源生物技术研究院有限公司',
    prefix: '91',
    body: 'MA48A2TL',
    kind: 'new_rd_institution',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区荆山街道康润路20号',
    industries: ['biomedicine'],
    rdFiled: false,
    legalRepresentativeKey: 'person.liu-fang',
    contacts: [{ name: '柏青', title: '办公室主任', phone: '0375-2738833' }],
    note: '未备案新型研发机构（不享受机构技术转移后补助）',
  }),
  org({
    key: 'org.nrd-henan-carbon',
    name: '河南豫碳新材料研究院有限公司',
    prefix: '91',
    body: 'MA45K7UE',
    kind: 'new_rd_institution',
    divisionCode: '410105',
    address: '河南省郑州市金水区',
    industries: ['new_materials', 'new_energy'],
    rdFiled: true,
    rdFiledOn: '2020-06-30',
    note: '市外已备案新型研发机构',
  }),
];

const serviceOrganizations: DemoOrganization[] = [
  org({
    key: 'org.tt-zhanhe',
    name: '平顶山湛河技术转移中心有限公司',
    prefix: '91',
    body: 'MA45W3JD',
    kind: 'tech_transfer_institution',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区南环路中段科创大厦6层',
    description: '区级技术转移服务机构，提供成果评价、技术交易撮合和知识产权服务。',
    industries: ['electrical_manufacturing', 'nylon_chemicals', 'biomedicine', 'new_energy', 'new_materials'],
    serviceTypes: ['information', 'evaluation', 'ip'],
    legalRepresentativeKey: 'person.huang-lihua',
    qualifications: [
      {
        type: 'tech_transfer_demonstration',
        number: '豫科技转移示范〔2025〕第017号',
        level: 'provincial',
        issuedOn: '2025-09-26',
      },
    ],
    contacts: [
      { name: '黄丽华', title: '总经理', phone: '0375-3999066', email: 'service@zhtt-demo.example.com' },
      { name: '潘悦', title: '技术合同登记专员', phone: '0375-3999067' },
    ],
    note: '省级技术转移示范机构（2025年认定）',
  }),
  org({
    key: 'org.tt-yingcheng',
    name: '平顶山鹰城技术市场服务有限公司',
    prefix: '91',
    body: 'MA40C8HQ',
    kind: 'tech_transfer_institution',
    divisionCode: '410402',
    address: '河南省平顶山市新华区',
    industries: ['electrical_manufacturing', 'new_materials'],
    serviceTypes: ['information', 'legal', 'evaluation'],
    qualifications: [
      {
        type: 'tech_transfer_demonstration',
        number: '平科技转移示范〔2020〕第03号',
        level: 'municipal',
        issuedOn: '2020-12-15',
      },
    ],
    contacts: [{ name: '郭鹏', title: '业务总监', phone: '0375-4961120' }],
    note: '市级技术转移示范机构',
  }),
  org({
    key: 'org.ip-agency',
    name: '平顶山鹰知知识产权代理有限公司',
    prefix: '91',
    body: 'MA44D6RT',
    kind: 'service_agency',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区南环路中段科创大厦5层',
    serviceTypes: ['ip', 'legal'],
    contacts: [{ name: '林晓燕', title: '专利代理师', phone: '0375-3999051' }],
  }),
  org({
    key: 'org.law-firm',
    name: '河南湛信律师事务所',
    prefix: '31',
    body: '41670318',
    kind: 'service_agency',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区开源路南段101号',
    serviceTypes: ['legal', 'ip'],
    contacts: [{ name: '常立新', title: '主任律师', phone: '0375-2753309' }],
  }),
  org({
    key: 'org.appraisal',
    name: '平顶山中平资产评估事务所有限公司',
    prefix: '91',
    body: 'MA3X7L1E',
    kind: 'service_agency',
    divisionCode: '410402',
    address: '河南省平顶山市新华区',
    serviceTypes: ['appraisal', 'evaluation'],
    contacts: [{ name: '曹阳', title: '资产评估师', phone: '0375-4988725' }],
  }),
  org({
    key: 'org.info-service',
    name: '平顶山科创文献信息服务有限公司',
    prefix: '91',
    body: 'MA46M2XP',
    kind: 'service_agency',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区河滨街道湛河北路数字产业园A座',
    serviceTypes: ['information'],
    contacts: [{ name: '欧阳敏', title: '查新员', phone: '0375-3621301' }],
  }),
  org({
    key: 'org.finance-service',
    name: '平顶山科融科技金融服务有限公司',
    prefix: '91',
    body: 'MA47Y1AC',
    kind: 'service_agency',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区南环路中段科创大厦7层',
    serviceTypes: ['finance', 'appraisal'],
    contacts: [{ name: '梁超', title: '科技金融顾问', phone: '0375-3999072' }],
  }),
  org({
    key: 'org.incubator',
    name: '平顶山湛河科创孵化器运营管理有限公司',
    prefix: '91',
    body: 'MA44K9UW',
    kind: 'service_agency',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区南环路中段科创大厦1-4层',
    serviceTypes: ['information', 'finance'],
    contacts: [{ name: '谢文', title: '孵化服务部经理', phone: '0375-3999030' }],
    note: '运营众创空间与科技企业孵化器',
  }),
  org({
    key: 'org.evaluator',
    name: '河南华评科技评估咨询有限公司',
    prefix: '91',
    body: 'MA40E5GR',
    kind: 'service_agency',
    divisionCode: '410105',
    address: '河南省郑州市金水区',
    serviceTypes: ['evaluation', 'information'],
    contacts: [{ name: '邓洁', title: '项目经理', phone: '0371-6390 4418' }],
    note: '第三方评估机构',
  }),
  org({
    key: 'org.bank-tech',
    name: '鹰城银行股份有限公司湛河科技支行',
    prefix: '91',
    body: 'MA45T2NF',
    kind: 'bank',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区南环路中段科创大厦一层',
    serviceTypes: ['finance'],
    contacts: [{ name: '易晓峰', title: '科技金融客户经理', phone: '0375-3999100' }],
    note: '科技支行（虚构银行）',
  }),
  org({
    key: 'org.bank-rural',
    name: '鹰城农村商业银行股份有限公司湛河支行',
    prefix: '91',
    body: 'MA44H3LC',
    kind: 'bank',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区开源路南段36号',
    serviceTypes: ['finance'],
    contacts: [{ name: '武丹', title: '普惠金融部经理', phone: '0375-2753600' }],
    note: '虚构银行',
  }),
];

/** 责任单位 from the plan (government organs: credit codes start with 11). */
function department(key: string, name: string, body: string): DemoOrganization {
  return org({
    key,
    name,
    prefix: '11',
    body,
    kind: 'government_department',
    divisionCode: ZH,
    address: '河南省平顶山市湛河区',
    realName: true,
    note: REAL_NOTE,
  });
}

const departments: DemoOrganization[] = [
  department('org.gov-kjj', '平顶山市湛河区科学技术局', '00551031'),
  department('org.gov-czj', '平顶山市湛河区财政局', '00551058'),
  department('org.gov-gxj', '平顶山市湛河区工业和信息化局', '00551074'),
  department('org.gov-fgw', '平顶山市湛河区发展和改革委员会', '00551015'),
  department('org.gov-rsj', '平顶山市湛河区人力资源和社会保障局', '00551082'),
  department('org.gov-scjgj', '平顶山市湛河区市场监督管理局', 'MB0P2318'),
  department('org.gov-nyj', '平顶山市湛河区农业农村和水利局', 'MB0P2326'),
  department('org.gov-caozhen', '平顶山市湛河区曹镇乡人民政府', '00551103'),
  // The plan's other responsible units (督办), so each reports through an account of its own.
  department('org.gov-zzb', '中共平顶山市湛河区委员会组织部', '00551120'),
  department('org.gov-kx', '平顶山市湛河区科学技术协会', '00551139'),
  department('org.gov-sw', '国家税务总局平顶山市湛河区税务局', '00551147'),
  department('org.gov-jtj', '平顶山市湛河区教育体育局', '00551155'),
  department('org.gov-jrj', '平顶山市湛河区金融工作局', '00551163'),
  department('org.gov-tjj', '平顶山市湛河区统计局', '00551171'),
  department('org.gov-mazhuang', '平顶山市湛河区马庄街道办事处', '00551198'),
];

export const demoOrganizations: DemoOrganization[] = [
  ...zhanheEnterprises,
  ...cityEnterprises,
  ...outsideEnterprises,
  ...institutions,
  ...newRdInstitutions,
  ...serviceOrganizations,
  ...departments,
];

// ---------------------------------------------------------------------------------------------
// People. ID numbers: birthplace division, birth date, sequence (odd last digit male, even female).

type Roles = DemoPerson['roles'];
const broker = (
  certificateNumber: string,
  level: 'junior' | 'intermediate' | 'senior',
  employment: 'full_time' | 'part_time',
): Roles[number] => ({ role: 'broker', certificateNumber, level, employment });
const transferStaff = (employment: 'full_time' | 'part_time'): Roles[number] => ({ role: 'transfer_staff', employment });
const researcher: Roles[number] = { role: 'researcher' };
const staff: Roles[number] = { role: 'staff' };

function person(
  key: string,
  name: string,
  birth: [division: string, date: string, sequence: string],
  roles: Roles,
  affiliations: DemoPerson['affiliations'],
  phone?: string,
): DemoPerson {
  return {
    key,
    name,
    idNumber: buildResidentId(birth[0], birth[1], birth[2]),
    ...(phone ? { phone } : {}),
    roles,
    affiliations,
  };
}

export const demoPeople: DemoPerson[] = [
  // legal representatives and enterprise staff
  person('person.li-jianguo', '李建国', ['410402', '1968-07-22', '015'], [staff],
    [{ organizationKey: 'org.pds-electric', title: '董事长' }], '0375-2961100'),
  person('person.gao-ming', '高明', [ZH, '1979-11-03', '053'], [staff],
    [{ organizationKey: 'org.pds-electric-parts', title: '执行董事兼总经理' }, { organizationKey: 'org.pds-electric', title: '副总经理' }]),
  person('person.zhao-guoqiang', '赵国强', [ZH, '1972-03-15', '031'], [staff],
    [{ organizationKey: 'org.zh-switchgear', title: '董事长' }, { organizationKey: 'org.smart-equipment', title: '执行董事' }], '0375-3326600'),
  person('person.wang-hongmei', '王红梅', ['410422', '1975-05-18', '026'], [staff],
    [{ organizationKey: 'org.nylon-salt', title: '董事长' }]),
  person('person.zhang-wei', '张伟', ['410403', '1981-09-09', '017'], [staff],
    [{ organizationKey: 'org.nylon-yarn', title: '总经理' }]),
  person('person.yao-li', '姚莉', [ZH, '1982-12-06', '044'], [staff],
    [{ organizationKey: 'org.eng-plastics', title: '执行董事' }]),
  person('person.liu-fang', '刘芳', [ZH, '1983-02-27', '048'], [staff, researcher],
    [{ organizationKey: 'org.bio-pharma', title: '董事长' }, { organizationKey: 'org.nrd-bio', title: '院长' }]),
  person('person.hou-jing', '侯静', ['410423', '1985-08-19', '062'], [staff],
    [{ organizationKey: 'org.tcm-pharma', title: '总经理' }]),
  person('person.sun-hongwei', '孙宏伟', ['410423', '1970-12-01', '039'], [staff],
    [{ organizationKey: 'org.agri-tech', title: '董事长' }]),
  person('person.ren-hao', '任浩', [ZH, '1980-04-26', '057'], [staff],
    [{ organizationKey: 'org.energy-storage', title: '执行董事' }]),
  person('person.hu-xin', '胡欣', ['410402', '1987-01-09', '022'], [staff],
    [{ organizationKey: 'org.med-device', title: '执行董事兼总经理' }]),
  person('person.chen-jing', '陈静', [ZH, '1986-06-14', '062'], [staff, researcher],
    [{ organizationKey: 'org.li-cathode', title: '总经理' }]),
  person('person.yang-fan', '杨帆', ['410481', '1977-08-30', '011'], [staff],
    [{ organizationKey: 'org.special-steel', title: '总经理' }]),
  person('person.zhou-lei', '周磊', [ZH, '1984-04-21', '075'], [staff],
    [{ organizationKey: 'org.pv-power', title: '董事长' }]),
  person('person.lv-zhen', '吕振', ['410404', '1971-10-13', '093'], [staff],
    [{ organizationKey: 'org.carbon-materials', title: '董事长' }]),
  person('person.wu-xiuying', '吴秀英', ['410425', '1965-10-10', '024'], [staff],
    [{ organizationKey: 'org.agri-coop', title: '理事长' }]),
  person('person.zheng-haitao', '郑海涛', ['410482', '1974-01-19', '057'], [staff],
    [{ organizationKey: 'org.dual-use', title: '董事长' }, { organizationKey: 'org.dual-use-electronics', title: '执行董事' }]),
  person('person.fan-yong', '范勇', [ZH, '1981-05-02', '071'], [staff],
    [{ organizationKey: 'org.energy-saving', title: '总经理' }]),
  person('person.ye-tian', '叶天', [ZH, '1989-03-17', '035'], [staff],
    [{ organizationKey: 'org.software', title: '执行董事' }]),
  person('person.ma-jun', '马骏', [ZH, '1980-03-08', '019'], [staff],
    [{ organizationKey: 'org.ycheng-investment', title: '董事长' }]),
  person('person.gu-chen', '顾晨', ['310115', '1976-11-21', '053'], [staff, researcher],
    [{ organizationKey: 'org.nrd-electric', title: '院长' }]),
  person('person.jin-hua', '金华', ['410403', '1969-06-28', '037'], [staff, researcher],
    [{ organizationKey: 'org.electric-institute', title: '所长' }]),

  // brokers / managers (技术经纪人、技术经理人)
  person('person.huang-lihua', '黄丽华', ['410402', '1978-09-25', '046'],
    [broker('豫技经证字〔2019〕第0231号', 'senior', 'full_time'), transferStaff('full_time')],
    [{ organizationKey: 'org.tt-zhanhe', title: '总经理' }], '0375-3999066'),
  person('person.xu-ming', '徐明', [ZH, '1985-05-05', '033'],
    [broker('豫技经证字〔2021〕第0517号', 'intermediate', 'full_time')],
    [{ organizationKey: 'org.tt-zhanhe', title: '技术经理人' }], '0375-3999068'),
  person('person.he-li', '何丽', [ZH, '1990-11-12', '028'],
    [broker('豫技经证字〔2023〕第1042号', 'junior', 'full_time')],
    [{ organizationKey: 'org.tt-zhanhe', title: '技术经纪人' }]),
  person('person.tang-jun', '唐俊', ['410421', '1987-12-24', '035'],
    [broker('豫技经证字〔2022〕第0768号', 'intermediate', 'full_time')],
    [{ organizationKey: 'org.tt-zhanhe', title: '项目经理' }]),
  person('person.guo-peng', '郭鹏', ['410402', '1982-07-07', '051'],
    [broker('豫技经证字〔2018〕第0106号', 'senior', 'full_time')],
    [{ organizationKey: 'org.tt-yingcheng', title: '业务总监' }]),
  person('person.lin-xiaoyan', '林晓燕', ['410403', '1988-02-14', '064'],
    [broker('豫技经证字〔2022〕第0833号', 'intermediate', 'part_time')],
    [{ organizationKey: 'org.ip-agency', title: '专利代理师' }]),
  person('person.luo-bin', '罗斌', ['410105', '1979-06-16', '071'],
    [broker('豫技经证字〔2020〕第0389号', 'senior', 'part_time'), researcher],
    [{ organizationKey: 'org.zzu', title: '副教授' }]),
  person('person.liang-chao', '梁超', [ZH, '1991-08-08', '013'],
    [broker('豫技经证字〔2024〕第1275号', 'junior', 'full_time')],
    [{ organizationKey: 'org.finance-service', title: '科技金融顾问' }]),
  person('person.song-yu', '宋雨', ['410422', '1993-04-04', '082'],
    [broker('豫技经证字〔2024〕第1301号', 'junior', 'part_time'), researcher],
    [{ organizationKey: 'org.nrd-nylon', title: '助理研究员' }]),
  person('person.han-xue', '韩雪', [ZH, '1992-01-30', '086'],
    [broker('豫技经证字〔2023〕第1108号', 'junior', 'part_time'), transferStaff('full_time')],
    [{ organizationKey: 'org.nrd-electric', title: '项目主管' }]),
  person('person.feng-tao', '冯涛', ['410404', '1980-10-02', '059'],
    [broker('豫技经证字〔2021〕第0602号', 'intermediate', 'part_time'), researcher],
    [{ organizationKey: 'org.hncj', title: '讲师' }]),
  person('person.cao-yang', '曹阳', [ZH, '1989-09-19', '037'],
    [broker('豫技经证字〔2023〕第1164号', 'junior', 'full_time')],
    [{ organizationKey: 'org.appraisal', title: '资产评估师' }]),
  person('person.deng-jie', '邓洁', ['410102', '1984-03-03', '042'],
    [broker('豫技经证字〔2019〕第0277号', 'senior', 'full_time')],
    [{ organizationKey: 'org.evaluator', title: '项目经理' }]),
  person('person.xie-wen', '谢文', [ZH, '1986-07-27', '091'],
    [broker('豫技经证字〔2022〕第0912号', 'intermediate', 'full_time')],
    [{ organizationKey: 'org.incubator', title: '孵化服务部经理' }]),

  // technology-transfer management and service staff
  person('person.pan-yue', '潘悦', [ZH, '1994-05-20', '068'], [transferStaff('full_time')],
    [{ organizationKey: 'org.tt-zhanhe', title: '技术合同登记专员' }]),
  person('person.du-qiang', '杜强', ['410402', '1983-11-11', '077'], [transferStaff('part_time')],
    [{ organizationKey: 'org.pdsu', title: '科研管理人员' }]),
  person('person.qian-lei', '钱磊', [ZH, '1988-08-18', '095'], [transferStaff('full_time')],
    [{ organizationKey: 'org.nrd-nylon', title: '成果转化部主任' }]),
  person('person.yuan-na', '袁娜', ['410403', '1991-03-21', '026'], [transferStaff('part_time')],
    [{ organizationKey: 'org.hnzlgc', title: '科研管理人员' }]),
  person('person.jiang-hui', '蒋慧', [ZH, '1990-12-12', '084'], [transferStaff('full_time')],
    [{ organizationKey: 'org.incubator', title: '创业导师' }]),

  // researchers
  person('person.qin-shan', '秦山', [ZH, '1979-01-25', '099'], [researcher],
    [{ organizationKey: 'org.nrd-nylon', title: '首席科学家' }]),
  person('person.tian-yu', '田宇', ['410402', '1984-06-06', '073'], [researcher],
    [{ organizationKey: 'org.pdsu', title: '副教授' }]),
  person('person.xue-lan', '薛兰', ['410202', '1987-09-09', '080'], [researcher],
    [{ organizationKey: 'org.henu', title: '副教授' }]),
  person('person.lu-zhiyuan', '陆志远', ['310104', '1975-04-12', '055'], [researcher],
    [{ organizationKey: 'org.ecust', title: '教授' }]),
  person('person.kong-wei', '孔伟', ['110105', '1976-02-02', '093'], [researcher],
    [{ organizationKey: 'org.buct', title: '教授' }]),
  person('person.bai-ying', '白莹', ['110108', '1982-10-28', '060'], [researcher],
    [{ organizationKey: 'org.cas-ipe', title: '研究员' }]),
  person('person.shi-lei', '史磊', ['410305', '1983-05-15', '031'], [researcher],
    [{ organizationKey: 'org.zzu', title: '教授' }]),
];

// ---------------------------------------------------------------------------------------------
// Platforms

export const demoPlatforms: DemoPlatform[] = [
  // 重点实验室
  { key: 'platform.kl-nylon66-salt', name: '河南省尼龙66盐绿色合成重点实验室', type: 'key_laboratory', level: 'provincial',
    hostOrganizationKey: 'org.nylon-salt', recognizedOn: '2019-12-16', documentNumber: '豫科〔2019〕186号' },
  { key: 'platform.kl-eng-plastics', name: '平顶山市工程塑料改性重点实验室', type: 'key_laboratory', level: 'municipal',
    hostOrganizationKey: 'org.eng-plastics', recognizedOn: '2020-11-20', documentNumber: '平科〔2020〕58号' },
  { key: 'platform.kl-li-cathode', name: '平顶山市锂电正极材料重点实验室', type: 'key_laboratory', level: 'municipal',
    hostOrganizationKey: 'org.li-cathode', recognizedOn: '2022-10-28', documentNumber: '平科〔2022〕77号' },
  { key: 'platform.kl-tcm', name: '湛河区中药饮片炮制技术重点实验室', type: 'key_laboratory', level: 'district',
    hostOrganizationKey: 'org.tcm-pharma', recognizedOn: '2025-04-15', documentNumber: '湛科〔2025〕9号' },
  // 工程技术研究中心
  { key: 'platform.erc-hv-switchgear', name: '河南省高压开关设备工程技术研究中心', type: 'engineering_research_center', level: 'provincial',
    hostOrganizationKey: 'org.pds-electric', recognizedOn: '2016-12-20', documentNumber: '豫科〔2016〕201号' },
  { key: 'platform.erc-smart-distribution', name: '平顶山市智能配电设备工程技术研究中心', type: 'engineering_research_center', level: 'municipal',
    hostOrganizationKey: 'org.zh-switchgear', recognizedOn: '2021-11-05', documentNumber: '平科〔2021〕63号' },
  { key: 'platform.erc-special-steel', name: '平顶山市特种钢材工程技术研究中心', type: 'engineering_research_center', level: 'municipal',
    hostOrganizationKey: 'org.special-steel', recognizedOn: '2017-09-12', revokedOn: '2023-06-30', documentNumber: '平科〔2017〕41号' },
  { key: 'platform.erc-dual-use', name: '平顶山市军民两用精密传动工程技术研究中心', type: 'engineering_research_center', level: 'municipal',
    hostOrganizationKey: 'org.dual-use', recognizedOn: '2021-11-05', documentNumber: '平科〔2021〕63号' },
  { key: 'platform.erc-pv', name: '湛河区光伏组件工程技术研究中心', type: 'engineering_research_center', level: 'district',
    hostOrganizationKey: 'org.pv-power', recognizedOn: '2025-03-18', documentNumber: '湛科〔2025〕5号' },
  // 新型研发机构
  { key: 'platform.nrd-nylon', name: '平顶山湛河尼龙新材料产业研究院', type: 'new_rd_institution', level: 'provincial',
    hostOrganizationKey: 'org.nrd-nylon', recognizedOn: '2021-11-18', documentNumber: '豫科〔2021〕172号' },
  { key: 'platform.nrd-electric', name: '平顶山智能电气创新研究院', type: 'new_rd_institution', level: 'municipal',
    hostOrganizationKey: 'org.nrd-electric', recognizedOn: '2022-09-06', documentNumber: '平科〔2022〕55号' },
  { key: 'platform.nrd-bio', name: '湛河区康源生物技术研究院', type: 'new_rd_institution', level: 'district',
    hostOrganizationKey: 'org.nrd-bio', recognizedOn: '2024-06-20', documentNumber: '湛科〔2024〕14号' },
  // 院士工作站
  { key: 'platform.aw-carbon', name: '平顶山墨晶碳素新材料有限公司院士工作站', type: 'academician_workstation', level: 'provincial',
    hostOrganizationKey: 'org.carbon-materials', recognizedOn: '2018-08-27', documentNumber: '豫科〔2018〕132号' },
  { key: 'platform.aw-bio', name: '平顶山康润生物医药有限公司院士工作站', type: 'academician_workstation', level: 'provincial',
    hostOrganizationKey: 'org.bio-pharma', recognizedOn: '2015-10-09', revokedOn: '2021-12-31', documentNumber: '豫科〔2015〕118号' },
  // 国际科技合作基地
  { key: 'platform.icb-carbon', name: '国家国际科技合作基地（碳素新材料）', type: 'international_cooperation_base', level: 'national',
    hostOrganizationKey: 'org.carbon-materials', recognizedOn: '2016-12-28', documentNumber: '国科发外〔2016〕398号' },
  { key: 'platform.icb-bio', name: '河南省生物医药国际科技合作基地', type: 'international_cooperation_base', level: 'provincial',
    hostOrganizationKey: 'org.bio-pharma', recognizedOn: '2020-09-30', documentNumber: '豫科〔2020〕104号' },
  // 众创空间
  { key: 'platform.ms-yingchuang', name: '湛河鹰创空间', type: 'maker_space', level: 'national',
    hostOrganizationKey: 'org.incubator', recognizedOn: '2017-11-15', documentNumber: '国科火字〔2017〕244号' },
  { key: 'platform.ms-nylon', name: '尼龙新材料专业化众创空间', type: 'maker_space', level: 'municipal',
    hostOrganizationKey: 'org.nrd-nylon', recognizedOn: '2023-05-10', documentNumber: '平科〔2023〕31号' },
  // 科技企业孵化器
  { key: 'platform.inc-zhanhe', name: '湛河科技企业孵化器', type: 'incubator', level: 'provincial',
    hostOrganizationKey: 'org.incubator', recognizedOn: '2019-10-22', documentNumber: '豫科〔2019〕151号' },
  { key: 'platform.inc-electric', name: '湛河区电气装备专业孵化器', type: 'incubator', level: 'district',
    hostOrganizationKey: 'org.pds-electric', recognizedOn: '2023-08-08', documentNumber: '湛科〔2023〕21号' },
  // 星创天地
  { key: 'platform.sis-caozhen', name: '曹镇乡禾丰星创天地', type: 'star_innovation_space', level: 'national',
    hostOrganizationKey: 'org.agri-tech', recognizedOn: '2017-12-05', documentNumber: '国科发农〔2017〕362号' },
  { key: 'platform.sis-lushan', name: '鲁山县尧山山珍星创天地', type: 'star_innovation_space', level: 'provincial',
    hostOrganizationKey: 'org.ls-agri', recognizedOn: '2019-06-18', documentNumber: '豫科〔2019〕88号' },
  { key: 'platform.sis-lvyuan', name: '绿源果蔬星创天地', type: 'star_innovation_space', level: 'municipal',
    hostOrganizationKey: 'org.agri-coop', recognizedOn: '2018-07-02', revokedOn: '2022-12-20', documentNumber: '平科〔2018〕36号' },
  // 技术转移示范机构
  { key: 'platform.ttd-zhanhe', name: '平顶山湛河技术转移中心', type: 'tech_transfer_demonstration', level: 'provincial',
    hostOrganizationKey: 'org.tt-zhanhe', recognizedOn: '2025-09-26', documentNumber: '豫科〔2025〕146号' },
  { key: 'platform.ttd-yingcheng', name: '平顶山鹰城技术市场', type: 'tech_transfer_demonstration', level: 'municipal',
    hostOrganizationKey: 'org.tt-yingcheng', recognizedOn: '2020-12-15', documentNumber: '平科〔2020〕72号' },
  // 产业技术创新战略联盟
  { key: 'platform.ia-nylon', name: '河南省尼龙新材料产业技术创新战略联盟', type: 'industry_alliance', level: 'provincial',
    hostOrganizationKey: 'org.nylon-salt', recognizedOn: '2018-04-20', documentNumber: '豫科〔2018〕57号' },
  { key: 'platform.ia-electric', name: '平顶山市电气装备产业技术创新战略联盟', type: 'industry_alliance', level: 'municipal',
    hostOrganizationKey: 'org.pds-electric', recognizedOn: '2019-05-16', documentNumber: '平科〔2019〕29号' },
  { key: 'platform.ia-new-energy', name: '湛河区新能源材料产业技术创新战略联盟', type: 'industry_alliance', level: 'district',
    hostOrganizationKey: 'org.li-cathode', recognizedOn: '2024-09-10', documentNumber: '湛科〔2024〕26号' },
];

// ---------------------------------------------------------------------------------------------
// Accounts: one per role, all in 湛河区. Password DEMO_PASSWORD.

export const demoUsers: DemoUser[] = [
  { username: 'operator', displayName: '科技局运营人员（演示）', roles: ['operator'], jurisdictionCode: ZH,
    organizationKeys: ['org.gov-kjj'] },
  { username: 'finance', displayName: '财政局（演示）', roles: ['finance'], jurisdictionCode: ZH,
    organizationKeys: ['org.gov-czj'] },
  { username: 'department', displayName: '区工业和信息化局（演示）', roles: ['department'], jurisdictionCode: ZH,
    organizationKeys: ['org.gov-gxj'] },
  { username: 'enterprise', displayName: '鹰开电气（演示，两家企业）', roles: ['enterprise'], jurisdictionCode: ZH,
    organizationKeys: ['org.pds-electric', 'org.pds-electric-parts'] },
  { username: 'institution', displayName: '湛河尼龙新材料产业研究院（演示）', roles: ['institution'], jurisdictionCode: ZH,
    organizationKeys: ['org.nrd-nylon'] },
  { username: 'broker', displayName: '徐明（技术经理人，演示）', roles: ['broker'], jurisdictionCode: ZH,
    organizationKeys: ['org.tt-zhanhe'], personKey: 'person.xu-ming' },
  { username: 'agency', displayName: '湛河技术转移中心（演示）', roles: ['agency'], jurisdictionCode: ZH,
    organizationKeys: ['org.tt-zhanhe'] },
  { username: 'bank', displayName: '鹰城银行湛河科技支行（演示）', roles: ['bank'], jurisdictionCode: ZH,
    organizationKeys: ['org.bank-tech'] },
  { username: 'evaluator', displayName: '第三方评估（演示）', roles: ['evaluator'], jurisdictionCode: ZH,
    organizationKeys: ['org.evaluator'] },
  { username: 'admin', displayName: '系统管理员（演示）', roles: ['admin'], jurisdictionCode: ZH, organizationKeys: [] },
];

// ---------------------------------------------------------------------------------------------
// The related-party situations the demo is built to show (checked by the test; handy for
// e2e tests and for explaining the subsidy engine's exclusions).

export const relatedPartyCases = {
  parentSubsidiary: { parent: 'org.pds-electric', subsidiary: 'org.pds-electric-parts', percent: 60 },
  chain: { top: 'org.sz-polymer', middle: 'org.nylon-salt', bottom: 'org.nylon-yarn', percents: [40, 70], indirect: 28 },
  commonHolder: { holder: 'org.ycheng-investment', held: ['org.pv-power', 'org.energy-storage'], belowThreshold: 'org.bio-pharma' },
  sharedLegalRepresentative: { person: 'person.zhao-guoqiang', organizations: ['org.zh-switchgear', 'org.smart-equipment'] },
  sharedActualController: { person: 'person.sun-hongwei', organizations: ['org.tcm-pharma', 'org.agri-tech'] },
  /** Further shared legal representatives, as founders often head several units. */
  otherSharedLegalRepresentatives: [
    { person: 'person.zheng-haitao', organizations: ['org.dual-use', 'org.dual-use-electronics'] },
    { person: 'person.liu-fang', organizations: ['org.bio-pharma', 'org.nrd-bio'] },
  ],
  /** Pairs that look close but are not related at the 25 % line. */
  unrelated: [
    ['org.sz-polymer', 'org.eng-plastics'], // 40 % × 30 % = 12 %
    ['org.ycheng-investment', 'org.bio-pharma'], // 20 %
  ],
} as const;
