/**
 * The subsidy engine's words, shared by server and web: exclusion reasons, payment notes, rule
 * roles and base kinds, each with its Chinese label. A policy may define a new exclusion reason
 * with its own label; these are the ones every policy can use without one.
 */

export const EXCLUSION_REASON_LABELS: Record<string, string> = {
  credit_record: '有在效的失信等信用记录，按政策不予奖补',
  not_registered: '未在全国技术合同登记系统登记',
  outside_registration_window: '登记日期不在政策规定的期间内',
  type_not_eligible: '合同类型不在支持范围',
  license_term_too_short: '许可期限不足',
  seller_not_eligible: '卖方不符合条件（如新型研发机构未备案）',
  buyer_not_eligible: '买方不符合条件',
  parties_not_eligible: '买卖双方类型不符合条件',
  beneficiary_not_recognized: '受益单位不具备所需认定（如示范机构）',
  buyer_not_in_district: '买方不在本区',
  buyer_not_in_city: '买方不在本市',
  buyer_not_in_province: '买方不在本省',
  seller_in_city: '卖方在市内（非市外成果）',
  seller_in_province: '卖方在省内（非省外成果）',
  seller_not_in_district: '卖方不在本区',
  seller_not_in_city: '卖方不在市内',
  seller_not_in_province: '卖方不在省内',
  beneficiary_not_local: '受益方不在本辖区',
  not_implemented_in_district: '未在本区实施',
  not_implemented_in_city: '未在本市实施',
  not_implemented_in_province: '未在本省实施',
  not_local: '买卖双方及实施地均不在本区',
  below_threshold: '合同金额未达到起点',
  related_party: '买卖双方为关联方',
  already_funded: '已获市级以上财政经费支持',
  fiscal_funds: '使用财政资金购买或属政府项目',
  no_registration_office: '无登记机构',
  no_evidenced_turnover: '上年度无有凭证和发票的到账额',
};

export const PAYMENT_NOTE_LABELS: Record<string, string> = {
  no_voucher: '无转账凭证，不计',
  no_invoice: '无发票，不计',
  invoice_below_amount: '按发票金额计',
  invoice_not_naming_contract: '发票未载明合同名称或编号，不计',
  contract_amount_reached: '累计已达合同限额，超出部分不计',
  before_base_year: '不在基准年度（此前年度，占用合同限额）',
  after_base_year: '不在基准年度（此后年度）',
};

export const ROLE_LABELS: Record<string, string> = {
  buyer: '买方',
  seller: '卖方',
  broker: '技术经纪人',
  third_party: '合同第三方',
  registration_office: '技术合同登记机构',
  organization: '单位',
};

export const BASE_LABELS: Record<string, string> = {
  received: '基准年度有凭证和发票的到账额（按成交额计）',
  received_tech: '基准年度到账额按技术交易额占成交额比例折算',
  received_within_tech: '基准年度到账额（累计不超过技术交易额）',
  registered_amount: '基准年度登记合同的成交额',
  registered_tech_amount: '基准年度登记合同的技术交易额',
};

export const reasonLabel = (code: string, custom?: Record<string, string>): string =>
  custom?.[code] ?? EXCLUSION_REASON_LABELS[code] ?? code;
