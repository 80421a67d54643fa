/**
 * The demo district's years, told relative to the day it is seeded: technology contracts registered
 * and paid in every year from 2024 up to this year (the fixed contracts of demo-contracts.ts tell
 * 2022–2023 and must keep their award story), and a few market listings, inquiries, deals and a
 * matchmaking event in every year from 2022. Plain data built from the seeding day and a generator
 * seeded by it, so the same day always gives the same district; seed-demo-story.ts feeds it
 * through the use cases.
 */
import { addDays } from '../../common/dates.js';
import type { ContractSubtype, ContractType, LicenseScope, TechField } from '../../common/vocabulary.js';
import type { DemoContract, DemoPayment } from './demo-contracts.js';

export const FIRST_STORY_CONTRACT_YEAR = 2024;
export const FIRST_MARKET_YEAR = 2022;
const ZH = '410411';
const wan = (n: number) => Math.round(n * 1_000_000);

/** A small deterministic generator (mulberry32) seeded by a text, e.g. the seeding day. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (rnd: () => number, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
const minDate = (a: string, b: string) => (a < b ? a : b);

/** Who may claim the contract's award: the district buyer (R1) or the city institution selling (R2). */
export type Beneficiary = 'buyer' | 'seller';

interface Template {
  names: string[];
  type: ContractType;
  subtype: ContractSubtype;
  licenseScope?: LicenseScope;
  licenseYears?: number;
  sellerKey: string;
  buyerKey: string;
  /** 10,000 yuan, inclusive range. */
  wan: [number, number];
  techField: TechField;
  brokerKey?: string;
  beneficiary: Beneficiary;
}

/**
 * The first template runs every year (鹰开电气, the demo enterprise account's company); the others
 * take turns. R1: a district enterprise buys from outside the city (development, transfer or
 * licence); R2: a city institution sells to the district.
 */
const TEMPLATES: Template[] = [
  { names: ['智能断路器状态感知技术开发合同', '配电终端边缘计算技术开发合同', '开关柜温度在线监测技术开发合同', '真空灭弧室触头材料技术开发合同', '高压开关机械特性诊断技术开发合同'],
    type: 'development', subtype: 'commissioned', sellerKey: 'org.zzu', buyerKey: 'org.pds-electric', wan: [90, 160], techField: 'advanced_manufacturing',
    brokerKey: 'person.huang-lihua', beneficiary: 'buyer' },
  { names: ['尼龙66切片增韧改性技术秘密转让合同', '阻燃尼龙无卤化配方技术秘密转让合同', '尼龙薄壁件注塑工艺技术秘密转让合同'],
    type: 'transfer', subtype: 'trade_secret', sellerKey: 'org.buct', buyerKey: 'org.eng-plastics', wan: [40, 90], techField: 'new_materials', beneficiary: 'buyer' },
  { names: ['耐磨钢板激光熔覆工艺技术开发合同', '特种钢连铸坯质量控制技术开发合同', '耐磨衬板热处理变形控制技术开发合同'],
    type: 'development', subtype: 'commissioned', sellerKey: 'org.hncj', buyerKey: 'org.special-steel', wan: [30, 80], techField: 'advanced_manufacturing', beneficiary: 'seller' },
  { names: ['高压开关柜局部放电监测专利实施许可合同', '环网柜小型化结构专利实施许可合同', '开关柜防凝露装置专利实施许可合同'],
    type: 'license', subtype: 'patent_license', licenseScope: 'ordinary', licenseYears: 3, sellerKey: 'org.ecust', buyerKey: 'org.zh-switchgear', wan: [35, 70],
    techField: 'advanced_manufacturing', brokerKey: 'person.xu-ming', beneficiary: 'buyer' },
  { names: ['尼龙工业丝高强低缩工艺技术服务合同', '尼龙帘子布浸胶工艺技术服务合同', '工业丝油剂配方优化技术服务合同'],
    type: 'service', subtype: 'service', sellerKey: 'org.nrd-nylon', buyerKey: 'org.nylon-yarn', wan: [15, 40], techField: 'new_materials', beneficiary: 'seller' },
  { names: ['超细晶石墨制备技术转让合同', '等静压石墨纯化技术转让合同', '碳碳复合材料致密化技术转让合同'],
    type: 'transfer', subtype: 'other_ip', sellerKey: 'org.cas-ipe', buyerKey: 'org.carbon-materials', wan: [60, 120], techField: 'new_materials', beneficiary: 'buyer' },
  { names: ['开关柜智能制造产线技术咨询合同', '电气装备数字化车间规划技术咨询合同', '智能仓储物流系统技术咨询合同'],
    type: 'consulting', subtype: 'consulting', sellerKey: 'org.nrd-electric', buyerKey: 'org.smart-equipment', wan: [10, 25], techField: 'advanced_manufacturing', beneficiary: 'seller' },
  { names: ['中药配方颗粒质量标准技术开发合同', '中药饮片指纹图谱技术开发合同', '经典名方制剂工艺技术开发合同'],
    type: 'development', subtype: 'commissioned', sellerKey: 'org.bj-biotech', buyerKey: 'org.tcm-pharma', wan: [40, 90], techField: 'biomedicine_devices', beneficiary: 'buyer' },
  { names: ['设施蔬菜水肥一体化技术服务合同', '食用菌工厂化栽培技术服务合同', '果园病虫害绿色防控技术服务合同'],
    type: 'service', subtype: 'service', sellerKey: 'org.hnzlgc', buyerKey: 'org.agri-tech', wan: [8, 20], techField: 'agriculture', beneficiary: 'seller' },
  { names: ['高效节能风机变频控制技术开发合同', '余热回收换热系统技术开发合同', '空压机群控节能技术开发合同'],
    type: 'development', subtype: 'commissioned', sellerKey: 'org.zzu', buyerKey: 'org.energy-saving', wan: [40, 80], techField: 'new_energy_efficiency', beneficiary: 'buyer' },
  { names: ['尼龙66盐结晶工艺优化技术开发合同', '己二胺精制节能工艺技术开发合同', '尼龙盐溶液连续浓缩技术开发合同'],
    type: 'development', subtype: 'cooperative', sellerKey: 'org.nrd-nylon', buyerKey: 'org.nylon-salt', wan: [80, 180], techField: 'new_materials',
    brokerKey: 'person.song-yu', beneficiary: 'seller' },
  { names: ['医用输液监测设备软件著作权许可合同', '康复训练设备控制软件著作权许可合同', '医用耗材追溯系统软件著作权许可合同'],
    type: 'license', subtype: 'other_ip_license', licenseScope: 'sole', licenseYears: 3, sellerKey: 'org.henu', buyerKey: 'org.med-device', wan: [30, 60],
    techField: 'biomedicine_devices', beneficiary: 'buyer' },
];

