/**
 * The demo technology market (技术市场): achievements (科技成果) offered by the demo universities,
 * institutes and new R&D institutions, and demands (技术需求) of the demo enterprises — the plan's
 * industries first (电气制造, 尼龙化工, 生物医药, 新能源, 新材料), plus 乡村振兴 and 军民两用. All
 * invented for the demo (flagged is_demo). `daysValid` dates expiry from the day of seeding.
 * Most are published; `pending` ones wait in the operator's review queue.
 */
import type { AchievementStage, ListingTag, PriceKind, TransferMode } from '../../common/market-vocabulary.js';
import type { Industry, IpKind, TechField } from '../../common/vocabulary.js';

export interface DemoAchievement {
  key: string;
  externalId: string;
  ownerKey: string;
  title: string;
  description: string;
  keywords: string[];
  technicalField: TechField;
  industries: Industry[];
  trl: number;
  stage: AchievementStage;
  ipItems: { kind: IpKind; number?: string; title?: string }[];
  transferModes: TransferMode[];
  priceKind: PriceKind;
  priceFen?: number;
  team: { name: string; role?: string }[];
  originCountry?: string;
  tags: ListingTag[];
  daysValid: number;
  pending?: boolean;
}

export interface DemoDemand {
  key: string;
  externalId: string;
  organizationKey: string;
  title: string;
  problem: string;
  indicators: string;
  keywords: string[];
  technicalField: TechField;
  industries: Industry[];
  budgetMinFen?: number;
  budgetMaxFen?: number;
  daysToDeadline: number;
  isChallenge?: boolean;
  rewardFen?: number;
  tags: ListingTag[];
  pending?: boolean;
}

const WAN = 1_000_000; // 1 万元 in fen

