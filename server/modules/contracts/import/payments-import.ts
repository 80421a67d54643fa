/**
 * Import kind `payments`: the money actually paid on registered contracts (到账), one row per
 * invoice. Rows with the same contract, date and voucher number form one payment (a payment evidenced
 * by several invoices); a row without a voucher number is a payment of its own. A payment already
 * recorded (same contract, date, amount and voucher number) is "unchanged".
 */
import { z } from 'zod';
import { isoDate } from '../../../../common/registry-schema.js';
import type { ErrorDetail } from '../../../errors.js';
import { type ImportKind, type ValidRow, heldElsewhere, invalid, optional, parseBoolean } from '../../registry/import/import-table.js';
import { checkInvoiceNumber } from '../invoice.js';
import { insertPayment } from '../payments.js';
import { findContractByRegistrationNumber } from '../repo.js';
import { registrationNumber } from '../schema.js';
import { rowError, yuanCell, yuanField } from './shared.js';

const importSchema = z
  .strictObject({
    registrationNumber,
    paidOn: isoDate,
    amountFen: yuanField.refine((n) => n > 0, { message: '付款金额应大于0' }),
    voucherNumber: z.string().trim().max(60).optional(),
    invoiceCode: z.string().trim().optional(),
    invoiceNumber: z.string().trim().optional(),
    invoiceDate: isoDate.optional(),
    invoiceAmountFen: yuanField.optional(),
    invoiceNamesContract: z.boolean({ message: '应填“是”或“否”' }).default(false),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    const any = v.invoiceCode || v.invoiceNumber || v.invoiceDate || v.invoiceAmountFen !== undefined;
    if (!any) return;
    if (!v.invoiceNumber) return issue('invoiceNumber', '填写发票信息时须填写发票号码');
    const check = checkInvoiceNumber(v.invoiceNumber, v.invoiceCode);
    if (!check.ok) issue(check.field === 'code' ? 'invoiceCode' : 'invoiceNumber', check.message);
    if (!v.invoiceDate) issue('invoiceDate', '填写发票时须填写开票日期');
    if (v.invoiceAmountFen === undefined) issue('invoiceAmountFen', '填写发票时须填写发票金额');
  });
type Row = z.infer<typeof importSchema>;

const FIELD_COLUMN: Record<string, string> = {
  registrationNumber: 'registration_number', paidOn: 'paid_on', amountFen: 'amount', voucherNumber: 'voucher_number',
  invoiceCode: 'invoice_code', invoiceNumber: 'invoice_number', invoiceDate: 'invoice_date', invoiceAmountFen: 'invoice_amount',
  invoiceNamesContract: 'invoice_names_contract', note: 'note',
};

const COLUMNS = [
  { key: 'registration_number', zh: '合同登记编号', en: 'registration_number', required: true, description: '付款所属合同的登记编号（16位，旧编号14位）；合同须已登记或已先导入', example: '2025410411000101' },
  { key: 'paid_on', zh: '付款日期', en: 'paid_on', required: true, description: 'YYYY-MM-DD（到账日期）', example: '2025-05-20' },
  { key: 'amount', zh: '付款金额（元）', en: 'amount', required: true, description: '元，最多两位小数，大于0', example: '300000' },
  { key: 'voucher_number', zh: '转账凭证号', en: 'voucher_number', description: '银行转账凭证（回单）编号；同一合同、同一日期、同一凭证号的多行是同一笔付款的多张发票', example: 'HD20250520001' },
  { key: 'invoice_code', zh: '发票代码', en: 'invoice_code', description: '旧版发票的10位或12位代码；全电发票不填', example: '' },
  { key: 'invoice_number', zh: '发票号码', en: 'invoice_number', description: '全电发票20位号码；旧版发票8位号码（须同时填写发票代码）', example: '25412000000012345678' },
  { key: 'invoice_date', zh: '开票日期', en: 'invoice_date', description: 'YYYY-MM-DD（填写发票时必填）', example: '2025-05-18' },
  { key: 'invoice_amount', zh: '发票金额（元）', en: 'invoice_amount', description: '元，最多两位小数（填写发票时必填）', example: '300000' },
  { key: 'invoice_names_contract', zh: '发票注明合同', en: 'invoice_names_contract', description: '发票上是否注明合同名称或登记编号：是/否（默认否）', example: '是' },
  { key: 'note', zh: '备注', en: 'note', description: '付款备注', example: '首付款' },
];

