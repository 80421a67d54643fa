/**
 * The payments ledger of a contract (到账): each payment with its bank transfer voucher (转账凭证)
 * and invoices (发票). What the subsidy rules count is "evidenced" money: a payment with a voucher,
 * counted at most at its invoiced amount.
 */
import type { Payment } from '../../../common/contract-api.js';
import type { Actor, Clock, Ctx, Executor } from '../../context.js';
import { checkFactDate } from './fact-dates.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertReachesContract, canReach, loadContractFor } from './contracts.js';
import { assertMayAttach } from './evidence.js';
import { groupedYuanText } from './money.js';
import { checkInvoiceNumber } from './invoice.js';
import { type InvoiceRow, type PaymentRow, findContractById, invoicesOf, paymentsOf } from './repo.js';
import type { PaymentInput, PaymentUpdate } from './schema.js';

export function presentPayment(p: PaymentRow, invoices: InvoiceRow[]): Payment {
  const list = invoices.map((i) => ({
    code: i.code, number: i.number, issuedOn: i.issued_on, amountFen: Number(i.amount_fen), namesContract: i.names_contract === 1, fileHash: i.file_hash,
  }));
  return {
    id: p.id,
    contractId: p.contract_id,
    paidOn: p.paid_on,
    amountFen: Number(p.amount_fen),
    voucherNumber: p.voucher_number,
    voucherFileHash: p.voucher_file_hash,
    hasVoucher: !!(p.voucher_number || p.voucher_file_hash),
    invoices: list,
    invoicedFen: list.reduce((sum, i) => sum + i.amountFen, 0),
    invoiceNamesContract: list.length > 0 && list.every((i) => i.namesContract),
    note: p.note,
    version: p.version,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

export async function loadPayments(db: Executor, contractIds: string[]): Promise<Payment[]> {
  const payments = await paymentsOf(db, contractIds);
  const invoices = await invoicesOf(db, payments.map((p) => p.id));
  return payments.map((p) => presentPayment(p, invoices.filter((i) => i.payment_id === p.id)));
}

/** Checks invoices and evidence references; every error names its field. */
async function checkPayment(db: Executor, actor: Actor, clock: Clock, input: PaymentInput, before: Payment | null): Promise<void> {
  const fail = (field: string, message: string) => new AppError('VALIDATION', message, { field });
  const paymentId = before?.id ?? null;
  checkFactDate(clock, 'paidOn', '付款日期', input.paidOn);
  for (const [i, inv] of input.invoices.entries()) checkFactDate(clock, `invoices.${i}.issuedOn`, '开票日期', inv.issuedOn);
  // Files this payment already names stay attachable; any other must be the actor's own upload.
  const kept = before ? [before.voucherFileHash, ...before.invoices.map((i) => i.fileHash)].filter((h): h is string => !!h) : [];
  if (input.voucherFileHash) await assertMayAttach(db, actor, 'voucherFileHash', input.voucherFileHash, '转账凭证', kept);
  const seen = new Set<string>();
  for (const [i, inv] of input.invoices.entries()) {
    const check = checkInvoiceNumber(inv.number, inv.code);
    if (!check.ok) throw fail(`invoices.${i}.${check.field}`, check.message);
    const key = `${inv.code ?? ''}/${inv.number}`;
    if (seen.has(key)) throw fail(`invoices.${i}.number`, '同一张发票重复填写');
    seen.add(key);
    if (inv.fileHash) await assertMayAttach(db, actor, `invoices.${i}.fileHash`, inv.fileHash, '发票', kept);
    // One invoice evidences one payment: the same invoice on another payment would count twice.
    let q = db
      .selectFrom('contract_invoice as i')
      .innerJoin('contract_payment as p', 'p.id', 'i.payment_id')
      .innerJoin('contract as c', 'c.id', 'p.contract_id')
      .select(['c.id', 'c.name', 'p.paid_on'])
      .where('i.number', '=', inv.number);
    q = inv.code ? q.where('i.code', '=', inv.code) : q.where('i.code', 'is', null);
    if (paymentId) q = q.where('i.payment_id', '!=', paymentId);
    const used = await q.executeTakeFirst();
    if (used) {
      // Name the other contract only to who may read it: anyone else learns that the number is taken, not whose it is.
      const other = await findContractById(db, used.id);
      const readable = other && (await canReach(db, actor, 'contracts.contract.read', other));
      throw new AppError('CONFLICT', readable
        ? `发票 ${inv.number} 已登记在合同“${used.name}”${used.paid_on} 的付款上`
        : `发票 ${inv.number} 已登记在其他合同的付款上，同一张发票不能重复登记`, { field: `invoices.${i}.number` });
    }
  }
}

function invoiceRows(paymentId: string, input: PaymentInput): InvoiceRow[] {
  return input.invoices.map((inv, position) => ({
    id: newId(),
    payment_id: paymentId,
    position,
    code: inv.code || null,
    number: inv.number,
    issued_on: inv.issuedOn,
    amount_fen: inv.amountFen,
    names_contract: inv.namesContract ? 1 : 0,
    file_hash: inv.fileHash ?? null,
  }));
}

function auditView(p: Payment) {
  const { createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

/** Writes one payment inside `trx` (used by the API and the payments import). */
export async function insertPayment(ctx: Ctx, trx: Executor, contractId: string, input: PaymentInput): Promise<Payment> {
  await checkPayment(trx, ctx.actor, ctx.clock, input, null);
  const now = ctx.clock.now().toISOString();
  const row: PaymentRow = {
    id: newId(),
    contract_id: contractId,
    paid_on: input.paidOn,
    amount_fen: input.amountFen,
    voucher_number: input.voucherNumber ?? null,
    voucher_file_hash: input.voucherFileHash ?? null,
    note: input.note ?? null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  const invoices = invoiceRows(row.id, input);
  await trx.insertInto('contract_payment').values(row).execute();
  if (invoices.length) await trx.insertInto('contract_invoice').values(invoices).execute();
  const payment = presentPayment(row, invoices);
  await audit(trx as never, ctx, { action: 'contracts.payment.create', subjectType: 'contract', subjectId: contractId, after: auditView(payment) });
  return payment;
}

export async function listPayments(ctx: Ctx, contractId: string): Promise<Payment[]> {
  await loadContractFor(ctx.db, ctx.actor, 'contracts.contract.read', contractId);
  return loadPayments(ctx.db, [contractId]);
}

export async function addPayment(ctx: Ctx, contractId: string, input: PaymentInput): Promise<Payment> {
  return inTransaction(ctx, async (trx) => {
    const contract = await loadContractFor(trx, ctx.actor, 'contracts.payment.write', contractId);
    if (['draft', 'rejected'].includes(contract.status)) {
      throw new AppError('CONFLICT', '草稿或未予登记的合同不能登记付款', { field: 'status' });
    }
    return withOverpaymentWarning(trx, contractId, await insertPayment(ctx, trx, contractId, input));
  });
}

/**
 * Payments adding up to more than the contract amount are accepted (a later payment may correct an
 * earlier one, and the subsidy engine counts at most the contract amount) but the answer says so.
 */
export async function overpaymentWarning(db: Executor, contractId: string): Promise<string | null> {
  const contract = await findContractById(db, contractId);
  if (!contract) return null;
  const paid = (await paymentsOf(db, [contractId])).reduce((sum, p) => sum + Number(p.amount_fen), 0);
  const amount = Number(contract.amount_fen);
  if (paid <= amount) return null;
  return `到账合计 ${groupedYuanText(paid)} 元，超过合同金额 ${groupedYuanText(amount)} 元（计算奖补时按合同金额计），请核对付款记录`;
}

async function withOverpaymentWarning(db: Executor, contractId: string, payment: Payment): Promise<Payment> {
  const warning = await overpaymentWarning(db, contractId);
  return warning ? { ...payment, warning } : payment;
}

async function loadPaymentFor(ctx: Ctx, trx: Executor, contractId: string, paymentId: string): Promise<Payment> {
  const contract = await findContractById(trx, contractId);
  if (!contract) throw notFound('合同', contractId);
  await assertReachesContract(trx, ctx.actor, 'contracts.payment.write', contract);
  const [payment] = (await loadPayments(trx, [contractId])).filter((p) => p.id === paymentId);
  if (!payment) throw notFound('付款记录', paymentId);
  return payment;
}

export async function updatePayment(ctx: Ctx, contractId: string, paymentId: string, input: PaymentUpdate): Promise<Payment> {
  return inTransaction(ctx, async (trx) => {
    const before = await loadPaymentFor(ctx, trx, contractId, paymentId);
    if (before.version !== input.version) {
      throw new AppError('CONFLICT', `该付款记录已被他人修改（当前版本 ${before.version}，提交版本 ${input.version}），请刷新后重试`, { field: 'version' });
    }
    await checkPayment(trx, ctx.actor, ctx.clock, input, before);
    const now = ctx.clock.now().toISOString();
    const res = await trx
      .updateTable('contract_payment')
      .set({
        paid_on: input.paidOn,
        amount_fen: input.amountFen,
        voucher_number: input.voucherNumber ?? null,
        voucher_file_hash: input.voucherFileHash ?? null,
        note: input.note ?? null,
        version: before.version + 1,
        updated_at: now,
      })
      .where('id', '=', paymentId)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该付款记录已被他人修改，请刷新后重试', { field: 'version' });
    await trx.deleteFrom('contract_invoice').where('payment_id', '=', paymentId).execute();
    const invoices = invoiceRows(paymentId, input);
    if (invoices.length) await trx.insertInto('contract_invoice').values(invoices).execute();
    const [after] = (await loadPayments(trx, [contractId])).filter((p) => p.id === paymentId);
    await audit(trx, ctx, { action: 'contracts.payment.update', subjectType: 'contract', subjectId: contractId, ...changedFields(auditView(before), auditView(after!)) });
    return withOverpaymentWarning(trx, contractId, after!);
  });
}

export async function deletePayment(ctx: Ctx, contractId: string, paymentId: string, version: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const before = await loadPaymentFor(ctx, trx, contractId, paymentId);
    if (before.version !== version) {
      throw new AppError('CONFLICT', `该付款记录已被他人修改（当前版本 ${before.version}，提交版本 ${version}），请刷新后重试`, { field: 'version' });
    }
    await trx.deleteFrom('contract_invoice').where('payment_id', '=', paymentId).execute();
    await trx.deleteFrom('contract_payment').where('id', '=', paymentId).execute();
    await audit(trx, ctx, { action: 'contracts.payment.delete', subjectType: 'contract', subjectId: contractId, before: auditView(before) });
  });
}

/** The bytes of an evidence file the actor may see: it must be attached to a contract it can read. */
export async function readEvidenceFile(ctx: Ctx, contractId: string, hash: string): Promise<{ content: Buffer; mime: string; size: number }> {
  await loadContractFor(ctx.db, ctx.actor, 'contracts.contract.read', contractId);
  const payments = await loadPayments(ctx.db, [contractId]);
  const attached = payments.some((p) => p.voucherFileHash === hash || p.invoices.some((i) => i.fileHash === hash));
  if (!attached) throw notFound('文件', hash);
  const file = await ctx.db.selectFrom('evidence_file').selectAll().where('hash', '=', hash).executeTakeFirst();
  if (!file) throw notFound('文件', hash);
  return { content: Buffer.from(file.content), mime: file.mime, size: Number(file.size) };
}
