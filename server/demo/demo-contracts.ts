/**
 * Demo technology contracts (技术合同) among the demo organizations: every type, statuses across the
 * registration workflow, registered ones in 2022–2025 with their payments (transfer vouchers and
 * invoices, some without), brokers from the demo people, a few with public funding and one declared
 * related. Plain data; `seedDemoContracts` (seed-demo.ts) feeds it through the contract use cases.
 *
 * Under policies/zhanhe-2022.yaml the contracts registered in 2022 and paid in 2022 earn awards for
 * application year 2023 (base year 2022), and show each exclusion once:
 *   R1 企业购买市外成果   pds-electric, li-cathode (at the 20万 cap), bio-pharma (one payment without
 *                       invoice), eng-plastics (invoice below the payment), carbon-materials,
 *                       energy-saving, agri-tech, med-device (a payment before its 2023 registration); excluded: nylon-yarn ← sz-polymer (related through the
 *                       40 % × 70 % chain), energy-storage ← sh-battery (declared related),
 *                       xh-valve (buyer outside the district)
 *   R2 市内院所在我区转化 pdsu, hncj, nrd-nylon (at the cap), nrd-electric, hnzlgc, electric-institute;
 *                       excluded: electric-institute's municipally funded contract, nrd-bio (not filed)
 *   R3 技术经纪人         huang-lihua, xu-ming, he-li, guo-peng, tang-jun, han-xue, song-yu (at the 3万
 *                       cap), lin-xiaoyan; guo-peng's city-only contract is not local
 * Contracts registered in 2023 (paid in 2023) count for application year 2024 instead.
 *
 * In-flight contracts (draft, submitted, awaiting materials) are dated relative to the day the demo
 * is seeded, so their review deadlines are live.
 */
import { buildResidentId } from '../../common/resident-id.js';
import type {
  ContractSubtype,
  ContractType,
  FundingLevel,
  IpKind,
  LicenseScope,
  RejectionReason,
  TechField,
} from '../../common/vocabulary.js';

/** Where a contract's workflow stands; dates are YYYY-MM-DD, or days before the seeding day. */
export type DemoFlow =
  | { status: 'draft' }
  | { status: 'submitted'; submittedDaysAgo: number }
  | { status: 'materials_requested'; submittedDaysAgo: number; requestedDaysAgo: number; note: string }
  | RegisteredFlow
  | { status: 'rejected'; submittedOn: string; rejectedOn: string; reason: RejectionReason; note?: string };

/** Registered (and perhaps changed since): the registration the national system gave it. */
export interface RegisteredFlow {
  status: 'registered' | 'amended' | 'cancelled';
  submittedOn: string;
  /** A request for materials and the resubmission before registration. */
  materials?: { on: string; note: string; resubmittedOn: string };
  registeredOn: string;
  registrationNumber: string;
  /** After registration: 变更登记 or 注销 with its note. */
  change?: { on: string; note: string };
}

export interface DemoInvoice {
  /** 10 or 12 digits for the older invoices; absent for 全电发票 (20-digit number). */
  code?: string;
  number: string;
  issuedOn: string;
  amountFen: number;
  namesContract: boolean;
  /** Attach the demo PDF as the invoice file. */
  withFile?: boolean;
}

export interface DemoPayment {
  paidOn: string;
  amountFen: number;
  /** Transfer voucher number; absent: no voucher. */
  voucherNumber?: string;
  withVoucherFile?: boolean;
  invoices: DemoInvoice[];
  note?: string;
}

export type DemoParty = { organizationKey: string } | { personName: string; personIdNumber?: string };

export interface DemoContract {
  key: string;
  name: string;
  type: ContractType;
  subtype: ContractSubtype;
  licenseScope?: LicenseScope;
  licenseYears?: number;
  seller: DemoParty;
  buyer: DemoParty;
  /** YYYY-MM-DD, or days before the seeding day (in-flight contracts). */
  signedOn: string | { daysAgo: number };
  termStart?: string;
  termEnd?: string;
  amountFen: number;
  deductions?: { materialsFen?: number; equipmentFen?: number; componentsFen?: number; otherFen?: number };
  techField: TechField;
  ipItems?: { kind: IpKind; number: string }[];
  implementationDivision?: string;
  brokers?: { personKey: string; share?: number }[];
  thirdParties?: { organizationKey: string; role: string }[];
  declaredRelated?: boolean;
  fiscalFunded?: boolean;
  funding?: { level: FundingLevel; programme: string; amountFen: number }[];
  flow: DemoFlow;
  payments?: DemoPayment[];
}