export const paymentsImport: ImportKind<Row> = {
  kind: 'payments',
  title: '付款记录',
  columns: COLUMNS,
  schema: importSchema as unknown as z.ZodType<Row>,
  toInput(c) {
    return {
      registrationNumber: c.registration_number ?? '',
      paidOn: c.paid_on ?? '',
      amountFen: yuanCell(c.amount) ?? '',
      voucherNumber: optional(c.voucher_number),
      invoiceCode: optional(c.invoice_code),
      invoiceNumber: optional(c.invoice_number),
      invoiceDate: optional(c.invoice_date),
      invoiceAmountFen: yuanCell(c.invoice_amount),
      invoiceNamesContract: parseBoolean(c.invoice_names_contract),
      note: optional(c.note),
    };
  },
  columnOf: (path) => FIELD_COLUMN[String(path[0])],
  naturalKey: (v) => `${v.registrationNumber} / ${v.paidOn} / ${v.voucherNumber ?? '-'} / ${v.invoiceCode ?? ''}${v.invoiceNumber ?? '-'}`,

  async apply(ctx, trx, rows, progress) {
    const details: ErrorDetail[] = [];
    const contracts = new Map<string, string>(); // registration number → contract id
    const holders = new Map<string, string>(); // registration number → the jurisdiction holding the contract
    for (const number of new Set(rows.map((r) => r.value.registrationNumber))) {
      const c = await findContractByRegistrationNumber(trx, number);
      if (c) {
        contracts.set(number, c.id);
        holders.set(number, c.jurisdiction_code);
      }
    }
    // Rows → payments: same contract + date + voucher number is one payment.
    const groups = new Map<string, ValidRow<Row>[]>();
    for (const r of rows) {
      const v = r.value;
      if (!contracts.has(v.registrationNumber)) {
        details.push({ line: r.line, column: '合同登记编号', value: v.registrationNumber, reason: '没有该登记编号的合同：须已登记，或先导入技术合同' });
        continue;
      }
      // A payment changes the contract's subsidy base: only the jurisdiction holding the contract records it.
      const refused = heldElsewhere(ctx, { line: r.line, column: '合同登记编号', value: v.registrationNumber }, holders.get(v.registrationNumber)!, '该合同');
      if (refused) {
        details.push(refused);
        continue;
      }
      const key = v.voucherNumber ? `${v.registrationNumber}/${v.paidOn}/${v.voucherNumber}` : `line:${r.line}`;
      const list = groups.get(key) ?? [];
      if (list.length && list[0]!.value.amountFen !== v.amountFen) {
        details.push({ line: r.line, column: '付款金额（元）', value: String(v.amountFen / 100), reason: `与第 ${list[0]!.line} 行是同一笔付款（同一合同、日期和转账凭证号），付款金额须相同` });
        continue;
      }
      list.push(r);
      groups.set(key, list);
    }
    const counts = { created: 0, updated: 0, unchanged: 0 };
    let done = 0;
    for (const group of groups.values()) {
      const first = group[0]!.value;
      const contractId = contracts.get(first.registrationNumber)!;
      done += group.length;
      await progress(done, rows.length);
      let q = trx
        .selectFrom('contract_payment')
        .select('id')
        .where('contract_id', '=', contractId)
        .where('paid_on', '=', first.paidOn)
        .where('amount_fen', '=', first.amountFen);
      q = first.voucherNumber ? q.where('voucher_number', '=', first.voucherNumber) : q.where('voucher_number', 'is', null);
      if (await q.executeTakeFirst()) {
        counts.unchanged += group.length;
        continue;
      }
      if (details.length) continue; // nothing will be written; only look for more errors
      try {
        await insertPayment(ctx, trx, contractId, {
          paidOn: first.paidOn,
          amountFen: first.amountFen,
          voucherNumber: first.voucherNumber,
          note: first.note,
          invoices: group
            .filter((r) => r.value.invoiceNumber)
            .map((r) => ({
              code: r.value.invoiceCode, number: r.value.invoiceNumber!, issuedOn: r.value.invoiceDate!, amountFen: r.value.invoiceAmountFen!, namesContract: r.value.invoiceNamesContract,
            })),
        });
        counts.created += group.length;
      } catch (error) {
        // invoices.N.number → the row of the N-th invoice of the group
        const withInvoice = group.filter((r) => r.value.invoiceNumber);
        const field = error instanceof Error && 'options' in error ? ((error as { options: { field?: string } }).options.field ?? '') : '';
        const m = /^invoices\.(\d+)\./.exec(field);
        const row = m ? (withInvoice[Number(m[1])] ?? group[0]!) : group[0]!;
        const columnOf = (f: string) => (f === 'paidOn' ? '付款日期' : /^invoices\.\d+\.issuedOn$/.test(f) ? '开票日期' : f.startsWith('invoices') ? '发票号码' : '付款金额（元）');
        const valueOf = (f: string) => (f === 'paidOn' ? row.value.paidOn : /^invoices\.\d+\.issuedOn$/.test(f) ? row.value.invoiceDate : row.value.invoiceNumber);
        details.push(rowError(error, row.line, columnOf, valueOf));
      }
    }
    if (details.length) throw invalid(details);
    return counts;
  },
};
