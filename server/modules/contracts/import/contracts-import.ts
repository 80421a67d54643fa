/**
 * Import kind `contracts`: registered contracts as the national registration system holds them, one
 * row per contract, identified by 合同登记编号. Parties, third parties and the registering office are
 * referred to by credit code (USCC), brokers by resident ID number (as the people import). A contract
 * already registered with the same number and the same content is "unchanged"; with other content the
 * row is an error (a registered contract changes by 变更登记, on its page).
 */
import { z } from 'zod';
import { divisionCode, isoDate, residentIdField, usccField } from '../../../../common/registry-schema.js';
import { maskResidentId } from '../../../../common/resident-id.js';
import {
  CONTRACT_SUBTYPES,
  CONTRACT_TYPES,
  FUNDING_LEVELS,
  IP_KINDS,
  LICENSE_SCOPES,
  TECH_FIELDS,
} from '../../../../common/vocabulary.js';
import type { ErrorDetail } from '../../../errors.js';
import { inChunks } from '../../../db/in-chunks.js';
import { type ImportKind, fromLabel, heldElsewhere, invalid, lookUpOrganizations, optional, parseBoolean, parseNumber, splitList } from '../../registry/import/import-table.js';
import { insertContract } from '../contracts.js';
import { childrenOf, findContractByRegistrationNumber } from '../repo.js';
import { registrationNumber, type ContractInput } from '../schema.js';
import { yuanText } from '../money.js';
import { rowError, splitPairs, yuanCell, yuanField } from './shared.js';

const options = (t: Record<string, string>) => Object.values(t).join('、');

const importSchema = z.strictObject({
  name: z.string().trim().min(2, { message: '合同名称至少2个字' }).max(200),
  type: z.enum(CONTRACT_TYPES.values, { message: `合同类别应为：${options(CONTRACT_TYPES.table)}` }),
  subtype: z.enum(CONTRACT_SUBTYPES.values, { message: `合同子类应为：${options(CONTRACT_SUBTYPES.table)}` }),
  licenseScope: z.enum(LICENSE_SCOPES.values, { message: `许可方式应为：${options(LICENSE_SCOPES.table)}` }).optional(),
  licenseYears: z.number({ message: '许可年限应为整数' }).int({ message: '许可年限应为整数' }).min(1).max(99).optional(),
  sellerUscc: z.array(usccField).min(1, { message: '至少一个卖方' }).max(20),
  buyerUscc: z.array(usccField).min(1, { message: '至少一个买方' }).max(20),
  signedOn: isoDate,
  termStart: isoDate.optional(),
  termEnd: isoDate.optional(),
  amountFen: yuanField,
  materialsFen: yuanField.default(0),
  equipmentFen: yuanField.default(0),
  componentsFen: yuanField.default(0),
  otherFen: yuanField.default(0),
  techAmountFen: yuanField.optional(),
  techField: z.enum(TECH_FIELDS.values, { message: `技术领域应为：${Object.values(TECH_FIELDS.table).join('、')}` }),
  ipItems: z.array(z.strictObject({
    kind: z.enum(IP_KINDS.values, { message: `知识产权类型应为：${Object.values(IP_KINDS.table).join('、')}` }),
    number: z.string().min(1, { message: '知识产权应写作“类型:编号”' }).max(60),
  })),
  registrationNumber,
  registeredOn: isoDate,
  officeUscc: usccField,
  implementationDivision: divisionCode.optional(),
  brokers: z.array(z.strictObject({
    idNumber: residentIdField,
    share: z.number({ message: '技术经纪人份额应为正数，如 身份证号:0.5' }).gt(0, { message: '份额应为正数' }).max(10_000),
  })),
  thirdParties: z.array(z.strictObject({ uscc: usccField, role: z.string().min(1, { message: '第三方应写作“统一社会信用代码:作用”' }).max(100) })),
  declaredRelated: z.boolean({ message: '应填“是”或“否”' }).default(false),
  fiscalFunded: z.boolean({ message: '应填“是”或“否”' }).default(false),
  funding: z.array(z.strictObject({
    level: z.enum(FUNDING_LEVELS.values, { message: `资助级别应为：${Object.values(FUNDING_LEVELS.table).join('、')}` }),
    programme: z.string().min(1, { message: '其他财政资助应写作“级别:项目名称:金额（元）”' }).max(100),
    amountFen: yuanField,
  })),
});
type Row = z.infer<typeof importSchema>;