/** The registration office of the demo district. */
export const DEMO_REGISTRATION_OFFICE = 'org.gov-kjj';

const ZH = '410411';
/** 10,000 yuan in fen. */
const wan = (n: number) => Math.round(n * 1_000_000);
const org = (organizationKey: string) => ({ organizationKey });

let invoiceSerial = 0;
/** A 2022-style invoice: 12-digit code + 8-digit number. */
function coded(issuedOn: string, amountFen: number, extra: Partial<DemoInvoice> = {}): DemoInvoice {
  invoiceSerial += 1;
  return { code: `04100${issuedOn.slice(2, 4)}00111`, number: String(20_220_000 + invoiceSerial).padStart(8, '0'), issuedOn, amountFen, namesContract: true, ...extra };
}
/** A 全电发票: 20-digit number, no code. */
function digital(issuedOn: string, amountFen: number, extra: Partial<DemoInvoice> = {}): DemoInvoice {
  invoiceSerial += 1;
  return { number: `${issuedOn.slice(2, 4)}41200000${String(invoiceSerial).padStart(10, '0')}`, issuedOn, amountFen, namesContract: true, ...extra };
}
let voucherSerial = 0;
/** A payment with a transfer voucher and one invoice for the whole amount (older or fully digital by year). */
function paid(paidOn: string, amountFen: number, extra: Partial<DemoPayment> = {}): DemoPayment {
  voucherSerial += 1;
  const invoice = paidOn < '2023-01-01' ? coded(paidOn, amountFen) : digital(paidOn, amountFen);
  return { paidOn, amountFen, voucherNumber: `ZZ${paidOn.replace(/-/g, '')}${String(voucherSerial).padStart(4, '0')}`, invoices: [invoice], ...extra };
}
function registered(submittedOn: string, registeredOn: string, serial: number, extra: Partial<RegisteredFlow> = {}): DemoFlow {
  return { status: 'registered', submittedOn, registeredOn, registrationNumber: `${registeredOn.slice(0, 4)}${ZH}${String(serial).padStart(6, '0')}`, ...extra };
}

/** The natural person who sells a patent in the demo (an inventor). */
export const DEMO_INVENTOR = { personName: '王发明', personIdNumber: buildResidentId('410411', '1978-04-16', '031') };

