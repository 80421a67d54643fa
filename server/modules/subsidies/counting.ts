/**
 * Steps 1–2 of SUBSIDY-CASES.md and the other bases a rule may use: what one contract gives in
 * the base year. Fen are safe integers in JS numbers here (this runs once per contract, a million
 * times in a national settlement); a product that could pass 2^53 goes through BigInt.
 */
import type { IsoDate } from '../../../common/dates.js';
import type { Contract, Payment } from './model.js';
import type { BaseKind } from './parameters.js';

export type PaymentNote =
  | 'no_voucher'
  | 'no_invoice'
  | 'invoice_below_amount'
  | 'invoice_not_naming_contract'
  | 'contract_amount_reached'
  | 'before_base_year'
  | 'after_base_year';

export interface PaymentTrace {
  date: IsoDate;
  amount_fen: number;
  invoice_fen: number;
  voucher: boolean;
  /** What this payment counts in the base year. */
  counted_fen: number;
  /** Why it counts less than its amount, or nothing. */
  why?: PaymentNote[];
}

export interface CountingOptions {
  baseYear: number;
  invoiceMustNameContract: boolean;
}

function paymentOrder(a: Payment, b: Payment): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.amount !== b.amount) return a.amount - b.amount;
  if (a.invoice !== b.invoice) return a.invoice - b.invoice;
  return Number(a.voucher) - Number(b.voucher);
}

/** Payments in date order (a canonical order, so the input order never matters). */
export function orderedPayments(payments: Payment[]): Payment[] {
  for (let i = 1; i < payments.length; i++) {
    if (paymentOrder(payments[i - 1]!, payments[i]!) > 0) return [...payments].sort(paymentOrder);
  }
  return payments;
}

/**
 * Step 1 for one contract: the sum of counted payments in the base year, with the running total of
 * counted amounts over all years never above `limit` (the contract amount, or the 技术交易额 for
 * `received_within_tech`). Pass `trace` to receive one entry per payment.
 */
export function evidencedInBaseYear(c: Contract, limit: number, opts: CountingOptions, trace?: PaymentTrace[]): number {
  const payments = orderedPayments(c.payments);
  let running = 0;
  let evidenced = 0;
  const yearText = String(opts.baseYear);
  for (const p of payments) {
    const why: PaymentNote[] | undefined = trace ? [] : undefined;
    let counted: number;
    if (!p.voucher) (counted = 0), why?.push('no_voucher');
    else if (p.invoice <= 0) (counted = 0), why?.push('no_invoice');
    else if (opts.invoiceMustNameContract && !p.invoiceNamesContract) (counted = 0), why?.push('invoice_not_naming_contract');
    else {
      counted = p.amount < p.invoice ? p.amount : p.invoice;
      if (p.invoice < p.amount) why?.push('invoice_below_amount');
    }
    const room = limit - running;
    if (counted > room) {
      counted = room < 0 ? 0 : room;
      why?.push('contract_amount_reached');
    }
    running += counted;
    let inBase = counted;
    if (!p.date.startsWith(yearText)) {
      if (counted > 0) why?.push(p.date < yearText ? 'before_base_year' : 'after_base_year');
      inBase = 0;
    }
    evidenced += inBase;
    if (trace)
      trace.push({ date: p.date, amount_fen: p.amount, invoice_fen: p.invoice, voucher: p.voucher, counted_fen: inBase, ...(why!.length ? { why: why! } : {}) });
  }
  return evidenced;
}

/** floor(a × b / c) for safe integers, exact. */
export function mulDivFloor(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(product + c)) {
    // The float quotient may be off by one near an integer; the remainder check makes it exact.
    let q = Math.floor(product / c);
    const r = product - q * c;
    if (r < 0) q -= 1;
    else if (r >= c) q += 1;
    return q;
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

const registeredInBaseYear = (c: Contract, baseYear: number) => c.registration !== undefined && c.registration.date.startsWith(String(baseYear));

/** The base one contract gives under a base kind, in fen. */
export function contractBase(c: Contract, kind: BaseKind, opts: CountingOptions, trace?: PaymentTrace[]): number {
  switch (kind) {
    case 'received':
      return evidencedInBaseYear(c, c.amount, opts, trace);
    case 'received_tech':
      return mulDivFloor(evidencedInBaseYear(c, c.amount, opts, trace), c.techAmount, c.amount);
    case 'received_within_tech':
      return evidencedInBaseYear(c, c.techAmount, opts, trace);
    case 'registered_amount':
      return registeredInBaseYear(c, opts.baseYear) ? c.amount : 0;
    case 'registered_tech_amount':
      return registeredInBaseYear(c, opts.baseYear) ? c.techAmount : 0;
  }
}

/** For traces: the evidenced sum before scaling, where the base kind scales it. */
export function evidencedBeforeScaling(c: Contract, kind: BaseKind, opts: CountingOptions): number | undefined {
  if (kind === 'received_tech') return evidencedInBaseYear(c, c.amount, opts);
  return undefined;
}