const FIELD_COLUMN: Record<string, string> = {
  name: 'name', type: 'type', subtype: 'subtype', licenseScope: 'license_scope', licenseYears: 'license_years',
  sellerUscc: 'seller_uscc', buyerUscc: 'buyer_uscc', signedOn: 'signed_on', termStart: 'term_start', termEnd: 'term_end',
  amountFen: 'amount', materialsFen: 'materials', equipmentFen: 'equipment', componentsFen: 'components', otherFen: 'other_costs',
  techAmountFen: 'tech_amount', techField: 'tech_field', ipItems: 'ip', registrationNumber: 'registration_number',
  registeredOn: 'registered_on', officeUscc: 'registration_office_uscc', implementationDivision: 'implementation_division',
  brokers: 'brokers', thirdParties: 'third_parties', declaredRelated: 'declared_related', fiscalFunded: 'fiscal_funded', funding: 'funding',
};

/** A use case's field (e.g. `sellers.0.organizationId`) → the file's column key. */
const USE_CASE_FIELD: Record<string, string> = {
  sellers: 'seller_uscc', buyers: 'buyer_uscc', thirdParties: 'third_parties', brokers: 'brokers', deductions: 'materials',
  registrationOfficeId: 'registration_office_uscc', subtype: 'subtype', licenseScope: 'license_scope', licenseYears: 'license_years',
  termEnd: 'term_end', techAmountFen: 'tech_amount', implementationDivision: 'implementation_division',
  registrationNumber: 'registration_number', registeredOn: 'registered_on', signedOn: 'signed_on', termStart: 'term_start',
};

const COLUMNS = [
  { key: 'name', zh: '合同名称', en: 'name', required: true, description: '合同（项目）名称', example: '大功率电机绕组工艺技术转让' },
  { key: 'type', zh: '合同类别', en: 'type', required: true, description: `填写其一：${options(CONTRACT_TYPES.table)}`, example: '技术转让' },
  { key: 'subtype', zh: '合同子类', en: 'subtype', required: true, description: `须属于合同类别：${options(CONTRACT_SUBTYPES.table)}`, example: '专利权转让' },
  { key: 'license_scope', zh: '许可方式', en: 'license_scope', description: `技术许可合同必填，其他类别不填：${options(LICENSE_SCOPES.table)}`, example: '独占' },
  { key: 'license_years', zh: '许可年限', en: 'license_years', description: '技术许可合同必填：整数年', example: '5' },
  { key: 'seller_uscc', zh: '卖方统一社会信用代码', en: 'seller_uscc', required: true, description: '卖方（技术开发方、让与方、许可方、顾问方、服务方）；多个用分号分隔；须已登记', example: '12410000MB0D00011E' },
  { key: 'buyer_uscc', zh: '买方统一社会信用代码', en: 'buyer_uscc', required: true, description: '买方；多个用分号分隔；须已登记；同一机构不能既是卖方又是买方', example: '91410411MA9DE001XQ' },
  { key: 'signed_on', zh: '签订日期', en: 'signed_on', required: true, description: 'YYYY-MM-DD', example: '2025-03-10' },
  { key: 'term_start', zh: '有效期起', en: 'term_start', description: 'YYYY-MM-DD', example: '2025-03-10' },
  { key: 'term_end', zh: '有效期止', en: 'term_end', description: 'YYYY-MM-DD，不早于有效期起', example: '2027-03-09' },
  { key: 'amount', zh: '成交额（元）', en: 'amount', required: true, description: '合同成交额，元，最多两位小数（按分保存）', example: '800000' },
  { key: 'materials', zh: '材料费（元）', en: 'materials', description: '非技术性费用：材料费', example: '0' },
  { key: 'equipment', zh: '设备仪器费（元）', en: 'equipment', description: '非技术性费用：设备、仪器费', example: '50000' },
  { key: 'components', zh: '零部件费（元）', en: 'components', description: '非技术性费用：零部件费', example: '0' },
  { key: 'other_costs', zh: '其他非技术性费用（元）', en: 'other_costs', description: '非技术性费用：其他', example: '0' },
  { key: 'tech_amount', zh: '技术交易额（元）', en: 'tech_amount', description: '可不填（按成交额减去非技术性费用计算）；填写时须等于该差额', example: '750000' },
  { key: 'tech_field', zh: '技术领域', en: 'tech_field', required: true, description: `全国技术市场统计的11个技术领域之一：${Object.values(TECH_FIELDS.table).join('、')}`, example: '先进制造' },
  { key: 'ip', zh: '知识产权', en: 'ip', description: `“类型:编号”，多个用分号分隔；类型：${Object.values(IP_KINDS.table).join('、')}`, example: '专利:ZL202210123456.7' },
  { key: 'registration_number', zh: '合同登记编号', en: 'registration_number', required: true, description: '16位数字（旧编号14位）；识别键', example: '2025410411000101' },
  { key: 'registered_on', zh: '登记日期', en: 'registered_on', required: true, description: 'YYYY-MM-DD，不早于签订日期', example: '2025-04-02' },
  { key: 'registration_office_uscc', zh: '登记机构统一社会信用代码', en: 'registration_office_uscc', required: true, description: '技术合同登记机构；须已登记', example: '11410411MB1D0001XR' },
  { key: 'implementation_division', zh: '实施地行政区划代码', en: 'implementation_division', description: '6位 GB/T 2260 代码', example: '410411' },
  { key: 'brokers', zh: '技术经纪人', en: 'brokers', description: '“身份证号码:份额”，份额可省略（默认1），多个用分号分隔；人员须已登记', example: '410411199008250521:1' },
  { key: 'third_parties', zh: '第三方', en: 'third_parties', description: '“统一社会信用代码:作用”，多个用分号分隔；机构须已登记', example: '' },
  { key: 'declared_related', zh: '申报关联交易', en: 'declared_related', description: '是/否（默认否）', example: '否' },
  { key: 'fiscal_funded', zh: '财政资金支付', en: 'fiscal_funded', description: '是否以财政资金支付或属政府项目：是/否（默认否）', example: '否' },
  { key: 'funding', zh: '其他财政资助', en: 'funding', description: `“级别:项目名称:金额（元）”，多个用分号分隔；级别：${Object.values(FUNDING_LEVELS.table).join('、')}`, example: '' },
];