/** A story contract: the contract and who of its parties may claim it. */
export interface StoryContract {
  contract: DemoContract;
  year: number;
  beneficiaryKey: string;
}

/** Six contracts a year from 2024 to the seeding day's year, registered (and paid) on days already past. */
export function storyContracts(today: string): StoryContract[] {
  const rnd = seededRandom(`contracts ${today}`);
  const thisYear = Number(today.slice(0, 4));
  const out: StoryContract[] = [];
  let invoice = 0;
  let turn = 0;
  for (let year = FIRST_STORY_CONTRACT_YEAR; year <= thisYear; year++) {
    const months = [1, 3, 5, 7, 9, 11];
    for (const [slot, month] of months.entries()) {
      const template = slot === 0 ? TEMPLATES[0]! : TEMPLATES[1 + (turn++ % (TEMPLATES.length - 1))]!;
      const round = year - FIRST_STORY_CONTRACT_YEAR;
      const used = out.filter((c) => template.names.some((n) => c.contract.name.startsWith(n))).length;
      const base = template.names[used % template.names.length]!;
      const name = used >= template.names.length ? `${base}（${['二', '三', '四', '五', '六'][Math.floor(used / template.names.length) - 1] ?? '续'}期）` : base;
      let signedOn = `${year}-${String(month).padStart(2, '0')}-${String(between(rnd, 3, 20)).padStart(2, '0')}`;
      let submittedOn = addDays(signedOn, between(rnd, 5, 12));
      let registeredOn = addDays(submittedOn, between(rnd, 5, 10));
      // This year: only what has happened by today (the first slot at least, squeezed before today).
      if (year === thisYear && registeredOn >= today) {
        if (slot > 0) continue;
        const back = addDays(today, -10) >= `${year}-01-01` ? addDays(today, -10) : addDays(today, -1);
        registeredOn = back < `${year}-01-01` ? today : back;
        submittedOn = minDate(addDays(registeredOn, -5), registeredOn);
        signedOn = addDays(submittedOn, -7);
      }
      const amountFen = wan(between(rnd, template.wan[0], template.wan[1]));
      const payments: DemoPayment[] = [];
      const payAt = (on: string, fen: number) => {
        invoice += 1;
        const yy = on.slice(2, 4);
        payments.push({
          paidOn: on,
          amountFen: fen,
          voucherNumber: `ZH${on.replace(/-/g, '')}${String(invoice).padStart(4, '0')}`,
          invoices: [{ number: `${yy}41290000${String(year * 100 + invoice).padStart(10, '0')}`, issuedOn: on, amountFen: fen, namesContract: true }],
        });
      };
      // Paid in two instalments where the year allows, the second within the same year.
      // This year's first money may have come only days ago.
      const planned = addDays(registeredOn, between(rnd, 7, 20));
      const first = planned < today ? planned : addDays(today, -1) >= registeredOn ? addDays(today, -1) : planned;
      const second = addDays(first, between(rnd, 40, 60));
      const half = Math.round(amountFen / 2 / 100) * 100;
      if (second < today && second.slice(0, 4) === String(year)) {
        payAt(first, half);
        payAt(second, amountFen - half);
      } else if (first < today) {
        payAt(first, amountFen);
      }
      out.push({
        year,
        beneficiaryKey: template.beneficiary === 'buyer' ? template.buyerKey : template.sellerKey,
        contract: {
          key: `contract.story-${year}-${slot}`,
          name,
          type: template.type,
          subtype: template.subtype,
          ...(template.licenseScope ? { licenseScope: template.licenseScope, licenseYears: template.licenseYears } : {}),
          seller: { organizationKey: template.sellerKey },
          buyer: { organizationKey: template.buyerKey },
          signedOn,
          amountFen,
          techField: template.techField,
          implementationDivision: ZH,
          ...(template.brokerKey ? { brokers: [{ personKey: template.brokerKey }] } : {}),
          flow: { status: 'registered', submittedOn, registeredOn, registrationNumber: `${registeredOn.slice(0, 4)}${ZH}${String(700 + round * 10 + slot).padStart(6, '0')}` },
          payments,
        },
      });
    }
  }
  return out;
}