export const demoAchievements: DemoAchievement[] = [
  {
    key: 'ach.vacuum-breaker',
    externalId: 'DEMO-CG-001',
    ownerKey: 'org.nrd-electric',
    title: '12kV 真空断路器双稳态永磁操动机构',
    description:
      '以双稳态永磁操动机构替代传统弹簧操动机构，零部件数量减少约60%，分合闸时间分散性≤1ms，机械寿命达3万次。已完成样机型式试验，适用于12kV户内真空断路器及环网柜的升级换代。',
    keywords: ['真空断路器', '永磁操动机构', '环网柜', '智能电网'],
    technicalField: 'advanced_manufacturing',
    industries: ['electrical_manufacturing'],
    trl: 7,
    stage: 'pilot_scale',
    ipItems: [{ kind: 'patent', number: 'ZL202110356712.4' }, { kind: 'patent', number: 'ZL202220981245.1' }],
    transferModes: ['license', 'co_development'],
    priceKind: 'fixed',
    priceFen: 180 * WAN,
    team: [{ name: '韩立新', role: '项目负责人' }, { name: '周婷', role: '结构设计' }],
    tags: [],
    daysValid: 540,
  },
  {
    key: 'ach.nylon-ssp',
    externalId: 'DEMO-CG-002',
    ownerKey: 'org.nrd-nylon',
    title: '尼龙66 切片连续固相增黏工艺及装备',
    description:
      '采用立式连续固相增黏反应器与氮气循环净化系统，尼龙66切片相对黏度可由2.7提升至3.2以上，黏度波动±0.03，吨产品能耗较间歇式降低约35%。适用于工业丝、帘子布用高黏切片生产。',
    keywords: ['尼龙66', '固相增黏', '工业丝', '高黏切片'],
    technicalField: 'new_materials',
    industries: ['nylon_chemicals', 'new_materials'],
    trl: 6,
    stage: 'pilot_scale',
    ipItems: [{ kind: 'patent', number: 'ZL202010998731.2' }, { kind: 'trade_secret', title: '增黏反应器温度分区控制工艺' }],
    transferModes: ['transfer', 'license', 'equity'],
    priceKind: 'negotiable',
    team: [{ name: '刘建平', role: '首席专家' }, { name: '陈思雨', role: '工艺工程师' }],
    tags: [],
    daysValid: 365,
  },
  {
    key: 'ach.ncm811-coating',
    externalId: 'DEMO-CG-003',
    ownerKey: 'org.zzu',
    title: '锂电池 NCM811 高镍正极材料原子层包覆改性技术',
    description:
      '在NCM811正极颗粒表面构建纳米级氧化铝—磷酸锂复合包覆层，抑制界面副反应与过渡金属溶出。1C循环1000次容量保持率由78%提升至91%，已完成百公斤级中试验证。',
    keywords: ['锂电池', 'NCM811', '高镍正极', '包覆改性', '循环寿命'],
    technicalField: 'new_energy_efficiency',
    industries: ['new_energy', 'new_materials'],
    trl: 5,
    stage: 'pilot',
    ipItems: [{ kind: 'patent', number: 'ZL202111045632.9' }],
    transferModes: ['license', 'co_development'],
    priceKind: 'auction',
    priceFen: 260 * WAN,
    team: [{ name: '杨晓东', role: '教授' }, { name: '孙悦', role: '博士后' }],
    tags: [],
    daysValid: 400,
  },
  {
    key: 'ach.tcm-extraction',
    externalId: 'DEMO-CG-004',
    ownerKey: 'org.nrd-bio',
    title: '中药材连翘有效成分低温连续逆流提取技术',
    description:
      '以低温连续逆流提取与膜分离浓缩替代传统煎煮工艺，连翘苷、连翘酯苷A提取率分别提高18%和22%，溶剂用量减少40%，适合中药饮片及提取物企业技术改造。',
    keywords: ['连翘', '逆流提取', '膜分离', '中药提取'],
    technicalField: 'biomedicine_devices',
    industries: ['biomedicine'],
    trl: 6,
    stage: 'pilot_scale',
    ipItems: [{ kind: 'patent', number: 'ZL202210417855.0' }],
    transferModes: ['transfer', 'license'],
    priceKind: 'fixed',
    priceFen: 85 * WAN,
    team: [{ name: '马丽华', role: '研究员' }],
    tags: ['rural'],
    daysValid: 300,
  },
  {
    key: 'ach.orchard-iot',
    externalId: 'DEMO-CG-005',
    ownerKey: 'org.pdsu',
    title: '丘陵果园水肥一体化物联网智能灌溉系统',
    description:
      '基于土壤墒情传感器与气象数据的水肥决策模型，手机端远程控制，单套覆盖50亩。在曹镇乡示范基地应用两年，节水35%、节肥25%，葡萄亩均增收约1200元。',
    keywords: ['水肥一体化', '智能灌溉', '物联网', '果园'],
    technicalField: 'agriculture',
    industries: ['agriculture', 'information_technology'],
    trl: 8,
    stage: 'industrial',
    ipItems: [{ kind: 'software_copyright', number: '2022SR0456123' }, { kind: 'patent', number: 'ZL202121874512.3' }],
    transferModes: ['license'],
    priceKind: 'fixed',
    priceFen: 12 * WAN,
    team: [{ name: '赵志强', role: '副教授' }, { name: '李敏', role: '农艺师' }],
    tags: ['rural'],
    daysValid: 365,
  },
  {
    key: 'ach.precision-bearing',
    externalId: 'DEMO-CG-006',
    ownerKey: 'org.electric-institute',
    title: '高速精密主轴轴承预紧力在线监测与调控技术',
    description:
      '在主轴轴承座内集成薄膜压力传感器，实时监测预紧力并通过压电作动器闭环调节，主轴温升降低8℃，加工精度保持性提升30%，可用于数控机床及特种装备。',
    keywords: ['精密主轴', '轴承预紧力', '在线监测', '数控机床'],
    technicalField: 'advanced_manufacturing',
    industries: ['equipment_manufacturing'],
    trl: 5,
    stage: 'pilot',
    ipItems: [{ kind: 'patent', number: 'ZL202210063347.8' }],
    transferModes: ['co_development', 'equity'],
    priceKind: 'negotiable',
    team: [{ name: '郭振华', role: '所长' }],
    tags: ['dual_use'],
    daysValid: 480,
  },
  {
    key: 'ach.pv-recycling',
    externalId: 'DEMO-CG-007',
    ownerKey: 'org.cas-ipe',
    title: '退役晶硅光伏组件银与高纯硅绿色回收技术',
    description:
      '采用热解脱胶—选择性浸出—电沉积组合工艺，从退役光伏组件中回收银和硅，银回收率≥96%，硅纯度达4N，工艺过程无含氟废水排放。',
    keywords: ['光伏组件回收', '银回收', '高纯硅', '资源综合利用'],
    technicalField: 'environment_resources',
    industries: ['new_energy', 'energy_conservation'],
    trl: 6,
    stage: 'pilot_scale',
    ipItems: [{ kind: 'patent', number: 'ZL202011287764.5' }, { kind: 'patent', number: 'ZL202110782210.6' }],
    transferModes: ['license', 'equity'],
    priceKind: 'fixed',
    priceFen: 300 * WAN,
    team: [{ name: '王海军', role: '研究员' }, { name: '吴倩', role: '副研究员' }],
    tags: [],
    daysValid: 420,
  },
  {
    key: 'ach.graphite-anode',
    externalId: 'DEMO-CG-008',
    ownerKey: 'org.nrd-henan-carbon',
    title: '低成本等静压石墨制备及其在单晶硅热场中的应用',
    description:
      '以沥青焦为骨料、改进混捏与等静压成型工艺，制品体积密度1.85g/cm³、抗折强度≥45MPa，灰分≤50ppm，可替代进口用于单晶硅拉制热场部件。',
    keywords: ['等静压石墨', '热场', '单晶硅', '碳材料'],
    technicalField: 'new_materials',
    industries: ['new_materials'],
    trl: 7,
    stage: 'industrial',
    ipItems: [{ kind: 'patent', number: 'ZL201911325476.1' }],
    transferModes: ['transfer', 'co_development'],
    priceKind: 'negotiable',
    team: [{ name: '闫涛', role: '总工程师' }],
    tags: [],
    daysValid: 365,
  },
  {
    key: 'ach.kz-drip',
    externalId: 'DEMO-CG-009',
    ownerKey: 'org.tt-zhanhe',
    title: '哈萨克斯坦旱作区膜下滴灌节水技术（引进）',
    description:
      '由湛河技术转移中心与哈萨克斯坦农业科研机构合作引进的旱作区膜下滴灌及配套抗旱品种栽培技术，节水40%以上，拟在丘陵旱地开展适应性示范。',
    keywords: ['膜下滴灌', '旱作农业', '节水灌溉', '国际合作'],
    technicalField: 'agriculture',
    industries: ['agriculture'],
    trl: 7,
    stage: 'industrial',
    ipItems: [],
    transferModes: ['co_development'],
    priceKind: 'negotiable',
    team: [{ name: '徐明', role: '技术经理人' }],
    originCountry: 'KZ',
    tags: ['rural'],
    daysValid: 360,
  },
  {
    key: 'ach.nylon-flame',
    externalId: 'DEMO-CG-010',
    ownerKey: 'org.nrd-nylon',
    title: '无卤阻燃尼龙66 工程塑料改性配方',
    description:
      '采用次磷酸铝/三聚氰胺氰尿酸盐协效阻燃体系，玻纤增强尼龙66阻燃等级达UL94 V-0（0.8mm），灼热丝起燃温度≥775℃，适用于低压电器外壳与连接器。',
    keywords: ['无卤阻燃', '尼龙66', '工程塑料', '低压电器'],
    technicalField: 'new_materials',
    industries: ['nylon_chemicals', 'electrical_manufacturing'],
    trl: 6,
    stage: 'pilot_scale',
    ipItems: [{ kind: 'trade_secret', title: '协效阻燃母粒配方' }],
    transferModes: ['license'],
    priceKind: 'fixed',
    priceFen: 60 * WAN,
    team: [{ name: '陈思雨', role: '工艺工程师' }],
    tags: [],
    daysValid: 365,
    pending: true,
  },
];