export const demoContracts: DemoContract[] = [
  // ——— registered in 2022, paid in 2022: the base year of application year 2023 ———
  {
    key: 'contract.hv-breaker-patent', name: '高压真空断路器灭弧室专利权转让合同', type: 'transfer', subtype: 'patent',
    seller: org('org.zzu'), buyer: org('org.pds-electric'), signedOn: '2022-03-18', amountFen: wan(120),
    techField: 'advanced_manufacturing', ipItems: [{ kind: 'patent', number: 'ZL201910382215.6' }], implementationDivision: ZH,
    brokers: [{ personKey: 'person.huang-lihua' }], thirdParties: [{ organizationKey: 'org.tt-zhanhe', role: '技术转移服务（撮合、合同起草）' }],
    flow: registered('2022-04-06', '2022-04-15', 101),
    payments: [
      paid('2022-04-28', wan(60), { withVoucherFile: true, invoices: [coded('2022-04-28', wan(60), { withFile: true })] }),
      paid('2022-09-20', wan(60)),
    ],
  },
  {
    key: 'contract.ni-cathode-license', name: '高镍三元正极材料专利实施许可合同', type: 'license', subtype: 'patent_license',
    licenseScope: 'exclusive', licenseYears: 5, seller: org('org.sh-battery'), buyer: org('org.li-cathode'), signedOn: '2022-02-25',
    termStart: '2022-03-01', termEnd: '2027-02-28', amountFen: wan(300), techField: 'new_energy_efficiency',
    ipItems: [{ kind: 'patent', number: 'ZL202010556781.2' }, { kind: 'patent', number: 'ZL202110093345.9' }], implementationDivision: ZH,
    brokers: [{ personKey: 'person.xu-ming', share: 0.6 }, { personKey: 'person.he-li', share: 0.4 }],
    flow: registered('2022-03-07', '2022-03-21', 102),
    payments: [paid('2022-04-12', wan(200)), paid('2023-03-15', wan(100))],
  },
  {
    key: 'contract.protein-pilot', name: '重组蛋白药物中试工艺技术开发（委托）合同', type: 'development', subtype: 'commissioned',
    seller: org('org.bj-biotech'), buyer: org('org.bio-pharma'), signedOn: '2022-05-09', amountFen: wan(80),
    deductions: { materialsFen: wan(10) }, techField: 'biomedicine_devices', implementationDivision: ZH,
    brokers: [{ personKey: 'person.guo-peng' }],
    flow: registered('2022-05-16', '2022-05-27', 103),
    payments: [
      paid('2022-06-10', wan(50)),
      { paidOn: '2022-11-30', amountFen: wan(30), voucherNumber: 'ZZ202211300099', invoices: [], note: '发票尚未开具' },
    ],
  },
  {
    key: 'contract.nylon-spinning-secret', name: '尼龙66工业丝高速纺丝技术秘密转让合同', type: 'transfer', subtype: 'trade_secret',
    seller: org('org.sz-polymer'), buyer: org('org.nylon-yarn'), signedOn: '2022-06-01', amountFen: wan(150),
    techField: 'new_materials', ipItems: [{ kind: 'trade_secret', number: 'JS-2022-017' }], implementationDivision: ZH,
    brokers: [{ personKey: 'person.tang-jun' }],
    flow: registered('2022-06-08', '2022-06-20', 104),
    payments: [paid('2022-07-15', wan(150))],
  },
  {
    key: 'contract.plastics-formula-license', name: '阻燃增强尼龙改性配方技术秘密使用许可合同', type: 'license', subtype: 'trade_secret_license',
    licenseScope: 'ordinary', licenseYears: 3, seller: org('org.sz-polymer'), buyer: org('org.eng-plastics'), signedOn: '2022-07-11',
    amountFen: wan(60), techField: 'new_materials', implementationDivision: ZH,
    flow: registered('2022-07-18', '2022-07-29', 105),
    payments: [paid('2022-08-19', wan(60), { invoices: [coded('2022-08-19', wan(40))], note: '余款发票次年开具' })],
  },
  {
    key: 'contract.graphite-electrode', name: '超高功率石墨电极制备技术合作开发合同', type: 'development', subtype: 'cooperative',
    seller: org('org.cas-ipe'), buyer: org('org.carbon-materials'), signedOn: '2022-08-22', amountFen: wan(250),
    deductions: { equipmentFen: wan(30) }, techField: 'new_materials', implementationDivision: ZH,
    brokers: [{ personKey: 'person.huang-lihua' }, { personKey: 'person.han-xue' }],
    fiscalFunded: true, funding: [{ level: 'provincial', programme: '河南省重大科技专项', amountFen: wan(50) }],
    flow: registered('2022-09-01', '2022-09-13', 106),
    payments: [paid('2022-10-10', wan(100)), paid('2023-06-30', wan(100))],
  },
  {
    key: 'contract.storage-bms-declared', name: '储能电池管理系统委托开发合同', type: 'development', subtype: 'commissioned',
    seller: org('org.sh-battery'), buyer: org('org.energy-storage'), signedOn: '2022-09-05', amountFen: wan(70),
    techField: 'new_energy_efficiency', implementationDivision: ZH, declaredRelated: true,
    brokers: [{ personKey: 'person.xu-ming' }],
    flow: registered('2022-09-14', '2022-09-26', 107),
    payments: [paid('2022-10-28', wan(70))],
  },
  {
    key: 'contract.parts-testing', name: '开关柜关键零部件检测技术服务合同', type: 'service', subtype: 'service',
    seller: org('org.pdsu'), buyer: org('org.pds-electric-parts'), signedOn: '2022-03-02', amountFen: wan(30),
    techField: 'advanced_manufacturing', implementationDivision: ZH,
    flow: registered('2022-03-10', '2022-03-18', 108),
    payments: [paid('2022-04-02', wan(30))],
  },
  {
    key: 'contract.steel-heat-treatment', name: '耐磨特种钢热处理工艺技术开发合同', type: 'development', subtype: 'commissioned',
    seller: org('org.hncj'), buyer: org('org.special-steel'), signedOn: '2022-04-14', amountFen: wan(100),
    techField: 'advanced_manufacturing', implementationDivision: ZH, brokers: [{ personKey: 'person.song-yu' }],
    flow: registered('2022-04-20', '2022-05-05', 109),
    payments: [paid('2022-05-30', wan(80)), paid('2023-02-20', wan(20))],
  },
  {
    key: 'contract.nylon-salt-process', name: '尼龙66盐连续化生产工艺合作开发合同', type: 'development', subtype: 'cooperative',
    seller: org('org.nrd-nylon'), buyer: org('org.nylon-salt'), signedOn: '2022-05-20', amountFen: wan(240),
    techField: 'new_materials', ipItems: [{ kind: 'patent', number: 'ZL202121034567.1' }], implementationDivision: ZH,
    brokers: [{ personKey: 'person.song-yu' }],
    flow: registered('2022-05-25', '2022-06-08', 110),
    payments: [paid('2022-06-30', wan(120)), paid('2022-12-15', wan(120))],
  },
  {
    key: 'contract.smart-equipment-consulting', name: '智能开关装备数字化产线技术咨询合同', type: 'consulting', subtype: 'consulting',
    seller: org('org.nrd-electric'), buyer: org('org.smart-equipment'), signedOn: '2022-10-08', amountFen: wan(15),
    techField: 'electronic_information', implementationDivision: ZH, brokers: [{ personKey: 'person.han-xue' }],
    flow: registered('2022-10-12', '2022-10-21', 111),
    payments: [paid('2022-11-18', wan(15))],
  },
  {
    key: 'contract.arc-fault-patent', name: '配电网电弧故障检测专利权转让合同', type: 'transfer', subtype: 'patent',
    seller: org('org.electric-institute'), buyer: org('org.zh-switchgear'), signedOn: '2022-06-16', amountFen: wan(180),
    techField: 'advanced_manufacturing', ipItems: [{ kind: 'patent', number: 'ZL201821556023.4' }], implementationDivision: ZH,
    fiscalFunded: true, funding: [{ level: 'municipal', programme: '平顶山市科技成果转化专项', amountFen: wan(30) }],
    // Decided 35 days after submission: the 30-day period of the 2000 rules was missed.
    flow: registered('2022-06-20', '2022-07-25', 112),
    payments: [paid('2022-08-05', wan(180))],
  },
  {
    key: 'contract.tcm-extraction-service', name: '中药饮片提取工艺优化技术服务合同', type: 'service', subtype: 'service',
    seller: org('org.nrd-bio'), buyer: org('org.tcm-pharma'), signedOn: '2022-07-04', amountFen: wan(20),
    techField: 'biomedicine_devices', implementationDivision: ZH,
    flow: registered('2022-07-11', '2022-07-20', 113),
    payments: [paid('2022-08-26', wan(20))],
  },
  {
    key: 'contract.agri-training', name: '设施农业病虫害绿色防控技术培训合同', type: 'service', subtype: 'training',
    seller: org('org.hnzlgc'), buyer: org('org.agri-tech'), signedOn: '2022-02-10', amountFen: wan(12),
    techField: 'agriculture', implementationDivision: ZH,
    flow: registered('2022-02-16', '2022-02-25', 114),
    payments: [
      paid('2022-03-10', wan(8)),
      { paidOn: '2022-06-10', amountFen: wan(4), invoices: [coded('2022-06-10', wan(4))], note: '现金支付，无转账凭证' },
    ],
  },
  {
    key: 'contract.energy-saving-motor', name: '高效节能电机控制系统技术开发合同', type: 'development', subtype: 'commissioned',
    seller: org('org.zzu'), buyer: org('org.energy-saving'), signedOn: '2022-08-08', amountFen: wan(50),
    techField: 'new_energy_efficiency', implementationDivision: ZH, brokers: [{ personKey: 'person.luo-bin' }],
    flow: registered('2022-08-15', '2022-08-26', 115),
    payments: [paid('2022-09-16', wan(50))],
  },
  {
    key: 'contract.wheat-variety', name: '优质强筋小麦新品种繁育技术转让合同', type: 'transfer', subtype: 'other_ip',
    seller: org('org.henu'), buyer: org('org.agri-tech'), signedOn: '2022-09-19', amountFen: wan(30),
    techField: 'agriculture', ipItems: [{ kind: 'plant_variety', number: 'CNA20201005678' }], implementationDivision: ZH,
    brokers: [{ personKey: 'person.lin-xiaoyan' }],
    flow: registered('2022-09-23', '2022-10-10', 116),
    payments: [paid('2022-11-04', wan(30))],
  },
  {
    key: 'contract.valve-sealing', name: '高压阀门密封结构技术开发合同', type: 'development', subtype: 'commissioned',
    seller: org('org.buct'), buyer: org('org.xh-valve'), signedOn: '2022-05-12', amountFen: wan(45),
    techField: 'advanced_manufacturing', implementationDivision: '410402', brokers: [{ personKey: 'person.guo-peng' }],
    flow: registered('2022-05-18', '2022-05-30', 117),
    payments: [paid('2022-06-24', wan(45))],
  },
  {
    key: 'contract.dual-use-gearbox', name: '精密减速器传动误差补偿技术开发合同', type: 'development', subtype: 'commissioned',
    seller: org('org.electric-institute'), buyer: org('org.dual-use'), signedOn: '2022-10-17', amountFen: wan(60),
    techField: 'advanced_manufacturing', implementationDivision: ZH,
    fiscalFunded: true, funding: [{ level: 'district', programme: '湛河区科技计划项目', amountFen: wan(20) }],
    flow: registered('2022-10-24', '2022-11-02', 118),
    payments: [paid('2022-11-25', wan(50)), paid('2023-04-14', wan(10))],
  },

  // ——— registered in 2023 (paid in 2023: the base year of application year 2024) ———
  {
    key: 'contract.switchgear-patent-app', name: '环保气体绝缘开关柜专利申请权转让合同', type: 'transfer', subtype: 'patent_application',
    seller: org('org.ecust'), buyer: org('org.zh-switchgear'), signedOn: '2023-02-20', amountFen: wan(90),
    techField: 'advanced_manufacturing', ipItems: [{ kind: 'patent', number: '202210987654.3' }], implementationDivision: ZH,
    brokers: [{ personKey: 'person.xu-ming' }],
    flow: registered('2023-02-27', '2023-03-10', 201),
    payments: [paid('2023-04-06', wan(90))],
  },
  {
    key: 'contract.plastics-patent', name: '长玻纤增强尼龙复合材料专利权转让合同', type: 'transfer', subtype: 'patent',
    seller: org('org.nrd-nylon'), buyer: org('org.eng-plastics'), signedOn: '2023-04-03', amountFen: wan(60),
    techField: 'new_materials', ipItems: [{ kind: 'patent', number: 'ZL202220345678.X' }], implementationDivision: ZH,
    brokers: [{ personKey: 'person.song-yu' }],
    flow: registered('2023-04-07', '2023-04-18', 202),
    payments: [paid('2023-05-22', wan(60))],
  },
  {
    key: 'contract.device-software-license', name: '医用监护设备嵌入式软件著作权许可合同', type: 'license', subtype: 'other_ip_license',
    licenseScope: 'sole', licenseYears: 3, seller: org('org.henu'), buyer: org('org.med-device'), signedOn: '2022-12-05',
    amountFen: wan(40), techField: 'biomedicine_devices', ipItems: [{ kind: 'software_copyright', number: '2021SR0456789' }],
    implementationDivision: ZH,
    flow: registered('2023-05-29', '2023-06-09', 203, { materials: { on: '2023-06-02', note: '请补充软件著作权登记证书复印件', resubmittedOn: '2023-06-05' } }),
    payments: [paid('2022-12-20', wan(10)), paid('2023-07-10', wan(30))],
  },
  {
    key: 'contract.nylon-catalyst', name: '己二腈加氢催化剂技术开发合同', type: 'development', subtype: 'commissioned',
    seller: org('org.buct'), buyer: org('org.nylon-salt'), signedOn: '2023-07-24', amountFen: wan(200),
    deductions: { materialsFen: wan(15), componentsFen: wan(5) }, techField: 'new_materials', implementationDivision: ZH,
    brokers: [{ personKey: 'person.tang-jun', share: 2 }, { personKey: 'person.huang-lihua', share: 1 }],
    flow: registered('2023-08-01', '2023-08-11', 204),
    payments: [paid('2023-09-15', wan(100)), paid('2023-12-20', wan(100), { invoices: [] , note: '待开票' })],
  },
  {
    key: 'contract.software-consulting', name: '工业互联网平台建设技术咨询合同', type: 'consulting', subtype: 'consulting',
    seller: org('org.pdsu'), buyer: org('org.software'), signedOn: '2023-09-18', amountFen: wan(8),
    techField: 'electronic_information', implementationDivision: ZH,
    flow: registered('2023-09-25', '2023-10-09', 205),
    payments: [paid('2023-10-30', wan(8))],
  },
  {
    key: 'contract.carbon-fiber-transfer', name: '碳纤维表面处理技术转让合同', type: 'transfer', subtype: 'other_ip',
    seller: org('org.ly-materials'), buyer: org('org.carbon-materials'), signedOn: '2023-10-16', amountFen: wan(35),
    techField: 'new_materials', implementationDivision: ZH, brokers: [{ personKey: 'person.xie-wen' }],
    flow: registered('2023-10-23', '2023-11-03', 206),
    payments: [paid('2023-11-24', wan(35))],
  },
  {
    key: 'contract.battery-intermediary', name: '锂电池回收技术对接中介服务合同', type: 'service', subtype: 'intermediary',
    seller: org('org.tt-zhanhe'), buyer: org('org.li-cathode'), signedOn: '2023-04-25', amountFen: wan(5),
    techField: 'environment_resources', implementationDivision: ZH, brokers: [{ personKey: 'person.he-li' }],
    flow: registered('2023-05-04', '2023-05-12', 207),
    payments: [paid('2023-05-31', wan(5))],
  },

  // ——— registered later; changed registrations ———
  {
    key: 'contract.wear-steel-license', name: '高强耐磨钢板轧制专利实施许可合同', type: 'license', subtype: 'patent_license',
    licenseScope: 'ordinary', licenseYears: 2, seller: org('org.cas-ipe'), buyer: org('org.special-steel'), signedOn: '2024-03-11',
    amountFen: wan(55), techField: 'advanced_manufacturing', ipItems: [{ kind: 'patent', number: 'ZL202310112233.5' }],
    implementationDivision: ZH,
    flow: registered('2024-03-18', '2024-03-29', 301),
    payments: [paid('2024-04-26', wan(55))],
  },
  {
    key: 'contract.distribution-monitoring', name: '智能配电柜在线监测系统技术开发合同', type: 'development', subtype: 'commissioned',
    seller: org('org.zzu'), buyer: org('org.pds-electric'), signedOn: '2025-05-12', amountFen: wan(160),
    techField: 'electronic_information', implementationDivision: ZH, brokers: [{ personKey: 'person.huang-lihua' }],
    flow: registered('2025-05-19', '2025-06-03', 401, { status: 'amended', change: { on: '2025-09-15', note: '合同变更：交付期限延长至2026年6月，成交额不变' } }),
    payments: [paid('2025-06-27', wan(80)), paid('2025-12-19', wan(40))],
  },
  {
    key: 'contract.gearbox-patent-cancelled', name: '谐波减速器柔轮设计专利权转让合同', type: 'transfer', subtype: 'patent',
    seller: org('org.ecust'), buyer: org('org.dual-use-electronics'), signedOn: '2024-08-05', amountFen: wan(70),
    techField: 'advanced_manufacturing', ipItems: [{ kind: 'patent', number: 'ZL202210765432.1' }], implementationDivision: ZH,
    flow: registered('2024-08-12', '2024-08-23', 302, { status: 'cancelled', change: { on: '2025-02-14', note: '双方协议解除合同，申请注销登记' } }),
  },
  {
    key: 'contract.pv-consulting', name: '分布式光伏电站运维技术咨询合同', type: 'consulting', subtype: 'consulting',
    seller: org('org.nrd-electric'), buyer: org('org.pv-power'), signedOn: '2025-07-07', amountFen: wan(18),
    techField: 'new_energy_efficiency', implementationDivision: ZH,
    flow: registered('2025-07-14', '2025-07-25', 402),
    payments: [paid('2025-08-29', wan(18))],
  },

  // ——— refused (未予登记) ———
  {
    key: 'contract.mushroom-sales', name: '山珍产品代销服务合同', type: 'service', subtype: 'service',
    seller: org('org.ls-agri'), buyer: org('org.agri-coop'), signedOn: '2025-10-09', amountFen: wan(6),
    techField: 'agriculture', implementationDivision: ZH,
    flow: { status: 'rejected', submittedOn: '2025-10-13', rejectedOn: '2025-10-22', reason: 'not_technology_contract', note: '合同标的为产品销售，不属于技术合同' },
  },
  {
    key: 'contract.software-unclear', name: '企业信息化系统技术服务合同', type: 'service', subtype: 'service',
    seller: org('org.info-service'), buyer: org('org.software'), signedOn: '2026-03-02', amountFen: wan(9),
    techField: 'electronic_information', implementationDivision: ZH,
    flow: { status: 'rejected', submittedOn: '2026-03-09', rejectedOn: '2026-03-20', reason: 'unclear_terms' },
  },

  // ——— in review ———
  {
    key: 'contract.breaker-life-prediction', name: '断路器机械寿命预测技术开发合同', type: 'development', subtype: 'commissioned',
    seller: org('org.hncj'), buyer: org('org.pds-electric'), signedOn: { daysAgo: 20 }, amountFen: wan(85),
    techField: 'advanced_manufacturing', implementationDivision: ZH, brokers: [{ personKey: 'person.feng-tao' }],
    flow: { status: 'submitted', submittedDaysAgo: 3 },
  },
  {
    key: 'contract.yarn-quality-service', name: '工业丝质量在线检测技术服务合同', type: 'service', subtype: 'service',
    seller: org('org.nrd-nylon'), buyer: org('org.nylon-yarn'), signedOn: { daysAgo: 30 }, amountFen: wan(25),
    techField: 'new_materials', implementationDivision: ZH,
    flow: { status: 'submitted', submittedDaysAgo: 8 },
  },
  {
    key: 'contract.imaging-license', name: '医学影像AI辅助诊断软件许可合同', type: 'license', subtype: 'other_ip_license',
    licenseScope: 'exclusive', licenseYears: 10, seller: org('org.zzu'), buyer: org('org.med-device'), signedOn: { daysAgo: 25 },
    amountFen: wan(600), techField: 'biomedicine_devices', ipItems: [{ kind: 'software_copyright', number: '2024SR1234567' }],
    implementationDivision: ZH, brokers: [{ personKey: 'person.luo-bin' }, { personKey: 'person.deng-jie' }],
    flow: { status: 'submitted', submittedDaysAgo: 12 },
  },
  {
    key: 'contract.parts-coating-service', name: '触头镀银工艺改进技术服务合同', type: 'service', subtype: 'service',
    seller: org('org.electric-institute'), buyer: org('org.pds-electric-parts'), signedOn: { daysAgo: 40 }, amountFen: wan(16),
    techField: 'advanced_manufacturing', implementationDivision: ZH,
    flow: { status: 'materials_requested', submittedDaysAgo: 20, requestedDaysAgo: 10, note: '请补充技术服务内容说明及验收标准' },
  },
  {
    key: 'contract.cathode-consulting', name: '正极材料产线节能改造技术咨询合同', type: 'consulting', subtype: 'consulting',
    seller: org('org.nrd-electric'), buyer: org('org.li-cathode'), signedOn: { daysAgo: 45 }, amountFen: wan(12),
    techField: 'new_energy_efficiency', implementationDivision: ZH,
    flow: { status: 'materials_requested', submittedDaysAgo: 30, requestedDaysAgo: 18, note: '合同签章不清晰，请提交清晰的合同文本扫描件' },
  },

  // ——— drafts ———
  {
    key: 'contract.switchgear-digital-twin', name: '开关设备数字孪生运维平台技术开发合同（草稿）', type: 'development', subtype: 'commissioned',
    seller: org('org.hnzlgc'), buyer: org('org.pds-electric'), signedOn: { daysAgo: 5 }, amountFen: wan(95),
    techField: 'electronic_information', implementationDivision: ZH,
    flow: { status: 'draft' },
  },
  {
    key: 'contract.inventor-patent', name: '绝缘子自清洁涂层专利权转让合同（草稿）', type: 'transfer', subtype: 'patent',
    seller: DEMO_INVENTOR, buyer: org('org.pds-electric-parts'), signedOn: { daysAgo: 2 }, amountFen: wan(18),
    techField: 'new_materials', ipItems: [{ kind: 'patent', number: 'ZL202321234567.8' }], implementationDivision: ZH,
    flow: { status: 'draft' },
  },
  {
    key: 'contract.salt-purification', name: '工业盐精制技术服务合同（草稿）', type: 'service', subtype: 'service',
    seller: org('org.nrd-nylon'), buyer: org('org.yx-salt'), signedOn: { daysAgo: 7 }, amountFen: wan(22),
    techField: 'environment_resources', implementationDivision: '410422',
    flow: { status: 'draft' },
  },
];