// ——— the market, year by year ———

export interface StoryMarketYear {
  year: number;
  /** The day the year's listings were posted (created; submitted next day; published two days later). */
  postedOn: string;
  achievement: { externalId: string; ownerKey: string; title: string; description: string; keywords: string[]; priceWan: number };
  demand: { externalId: string; organizationKey: string; title: string; problem: string; keywords: string[]; budgetWan: [number, number] };
  inquiry: { fromKey: string; message: string; contact: string; on: string };
  event: { title: string; heldOn: string; place: string; description: string; registrations: { organizationKey: string; attended: boolean }[] };
  deal: { startedOn: string; notes: string[]; outcome: 'signed' | 'terminated' | 'negotiating'; amountWan: number };
}

const MARKET = [
  { ach: { ownerKey: 'org.pdsu', title: '矿用隔爆型开关电弧故障快速识别技术', description: '基于高频电流特征与机器学习的电弧故障识别方法，识别时间小于5毫秒，误报率低于千分之一，已在两座煤矿井下完成试用。', keywords: ['电弧故障', '隔爆开关', '煤矿'], priceWan: 60 },
    dem: { organizationKey: 'org.zh-switchgear', title: '开关柜柜体钣金件自动化焊接工艺改进', problem: '柜体焊接依赖人工，焊缝一致性差、返修率约8%，需要机器人焊接工艺与工装夹具方案。', keywords: ['钣金', '机器人焊接', '工装夹具'], budgetWan: [30, 80] as [number, number] },
    event: '湛河区电气装备产业产学研对接会' },
  { ach: { ownerKey: 'org.hncj', title: '高强韧耐磨铸钢成分设计与热处理工艺', description: '通过微合金化与两段式回火，耐磨铸钢冲击韧性提高约30%，磨损量降低约25%，适用于破碎机衬板、挖掘机斗齿。', keywords: ['耐磨铸钢', '热处理', '微合金化'], priceWan: 45 },
    dem: { organizationKey: 'org.special-steel', title: '耐磨钢板表面硬度均匀性控制', problem: '宽幅耐磨钢板淬火后表面硬度波动超过HB40，需要改进淬火冷却工艺与在线检测手段。', keywords: ['耐磨钢板', '淬火', '硬度'], budgetWan: [40, 100] as [number, number] },
    event: '湛河区新材料产业技术需求发布会' },
  { ach: { ownerKey: 'org.nrd-nylon', title: '尼龙66工业丝纺丝油剂国产化配方', description: '自主研制的工业丝纺丝油剂，成丝强度与进口油剂相当，单吨成本降低约15%，已在中试线连续运行三个月。', keywords: ['纺丝油剂', '尼龙66', '工业丝'], priceWan: 80 },
    dem: { organizationKey: 'org.nylon-yarn', title: '工业丝卷装成形与毛丝控制', problem: '高速卷绕时毛丝率偏高、卷装成形不良，影响下游织造，需要工艺参数优化与在线监测方案。', keywords: ['卷绕', '毛丝', '工业丝'], budgetWan: [20, 60] as [number, number] },
    event: '尼龙新材料产业链技术对接会' },
  { ach: { ownerKey: 'org.hnzlgc', title: '设施蔬菜智能水肥一体化控制系统', description: '按作物生育期与土壤墒情自动配比灌溉施肥，节水约30%、节肥约20%，已在湛河区三个合作社示范应用。', keywords: ['水肥一体化', '设施蔬菜', '智慧农业'], priceWan: 20 },
    dem: { organizationKey: 'org.agri-tech', title: '食用菌菌棒工厂化生产污染率控制', problem: '菌棒接种后杂菌污染率约6%，需要灭菌、接种环境控制与检测方案，降低到2%以下。', keywords: ['食用菌', '菌棒', '污染控制'], budgetWan: [10, 30] as [number, number] },
    event: '湛河区乡村振兴科技服务对接会' },
  { ach: { ownerKey: 'org.nrd-electric', title: '配电网故障自愈馈线终端', description: '就地型馈线自动化终端，故障定位与隔离时间小于3秒，非故障区段自动恢复供电，通过电力行业型式试验。', keywords: ['配电自动化', '馈线终端', '故障自愈'], priceWan: 120 },
    dem: { organizationKey: 'org.pds-electric', title: '断路器操动机构装配质量在线检测', problem: '操动机构装配后需人工检测分合闸特性，效率低且漏检，需要自动化检测工位与数据追溯方案。', keywords: ['操动机构', '在线检测', '质量追溯'], budgetWan: [50, 120] as [number, number] },
    event: '电气装备数字化转型技术对接会' },
];