export const demoDemands: DemoDemand[] = [
  {
    key: 'dem.breaker-life',
    externalId: 'DEMO-XQ-001',
    organizationKey: 'org.pds-electric',
    title: '高压隔离开关触头镀银层耐磨寿命提升',
    problem: '现有126kV隔离开关触头镀银层在频繁操作后磨损、发热，现场运行3—5年即需检修，亟需提高镀层耐磨性与抗硫化能力。',
    indicators: '镀层硬度≥HV150，机械寿命≥1万次，温升≤50K',
    keywords: ['隔离开关', '触头', '镀银', '耐磨'],
    technicalField: 'advanced_manufacturing',
    industries: ['electrical_manufacturing'],
    budgetMinFen: 50 * WAN,
    budgetMaxFen: 150 * WAN,
    daysToDeadline: 180,
    tags: [],
  },
  {
    key: 'dem.nylon-yarn',
    externalId: 'DEMO-XQ-002',
    organizationKey: 'org.nylon-salt',
    title: '己二腈国产化路线中的催化剂寿命问题（揭榜挂帅）',
    problem: '丁二烯直接氢氰化法制己二腈中镍—膦催化剂失活快、回收率低，制约尼龙66盐原料自主可控。面向全国公开张榜，寻求催化剂配体设计及回收工艺解决方案。',
    indicators: '催化剂单程寿命提升1倍以上，回收率≥95%，己二腈选择性≥97%',
    keywords: ['己二腈', '氢氰化', '镍催化剂', '尼龙66盐'],
    technicalField: 'new_materials',
    industries: ['nylon_chemicals'],
    budgetMinFen: 500 * WAN,
    budgetMaxFen: 1000 * WAN,
    daysToDeadline: 240,
    isChallenge: true,
    rewardFen: 300 * WAN,
    tags: [],
  },
  {
    key: 'dem.battery-recycling',
    externalId: 'DEMO-XQ-003',
    organizationKey: 'org.energy-storage',
    title: '储能电站磷酸铁锂电池健康状态在线评估',
    problem: '储能电站电池簇一致性差异逐年扩大，缺少在线、无损的健康状态（SOH）评估手段，难以及时均衡与更换。',
    indicators: 'SOH估计误差≤3%，支持1000簇以上在线计算',
    keywords: ['储能电站', '磷酸铁锂', '健康状态', '电池管理'],
    technicalField: 'new_energy_efficiency',
    industries: ['new_energy', 'information_technology'],
    budgetMinFen: 80 * WAN,
    budgetMaxFen: 200 * WAN,
    daysToDeadline: 150,
    tags: [],
  },
  {
    key: 'dem.grape-storage',
    externalId: 'DEMO-XQ-004',
    organizationKey: 'org.agri-coop',
    title: '鲜食葡萄产地预冷与保鲜贮藏技术',
    problem: '合作社葡萄集中上市，缺少产地预冷和保鲜设施，采后腐烂率高达15%，需要低成本、易操作的预冷保鲜方案。',
    indicators: '贮藏60天腐烂率≤5%，单吨处理成本≤200元',
    keywords: ['葡萄', '预冷', '保鲜', '冷链'],
    technicalField: 'agriculture',
    industries: ['agriculture'],
    budgetMinFen: 10 * WAN,
    budgetMaxFen: 30 * WAN,
    daysToDeadline: 120,
    tags: ['rural'],
  },
  {
    key: 'dem.precision-casting',
    externalId: 'DEMO-XQ-005',
    organizationKey: 'org.dual-use',
    title: '钛合金薄壁精密铸件缺陷控制',
    problem: '钛合金薄壁结构件熔模精密铸造中易出现冷隔、缩松，合格率约60%，需要工艺仿真与浇注系统优化技术支持。',
    indicators: '铸件合格率≥85%，X射线探伤达到II级',
    keywords: ['钛合金', '精密铸造', '缩松', '工艺仿真'],
    technicalField: 'advanced_manufacturing',
    industries: ['equipment_manufacturing'],
    budgetMinFen: 100 * WAN,
    budgetMaxFen: 300 * WAN,
    daysToDeadline: 200,
    tags: ['dual_use'],
  },
  {
    key: 'dem.parts-vision',
    externalId: 'DEMO-XQ-006',
    organizationKey: 'org.pds-electric-parts',
    title: '电气零部件表面缺陷机器视觉检测',
    problem: '冲压与注塑零部件靠人工目检，漏检率高、效率低，希望引入机器视觉在线检测，兼容多品种小批量生产。',
    indicators: '检出率≥99%，误判率≤1%，节拍≤1秒/件',
    keywords: ['机器视觉', '缺陷检测', '零部件', '智能制造'],
    technicalField: 'electronic_information',
    industries: ['electrical_manufacturing', 'information_technology'],
    budgetMinFen: 30 * WAN,
    budgetMaxFen: 80 * WAN,
    daysToDeadline: 90,
    tags: [],
    pending: true,
  },
];

