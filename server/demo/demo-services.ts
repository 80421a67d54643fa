/**
 * The demo services and finance (plan (七), (十五), (十六)): offerings of the demo agencies, a service
 * request in progress, the 科技支行's two products, a need that one matches with the bank's offer, a
 * licence and an IP-as-equity record. Organizations by their demo keys (demo-data.ts), listings by
 * their external ids (demo-market.ts). Names invented, amounts in fen, rates in basis points.
 */
import type { CollateralKind, FinanceProductKind, ServiceCategory } from '../../common/services-vocabulary.js';
import type { QualificationType } from '../../common/vocabulary.js';

export const demoOfferings: { organizationKey: string; category: ServiceCategory; title: string; description: string; priceTerms: string; contactName?: string; contactPhone?: string }[] = [
  {
    organizationKey: 'org.tt-zhanhe', category: 'transfer', title: '科技成果评价与交易撮合',
    description: '对高校院所科技成果开展技术成熟度评价，在湛河区技术市场挂牌并组织企业对接、洽谈和签约，协助办理技术合同认定登记。',
    priceTerms: '成交后按合同成交额的3%收取服务费，未成交不收费', contactName: '郭鹏', contactPhone: '0375-4961120',
  },
  {
    organizationKey: 'org.tt-zhanhe', category: 'appraisal', title: '技术价值评估咨询',
    description: '为技术转让、许可和作价入股提供技术价值评估咨询意见，出具评估咨询报告，配合资产评估机构完成正式评估。',
    priceTerms: '每项8000元起，按技术复杂程度议价', contactName: '郭鹏', contactPhone: '0375-4961120',
  },
  {
    organizationKey: 'org.ip-agency', category: 'ip', title: '专利申请与布局代理',
    description: '发明、实用新型、外观设计专利申请代理，围绕核心技术开展专利布局和挖掘，代办专利权质押登记。',
    priceTerms: '发明专利每件6000元起，实用新型每件2500元起', contactName: '林晓燕', contactPhone: '0375-3999051',
  },
  {
    organizationKey: 'org.law-firm', category: 'legal', title: '技术合同法律审查',
    description: '技术转让、技术许可、技术开发合同的起草与审查，知识产权权属与侵权风险分析，作价入股协议法律意见。',
    priceTerms: '每份合同2000元；常年法律顾问面议',
  },
  {
    organizationKey: 'org.info-service', category: 'information', title: '科技查新与专利检索分析',
    description: '科技查新、专利检索与专利导航分析，为成果转化和技术引进提供文献情报支撑。',
    priceTerms: '查新每项1500元，专题检索分析报告面议',
  },
  {
    organizationKey: 'org.finance-service', category: 'finance', title: '知识产权质押融资辅导',
    description: '协助科技型企业梳理可质押的知识产权，对接银行知识产权质押贷和政府风险补偿资金，辅导准备融资材料。',
    priceTerms: '融资成功后按放款金额的0.5%收取',
  },
];

export const demoRequest = {
  fromUsername: 'enterprise', requesterKey: 'org.pds-electric', offeringTitle: '科技成果评价与交易撮合', daysAgo: 12,
  title: '引进12kV永磁操动机构技术的评价与撮合',
  description: '拟引进双稳态永磁操动机构技术用于新一代真空断路器，请对成果开展成熟度评价并撮合许可谈判。',
  steps: [
    { to: 'accepted' as const, afterDays: 1, note: '已受理，指派技术经理人徐明跟进' },
    { to: 'in_progress' as const, afterDays: 4, note: '已完成成熟度评价初稿（TRL 6），正在组织双方洽谈' },
  ],
};

export const demoProducts: {
  bankKey: string; name: string; kind: FinanceProductKind; minAmountFen: number; maxAmountFen: number; minRateBp: number; maxRateBp: number;
  minTermMonths: number; maxTermMonths: number; requiredQualifications: QualificationType[]; collateralKinds: CollateralKind[]; description: string;
}[] = [
  {
    bankKey: 'org.bank-tech', name: '鹰城科技·知识产权质押贷', kind: 'ip_pledge_loan', minAmountFen: 50_000_000, maxAmountFen: 1_000_000_000,
    minRateBp: 345, maxRateBp: 430, minTermMonths: 6, maxTermMonths: 36, requiredQualifications: ['high_tech_enterprise'], collateralKinds: ['ip_pledge', 'equity_pledge'],
    description: '以有效发明专利、实用新型专利质押，面向高新技术企业，支持购买技术和成果转化，可申请区科技局风险补偿。',
  },
  {
    bankKey: 'org.bank-tech', name: '鹰城科技·技术合同贷', kind: 'contract_loan', minAmountFen: 20_000_000, maxAmountFen: 500_000_000,
    minRateBp: 360, maxRateBp: 450, minTermMonths: 6, maxTermMonths: 24, requiredQualifications: [], collateralKinds: ['receivables', 'ip_pledge'],
    description: '以已认定登记的技术合同为依据，按合同成交额的一定比例授信，支持技术合同履行期间的资金需求。',
  },
];

export const demoNeed = {
  organizationKey: 'org.pds-electric', daysAgo: 8, achievementExternalId: 'DEMO-CG-001',
  title: '受让永磁操动机构专利许可及中试线建设', amountFen: 300_000_000, purpose: 'buy_technology' as const, termMonths: 24,
  collateralKinds: ['ip_pledge'] as CollateralKind[],
  description: '拟获得双稳态永磁操动机构专利许可并建设中试线，需融资300万元，以企业自有发明专利质押。',
  offer: { productName: '鹰城科技·知识产权质押贷', afterDays: 3, amountFen: 300_000_000, rateBp: 385, termMonths: 24, note: '已完成专利价值初评，可按3.85%年利率授信300万元' },
};

export const demoIpRecords = [
  {
    kind: 'license' as const, ipKind: 'patent' as const, ipNumber: 'ZL202110356712.4', ipTitle: '一种双稳态永磁操动机构', fromKey: 'org.nrd-electric', toKey: 'org.pds-electric',
    licenseScope: 'ordinary' as const, startsDaysAgo: 40, years: 5, amountFen: 80_000_000, achievementExternalId: 'DEMO-CG-001',
    note: '普通许可，许可费分三期支付',
  },
  {
    kind: 'equity' as const, ipKind: 'patent' as const, ipNumber: 'ZL202010998731.2', ipTitle: '尼龙66切片连续固相增黏方法', fromKey: 'org.nrd-nylon', toKey: 'org.nylon-yarn',
    startsDaysAgo: 120, amountFen: 600_000_000, equityShareBp: 1200, achievementExternalId: 'DEMO-CG-002',
    note: '专利作价600万元入股，占注册资本12%',
  },
];