const PLACES = ['湛河区科技创新中心三楼报告厅', '湛河区政务服务中心会议室', '平顶山学院学术交流中心', '湛河区尼龙新材料产业园综合楼'];
/** The demo enterprise account's two companies ask in turn; others register for the events. */
const INQUIRERS = ['org.pds-electric-parts', 'org.pds-electric'];
const GUESTS = ['org.smart-equipment', 'org.nylon-salt', 'org.tcm-pharma', 'org.eng-plastics', 'org.pds-electric-parts'];

/** One listing pair, an inquiry, an event and a deal for each year from 2022 to this year, all on past days. */
export function storyMarket(today: string): StoryMarketYear[] {
  const rnd = seededRandom(`market ${today}`);
  const thisYear = Number(today.slice(0, 4));
  const out: StoryMarketYear[] = [];
  for (let year = FIRST_MARKET_YEAR; year <= thisYear; year++) {
    const i = year - FIRST_MARKET_YEAR;
    const m = MARKET[i % MARKET.length]!;
    const suffix = i >= MARKET.length ? `（${year}年升级版）` : '';
    // Posted in spring; this year's as early as today allows.
    let postedOn = `${year}-03-${String(between(rnd, 2, 20)).padStart(2, '0')}`;
    if (year === thisYear) postedOn = minDate(postedOn, addDays(today, -40));
    const heldOn = year === thisYear ? minDate(addDays(postedOn, 30), addDays(today, -5)) : addDays(postedOn, between(rnd, 30, 60));
    const startedOn = addDays(heldOn, 1);
    const outcome: StoryMarketYear['deal']['outcome'] = year === thisYear ? 'negotiating' : i % 3 === 1 ? 'terminated' : 'signed';
    out.push({
      year,
      postedOn,
      achievement: { externalId: `DEMO-CG-Y${year}`, ...m.ach, title: `${m.ach.title}${suffix}` },
      demand: { externalId: `DEMO-XQ-Y${year}`, ...m.dem, title: `${m.dem.title}${suffix}` },
      inquiry: {
        fromKey: INQUIRERS[i % INQUIRERS.length]!,
        message: '贵单位发布的成果与我公司产线改造需求契合，希望了解技术成熟度、许可方式和报价。',
        contact: '联系人：王工，电话 0375-2690000',
        on: addDays(postedOn, 10),
      },
      event: {
        title: `${year}年${m.event}`,
        heldOn,
        place: PLACES[i % PLACES.length]!,
        description: '发布年度科技成果与企业技术需求，组织供需双方现场一对一洽谈。',
        registrations: [
          { organizationKey: m.dem.organizationKey, attended: true },
          { organizationKey: m.ach.ownerKey, attended: true },
          { organizationKey: GUESTS[i % GUESTS.length]!, attended: i % 2 === 0 },
        ],
      },
      deal: {
        startedOn,
        notes: ['对接会后双方技术负责人交流，明确了技术指标与验收方式。', outcome === 'terminated' ? '企业评估后认为投入与预期收益差距较大，暂缓合作。' : '双方就合作方式与价款基本达成一致。'],
        outcome,
        amountWan: between(rnd, 30, 120),
      },
    });
  }
  return out;
}

/** Whether a listing's external id is one of the story's yearly listings (DEMO-CG-Y2024 …). */
export function isStoryListing(externalId: string | null): boolean {
  return !!externalId && /^DEMO-(CG|XQ)-Y\d{4}$/.test(externalId);
}