/** The demo inquiry: the broker writes to the demo enterprise about its demand, through the platform. */
export const demoInquiry = {
  fromUsername: 'broker',
  demandKey: 'dem.breaker-life',
  message: '我中心可对接省内高校电接触材料团队，其银基复合镀层在中压开关上已有应用，可先安排一次技术交流。',
  contact: '湛河技术转移中心 徐明（平台内回复即可）',
};

// ——— Deals (对接) and one matchmaking event (对接会), issue 4 "Matching and deals" ———

export interface DemoDeal {
  key: string;
  achievementExternalId?: string;
  demandExternalId?: string;
  /** Days before seeding the deal started. */
  startedDaysAgo: number;
  /** From the demo event. */
  fromEvent?: boolean;
  /** From the demo inquiry (联系对接) on its demand. */
  fromInquiry?: boolean;
  notes: { text: string; nextStep?: string; dueInDays?: number }[];
  /** How far it got. */
  stage: 'contacting' | 'negotiating' | 'signed' | 'terminated';
  sign?: { amountFen: number; transferMode: TransferMode; licenseYears?: number };
  terminate?: { reason: 'price' | 'technology_unfit'; note: string };
}

/** The broker of every demo deal: the demo account `broker` (徐明 of 湛河技术转移中心), person.xu-ming. */
export const demoDeals: DemoDeal[] = [
  {
    key: 'deal.breaker',
    achievementExternalId: 'DEMO-CG-001',
    demandExternalId: 'DEMO-XQ-001',
    startedDaysAgo: 9,
    fromEvent: true,
    fromInquiry: true,
    notes: [
      { text: '对接会上双方技术负责人初步交流，企业关注机械寿命指标。', nextStep: '安排样机在企业试验站做寿命试验' },
      { text: '样机寿命试验通过，双方就独占许可还是普通许可达成一致：普通许可5年。', nextStep: '起草许可合同并办理技术合同登记', dueInDays: 10 },
    ],
    stage: 'signed',
    sign: { amountFen: 180 * WAN, transferMode: 'license', licenseYears: 5 },
  },
  {
    key: 'deal.nylon',
    achievementExternalId: 'DEMO-CG-002',
    demandExternalId: 'DEMO-XQ-002',
    startedDaysAgo: 8,
    fromEvent: true,
    notes: [{ text: '研究院已提供中试数据，企业要求在自有装置上验证黏度波动。', nextStep: '确定中试验证方案与费用分担', dueInDays: 7 }],
    stage: 'negotiating',
  },
  {
    key: 'deal.battery',
    achievementExternalId: 'DEMO-CG-007',
    demandExternalId: 'DEMO-XQ-003',
    startedDaysAgo: 3,
    notes: [{ text: '已将需求转达中科院过程所团队，等待回复。', nextStep: '电话跟进团队意向', dueInDays: 3 }],
    stage: 'contacting',
  },
  {
    key: 'deal.orchard',
    achievementExternalId: 'DEMO-CG-005',
    demandExternalId: 'DEMO-XQ-004',
    startedDaysAgo: 12,
    notes: [{ text: '合作社预算与许可费差距较大。' }],
    stage: 'terminated',
    terminate: { reason: 'price', note: '合作社预算不足，建议申请乡村振兴项目资金后再议' },
  },
];

export const demoEvent = {
  title: '湛河区电气装备与尼龙新材料技术对接会（演示）',
  kind: 'matchmaking' as const,
  heldDaysAgo: 10,
  place: '湛河区科技创新中心三楼报告厅',
  organizerKey: 'org.tt-zhanhe',
  description: '围绕电气制造、尼龙化工两大主导产业，发布科技成果与企业技术需求，现场一对一洽谈。',
  listings: [
    { kind: 'achievement' as const, externalId: 'DEMO-CG-001' },
    { kind: 'achievement' as const, externalId: 'DEMO-CG-002' },
    { kind: 'demand' as const, externalId: 'DEMO-XQ-001' },
    { kind: 'demand' as const, externalId: 'DEMO-XQ-002' },
  ],
  /** Organizations registered by the operator, and whether they attended. */
  registrations: [
    { organizationKey: 'org.pds-electric', attended: true },
    { organizationKey: 'org.nrd-electric', attended: true },
    { organizationKey: 'org.nrd-nylon', attended: true },
    { organizationKey: 'org.nylon-salt', attended: false },
  ],
};