export const contractsImport: ImportKind<Row> = {
  kind: 'contracts',
  title: '技术合同',
  columns: COLUMNS,
  schema: importSchema as unknown as z.ZodType<Row>,
  toInput(c) {
    const label = (table: Record<string, string>, text: string | undefined) => (optional(text) === undefined ? undefined : fromLabel(table, text!));
    return {
      name: c.name ?? '',
      type: label(CONTRACT_TYPES.table, c.type) ?? '',
      subtype: label(CONTRACT_SUBTYPES.table, c.subtype) ?? '',
      licenseScope: label(LICENSE_SCOPES.table, c.license_scope),
      licenseYears: parseNumber(c.license_years),
      sellerUscc: splitList(c.seller_uscc),
      buyerUscc: splitList(c.buyer_uscc),
      signedOn: c.signed_on ?? '',
      termStart: optional(c.term_start),
      termEnd: optional(c.term_end),
      amountFen: yuanCell(c.amount) ?? '',
      materialsFen: yuanCell(c.materials),
      equipmentFen: yuanCell(c.equipment),
      componentsFen: yuanCell(c.components),
      otherFen: yuanCell(c.other_costs),
      techAmountFen: yuanCell(c.tech_amount),
      techField: label(TECH_FIELDS.table, c.tech_field) ?? '',
      ipItems: splitPairs(c.ip).map(([kind, ...rest]) => ({ kind: fromLabel(IP_KINDS.table, kind ?? ''), number: rest.join(':') })),
      registrationNumber: c.registration_number ?? '',
      registeredOn: c.registered_on ?? '',
      officeUscc: c.registration_office_uscc ?? '',
      implementationDivision: optional(c.implementation_division),
      brokers: splitPairs(c.brokers).map(([idNumber, share]) => ({ idNumber: idNumber ?? '', share: share ? parseNumber(share) : 1 })),
      thirdParties: splitPairs(c.third_parties).map(([uscc, ...role]) => ({ uscc: uscc ?? '', role: role.join(':') })),
      declaredRelated: parseBoolean(c.declared_related),
      fiscalFunded: parseBoolean(c.fiscal_funded),
      funding: splitPairs(c.funding).map(([level, programme, amount]) => ({
        level: fromLabel(FUNDING_LEVELS.table, level ?? ''), programme: programme ?? '', amountFen: yuanCell(amount) ?? '',
      })),
    };
  },
  columnOf: (path) => FIELD_COLUMN[String(path[0])],
  naturalKey: (v) => v.registrationNumber,

  async apply(ctx, trx, rows, progress) {
    const { byCode, missing: details } = await lookUpOrganizations(trx, rows, (v) => [
      ...v.sellerUscc.map((code) => ({ code, column: '卖方统一社会信用代码', reason: '卖方机构未登记：须已在系统中，或先导入机构' })),
      ...v.buyerUscc.map((code) => ({ code, column: '买方统一社会信用代码', reason: '买方机构未登记：须已在系统中，或先导入机构' })),
      ...v.thirdParties.map((t) => ({ code: t.uscc, column: '第三方', reason: '第三方机构未登记：须已在系统中，或先导入机构' })),
      { code: v.officeUscc, column: '登记机构统一社会信用代码', reason: '登记机构未登记：须已在系统中，或先导入机构' },
    ]);
    const digests = [...new Set(rows.flatMap((r) => r.value.brokers.map((b) => ctx.protector.digest(b.idNumber))))];
    const people = await inChunks(digests, 500, (chunk) => trx.selectFrom('person').select(['id', 'id_number_digest']).where('id_number_digest', 'in', chunk).execute());
    const personOf = new Map(people.map((p) => [p.id_number_digest, p.id]));
    for (const r of rows) {
      for (const b of r.value.brokers) {
        if (!personOf.has(ctx.protector.digest(b.idNumber))) {
          details.push({ line: r.line, column: '技术经纪人', value: maskResidentId(b.idNumber), reason: '技术经纪人未登记：须已在系统中，或先导入人员' });
        }
      }
    }
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const columnName = (key: string) => COLUMNS.find((c) => c.key === key)?.zh ?? key;
    let done = 0;
    for (const r of rows) {
      done += 1;
      if (done % 200 === 0) await progress(done, rows.length);
      const v = r.value;
      if (details.some((d) => d.line === r.line)) continue;
      const orgId = (code: string) => byCode.get(code)!.id;
      const input: ContractInput = {
        name: v.name, type: v.type, subtype: v.subtype, licenseScope: v.licenseScope, licenseYears: v.licenseYears,
        sellers: v.sellerUscc.map((code) => ({ organizationId: orgId(code) })),
        buyers: v.buyerUscc.map((code) => ({ organizationId: orgId(code) })),
        signedOn: v.signedOn, termStart: v.termStart, termEnd: v.termEnd,
        amountFen: v.amountFen, techAmountFen: v.techAmountFen,
        deductions: { materialsFen: v.materialsFen, equipmentFen: v.equipmentFen, componentsFen: v.componentsFen, otherFen: v.otherFen },
        techField: v.techField, ipItems: v.ipItems, implementationDivision: v.implementationDivision,
        brokers: v.brokers.map((b) => ({ personId: personOf.get(ctx.protector.digest(b.idNumber))!, share: b.share })),
        thirdParties: v.thirdParties.map((t) => ({ organizationId: orgId(t.uscc), role: t.role })),
        declaredRelated: v.declaredRelated, fiscalFunded: v.fiscalFunded, funding: v.funding,
      };
      const existing = await findContractByRegistrationNumber(trx, v.registrationNumber);
      const refused = existing && heldElsewhere(ctx, { line: r.line, column: '合同登记编号', value: v.registrationNumber }, existing.jurisdiction_code, '该合同');
      if (refused) {
        details.push(refused);
        continue;
      }
      if (existing) {
        if (await sameContract(trx, existing, input, v)) {
          counts.unchanged++;
        } else {
          details.push({ line: r.line, column: '合同登记编号', value: v.registrationNumber, reason: '该登记编号的合同已存在且内容不同；已登记合同请在合同页面办理变更登记' });
        }
        continue;
      }
      try {
        await insertContract(ctx, trx, input, { registration: { registrationNumber: v.registrationNumber, registeredOn: v.registeredOn, registrationOfficeId: orgId(v.officeUscc) } });
        counts.created++;
      } catch (error) {
        const detail: ErrorDetail = rowError(
          error,
          r.line,
          (field) => columnName(USE_CASE_FIELD[field.split('.')[0]!] ?? FIELD_COLUMN[field.split('.')[0]!] ?? 'name'),
          (field) => {
            const key = USE_CASE_FIELD[field.split('.')[0]!];
            const entry = Object.entries(FIELD_COLUMN).find(([, col]) => col === key);
            const value = entry ? (v as Record<string, unknown>)[entry[0]] : undefined;
            if (value === undefined) return undefined;
            if (typeof value === 'number' && entry![0].endsWith('Fen')) return yuanText(value);
            return typeof value === 'string' ? value : JSON.stringify(value);
          },
        );
        details.push(detail);
      }
    }
    if (details.length) throw invalid(details);
    return counts;
  },
};

/** Whether a stored contract says what the row says (the fields an import sets). */
async function sameContract(trx: Parameters<typeof findContractByRegistrationNumber>[0], row: NonNullable<Awaited<ReturnType<typeof findContractByRegistrationNumber>>>, input: ContractInput, v: Row): Promise<boolean> {
  const { parties, brokers } = (await childrenOf(trx, [row.id])).get(row.id)!;
  const ids = (side: string) => parties.filter((p) => p.side === side).map((p) => p.organization_id).join(',');
  return (
    row.name === input.name && row.type === input.type && row.subtype === input.subtype && row.signed_on === input.signedOn &&
    Number(row.amount_fen) === input.amountFen && row.registered_on === v.registeredOn && row.tech_field === input.techField &&
    ids('seller') === input.sellers.map((p) => ('organizationId' in p ? p.organizationId : '')).join(',') &&
    ids('buyer') === input.buyers.map((p) => ('organizationId' in p ? p.organizationId : '')).join(',') &&
    brokers.length === input.brokers.length
  );
}
